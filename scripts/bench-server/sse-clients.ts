/**
 * Worker thread of the SSE benchmark: `clients` connections to GET /api/v1/events. It notes when
 * each client first receives an event carrying `sse-bench-<n>-`, and answers `{ wait: n }` with
 * those receipt times (ms on the process's monotonic clock, sub-millisecond) once every client has it or after
 * `timeoutMs`. Living in its own thread, the clients' work does not delay the server. Each client
 * is a plain TCP socket that scans the bytes it receives for the mark: a desktop has a process of
 * its own per stream, this thread has 500, and an HTTP and SSE parser per client would measure
 * this thread rather than the server (the bytes scanned are still every byte the server sent).
 */
import { connect as connectTcp } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, clients, timeoutMs } = workerData as { url: string; token: string; clients: number; timeoutMs: number };
const now = () => Number(process.hrtime.bigint()) / 1e6; // the main thread's clock too
const receipts = new Map<number, number[]>();
const waiting = new Map<number, () => void>();
const MARK = Buffer.from('sse-bench-');
const END = '-'.charCodeAt(0);
const { hostname, port, pathname } = new URL(`${url}/api/v1/events`);

function received(n: number, at: number) {
  const times = receipts.get(n) ?? [];
  receipts.set(n, times);
  times.push(at);
  if (times.length === clients) waiting.get(n)?.();
}

function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    const seen = new Set<number>();
    let tail: Buffer = Buffer.alloc(0);
    const scan = (chunk: Buffer) => {
      const at = now();
      // A mark may straddle two chunks: scan the end of the previous one again.
      const bytes = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      for (let i = bytes.indexOf(MARK); i !== -1; i = bytes.indexOf(MARK, i + MARK.length)) {
        const end = bytes.indexOf(END, i + MARK.length);
        if (end === -1) break;
        const n = Number(bytes.toString('latin1', i + MARK.length, end));
        if (!seen.has(n)) {
          seen.add(n);
          received(n, at);
        }
      }
      tail = bytes.subarray(Math.max(0, bytes.length - 32));
    };
    const socket = connectTcp(Number(port), hostname, () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer ${token}\r\naccept: text/event-stream\r\n\r\n`);
    });
    socket.setNoDelay(true);
    socket.once('data', (head: Buffer) => {
      const text = head.toString('utf8');
      if (!text.startsWith('HTTP/1.1 200')) {
        reject(new Error(`GET /api/v1/events answered ${text.split('\r\n')[0]}`));
        socket.destroy();
        return;
      }
      resolve();
      socket.on('data', scan);
      scan(head);
    });
    socket.on('error', reject);
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
