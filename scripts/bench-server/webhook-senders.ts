/**
 * Worker thread of the webhook ingest benchmark: `senders` concurrent loops POST signed Meta
 * webhooks (one customer message each) over keep-alive connections, like Meta's delivery fleet,
 * so their CPU is not the server's. Says `{ ready }` once loaded, starts on any message, and answers
 * `{ acceptedMs, errors, firstError }` when all are sent.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, appSecret, count, numbers, senders, phoneNumberId, wabaId } = workerData as {
  url: string; appSecret: string; count: number; numbers: number; senders: number; phoneNumberId: string; wabaId: string;
};
const agent = new Agent({ keepAlive: true, maxSockets: senders });

function body(i: number): string {
  const from = `55117${String(i % numbers).padStart(8, '0')}`;
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '5511999990000', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: `Cliente ${i % numbers}` }, wa_id: from }],
      messages: [{ from, id: `wamid.INGEST${String(i).padStart(8, '0')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `Olá, meu pedido ${i} ainda não chegou` } }],
    } }] }],
  });
}

function post(i: number): Promise<void> {
  const raw = body(i);
  const signature = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(`${url}/webhooks/meta`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'content-length': Buffer.byteLength(raw) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`webhook answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

// Loaded: say so, and start when told (the thread's start-up is not timed).
parentPort!.postMessage({ ready: true });
await new Promise((resolve) => parentPort!.once('message', resolve));
let next = 0;
let errors = 0;
let firstError: string | null = null;
const start = performance.now();
await Promise.all(Array.from({ length: senders }, async () => {
  while (next < count) {
    const i = next++;
    await post(i).catch((error: Error) => {
      errors++;
      firstError ??= error.message;
    });
  }
}));
agent.destroy();
parentPort!.postMessage({ acceptedMs: performance.now() - start, errors, firstError });
