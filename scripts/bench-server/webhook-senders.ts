/**
 * Worker thread of the webhook ingest benchmark: `senders` concurrent loops POST signed Meta
 * webhooks (`perPost` customer messages each, of `count` in all, ids starting `wamid.<tag>`, from
 * `numbers` numbers starting `numberPrefix`) over keep-alive connections, like Meta's delivery
 * fleet, so their CPU is not the server's. The bodies are built and signed before the start, so
 * only the sending shares the machine with the server. Says `{ ready }` once loaded, starts on any
 * message, and answers `{ acceptedMs, posts, errors, firstError }` when all are sent.
 */
import { createHmac } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { url, appSecret, count, numbers, perPost, senders, phoneNumberId, wabaId, tag, numberPrefix } = workerData as {
  tag: string; numberPrefix: string; url: string; appSecret: string; count: number; numbers: number; perPost: number; senders: number; phoneNumberId: string; wabaId: string;
};

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

/** Each POST as the bytes sent (request line, headers, body), by its first message. */
const requests = new Map<number, Buffer>();
const { hostname, port, pathname } = new URL(`${url}/webhooks/meta`);

function request(raw: string): Buffer {
  const signature = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
  const head = `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\n`
    + `x-hub-signature-256: ${signature}\r\ncontent-length: ${Buffer.byteLength(raw)}\r\n\r\n`;
  return Buffer.from(head + raw);
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/i;

/**
 * One keep-alive connection that sends a request and waits for its answer, as Meta's fleet does
 * per connection. A plain socket with a minimal reader of the answer's status and length: Node's
 * HTTP client cost this thread more CPU per POST than the server's route, on the same two cores.
 */
async function connection() {
  const socket = connectTcp(Number(port), hostname);
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received: Buffer = Buffer.alloc(0);
  let waiter: ((status: number) => void) | null = null;
  let failed: ((error: Error) => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    received = received.length ? Buffer.concat([received, chunk]) : chunk;
    const end = received.indexOf(HEAD_END);
    if (end === -1) return;
    const head = received.toString('latin1', 0, end);
    const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? NaN);
    if (!Number.isFinite(length)) return failed?.(new Error(`answer without content-length: ${head.split('\r\n')[0]}`));
    if (received.length < end + HEAD_END.length + length) return;
    received = received.subarray(end + HEAD_END.length + length);
    waiter?.(Number(head.slice(9, 12)));
  });
  socket.on('error', (error) => failed?.(error));
  socket.on('close', () => failed?.(new Error('the server closed the connection')));
  return {
    post: (bytes: Buffer) => new Promise<void>((resolve, reject) => {
      if (socket.destroyed) return reject(new Error('the connection to the server is gone'));
      waiter = (status) => (status === 200 ? resolve() : reject(new Error(`webhook answered ${status}`)));
      failed = reject;
      socket.write(bytes);
    }),
    close: () => socket.destroy(),
  };
}

// Loaded and signed: say so, and start when told (none of this is timed).
for (let i = 0; i < count; i += perPost) requests.set(i, request(body(i)));
const connections = await Promise.all(Array.from({ length: senders }, connection));
parentPort!.postMessage({ ready: true });
await new Promise((resolve) => parentPort!.once('message', resolve));
let next = 0;
let posts = 0;
let errors = 0;
let firstError: string | null = null;
const start = performance.now();
await Promise.all(connections.map(async (connection) => {
  while (next < count) {
    const i = next;
    next += perPost;
    posts++;
    await connection.post(requests.get(i)!).catch((error: Error) => {
      errors++;
      firstError ??= error.message;
    });
  }
}));
for (const connection of connections) connection.close();
parentPort!.postMessage({ acceptedMs: performance.now() - start, posts, errors, firstError });
