/**
 * Status webhooks: stored deliveries of 50 statuses each (sent, delivered, read for outbound
 * messages that have a WhatsApp id), applied by the Meta provider's inbox worker. They are stored
 * as the webhook route stores them, split into their items on arrival (the `webhooks` part
 * measures that route), so this times what the worker does.
 */
import { figure } from '../bench-figures';
import { webhookItems } from '../../server/src/providers/meta/webhook';
import { storeWebhooks } from '../../server/src/repo/webhooks';
import { countOf, int, line, rawInsertRate, ratio, withMetaServer, type Backend } from './common';
import { fillConversations } from './fill';

const PER_BODY = 50;
const PHONE_PREFIX = '5531';

export async function benchStatuses(backend: Backend): Promise<void> {
  await withMetaServer(backend, 0, async (server, graph) => {
    const raw = await rawInsertRate(server.db);
    const messages = backend.name === 'PostgreSQL' ? 1500 : 500;
    await fillConversations(server.db, {
      count: messages, phonePrefix: PHONE_PREFIX, conversation: { state: `'waiting'` },
      messages: [{ direction: 'outbound', kind: 'template', status: 'pending', wamid: true, afterMinutes: 0 }],
    });
    const items = ['sent', 'delivered', 'read'].flatMap((status) =>
      Array.from({ length: messages }, (_, k) => ({
        id: `wamid.BENCH${String(k + 1).padStart(8, '0')}`, status, timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: `${PHONE_PREFIX}${String(k + 1).padStart(7, '0')}`,
      })),
    );
    for (let at = 0; at < items.length; at += PER_BODY) {
      const body = {
        object: 'whatsapp_business_account',
        entry: [{ id: graph.config.wabaId, changes: [{ field: 'messages', value: {
          messaging_product: 'whatsapp', metadata: { display_phone_number: '5511999990000', phone_number_id: graph.config.phoneNumberId },
          statuses: items.slice(at, at + PER_BODY),
        } }] }],
      };
      const split = webhookItems(body, graph.config).map((item) => ({ kind: item.kind, dedupeKey: item.dedupeKey, payload: item }));
      await storeWebhooks(server.db, 'meta', [JSON.stringify(body)], new Date(), [split]);
    }

    const left = async () => (await countOf(server.db, `webhook_items WHERE state = 'pending'`)) + (await countOf(server.db, 'webhook_events WHERE expanded_at IS NULL'));
    const start = performance.now();
    let remaining = Infinity;
    for (let stalled = 0; remaining > 0 && stalled < 3 && performance.now() - start < 180_000; ) {
      await server.provider.runPending();
      const now = await left();
      stalled = now < remaining ? 0 : stalled + 1;
      remaining = now;
    }
    const seconds = (performance.now() - start) / 1000;
    const done = await countOf(server.db, `webhook_items WHERE state = 'done'`);
    const read = await countOf(server.db, `messages WHERE provider_message_id LIKE 'wamid.BENCH%' AND status = 'read'`);
    const rate = done / seconds;
    line('statuses', `${int(rate)} applied/s`, `raw INSERT ${int(raw)}/s`, `ratio ${ratio(rate / raw)}`, '(goal >= 1x)');
    figure(`server.statuses.${backend.name}`, rate, 'applied/s', raw);
    line('', `${int(done)} of ${int(items.length)} items in ${int(items.length / PER_BODY)} bodies, ${int(read)} of ${int(messages)} messages read${remaining ? `; ${int(remaining)} left` : ''}`);
  });
}
