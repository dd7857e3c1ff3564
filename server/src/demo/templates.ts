import type { Template } from '../../../shared/api/templates';

type DemoTemplate = Omit<Template, 'id' | 'updatedAt'>;

const orderUpdate = (language: string, body: string, footer: string, examples: Record<string, string>): DemoTemplate => ({
  name: 'order_update',
  language,
  category: 'UTILITY',
  status: 'APPROVED',
  parameterFormat: 'POSITIONAL',
  components: [
    { type: 'BODY', text: body },
    { type: 'FOOTER', text: footer },
  ],
  examples,
});

/**
 * The demo templates of architecture.md (three sendable, three that must never be sent), plus
 * `order_shipped`, a template with an IMAGE header: it is sent with a `headerMedia` link.
 */
export const DEMO_TEMPLATES: DemoTemplate[] = [
  orderUpdate('pt_BR', 'Olá {{1}}, seu pedido {{2}} foi atualizado. Responda esta mensagem se precisar de ajuda.', 'Loja Demo', { '1': 'Elena', '2': 'A-1234' }),
  orderUpdate('es', 'Hola {{1}}, tu pedido {{2}} fue actualizado. Responde a este mensaje si necesitas ayuda.', 'Tienda Demo', { '1': 'Elena', '2': 'A-1234' }),
  orderUpdate('en_US', 'Hi {{1}}, your order {{2}} has been updated. Reply to this message if you need help.', 'Demo Store', { '1': 'Elena', '2': 'A-1234' }),
  {
    name: 'order_shipped',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Hi {{1}}, your order {{2}} is on its way. The photo above shows your package.' },
      { type: 'FOOTER', text: 'Demo Store' },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}' }, { type: 'QUICK_REPLY', text: 'Talk to an agent' }] },
    ],
    examples: { '1': 'Elena', '2': 'A-1234', 'button.0': 'A-1234' },
  },
  {
    name: 'welcome_back',
    language: 'es',
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: '¡Hola! Te extrañamos. Responde a este mensaje y te ayudamos con lo que necesites.' }],
  },
  {
    name: 'verify_code',
    language: 'en_US',
    category: 'AUTHENTICATION',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'BODY', text: '{{1}} is your verification code. For your security, do not share this code.' },
      { type: 'FOOTER', text: 'This code expires in 10 minutes.' },
    ],
    examples: { '1': '482913' },
  },
  {
    name: 'payment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    status: 'PAUSED',
    statusReason: 'Paused by Meta after negative customer feedback.',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hi, a friendly reminder that invoice {{1}} is due soon.' }],
    examples: { '1': 'INV-2026-118' },
  },
  {
    name: 'promo_black_friday',
    language: 'es',
    category: 'MARKETING',
    status: 'REJECTED',
    statusReason: 'Rejected by Meta: promotional content does not follow the commerce policy.',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: '¡Black Friday! 50% de descuento en toda la tienda.' }],
  },
  {
    name: 'survey_invite',
    language: 'pt_BR',
    category: 'MARKETING',
    status: 'PENDING',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Conte pra gente como foi seu atendimento! Leva só 1 minuto.' }],
  },
];
