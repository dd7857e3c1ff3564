/** Shared pieces of the Zenvia provider tests: options, webhook posts with or without the secret, event builders, templates as Zenvia lists them. */
import { randomUUID } from 'node:crypto';
import type { ServerOptions } from '../../src/app';
import type { Clock } from '../../src/clock';
import type { Harness } from '../harness';
import { ZENVIA_TEST, type FakeZenvia } from './fake-zenvia';

export { count, runPending, testClock, type TestClock } from '../meta/helpers';

export function zenviaOptions(fake: FakeZenvia, clock: Clock): Partial<ServerOptions> {
  return {
    provider: 'zenvia',
    zenvia: fake.config,
    baseClock: clock,
    providerWorkIntervalMs: 0,
    templateSyncIntervalMs: 0,
    zenviaClient: { timeoutMs: 5_000 },
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  };
}

/** POSTs an event to /webhooks/zenvia with the secret header (another value, or null for none). */
export async function postEvent(h: Harness, body: string | object, secret: string | null = ZENVIA_TEST.secret) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-zapdesk-webhook-secret'] = secret;
  const response = await fetch(`${h.url}/webhooks/zenvia`, { method: 'POST', headers, body: raw });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}


/** A MESSAGE event (events.message-event) from a customer to our sender. */
export function messageEvent(m: { from: string; contents: unknown[]; name?: string; at?: Date; id?: string; eventId?: string }) {
  const at = (m.at ?? new Date()).toISOString();
  return {
    id: m.eventId ?? `evt-${randomUUID()}`, timestamp: at, subscriptionId: 'sub-in', type: 'MESSAGE', channel: 'whatsapp', direction: 'IN',
    message: {
      id: m.id ?? randomUUID(), from: m.from, to: ZENVIA_TEST.sender, direction: 'IN', channel: 'whatsapp', timestamp: at, contents: m.contents,
      ...(m.name ? { visitor: { name: m.name } } : {}),
    },
  };
}

/** A MESSAGE_STATUS event (events.message-status-event) about one of our sends. */
export function statusEvent(s: { id: string; code: string; externalId?: string; at?: Date; causes?: { channelErrorCode?: string; reason?: string; details?: string }[]; description?: string }) {
  const at = (s.at ?? new Date()).toISOString();
  return {
    id: `evt-${randomUUID()}`, timestamp: at, subscriptionId: 'sub-status', type: 'MESSAGE_STATUS', channel: 'whatsapp',
    message: { id: s.id, ...(s.externalId ? { externalId: s.externalId } : {}), contentIndex: 0, direction: 'OUT', from: ZENVIA_TEST.sender, to: '5511999990001' },
    messageStatus: { code: s.code, timestamp: at, ...(s.description ? { description: s.description } : {}), ...(s.causes ? { causes: s.causes } : {}) },
  };
}

const base = { channel: 'WHATSAPP', senderId: ZENVIA_TEST.sender, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };

