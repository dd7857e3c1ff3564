/** Inbound ingest: customer messages per second from 16 concurrent callers, in process. */
import { figure } from '../bench-figures';
import { CLIENTS, inParallel, int, line, rawInsertRate, ratio, withServer, type Backend } from './common';

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
  });
}
