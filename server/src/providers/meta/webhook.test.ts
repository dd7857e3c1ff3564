import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWebhookText, sameSecret, verifySignature, webhookItems } from './webhook';

const secret = 'c0ffee0ddba11deadbeefcafe1234567';
const account = { phoneNumberId: '1000000000001', wabaId: '2000000000002' };
const sign = (raw: Buffer | string, key = secret) => `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;

describe('webhook signature', () => {
  it('accepts the HMAC of the raw bytes exactly as sent, in either hex case', () => {
    // Spacing and \u escapes differ from what JSON.stringify would give back: only the raw bytes verify.
    const raw = Buffer.from('{ "object":"whatsapp_business_account", "text":"Ol\\u00e1 Olá" }\n');
    expect(verifySignature(raw, sign(raw), secret)).toBe(true);
    expect(verifySignature(raw, sign(raw).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
    expect(verifySignature(Buffer.from(JSON.stringify(JSON.parse(raw.toString()))), sign(raw), secret)).toBe(false);
  });

  it('refuses a wrong, missing or malformed signature', () => {
    const raw = Buffer.from('{}');
    expect(verifySignature(raw, sign(raw, 'another-secret-0000'), secret)).toBe(false);
    expect(verifySignature(raw, undefined, secret)).toBe(false);
    expect(verifySignature(raw, 'sha256=abc', secret)).toBe(false);
    expect(verifySignature(raw, sign(raw).replace('sha256=', 'sha1='), secret)).toBe(false);
    expect(sameSecret('token', 'token')).toBe(true);
    expect(sameSecret('token', 'token2')).toBe(false);
  });
});

describe('webhook items', () => {
  it('reads inbound messages of every type, statuses and template changes, and ignores the rest', () => {
    const raw = `{"object":"whatsapp_business_account","entry":[
      {"id":"2000000000002","time":1760000200,"changes":[
        {"field":"messages","value":{"metadata":{"phone_number_id":"1000000000001"},"contacts":[{"profile":{"name":"Ana"},"wa_id":"5511999990001"}],
          "messages":[
            {"from":"5511999990001","id":"wamid.A","timestamp":"1760000000","type":"text","text":{"body":"Oi"}},
            {"from":"5511999990001","id":"wamid.B","timestamp":"1760000001","type":"image","image":{"caption":"recibo"}},
            {"from":"5511999990001","id":"wamid.C","timestamp":"1760000002","type":"button","button":{"text":"Reabrir","payload":"P"}},
            {"from":"5511999990001","id":"wamid.D","timestamp":"1760000003","type":"system","system":{"body":"changed"}},
            {"from":"5511999990001","id":"wamid.E","timestamp":"1760000004","type":"hologram"}],
          "statuses":[{"id":"wamid.OUT","status":"failed","timestamp":"1760000100","biz_opaque_callback_data":"m-1","errors":[{"code":131047,"title":"Re-engagement message"}]},
                      {"id":"wamid.OUT","status":"played"},{"id":"wamid.OUT","status":"warning"}],
          "some_future_field":{"x":1}}},
        {"field":"message_template_status_update","value":{"event":"PAUSED","message_template_id":12345678901234567890,"message_template_name":"t","message_template_language":"en-US","reason":"NONE","other_info":{"title":"FIRST_PAUSE","description":"low quality"}}},
        {"field":"account_update","value":{"event":"VERIFIED"}}]},
      {"id":"2000000000002","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"999"},"messages":[{"from":"5511","id":"wamid.OTHER","type":"text","text":{"body":"x"}}]}}]},
      {"id":"9999","changes":[{"field":"message_template_status_update","value":{"event":"DISABLED","message_template_id":1}}]}]}`;
    const items = webhookItems(parseWebhookText(raw), account);
    expect(items.map((i) => i.dedupeKey)).toEqual([
      'message:wamid.A', 'message:wamid.B', 'message:wamid.C', 'message:wamid.E',
      'status:wamid.OUT:failed', 'status:wamid.OUT:read',
      'template:12345678901234567890:PAUSED:1760000200',
    ]);
    expect(items[0]).toMatchObject({ kind: 'message', from: '5511999990001', profileName: 'Ana', text: 'Oi', at: 1760000000000 });
    expect(items.slice(1, 4).map((i) => (i as { text: string }).text)).toEqual(['[image] recibo', 'Reabrir', '[unsupported message]']);
    expect(items[4]).toMatchObject({ kind: 'status', status: 'failed', correlationId: 'm-1', errorCode: 131047 });
    expect(items[6]).toMatchObject({ kind: 'template_status', providerTemplateId: '12345678901234567890', language: 'en_US', reason: 'FIRST_PAUSE: low quality' });
  });

  it('yields nothing for other objects or shapes', () => {
    expect(webhookItems({ object: 'page', entry: [] }, account)).toEqual([]);
    expect(webhookItems({ object: 'whatsapp_business_account', entry: 'x' }, account)).toEqual([]);
    expect(webhookItems({ object: 'whatsapp_business_account', entry: [null, { changes: [null, { field: 'messages' }] }] }, account)).toEqual([]);
  });
});
