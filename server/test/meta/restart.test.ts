/** A restart in the middle of an outbox retry: the message is sent exactly once. */
import { afterAll, expect, it } from 'vitest';
import { conversationOf, describeOnEachDatabase } from '../harness';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { metaOptions, runPending, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

describeOnEachDatabase('Meta provider: restart during a retry', (h) => {
  it('sends a message whose retry was pending when the server stopped exactly once, from the new server', async () => {
    graph.delivered.length = 0;
    graph.requests.length = 0;
    graph.script({ status: 503, code: 131016, message: 'Service unavailable' });
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'Antes do reinício' } });
    await runPending(h);
    const attempts = () => graph.requests.filter((r) => r.method === 'POST').length;
    expect(attempts()).toBe(1);
    expect(graph.delivered).toHaveLength(0);

    await h.restart(); // closes while the retry waits for its backoff
    expect(attempts()).toBe(1);
    await runPending(h); // not due yet
    expect(attempts()).toBe(1);
    clock.advance(2_000);
    await Promise.all([runPending(h), runPending(h)]);
    clock.advance(10 * 60_000);
    await runPending(h);
    expect(attempts()).toBe(2);
    expect(graph.delivered.map((d) => d.body.biz_opaque_callback_data)).toEqual([sent.body.message.id]);
    const messages = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: await h.login('agent@demo.test') });
    expect(messages.body.items.find((m: { id: string }) => m.id === sent.body.message.id)).toMatchObject({ status: 'sent' });
  });
}, metaOptions(graph, clock), { persistent: true });
