/**
 * Small templates as Graph lists them, one per shape real WhatsApp accounts use (written for these
 * tests after the shapes public client libraries captured from Meta): media and location headers,
 * copy-code coupons, authentication, named parameters, carousel, limited-time offer, catalog and
 * product templates, a legacy category.
 */
const t = (id: string, name: string, category: string, components: unknown[], extra: Record<string, unknown> = {}) => ({
  id, name, language: 'en_US', status: 'APPROVED', category, parameter_format: 'POSITIONAL', components, ...extra,
});

export const GRAPH_SHAPES = {
  imageHeader: t('3000000000000001', 'ticket_photo', 'UTILITY', [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2U=:TEST'] } },
    { type: 'BODY', text: 'Your ticket for {{1}} at {{2}}.', example: { body_text: [['Dune', '19:30']] } },
    { type: 'FOOTER', text: 'Demo Cinema' },
  ]),
  videoHeader: t('3000000000000002', 'happy_hour', 'MARKETING', [
    { type: 'HEADER', format: 'VIDEO' },
    { type: 'BODY', text: 'Happy hour! Venue: {{1}}' },
  ]),
  documentHeader: t('3000000000000003', 'order_receipt', 'UTILITY', [
    { type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['4::cGRm:TEST'] } },
    { type: 'BODY', text: 'Thanks {{1}}, your receipt for order {{2}} is above.', example: { body_text: [['Ana', 'A-1']] } },
    { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '15550051310' }, { type: 'URL', text: 'Support', url: 'https://shop.test/support' }] },
  ]),
  locationHeader: t('3000000000000004', 'delivery_on_its_way', 'UTILITY', [
    { type: 'HEADER', format: 'LOCATION' },
    { type: 'BODY', text: 'Good news {{1}}! Order #{{2}} is on its way to the place above.', example: { body_text: [['Mark', '566701']] } },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop updates' }] },
  ]),
  coupon: t('3000000000000005', 'fall_coupon', 'MARKETING', [
    { type: 'HEADER', format: 'TEXT', text: 'Our Fall Sale is on!' },
    { type: 'BODY', text: 'Use code {{1}} to get {{2}} off!', example: { body_text: [['25OFF', '25%']] } },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Unsubscribe' }, { type: 'COPY_CODE', example: '25OFF' }] },
  ]),
  otp: t('3000000000000006', 'login_code', 'AUTHENTICATION', [
    { type: 'BODY', text: '*{{1}}* is your verification code.', add_security_recommendation: true },
    { type: 'FOOTER', text: 'This code expires in 10 minutes.', code_expiration_minutes: 10 },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
  ]),
  urlButton: t('3000000000000007', 'order_tracking', 'UTILITY', [
    { type: 'BODY', text: 'Order {{1}} has shipped.' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://shop.test/track/{{1}}', example: ['https://shop.test/track/A-1'] }] },
  ]),
  named: t('3000000000000008', 'order_confirmation', 'UTILITY', [
    { type: 'BODY', text: 'Thank you, {{first_name}}! Your order number is {{order_number}}.',
      example: { body_text_named_params: [{ param_name: 'first_name', example: 'Pablo' }, { param_name: 'order_number', example: '860198-230332' }] } },
  ], { parameter_format: 'NAMED' }),
  carousel: t('3000000000000009', 'succulent_carousel', 'MARKETING', [
    { type: 'BODY', text: 'Rare succulents for {{1}}!', example: { body_text: [['Pablo']] } },
    { type: 'CAROUSEL', cards: [
      { components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::an...'] } }, { type: 'BODY', text: 'Aloe Blue Elf' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Shop', url: 'https://shop.test/p/{{1}}', example: ['BLUE_ELF'] }] }] },
    ] },
  ]),
  limitedTimeOffer: t('3000000000000010', 'caribbean_offer', 'MARKETING', [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW...'] } },
    { type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Expiring offer!', has_expiration: true } },
    { type: 'BODY', text: 'Good news, {{1}}! Use code {{2}}.', example: { body_text: [['Pablo', 'CARIBE25']] } },
    { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'CARIBE25' }, { type: 'URL', text: 'Book now!', url: 'https://travel.test/offers?code={{1}}' }] },
  ]),
  catalog: t('3000000000000011', 'intro_catalog_offer', 'MARKETING', [
    { type: 'BODY', text: 'Get Rs {{1}} off on orders above {{2}}Rs!', example: { body_text: [['100', '400']] } },
    { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] },
  ]),
  product: t('3000000000000012', 'abandoned_cart_offer', 'MARKETING', [
    { type: 'HEADER', format: 'PRODUCT' },
    { type: 'BODY', text: 'Use code {{1}} to get {{2}} off our newest succulent!', example: { body_text: [['10OFF', '10%']] } },
    { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] },
  ]),
  multiProduct: t('3000000000000013', 'abandoned_cart', 'MARKETING', [
    { type: 'HEADER', format: 'TEXT', text: 'Forget something, {{1}}?', example: { header_text: ['Pablo'] } },
    { type: 'BODY', text: 'Use code {{1}} to get 10% off!', example: { body_text: [['10OFF']] } },
    { type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] },
  ]),
  flow: t('3000000000000014', 'flow_offer', 'MARKETING', [
    { type: 'BODY', text: 'Check out this new offer' },
    { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Open flow', flow_action: 'navigate', navigate_screen: 'WELCOME_SCREEN' }] },
  ]),
  legacyCategory: { id: '3000000000000015', name: 'customer_yes_no', language: 'ar', status: 'approved', category: 'SHIPPING_UPDATE', rejected_reason: 'NONE',
    components: [{ text: 'عميلنا العزيز الرجاء الرد على هذه الرسالة بكلمة *نعم*', type: 'BODY' }] },
};
