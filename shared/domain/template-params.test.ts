import { describe, expect, it } from 'vitest';
import type { Template } from '../api/templates';
import {
  headerNeed,
  renderSegments,
  renderTemplate,
  resolveParameters,
  templateParameters,
  templateSendability,
  validateHeader,
  validateParameters,
} from './template-params';

const orderUpdate: Pick<Template, 'components' | 'examples'> = {
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}' },
    { type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} foi atualizado.' },
    { type: 'FOOTER', text: 'Loja Demo' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver pedido', url: 'https://shop.test/o/{{1}}' }, { type: 'QUICK_REPLY', text: 'Falar com atendente' }] },
  ],
  examples: { '1': 'Ana' },
};

const named: Pick<Template, 'components'> = {
  components: [{ type: 'BODY', text: 'Hi {{first_name}}, {{agent_name}} here. Still need {{first_name}}?' }],
};

describe('templateParameters', () => {
  it('lists header, body (in placeholder order) and URL-button parameters with their keys; a quick reply payload is optional', () => {
    const params = templateParameters(orderUpdate);
    expect(params.map((p) => p.key)).toEqual(['header.1', '1', '2', 'button.0', 'button.1']);
    expect(params.filter((p) => !p.optional).map((p) => p.key)).toEqual(['header.1', '1', '2', 'button.0']);
    expect(params.find((p) => p.key === 'button.1')).toMatchObject({ kind: 'payload', optional: true });
    expect(params.find((p) => p.key === '1')?.example).toBe('Ana');
  });

  it('orders positional placeholders by number even when the text does not', () => {
    const params = templateParameters({ components: [{ type: 'BODY', text: '{{2}} then {{10}} then {{1}}' }] });
    expect(params.map((p) => p.key)).toEqual(['1', '2', '10']);
  });

  it('names each named placeholder once', () => {
    expect(templateParameters(named).map((p) => p.key)).toEqual(['first_name', 'agent_name']);
  });

  it('finds no parameters in a template without placeholders', () => {
    expect(templateParameters({ components: [{ type: 'BODY', text: '¡Bienvenido de vuelta!' }] })).toEqual([]);
  });
});

describe('validateParameters', () => {
  const complete = { 'header.1': 'A-1', '1': 'Elena', '2': 'A-1234', 'button.0': 'A-1234' };

  it('accepts a complete set of values', () => {
    expect(validateParameters(orderUpdate, complete)).toEqual([]);
  });

  it('reports each missing or blank value', () => {
    expect(validateParameters(orderUpdate, { ...complete, '2': '   ', 'button.0': undefined as unknown as string })).toEqual([
      { key: '2', problem: 'missing' },
      { key: 'button.0', problem: 'missing' },
    ]);
  });

  it('reports values the template has no place for', () => {
    expect(validateParameters(orderUpdate, { ...complete, '3': 'extra' })).toEqual([{ key: '3', problem: 'unknown' }]);
  });

  it('refuses new lines, tabs and five spaces in a row, as WhatsApp does', () => {
    expect(validateParameters(named, { first_name: 'Ana\nMaria', agent_name: 'Bruno' })).toEqual([
      { key: 'first_name', problem: 'bad_whitespace' },
    ]);
    expect(validateParameters(named, { first_name: 'Ana', agent_name: 'a     b' })).toEqual([
      { key: 'agent_name', problem: 'bad_whitespace' },
    ]);
    expect(validateParameters(named, { first_name: 'Ana', agent_name: 'a    b' })).toEqual([]);
  });

  it('refuses a header value over 60 characters', () => {
    expect(validateParameters(orderUpdate, { ...complete, 'header.1': 'x'.repeat(61) })).toEqual([
      { key: 'header.1', problem: 'too_long' },
    ]);
  });
});

describe('rendering', () => {
  it('renders the final text with every value in place', () => {
    expect(renderTemplate(orderUpdate, { 'header.1': 'A-1', '1': 'Elena', '2': 'A-1234' })).toBe(
      'Pedido A-1\nOlá Elena, seu pedido A-1234 foi atualizado.\nLoja Demo\n[Ver pedido] [Falar com atendente]',
    );
  });

  it('fills a repeated named placeholder everywhere', () => {
    expect(renderTemplate(named, { first_name: 'Ana', agent_name: 'Bruno' })).toBe('Hi Ana, Bruno here. Still need Ana?');
  });

  it('marks unfilled placeholders in the preview segments', () => {
    expect(renderSegments('Olá {{1}}, pedido {{2}}', { '1': 'Elena' })).toEqual([
      { text: 'Olá ' },
      { text: 'Elena', key: '1', filled: true },
      { text: ', pedido ' },
      { text: '{{2}}', key: '2', filled: false },
    ]);
  });
});

const couponTemplate: Pick<Template, 'components' | 'examples' | 'category'> = {
  category: 'MARKETING',
  components: [
    { type: 'BODY', text: 'Use code {{1}} to get {{2}} off!' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Unsubscribe' }, { type: 'COPY_CODE', text: '', example: '25OFF' }] },
  ],
  examples: {},
};
const otpTemplate: Pick<Template, 'components' | 'examples' | 'category'> = {
  category: 'AUTHENTICATION',
  components: [{ type: 'BODY', text: '{{1}} is your code.' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otpType: 'COPY_CODE', text: 'Copy code' }] }],
  examples: {},
};

