/** Templates with a media header on the embedded default (sandbox provider): the demo's order_shipped. */
import { expect, it } from 'vitest';
import { contactOf, describeOnEachDatabase } from './harness';

describeOnEachDatabase('template sends with header media (sandbox)', (h) => {
  const send = (token: string, body: Record<string, unknown>) =>
    h.api('/api/v1/template-sends', { token, body: { maxWaitMinutes: 60, ...body }, headers: { 'idempotency-key': `header-${Math.random()}` } });

  it('needs an https image for order_shipped, and the transcript says an image was sent', async () => {
    const agent = await h.login('agent@demo.test');
    const listed = (await h.api('/api/v1/templates?q=order_shipped', { token: agent })).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ sendable: true, notSendableReason: null, components: expect.arrayContaining([{ type: 'HEADER', format: 'IMAGE' }]) });
    const elena = await contactOf(h, agent, 'Elena Souza');
    const parameters = { '1': 'Elena', '2': 'A-1234', 'button.0': 'A-1234' };

    const missing = await send(agent, { contactId: elena.id, templateId: listed[0].id, parameters });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID', errors: [{ path: 'headerMedia', message: 'missing' }] });
    const http = await send(agent, { contactId: elena.id, templateId: listed[0].id, parameters, headerMedia: { link: 'http://shop.example.com/p.jpg' } });
    expect(http.body.errors).toEqual([{ path: 'headerMedia', message: 'not_https' }]);

    const sent = await send(agent, { contactId: elena.id, templateId: listed[0].id, parameters, headerMedia: { link: 'https://shop.example.com/p.jpg' } });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({
      kind: 'template',
      template: { name: 'order_shipped', language: 'en_US' },
      text: '[image]\nHi Elena, your order A-1234 is on its way. The photo above shows your package.\nDemo Store\n[Track order] [Talk to an agent]',
    });
  });
});
