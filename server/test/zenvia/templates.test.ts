/** Template sync from Zenvia: every page, every status, named fields, header media, OTP, coupon, and the reasons shown to administrators. */
import { afterAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../harness';
import { startFakeZenvia, ZENVIA_TEST } from './fake-zenvia';
import { testClock, zenviaOptions, zenviaTemplates } from './helpers';

const fake = await startFakeZenvia();
fake.templates = zenviaTemplates();
fake.pageSize = 3;
const clock = testClock();
afterAll(() => fake.close());

describeOnEachDatabase('Zenvia provider: templates', (h) => {
  const all = async () => {
    const admin = await h.login('admin@demo.test');
    const { body } = await h.api('/api/v1/templates?status=ALL', { token: admin });
    return new Map<string, any>(body.items.map((t: any) => [t.name, t]));
  };

  it('reads every page at start (x-total / x-page-size / x-page), only our sender\'s WhatsApp templates', async () => {
    const requests = fake.requests.filter((r) => r.method === 'GET' && r.path === '/v2/templates');
    const listings = requests.slice(requests.findLastIndex((r) => r.query.get('page') === '1')); // this server's start
    expect(listings.map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4']);
    for (const r of listings) {
      expect(r.query.get('channel')).toBe('WHATSAPP');
      expect(r.query.get('senderId')).toBe(ZENVIA_TEST.sender);
      expect(r.token).toBe(ZENVIA_TEST.token);
    }
    const templates = await all();
    const ours = zenviaTemplates().filter((t) => t.senderId === ZENVIA_TEST.sender).map((t) => t.name);
    for (const name of ours) expect(templates.has(name), name).toBe(true);
    expect(templates.has('other_sender')).toBe(false);
    // The demo's own templates are not Zenvia's: no longer listed, never sendable.
    expect(templates.get('order_update')).toMatchObject({ status: 'DELETED', sendable: false });
    expect(fake.invalidBodies).toEqual([]);
  });

  it('maps every Zenvia status, with the reason shown to administrators', async () => {
    const t = await all();
    expect(t.get('ticket_followup')).toMatchObject({ status: 'APPROVED', sendable: true, quality: 'GREEN' });
    expect(t.get('survey_review')).toMatchObject({ status: 'PENDING', sendable: false, statusReason: expect.stringContaining('WAITING_REVIEW') });
    expect(t.get('survey_approval')).toMatchObject({ status: 'PENDING', sendable: false, statusReason: expect.stringContaining('WAITING_APPROVAL') });
    expect(t.get('promo_black_friday')).toMatchObject({ status: 'REJECTED', sendable: false, statusReason: expect.stringContaining('Promotional content') });
    expect(t.get('payment_reminder')).toMatchObject({ status: 'PAUSED', sendable: false, quality: 'RED' });
    expect(t.get('old_welcome')).toMatchObject({ status: 'DISABLED', sendable: false });
    expect(t.get('payment_reminder').notSendableReason).toMatch(/PAUSED/);
    // The default list (what agents see) is the sendable ones only.
    const agent = await h.login('agent@demo.test');
    const offered = (await h.api('/api/v1/templates', { token: agent })).body.items.map((x: { name: string }) => x.name).sort();
    expect(offered).toEqual(['account_notice', 'boleto_document', 'promo_cupom', 'ticket_followup', 'verify_code']);
  });

  it('keeps fields as named parameters, locale as the language, and the body text for the preview', async () => {
    const t = (await all()).get('ticket_followup');
    expect(t).toMatchObject({
      language: 'pt_BR', category: 'UTILITY', parameterFormat: 'NAMED',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Chamado {{ticket_no}}' },
        { type: 'BODY', text: 'Olá {{first_name}}, aqui é {{agent_name}}. Podemos continuar?' },
        { type: 'FOOTER', text: 'Loja Demo' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver chamado', url: 'https://example.test/t/{{ticket_code}}' }, { type: 'PHONE_NUMBER', text: 'Ligar', phoneNumber: '+551130000000' }] },
      ],
      examples: { 'header.ticket_no': '4821', first_name: 'Ana', agent_name: 'Bruno', 'button.0': 'T-4821' },
    });
  });

  it('maps header media, quick replies and opt-out, OTP and coupon buttons, legacy categories, and marks what cannot be sent with the reason', async () => {
    const t = await all();
    expect(t.get('boleto_document').components).toEqual([
      { type: 'HEADER', format: 'DOCUMENT' },
      { type: 'BODY', text: 'Olá {{name}}, segue o seu boleto.' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Recebi' }, { type: 'QUICK_REPLY', text: 'Parar avisos' }] },
    ]);
    expect(t.get('verify_code')).toMatchObject({ category: 'AUTHENTICATION', sendable: true, components: [{ type: 'BUTTONS', buttons: [{ type: 'OTP', otpType: 'COPY_CODE', text: 'Copy code' }] }] });
    expect(t.get('promo_cupom')).toMatchObject({ sendable: true, components: [{ type: 'BODY' }, { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE' }] }] });
    expect(t.get('account_notice')).toMatchObject({ category: 'UTILITY', providerCategory: 'ACCOUNT_UPDATE', sendable: true });
    expect(t.get('carousel_promo')).toMatchObject({ status: 'APPROVED', sendable: false, notSendableReason: expect.stringMatching(/Carousel/) });
    expect(t.get('camel_vars')).toMatchObject({ status: 'APPROVED', sendable: false, notSendableReason: expect.stringContaining('firstName') });
  });

  it('syncs again on an administrator\'s request, applying changes (and 403 for an agent)', async () => {
    const before = fake.templates;
    fake.templates = structuredClone(before).filter((x) => x.name !== 'old_welcome');
    fake.templates.find((x) => x.name === 'survey_review')!.status = 'APPROVED';
    const admin = await h.login('admin@demo.test');
    const synced = await h.api('/api/v1/templates/sync', { method: 'POST', token: admin });
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ provider: 'zenvia', synced: zenviaTemplates().length - 2 });
    const t = await all();
    expect(t.get('survey_review')).toMatchObject({ status: 'APPROVED', sendable: true, statusReason: null });
    expect(t.get('old_welcome')).toMatchObject({ status: 'DELETED' });
    const agent = await h.login('agent@demo.test');
    expect((await h.api('/api/v1/templates/sync', { method: 'POST', token: agent })).status).toBe(403);
    fake.templates = before;
  });
}, zenviaOptions(fake, clock));