describe('buttons that carry a code', () => {
  it('asks for a coupon code (at most 15 characters, as WhatsApp takes)', () => {
    expect(templateParameters(couponTemplate).find((p) => p.key === 'button.1')).toMatchObject({ kind: 'coupon', maxLength: 15, example: '25OFF' });
    expect(validateParameters(couponTemplate, { '1': '25OFF', '2': '25%' })).toEqual([{ key: 'button.1', problem: 'missing' }]);
    expect(validateParameters(couponTemplate, { '1': '25OFF', '2': '25%', 'button.1': 'X'.repeat(16) })).toEqual([{ key: 'button.1', problem: 'too_long' }]);
    expect(renderTemplate(couponTemplate, { '1': '25OFF', '2': '25%', 'button.1': '25OFF' })).toBe('Use code 25OFF to get 25% off!\n[Unsubscribe] [Copy code: 25OFF]');
  });

  it('asks an authentication code once: the button takes the body code unless given its own', () => {
    const otp = templateParameters(otpTemplate).find((p) => p.key === 'button.0');
    expect(otp).toMatchObject({ kind: 'otp', optional: true, defaultFrom: '1' });
    expect(validateParameters(otpTemplate, { '1': '482913' })).toEqual([]);
    expect(resolveParameters(otpTemplate, { '1': '482913' })).toEqual({ '1': '482913', 'button.0': '482913' });
    expect(resolveParameters(otpTemplate, { '1': '482913', 'button.0': '111' })['button.0']).toBe('111');
    expect(renderTemplate(otpTemplate, { '1': '482913' })).toBe('482913 is your code.\n[Copy code: 482913]');
    // Without a code in the body (Zenvia's authentication templates may have no body), the button's code is required.
    const bodiless = { ...otpTemplate, components: [otpTemplate.components[1]!] };
    expect(templateParameters(bodiless)).toEqual([expect.objectContaining({ key: 'button.0', kind: 'otp' })]);
    expect(templateParameters(bodiless)[0]!.optional).toBeUndefined();
    expect(validateParameters(bodiless, {})).toEqual([{ key: 'button.0', problem: 'missing' }]);
  });
});

describe('header media and location', () => {
  const image: Pick<Template, 'components'> = { components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: 'Order {{1}} shipped.' }] };
  const place: Pick<Template, 'components'> = { components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'On its way.' }] };

  it('says what the header needs', () => {
    expect(headerNeed(image)).toEqual({ kind: 'media', format: 'IMAGE' });
    expect(headerNeed(place)).toEqual({ kind: 'location' });
    expect(headerNeed(orderUpdate)).toBeNull();
  });

  it('requires the media (an https link or an attachment) or the place, and refuses them where the header takes none', () => {
    expect(validateHeader(image, {})).toEqual([{ path: 'headerMedia', problem: 'missing' }]);
    expect(validateHeader(image, { headerMedia: { link: 'http://cdn.test/a.jpg' } })).toEqual([{ path: 'headerMedia', problem: 'not_https' }]);
    expect(validateHeader(image, { headerMedia: { link: 'https://user:pw@cdn.test/a.jpg' } })).toEqual([{ path: 'headerMedia', problem: 'not_https' }]);
    expect(validateHeader(image, { headerMedia: { link: 'javascript:alert(1)' } })).toEqual([{ path: 'headerMedia', problem: 'not_https' }]);
    expect(validateHeader(image, { headerMedia: { link: 'https://cdn.test/a.jpg' } })).toEqual([]);
    expect(validateHeader(image, { headerMedia: { attachmentId: 'a1' } })).toEqual([]);
    expect(validateHeader(place, { headerMedia: { link: 'https://cdn.test/a.jpg' } })).toEqual([
      { path: 'headerMedia', problem: 'unknown' },
      { path: 'headerLocation', problem: 'missing' },
    ]);
    expect(validateHeader(orderUpdate, { headerLocation: { latitude: 1, longitude: 2 } })).toEqual([{ path: 'headerLocation', problem: 'unknown' }]);
  });

  it('renders the header so the transcript reads right', () => {
    expect(renderTemplate(image, { '1': 'A-1' }, { headerMedia: { link: 'https://cdn.test/a.jpg' } })).toBe('[image]\nOrder A-1 shipped.');
    expect(renderTemplate(place, {}, { headerLocation: { latitude: -23.56, longitude: -46.65, name: 'Loja Paulista', address: 'Av. Paulista, 1000' } })).toBe(
      '[location] Loja Paulista, Av. Paulista, 1000\nOn its way.',
    );
    expect(renderTemplate(place, {}, { headerLocation: { latitude: -23.56, longitude: -46.65 } })).toBe('[location] -23.56, -46.65\nOn its way.');
  });
});

describe('templateSendability', () => {
  const approved = { status: 'APPROVED' as const, statusReason: null };
  it('is sendable when approved with content we send', () => {
    expect(templateSendability({ ...approved, ...otpTemplate })).toEqual({ sendable: true, reason: null });
  });
  it('is not sendable with a component or button we cannot send, or when not approved, and says why', () => {
    expect(templateSendability({ ...approved, components: [{ type: 'OTHER', kind: 'CAROUSEL', raw: {} }] }).reason).toMatch(/Carousel/);
    expect(templateSendability({ ...approved, components: [{ type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View' }] }] }).reason).toMatch(/Catalog/);
    expect(templateSendability({ status: 'PAUSED', statusReason: 'Low quality.', components: [] })).toEqual({ sendable: false, reason: 'WhatsApp reports it as PAUSED: Low quality.' });
  });
});
