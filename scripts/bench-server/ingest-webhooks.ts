/**
 * Inbound ingest as production receives it: 16 concurrent senders POST signed Meta webhooks to a
 * listening server; the figure is messages stored per second, from the first POST until every
 * message is in its conversation (the inbox worker applies them in batches while the POSTs go
 * on), after an untimed warm-up of a quarter as many. Measured twice, each on a fresh server: one
 * customer message per POST (the headline), and with several messages per POST, as Meta batches
 * them under load.
 */
import { figure } from '../bench-figures';
import { Worker } from 'node:worker_threads';
import { TEST_SECRETS, type FakeGraph } from '../../server/test/meta/fake-graph';
import { CLIENTS, countOf, int, line, rawInsertRate, ratio, withMetaServer, type Backend } from './common';

/** Messages per POST in the second measurement. */
const META_BATCH = 5;

export async function benchIngestWebhooks(backend: Backend): Promise<void> {
  await measure(backend, 1);
  await measure(backend, META_BATCH);
}

interface Sent {
  acceptedMs: number;
  posts: number;
  errors: number;
  firstError: string | null;
}

/**
 * Sends `count` messages from a thread of their own (`tag` starts their ids) and resolves once
 * they are all answered; `started` is called the moment the first is sent (building and signing
 * the bodies comes before it).
 */
async function send(url: string, graph: FakeGraph, perPost: number, tag: string, count: number, numbers: number, numberPrefix: string, started: () => void): Promise<Sent> {
  // A worker does not inherit tsx's loader: it registers it.
  const entry = new URL('./webhook-senders.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, {
    eval: true,
    workerData: { url, appSecret: TEST_SECRETS.appSecret, count, numbers, numberPrefix, perPost, senders: CLIENTS, phoneNumberId: graph.config.phoneNumberId, wabaId: graph.config.wabaId, tag },
  });
  try {
    return await new Promise<Sent>((resolve, reject) => {
      worker.on('message', (m: Sent & { ready?: boolean }) => {
        if (!m.ready) return resolve(m);
        started();
        worker.postMessage('go');
      });
      worker.on('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

async function measure(backend: Backend, perPost: number): Promise<void> {
  await withMetaServer(backend, 100, async (server, graph) => {
    const raw = await rawInsertRate(server.db);
    const url = await server.listen(0);
    const count = backend.name === 'PostgreSQL' ? 6000 : 2000;
    const numbers = count / 2;
    const stored = (tag: string) => countOf(server.db, `messages WHERE provider_message_id LIKE 'wamid.${tag}%'`);
    const applied = async (tag: string, expected: number, since: number) => {
      for (let n = await stored(tag); n < expected && performance.now() - since < 180_000; n = await stored(tag)) await server.provider.runPending();
      return stored(tag);
    };
    // Warm-up, untimed (as every other part): other numbers, other ids.
    const warm = count / 4;
    await send(url, graph, perPost, 'WARMUP', warm, warm / 2, '55116', () => undefined);
    await applied('WARMUP', warm, performance.now());

    let start = 0;
    const { acceptedMs, posts, errors, firstError } = await send(url, graph, perPost, 'INGEST', count, numbers, '55117', () => (start = performance.now()));
    const done = await applied('INGEST', count - errors * perPost, start);
    const rate = done / ((performance.now() - start) / 1000);
    const label = perPost === 1 ? 'webhooks' : `webhooks x${perPost}`;
    // The issue's ingest goal is the in-process line (its own measure, beside a baseline without
    // HTTP); this one adds what production adds (HTTP, signatures, the inbox), so no goal of its own.
    const goal = perPost > 1 ? '(Meta-batched bodies: beside the headline, not instead of it)'
      : '(no goal set: the ingest line above, over HTTP; Meta sends up to 1,000 messages/s per number)';
    line(label, `${int(rate)} events/s`, `raw INSERT ${int(raw)}/s`, `ratio ${ratio(rate / raw)}`, goal);
    figure(`server.${perPost === 1 ? 'webhooks' : `webhooks-x${perPost}`}.${backend.name}`, rate, 'events/s', raw);
    line('', `inbound through signed webhooks over HTTP (senders in a thread of their own): ${int(done)} of ${int(count)} messages from ${int(numbers)} numbers stored, `
      + `${perPost === 1 ? 'one' : perPost} per POST, ${CLIENTS} senders, all ${int(posts)} POSTs answered in ${int(acceptedMs)} ms${errors ? `; ${errors} failed, first: ${firstError}` : ''}`);
  });
}