/** Templates as `GET /v2/templates` lists them (templates.create.whatsapp): every status, named fields, media, OTP, coupon, carousel. */
export function zenviaTemplates() {
  return [
    {
      ...base, id: '00000000-test-4000-8000-000000000001', name: 'ticket_followup', locale: 'pt_BR', category: 'UTILITY', status: 'APPROVED', qualityScore: 'GREEN',
      components: {
        header: { type: 'TEXT_TEMPLATE', text: 'Chamado {{ticket_no}}' },
        body: { type: 'TEXT_TEMPLATE', text: 'Olá {{first_name}}, aqui é {{agent_name}}. Podemos continuar?' },
        footer: { type: 'TEXT_FIXED', text: 'Loja Demo' },
        buttons: { type: 'ACTIONS', items: [{ type: 'URL', text: 'Ver chamado', url: 'https://example.test/t/{{ticket_code}}' }, { type: 'PHONE_NUMBER', text: 'Ligar', phoneNumber: '+551130000000' }] },
      },
      fields: ['ticket_no', 'first_name', 'agent_name', 'ticket_code'],
      examples: { ticket_no: '4821', first_name: 'Ana', agent_name: 'Bruno', ticket_code: 'T-4821' },
      text: 'Chamado {{ticket_no}}\nOlá {{first_name}}, aqui é {{agent_name}}. Podemos continuar?\nLoja Demo',
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000002', name: 'boleto_document', locale: 'pt_BR', category: 'UTILITY', status: 'APPROVED', qualityScore: 'UNKNOWN',
      components: {
        header: { type: 'MEDIA_DOCUMENT' },
        body: { type: 'TEXT_TEMPLATE', text: 'Olá {{name}}, segue o seu boleto.' },
        buttons: { type: 'QUICK_REPLIES', items: [{ type: 'QUICK_REPLY', text: 'Recebi', payload: 'GOT_IT' }, { type: 'OPT_OUT', text: 'Parar avisos' }] },
      },
      fields: ['name'],
      examples: { name: 'Carla', documentUrl: 'https://example.test/boleto.pdf' },
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000003', name: 'verify_code', locale: 'en_US', category: 'AUTHENTICATION', status: 'APPROVED',
      components: { otp: { type: 'COPY_CODE', copyButtonText: 'Copy code', addSecurityRecommendation: true } },
      fields: [],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000004', name: 'promo_cupom', locale: 'es', category: 'MARKETING', status: 'APPROVED', qualityScore: 'YELLOW',
      components: { body: { type: 'TEXT_TEMPLATE', text: 'Usa tu cupón para {{discount}} de descuento.' }, buttons: { type: 'ACTIONS', items: [{ type: 'COPY_CODE' }] } },
      fields: ['discount'],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000005', name: 'account_notice', locale: 'pt_BR', category: 'ACCOUNT_UPDATE', status: 'APPROVED',
      components: { body: { type: 'TEXT_FIXED', text: 'Sua conta foi atualizada.' } }, fields: [],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000006', name: 'survey_review', locale: 'pt_BR', category: 'MARKETING', status: 'WAITING_REVIEW',
      components: { body: { type: 'TEXT_FIXED', text: 'Responda nossa pesquisa.' } }, fields: [],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000007', name: 'survey_approval', locale: 'es', category: 'MARKETING', status: 'WAITING_APPROVAL',
      components: { body: { type: 'TEXT_FIXED', text: 'Responde nuestra encuesta.' } }, fields: [],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000008', name: 'promo_black_friday', locale: 'es', category: 'MARKETING', status: 'REJECTED',
      components: { body: { type: 'TEXT_FIXED', text: '¡Black Friday!' } }, fields: [],
      comments: [{ author: 'whatsapp', role: 'WHATSAPP', text: 'Promotional content in a utility template.' }],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000009', name: 'payment_reminder', locale: 'en_US', category: 'UTILITY', status: 'PAUSED', qualityScore: 'RED',
      components: { body: { type: 'TEXT_TEMPLATE', text: 'Invoice {{invoice}} is due soon.' } }, fields: ['invoice'],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000010', name: 'old_welcome', locale: 'en_US', category: 'MARKETING', status: 'DISABLED',
      components: { body: { type: 'TEXT_FIXED', text: 'Welcome back!' } }, fields: [],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000011', name: 'carousel_promo', locale: 'pt_BR', category: 'MARKETING', status: 'APPROVED',
      components: {
        body: { type: 'TEXT_FIXED', text: 'Veja as ofertas' },
        carousel: { cards: [{ header: { type: 'MEDIA_IMAGE' }, body: { type: 'TEXT_FIXED', text: 'A' }, buttons: { type: 'QUICK_REPLIES', items: [] } }] },
      },
      fields: [],
    },
    {
      ...base, id: '00000000-test-4000-8000-000000000012', name: 'camel_vars', locale: 'pt_BR', category: 'UTILITY', status: 'APPROVED',
      components: { body: { type: 'TEXT_TEMPLATE', text: 'Oi {{firstName}}' } }, fields: ['firstName'],
    },
    {
      ...base, senderId: '5511888880000', id: '00000000-test-4000-8000-000000000013', name: 'other_sender', locale: 'pt_BR', category: 'UTILITY', status: 'APPROVED',
      components: { body: { type: 'TEXT_FIXED', text: 'De outro número' } }, fields: [],
    },
  ];
}
