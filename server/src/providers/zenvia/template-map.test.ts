import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/api/templates';
import { fromZenviaTemplate } from './template-map';
import { templateFields } from './transport';

const SENDER = '5511999990000';
const base = { id: 'tpl-1', channel: 'WHATSAPP', senderId: SENDER, locale: 'pt_BR', status: 'APPROVED' };
const asTemplate = (raw: unknown) => {
  const t = fromZenviaTemplate(raw, SENDER)!;
  return { ...t, id: 'x', sendable: true } as unknown as Template;
};

describe('Zenvia templates → ours, and ours → the fields of a send', () => {
  it('fills a variable used in the header and the body once, the body\'s value winning, and skips quick replies', () => {
    const t = asTemplate({
      ...base, name: 'same_var', category: 'UTILITY', fields: ['name'],
      components: {
        header: { type: 'TEXT_TEMPLATE', text: 'Oi {{name}}' }, body: { type: 'TEXT_TEMPLATE', text: 'Tudo bem, {{name}}?' },
        buttons: { type: 'QUICK_REPLIES', items: [{ type: 'QUICK_REPLY', text: 'Sim', payload: 'YES' }] },
      },
    });
    expect(templateFields(t, { 'header.name': 'Ana', name: 'Ana Maria', 'button.0': 'ignored' })).toEqual({ name: 'Ana Maria' });
  });

  it('takes a body-less authentication template\'s preview as its body only when its variables are Zenvia\'s, and always asks for the token', () => {
    const withPreview = asTemplate({ ...base, name: 'otp', category: 'AUTHENTICATION', fields: ['token'], text: '{{token}} é o seu código.', components: {} });
    expect(withPreview.components).toEqual([{ type: 'BODY', text: '{{token}} é o seu código.' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', text: '', otpType: 'COPY_CODE' }] }]);
    expect(templateFields(withPreview, { token: '123456' })).toEqual({ token: '123456' });
    const odd = asTemplate({ ...base, name: 'otp2', category: 'AUTHENTICATION', fields: [], text: '{{1}} is your code', components: { otp: { type: 'ONE_TAP', copyButtonText: 'Copiar' } } });
    expect(odd.components).toEqual([{ type: 'BUTTONS', buttons: [{ type: 'OTP', text: 'Copiar', otpType: 'ONE_TAP' }] }]);
    expect(templateFields(odd, { 'button.0': '999' })).toEqual({ token: '999' });
  });

  it('leaves out what is not a WhatsApp template of our sender, or not a template at all', () => {
    expect(fromZenviaTemplate({ ...base, name: 'sms', category: 'UTILITY', channel: 'SMS', components: {} }, SENDER)).toBeNull();
    expect(fromZenviaTemplate({ ...base, name: 'other', category: 'UTILITY', senderId: '5511000000000', components: {} }, SENDER)).toBeNull();
    expect(fromZenviaTemplate({ ...base, name: 'x', components: {} }, SENDER)).toBeNull(); // no category
    expect(fromZenviaTemplate('nope', SENDER)).toBeNull();
    expect(fromZenviaTemplate({ ...base, name: 'odd', category: 'UTILITY', status: 'ARCHIVED_SOMEHOW', components: {} }, SENDER)).toMatchObject({
      status: 'PENDING', statusReason: expect.stringContaining('ARCHIVED_SOMEHOW'),
    });
  });
});
