import { describe, expect, it } from 'vitest';
import { templateSendability } from '../../../../shared/domain/template-params';
import { GRAPH_SHAPES } from '../../../test/meta/template-fixtures';
import { fromGraphTemplate } from './template-map';

const mapped = (raw: unknown) => {
  const template = fromGraphTemplate(raw);
  if (!template) throw new Error('not mapped');
  return { ...template, ...templateSendability({ ...template, statusReason: template.statusReason }) };
};

describe('templates as Graph lists them', () => {
  it('keeps media and location headers and marks them sendable (they are sent with headerMedia / headerLocation)', () => {
    for (const [shape, format] of [['imageHeader', 'IMAGE'], ['videoHeader', 'VIDEO'], ['documentHeader', 'DOCUMENT'], ['locationHeader', 'LOCATION']] as const) {
      const t = mapped(GRAPH_SHAPES[shape]);
      expect(t.components[0], shape).toEqual({ type: 'HEADER', format });
      expect(t.sendable, shape).toBe(true);
    }
    expect(mapped(GRAPH_SHAPES.documentHeader).components[2]).toEqual({
      type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '15550051310' }, { type: 'URL', text: 'Support', url: 'https://shop.test/support' }],
    });
  });

  it('keeps copy-code, one-time-password and URL buttons with their examples', () => {
    const coupon = mapped(GRAPH_SHAPES.coupon);
    expect(coupon.components[2]).toEqual({ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Unsubscribe' }, { type: 'COPY_CODE', text: '', example: '25OFF' }] });
    expect(coupon.examples).toMatchObject({ '1': '25OFF', 'button.1': '25OFF' });
    expect(coupon.sendable).toBe(true);
    const otp = mapped(GRAPH_SHAPES.otp);
    expect(otp).toMatchObject({ category: 'AUTHENTICATION', sendable: true });
    expect(otp.components[2]).toEqual({ type: 'BUTTONS', buttons: [{ type: 'OTP', otpType: 'COPY_CODE', text: 'Copy code' }] });
    // A URL button's example is the whole URL; the preview wants the suffix.
    expect(mapped(GRAPH_SHAPES.urlButton).examples).toMatchObject({ 'button.0': 'A-1' });
  });

  it('reads named parameters with their examples', () => {
    const named = mapped(GRAPH_SHAPES.named);
    expect(named.parameterFormat).toBe('NAMED');
    expect(named.examples).toEqual({ first_name: 'Pablo', order_number: '860198-230332' });
  });

  it('keeps carousel, limited-time-offer, catalog, product and flow templates whole, marked not sendable with the reason', () => {
    const carousel = mapped(GRAPH_SHAPES.carousel);
    expect(carousel.components[1]).toMatchObject({ type: 'OTHER', kind: 'CAROUSEL', raw: { cards: [{ components: expect.any(Array) }] } });
    expect(carousel).toMatchObject({ sendable: false, reason: expect.stringContaining('Carousel') });
    const lto = mapped(GRAPH_SHAPES.limitedTimeOffer);
    expect(lto.components.map((c) => c.type)).toEqual(['HEADER', 'OTHER', 'BODY', 'BUTTONS']);
    expect(lto).toMatchObject({ sendable: false, reason: expect.stringContaining('Limited-time-offer') });
    expect(mapped(GRAPH_SHAPES.catalog)).toMatchObject({ sendable: false, reason: expect.stringContaining('Catalog') });
    const product = mapped(GRAPH_SHAPES.product);
    expect(product.components[0]).toEqual({ type: 'HEADER', format: 'PRODUCT' });
    expect(product).toMatchObject({ sendable: false, reason: expect.stringContaining('Product') });
    expect(mapped(GRAPH_SHAPES.multiProduct)).toMatchObject({ sendable: false, reason: expect.stringContaining('Multi-product') });
    expect(mapped(GRAPH_SHAPES.flow)).toMatchObject({ sendable: false, reason: expect.stringContaining('Flow') });
  });

  it('keeps a legacy category as Meta wrote it, billed as the category it maps to', () => {
    const legacy = mapped(GRAPH_SHAPES.legacyCategory);
    expect(legacy).toMatchObject({ category: 'UTILITY', providerCategory: 'SHIPPING_UPDATE', status: 'APPROVED', language: 'ar', statusReason: null, sendable: true });
    expect(fromGraphTemplate({ ...GRAPH_SHAPES.legacyCategory, category: 'SOMETHING_NEW' })).toMatchObject({ category: 'MARKETING', providerCategory: 'SOMETHING_NEW' });
    expect(fromGraphTemplate({ ...GRAPH_SHAPES.legacyCategory, category: 'OTP' })).toMatchObject({ category: 'AUTHENTICATION', providerCategory: 'OTP' });
  });

  it('keeps unknown button types and header formats as they come (never as a quick reply)', () => {
    const t = mapped({ ...GRAPH_SHAPES.urlButton, components: [{ type: 'BODY', text: 'Hi' }, { type: 'BUTTONS', buttons: [{ type: 'voice_call', text: 'Call us' }] }] });
    expect(t.components[1]).toEqual({ type: 'BUTTONS', buttons: [{ type: 'VOICE_CALL', text: 'Call us' }] });
    expect(t).toMatchObject({ sendable: false, reason: expect.stringContaining('VOICE_CALL') });
    expect(mapped({ ...GRAPH_SHAPES.urlButton, components: [{ type: 'HEADER', format: 'GIF' }, { type: 'BODY', text: 'Hi' }] })).toMatchObject({ sendable: false, reason: expect.stringContaining('GIF') });
  });

  it('reads the quality score when listed', () => {
    expect(fromGraphTemplate({ ...GRAPH_SHAPES.named, quality_score: { score: 'YELLOW', date: 1700000000 } })?.quality).toBe('YELLOW');
    expect(fromGraphTemplate(GRAPH_SHAPES.named)?.quality).toBeNull();
  });
});
