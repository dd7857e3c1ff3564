import { describe, expect, it } from 'vitest';
import { assertTemplateMessage, templateMessage } from '../../../test/meta/graph-schema';
import { GRAPH_SHAPES } from '../../../test/meta/template-fixtures';
import { sendComponents, type HeaderValues } from './components';
import { fromGraphTemplate } from './template-map';

/** The components for a send, checked against Meta's published template message shape. */
function send(raw: unknown, values: Record<string, string>, header: HeaderValues = {}) {
  const template = fromGraphTemplate(raw)!;
  const components = sendComponents(template, values, header);
  assertTemplateMessage(templateMessage(template.name, template.language, components));
  return components;
}

describe('template send components', () => {
  it('sends positional values in placeholder order, whatever order they were given in', () => {
    const template = fromGraphTemplate({
      id: '1', name: 'order_update', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Olá {{2}} / {{1}} / {{10}}' }],
    })!;
    expect(template.parameterFormat).toBe('POSITIONAL');
    expect(send({ id: '1', name: 'order_update', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Olá {{2}} / {{1}} / {{10}}' }] }, { '10': 'c', '2': 'b', '1': 'a' })).toEqual([
      { type: 'body', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'text', text: 'c' }] },
    ]);
  });

  it('names each value of a named template, and maps header and URL-button keys', () => {
    const template = fromGraphTemplate({
      id: '2', name: 'ticket_followup', language: 'pt-BR', status: 'APPROVED', category: 'UTILITY', parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Chamado {{ticket_no}}', example: { header_text_named_params: [{ param_name: 'ticket_no', example: '123' }] } },
        { type: 'BODY', text: 'Olá {{first_name}}, aqui é {{agent_name}}.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } },
        { type: 'FOOTER', text: 'Suporte' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'URL', text: 'Ver', url: 'https://example.test/t/{{1}}' }] },
      ],
    })!;
    expect(template.language).toBe('pt_BR');
    expect(template.examples).toEqual({ 'header.ticket_no': '123', first_name: 'Ana' });
    expect(template.components[3]).toMatchObject({ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY' }, { type: 'URL' }] });
    expect(sendComponents(template, { 'header.ticket_no': '4821', agent_name: 'Bruno', first_name: 'Ana', 'button.1': 'TEST-4821' })).toEqual([
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'ticket_no', text: '4821' }] },
      { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }, { type: 'text', parameter_name: 'agent_name', text: 'Bruno' }] },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'TEST-4821' }] },
    ]);
  });

  it('sends nothing for a template without placeholders, and repeats the code for a one-time-password button', () => {
    const plain = fromGraphTemplate({ id: '3', name: 'hi', language: 'es', status: 'APPROVED', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hola' }] })!;
    expect(sendComponents(plain, {})).toEqual([]);
    const otp = fromGraphTemplate({
      id: '4', name: 'verify_code', language: 'en_US', status: 'APPROVED', category: 'AUTHENTICATION',
      components: [{ type: 'BODY', text: '{{1}} is your code.' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] }],
    })!;
    // The code is given once: the button repeats the body's code unless given its own.
    expect(sendComponents(otp, { '1': '482913' })).toEqual([
      { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
    ]);
  });

  it('keeps unknown statuses unsendable and skips items that cannot be templates', () => {
    expect(fromGraphTemplate({ id: '5', name: 'x', language: 'es', status: 'SOMETHING_NEW', category: 'UTILITY', components: [] })).toMatchObject({
      status: 'PENDING', statusReason: expect.stringContaining('SOMETHING_NEW'),
    });
    expect(fromGraphTemplate({ id: '6', name: 'x', language: 'es', status: 'REJECTED', rejected_reason: 'PROMOTIONAL', category: 'MARKETING', components: [] })?.statusReason).toContain('PROMOTIONAL');
    expect(fromGraphTemplate({ id: '7', name: 'x', language: 'es', status: 'APPROVED', components: [] })).toBeNull();
    expect(fromGraphTemplate({ name: 'x' })).toBeNull();
    expect(fromGraphTemplate(null)).toBeNull();
  });

  it('sends an image, video or document header by link or by uploaded id', () => {
    expect(send(GRAPH_SHAPES.imageHeader, { '1': 'Dune', '2': '19:30' }, { headerMedia: { link: 'https://cdn.test/poster.jpg' } })).toEqual([
      { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.test/poster.jpg' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Dune' }, { type: 'text', text: '19:30' }] },
    ]);
    expect(send(GRAPH_SHAPES.videoHeader, { '1': 'Bar' }, { headerMedia: { id: '1234567890' } })[0]).toEqual(
      { type: 'header', parameters: [{ type: 'video', video: { id: '1234567890' } }] },
    );
    expect(send(GRAPH_SHAPES.documentHeader, { '1': 'Ana', '2': 'A-1' }, { headerMedia: { link: 'https://cdn.test/r.pdf' } })).toEqual([
      { type: 'header', parameters: [{ type: 'document', document: { link: 'https://cdn.test/r.pdf' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1' }] },
    ]);
  });

  it('sends a location header with the place, and a quick reply payload only when one is given', () => {
    const place = { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000' };
    expect(send(GRAPH_SHAPES.locationHeader, { '1': 'Mark', '2': '566701' }, { headerLocation: place })).toEqual([
      { type: 'header', parameters: [{ type: 'location', location: place }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Mark' }, { type: 'text', text: '566701' }] },
    ]);
    expect(send(GRAPH_SHAPES.locationHeader, { '1': 'Mark', '2': '566701', 'button.0': 'STOP-566701' }, { headerLocation: { latitude: 1, longitude: 2 } })).toEqual([
      { type: 'header', parameters: [{ type: 'location', location: { latitude: 1, longitude: 2 } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Mark' }, { type: 'text', text: '566701' }] },
      { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP-566701' }] },
    ]);
  });

  it('sends a coupon as coupon_code on its copy-code button', () => {
    expect(send(GRAPH_SHAPES.coupon, { '1': '25OFF', '2': '25%', 'button.1': '25OFF' })).toEqual([
      { type: 'body', parameters: [{ type: 'text', text: '25OFF' }, { type: 'text', text: '25%' }] },
      { type: 'button', sub_type: 'copy_code', index: '1', parameters: [{ type: 'coupon_code', coupon_code: '25OFF' }] },
    ]);
  });

  it('sends an authentication code once for body and button, or the button code given', () => {
    expect(send(GRAPH_SHAPES.otp, { '1': '731904' })).toEqual([
      { type: 'body', parameters: [{ type: 'text', text: '731904' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '731904' }] },
    ]);
    expect(send(GRAPH_SHAPES.otp, { '1': '731904', 'button.0': '999999' })[1]).toEqual(
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '999999' }] },
    );
  });

  it('sends named values with their names, URL suffixes by index, and static buttons not at all', () => {
    expect(send(GRAPH_SHAPES.named, { order_number: '860198', first_name: 'Pablo' })).toEqual([
      { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Pablo' }, { type: 'text', parameter_name: 'order_number', text: '860198' }] },
    ]);
    expect(send(GRAPH_SHAPES.urlButton, { '1': 'A-9', 'button.0': 'A-9' })[1]).toEqual(
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-9' }] },
    );
  });

  it('the schema refuses what Graph refuses: an http link, a header without parameters, a long coupon', () => {
    const bad = (components: unknown[]) => () => assertTemplateMessage(templateMessage('x', 'en_US', components));
    expect(bad([{ type: 'header', parameters: [{ type: 'image', image: { link: 'http://cdn.test/a.jpg' } }] }])).toThrow();
    expect(bad([{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.test/a.jpg', id: '1' } }] }])).toThrow();
    expect(bad([{ type: 'header', parameters: [] }])).toThrow();
    expect(bad([{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'X'.repeat(16) }] }])).toThrow();
    expect(bad([{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'text', text: 'X' }] }])).toThrow();
  });
});
