import { describe, expect, it } from 'vitest';
import { sendComponents } from './components';
import { fromGraphTemplate } from './template-map';

describe('template send components', () => {
  it('sends positional values in placeholder order, whatever order they were given in', () => {
    const template = fromGraphTemplate({
      id: '1', name: 'order_update', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Olá {{2}} / {{1}} / {{10}}' }],
    })!;
    expect(template.parameterFormat).toBe('POSITIONAL');
    expect(sendComponents(template, { '10': 'c', '2': 'b', '1': 'a' })).toEqual([
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
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sim' }, { type: 'URL', text: 'Ver', url: 'https://example.test/t/{{1}}' }, { type: 'VOICE_CALL', text: 'Ligar' }] },
      ],
    })!;
    expect(template.language).toBe('pt_BR');
    expect(template.examples).toEqual({ 'header.ticket_no': '123', first_name: 'Ana' });
    expect(template.components[3]).toMatchObject({ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY' }, { type: 'URL' }, { type: 'QUICK_REPLY', text: 'Ligar' }] });
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
    expect(fromGraphTemplate({ id: '7', name: 'x', language: 'es', status: 'APPROVED', category: 'TRANSACTIONAL', components: [] })).toBeNull();
    expect(fromGraphTemplate({ name: 'x' })).toBeNull();
    expect(fromGraphTemplate(null)).toBeNull();
  });
});
