/**
 * Inbound ingest: customer messages per second from 16 concurrent callers, in process; then the
 * same again with 500 SSE clients connected, which every message is written to (a helpdesk's
 * agents are connected while customers write).
 */
import { figure } from '../bench-figures';
import { CLIENTS, inParallel, int, line, login, rawInsertRate, ratio, withServer, type Backend } from './common';
import { sseClients } from './sse';

const SSE_CLIENTS = 500;

export async function benchIngest(backend: Backend): Promise<void> {
  await withServer(backend, {}, async (server) => {
    const raw = await rawInsertRate(server.db);
    const count = backend.name === 'PostgreSQL' ? 4000 : 1500;
    const numbers = count / 2;
    // The first half writes from new numbers, the second half from the same numbers again, in another order.
    const phone = (i: number) => `+55119${String(i < numbers ? i : ((i - numbers) * 7919) % numbers).padStart(8, '0')}`;
    const send = (i: number) => server.conversations.customerMessage(phone(i), `Olá, meu pedido ${i} ainda não chegou`);

    await inParallel(32, CLIENTS, (i) => server.conversations.customerMessage(`+55118${String(i).padStart(8, '0')}`, 'warm-up'));
    const start = performance.now();
    const { errors, firstError } = await inParallel(count, CLIENTS, send);
    const rate = (count - errors) / ((performance.now() - start) / 1000);

    const goal = backend.name === 'PostgreSQL' ? `(goal >= 0.5x, and >= 3,000 events/s: ${rate >= 3000 ? 'met' : 'not met'})` : '(goal >= 0.5x)';
    line('ingest', `${int(rate)} events/s`, `raw INSERT ${int(raw)}/s`, `ratio ${ratio(rate / raw)}`, goal);
    figure(`server.ingest.${backend.name}`, rate, 'events/s', raw);
    line('', `${int(count)} messages from ${int(numbers)} numbers, ${CLIENTS} callers${errors ? `; ${errors} failed, first: ${firstError}` : ''}`);

    const url = await server.listen(0);
    const worker = sseClients(url, await login(url), SSE_CLIENTS);
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (m: { ready?: boolean }) => m.ready && resolve());
        worker.on('error', reject);
      });
      const watched = (i: number) => server.conversations.customerMessage(`+55117${String(i % numbers).padStart(8, '0')}`, `Olá, pedido ${i}`);
      const started = performance.now();
      const late = await inParallel(count, CLIENTS, watched);
      const watchedRate = (count - late.errors) / ((performance.now() - started) / 1000);
      line('ingest+SSE', `${int(watchedRate)} events/s with ${SSE_CLIENTS} SSE clients connected`, `without ${int(rate)}/s`, `ratio ${ratio(watchedRate / rate)}`, '(no goal set)');
      figure(`server.ingest_with_sse_clients.${backend.name}`, watchedRate, 'events/s', rate);
    } finally {
      await worker.terminate();
    }
  });
}
