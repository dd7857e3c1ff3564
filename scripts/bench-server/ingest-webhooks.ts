/**
 * Inbound ingest as production receives it: 16 concurrent senders POST signed Meta webhooks (one
 * customer message each) to a listening server; the figure is messages stored per second, from
 * the first POST until every message is in its conversation (the inbox worker applies them in
 * batches while the POSTs go on).
 */
import { createHmac } from 'node:crypto';
import { startFakeGraph, TEST_SECRETS } from '../../server/test/meta/fake-graph';
import { CLIENTS, countOf, inParallel, int, line, rawInsertRate, ratio, withServer, type Backend } from './common';

export async function benchIngestWebhooks(backend: Backend): Promise<void> {
  const graph = await startFakeGraph();
  try {
    await withServer(
      backend,
      { provider: 'meta', meta: graph.config, providerWorkIntervalMs: 100, templateSyncIntervalMs: 0, graph: { timeoutMs: 5_000 } },
      async (server) => {
        const raw = await rawInsertRate(server.db);
        const url = await server.listen(0);
        const count = backend.name === 'PostgreSQL' ? 6000 : 2000;
        const numbers = count / 2;
        const body = (i: number) => {
          const from = `55117${String(i % numbers).padStart(8, '0')}`;
          return JSON.stringify({
            object: 'whatsapp_business_account',
            entry: [{ id: graph.config.wabaId, changes: [{ field: 'messages', value: {
              messaging_product: 'whatsapp', metadata: { display_phone_number: '5511999990000', phone_number_id: graph.config.phoneNumberId },
              contacts: [{ profile: { name: `Cliente ${i % numbers}` }, wa_id: from }],
              messages: [{ from, id: `wamid.INGEST${String(i).padStart(8, '0')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `Olá, meu pedido ${i} ainda não chegou` } }],
            } }] }],
          });
        };
        const post = async (i: number) => {
          const raw = body(i);
          const signature = `sha256=${createHmac('sha256', TEST_SECRETS.appSecret).update(raw).digest('hex')}`;
          const response = await fetch(`${url}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
          if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        };
        const stored = () => countOf(server.db, `messages WHERE provider_message_id LIKE 'wamid.INGEST%'`);
        const start = performance.now();
        const { errors, firstError } = await inParallel(count, CLIENTS, post);
        const acceptedMs = performance.now() - start;
        for (let n = await stored(); n < count - errors && performance.now() - start < 180_000; n = await stored()) {
          await server.provider.runPending();
        }
        const done = await stored();
        const rate = done / ((performance.now() - start) / 1000);
        const goal = backend.name === 'PostgreSQL' ? `(goal >= 0.5x, and >= 3,000 events/s: ${rate >= 3000 ? 'met' : 'not met'})` : '(goal >= 0.5x)';
        line('webhooks', `${int(rate)} events/s`, `raw INSERT ${int(raw)}/s`, `ratio ${ratio(rate / raw)}`, goal);
        line('', `inbound through signed webhooks over HTTP (senders in this process): ${int(done)} of ${int(count)} messages from ${int(numbers)} numbers stored, ${CLIENTS} senders, all POSTs answered in ${int(acceptedMs)} ms${errors ? `; ${errors} failed, first: ${firstError}` : ''}`);
      },
    );
  } finally {
    await graph.close();
  }
}
