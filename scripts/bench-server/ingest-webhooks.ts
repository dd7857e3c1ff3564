/**
 * Inbound ingest as production receives it: 16 concurrent senders POST signed Meta webhooks (one
 * customer message each) to a listening server; the figure is messages stored per second, from
 * the first POST until every message is in its conversation (the inbox worker applies them in
 * batches while the POSTs go on).
 */
import { figure } from '../bench-figures';
import { Worker } from 'node:worker_threads';
import { TEST_SECRETS } from '../../server/test/meta/fake-graph';
import { CLIENTS, countOf, int, line, rawInsertRate, ratio, withMetaServer, type Backend } from './common';

export async function benchIngestWebhooks(backend: Backend): Promise<void> {
  await withMetaServer(backend, 100, async (server, graph) => {
    const raw = await rawInsertRate(server.db);
    const url = await server.listen(0);
    const count = backend.name === 'PostgreSQL' ? 6000 : 2000;
    const numbers = count / 2;
    const stored = () => countOf(server.db, `messages WHERE provider_message_id LIKE 'wamid.INGEST%'`);
    // The senders run in their own thread (a worker does not inherit tsx's loader: it registers it).
    const entry = new URL('./webhook-senders.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, {
      eval: true,
      workerData: { url, appSecret: TEST_SECRETS.appSecret, count, numbers, senders: CLIENTS, phoneNumberId: graph.config.phoneNumberId, wabaId: graph.config.wabaId },
    });
    let start = 0;
    const { acceptedMs, errors, firstError } = await new Promise<{ acceptedMs: number; errors: number; firstError: string | null }>((resolve, reject) => {
      worker.on('message', (m: { ready?: boolean; acceptedMs: number; errors: number; firstError: string | null }) => {
        if (!m.ready) return resolve(m);
        start = performance.now();
        worker.postMessage('go');
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    for (let n = await stored(); n < count - errors && performance.now() - start < 180_000; n = await stored()) {
      await server.provider.runPending();
    }
    const done = await stored();
    const rate = done / ((performance.now() - start) / 1000);
    const goal = backend.name === 'PostgreSQL' ? `(goal >= 0.5x, and >= 3,000 events/s: ${rate >= 3000 ? 'met' : 'not met'})` : '(goal >= 0.5x)';
    line('webhooks', `${int(rate)} events/s`, `raw INSERT ${int(raw)}/s`, `ratio ${ratio(rate / raw)}`, goal);
    figure(`server.webhooks.${backend.name}`, rate, 'events/s', raw);
    line('', `inbound through signed webhooks over HTTP (senders in a thread of their own): ${int(done)} of ${int(count)} messages from ${int(numbers)} numbers stored, ${CLIENTS} senders, all POSTs answered in ${int(acceptedMs)} ms${errors ? `; ${errors} failed, first: ${firstError}` : ''}`);
  });
}
