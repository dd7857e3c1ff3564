/**
 * Worker thread of the SSE benchmark: `clients` connections to GET /api/v1/events. It notes when
 * each client first receives an event carrying `sse-bench-<n>`, and answers `{ wait: n }` with
 * those receipt times (ms since the epoch, sub-millisecond) once every client has it or after
 * `timeoutMs`. Living in its own thread, the clients' work does not delay the server; and each
 * client only scans its bytes for the mark (a desktop has a process of its own per stream, this
 * thread has 500: a full SSE parser per client would measure this thread, not the server).
 */
import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, clients, timeoutMs } = workerData as { url: string; token: string; clients: number; timeoutMs: number };
const now = () => performance.timeOrigin + performance.now();
const receipts = new Map<number, number[]>();
const waiting = new Map<number, () => void>();
const MARKS = /sse-bench-(\d+)-/g;

function received(n: number, at: number) {
  const times = receipts.get(n) ?? [];
  receipts.set(n, times);
  times.push(at);
  if (times.length === clients) waiting.get(n)?.();
}

function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = new Set<number>();
    let tail = '';
    const scan = (chunk: string) => {
      const at = now();
      // A mark may straddle two chunks: keep the end of the previous one.
      const text = tail + chunk;
      tail = text.slice(-32);
      for (const match of text.matchAll(MARKS)) {
        const n = Number(match[1]);
        if (!seen.has(n)) {
          seen.add(n);
          received(n, at);
        }
      }
    };
    const req = request(`${url}/api/v1/events`, { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let body = '';
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => reject(new Error(`GET /api/v1/events answered ${res.statusCode}: ${body}`)));
        return;
      }
      res.once('data', () => resolve());
      res.on('data', scan);
    });
    req.on('error', reject);
    req.end();
  });
}

for (let i = 0; i < clients; i += 50) await Promise.all(Array.from({ length: Math.min(50, clients - i) }, connect));
parentPort!.postMessage({ ready: true });

parentPort!.on('message', ({ wait }: { wait: number }) => {
  const answer = () => {
    waiting.delete(wait);
    clearTimeout(timer);
    parentPort!.postMessage({ n: wait, times: receipts.get(wait) ?? [] });
    receipts.delete(wait);
  };
  const timer = setTimeout(answer, timeoutMs);
  waiting.set(wait, answer);
  if ((receipts.get(wait)?.length ?? 0) >= clients) answer();
});
