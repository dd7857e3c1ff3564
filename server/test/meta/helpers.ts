/** Shared pieces of the Meta provider tests: a test clock, signed webhook posts, payload builders. */
import { createHmac } from 'node:crypto';
import type { Clock } from '../../src/clock';
import type { ServerOptions } from '../../src/app';
import type { Harness } from '../harness';
import { TEST_SECRETS, type FakeGraph } from './fake-graph';

export interface TestClock extends Clock {
  advance(ms: number): void;
}

/** Real time at the start, then only moves when a test says so. */
export function testClock(): TestClock {
  let t = Date.now();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export function metaOptions(graph: FakeGraph, clock: Clock): Partial<ServerOptions> {
  return {
    provider: 'meta',
    meta: graph.config,
    baseClock: clock,
    providerWorkIntervalMs: 0,
    templateSyncIntervalMs: 0,
    graph: { timeoutMs: 5_000 },
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  };
}

export const sign = (body: string | Buffer, secret = TEST_SECRETS.appSecret) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** POSTs raw bytes to the webhook, signed unless `signature` says otherwise (null: no header). */
export async function postWebhook(h: Harness, body: string | object, signature?: string | null) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sig = signature === undefined ? sign(raw) : signature;
  if (sig !== null) headers['x-hub-signature-256'] = sig;
  const response = await fetch(`${h.url}/webhooks/meta`, { method: 'POST', headers, body: raw });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export const runPending = (h: Harness) => h.server.provider.runPending();

export async function count(h: Harness, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await h.server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]!.n;
}

const PNID = '1000000000001';
const WABA = '2000000000002';

export function envelope(...changes: { field: string; value: unknown }[]) {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA, changes }] };
}

export function messagesChange(value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] }) {
  return { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '5511999990000', phone_number_id: PNID }, ...value } };
}

export function inbound(m: { from: string; id: string; text: string; timestamp: number; name?: string }) {
  return messagesChange({
    contacts: [{ profile: { name: m.name ?? 'Cliente Teste' }, wa_id: m.from }],
    messages: [{ from: m.from, id: m.id, timestamp: String(m.timestamp), type: 'text', text: { body: m.text } }],
  });
}

export function status(s: { id: string; status: string; timestamp: number; recipient?: string; callback?: string; errorCode?: number }) {
  return messagesChange({
    statuses: [{
      id: s.id, status: s.status, timestamp: String(s.timestamp), recipient_id: s.recipient ?? '5511999990001',
      ...(s.callback ? { biz_opaque_callback_data: s.callback } : {}),
      ...(s.errorCode ? { errors: [{ code: s.errorCode, title: 'Error', message: 'Error', error_data: { details: 'details' } }] } : {}),
    }],
  });
}

export function templateChange(t: { id: string; event: string; name: string; language: string; reason?: string }) {
  return {
    field: 'message_template_status_update',
    value: { event: t.event, message_template_id: Number(t.id), message_template_name: t.name, message_template_language: t.language, reason: t.reason ?? 'NONE' },
  };
}

export const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
