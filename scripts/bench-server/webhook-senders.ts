/**
 * Worker thread of the webhook ingest benchmark: `senders` concurrent loops POST signed Meta
 * webhooks (`perPost` customer messages each, of `count` in all, ids starting `wamid.<tag>`, from
 * `numbers` numbers starting `numberPrefix`) over keep-alive connections, like Meta's delivery
 * fleet, so their CPU is not the server's. The bodies are built and signed before the start, so
 * only the sending shares the machine with the server. Says `{ ready }` once loaded, starts on any
 * message, and answers `{ acceptedMs, posts, errors, firstError }` when all are sent.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, appSecret, count, numbers, perPost, senders, phoneNumberId, wabaId, tag, numberPrefix } = workerData as {
  tag: string; numberPrefix: string; url: string; appSecret: string; count: number; numbers: number; perPost: number; senders: number; phoneNumberId: string; wabaId: string;
};
const agent = new Agent({ keepAlive: true, maxSockets: senders });

/** The POST of messages first..first+perPost-1 (fewer at the end), as Meta batches them: one change, their senders' profiles beside them. */
function body(first: number): string {
  const messages = Array.from({ length: Math.min(perPost, count - first) }, (_, k) => first + k).map((i) => {
    const from = `${numberPrefix}${String(i % numbers).padStart(8, '0')}`;
    return { from, name: `Cliente ${i % numbers}`, message: { from, id: `wamid.${tag}${String(i).padStart(8, '0')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `Olá, meu pedido ${i} ainda não chegou` } } };
  });
  const contacts = [...new Map(messages.map((m) => [m.from, { profile: { name: m.name }, wa_id: m.from }])).values()];
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '5511999990000', phone_number_id: phoneNumberId },
      contacts, messages: messages.map((m) => m.message),
    } }] }],
  });
}

/** Each POST's body and signature, by its first message. */
const signed = new Map<number, { raw: string; signature: string }>();

function post(i: number): Promise<void> {
  const { raw, signature } = signed.get(i)!;
  return new Promise((resolve, reject) => {
    const req = request(`${url}/webhooks/meta`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'content-length': Buffer.byteLength(raw) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`webhook answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

// Loaded and signed: say so, and start when told (none of this is timed).
for (let i = 0; i < count; i += perPost) {
  const raw = body(i);
  signed.set(i, { raw, signature: `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}` });
}
parentPort!.postMessage({ ready: true });
await new Promise((resolve) => parentPort!.once('message', resolve));
let next = 0;
let posts = 0;
let errors = 0;
let firstError: string | null = null;
const start = performance.now();
await Promise.all(Array.from({ length: senders }, async () => {
  while (next < count) {
    const i = next;
    next += perPost;
    posts++;
    await post(i).catch((error: Error) => {
      errors++;
      firstError ??= error.message;
    });
  }
}));
agent.destroy();
parentPort!.postMessage({ acceptedMs: performance.now() - start, posts, errors, firstError });
