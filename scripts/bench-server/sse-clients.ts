/**
 * Worker thread of the SSE benchmark: `clients` connections to GET /api/v1/events. It notes when
 * each client first receives an event carrying `sse-bench-<n>-`, and answers `{ wait: n }` with
 * those receipt times (ms on the process's monotonic clock, sub-millisecond) once every client has it or after
 * `timeoutMs`. Living in its own thread, the clients' work does not delay the server. Each client
 * is a plain TCP socket that scans the bytes it receives for the mark: a desktop has a process of
 * its own per stream, this thread has 500, and an HTTP and SSE parser per client would measure
 * this thread rather than the server (the bytes scanned are still every byte the server sent).
 * Nor does it make garbage per read: all 500 sockets read into one buffer, and each client notes
 * marks in a fixed table. A collection in this thread holds up every client at once, and was the
 * p99 (17-20 ms, with a Buffer per read and a Set per client, against 10-12 ms without).
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

/** Every socket reads into this one buffer (net's `onread`): its callback runs before the next read. */
const READ_BUFFER = Buffer.alloc(256 * 1024);
const DIGIT_0 = '0'.charCodeAt(0);
/** The highest mark number the benchmark uses (sse.ts). */
const MAX_MARK = 4095;

function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    // Which marks this client has seen (each message's text comes in more than one event). A
    // table, not a Set: 500 Sets growing at the same message would rehash together and stall.
    const seen = new Uint8Array(MAX_MARK + 1);
    // The last bytes of the previous read, and a place to scan them joined to the next one's first.
    const carry = Buffer.alloc(MARK.length + 16);
    const junction = Buffer.alloc(carry.length * 2);
    let carried = 0;
    let open = false;
    const found = (bytes: Buffer, at: number, startsBefore = bytes.length) => {
      for (let i = bytes.indexOf(MARK); i !== -1 && i < startsBefore; i = bytes.indexOf(MARK, i + MARK.length)) {
        let n = 0;
        let k = i + MARK.length;
        for (; k < bytes.length && bytes[k] !== END; k++) n = n * 10 + bytes[k]! - DIGIT_0;
        if (k === bytes.length) break; // the number goes on in the next read
        if (n <= MAX_MARK && !seen[n]) {
          seen[n] = 1;
          received(n, at);
        }
      }
    };
    const scan = (chunk: Buffer) => {
      const at = now();
      // A mark may straddle two reads: the carried bytes joined to this read's first ones.
      if (carried) {
        carry.copy(junction, 0, 0, carried);
        const joined = junction.subarray(0, carried + chunk.copy(junction, carried, 0, junction.length - carried));
        found(joined, at, carried);
      }
      found(chunk, at);
      carried = Math.min(carry.length, chunk.length);
      chunk.copy(carry, 0, chunk.length - carried);
    };
    const socket = connectTcp({
      port: Number(port), host: hostname,
      // No Buffer per read (and no garbage to collect in this thread, which would hold up every client).
      onread: {
        buffer: READ_BUFFER,
        // True: go on reading (false would pause the socket).
        callback: (length, buffer) => {
          const chunk = (buffer as Buffer).subarray(0, length);
          if (!open) {
            const head = chunk.toString('latin1');
            if (!head.startsWith('HTTP/1.1 200')) {
              reject(new Error(`GET /api/v1/events answered ${head.split('\r\n')[0]}`));
              socket.destroy();
              return false;
            }
            open = true;
            resolve();
          }
          scan(chunk);
          return true;
        },
      },
    }, () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer ${token}\r\naccept: text/event-stream\r\n\r\n`);
    });
    socket.setNoDelay(true);
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
