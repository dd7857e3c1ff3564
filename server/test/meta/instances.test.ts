/** Two server instances on one PostgreSQL with the Meta provider: each send goes out once. */
import { afterAll, expect, it } from 'vitest';
import { conversationOf, describeOnEachDatabase } from '../harness';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { metaOptions, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

describeOnEachDatabase('Meta provider on two instances', (h) => {
  it('sends every queued message exactly once while both instances work the outbox', async () => {
    const other = await h.sibling();
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: `fila ${i}` } });
      expect(sent.status).toBe(201);
      ids.push(sent.body.message.id);
    }
    await Promise.all([h.server.provider.runPending(), other.provider.runPending(), h.server.provider.runPending(), other.provider.runPending()]);
    const sends = graph.delivered.filter((d) => ids.includes(d.body.biz_opaque_callback_data as string));
    expect(sends.map((d) => d.body.biz_opaque_callback_data).sort()).toEqual([...ids].sort());
  });
}, metaOptions(graph, clock), { onlyPostgres: true });
