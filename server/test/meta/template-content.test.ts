/**
 * Every template component with the Meta provider (issue 12): what a sync keeps and marks, what
 * a send puts in the Graph body (each body checked against Meta's published message shape by the
 * fake Graph API), the 422s for missing or wrong header media, and template webhooks (category,
 * quality, components) applied at once.
 */
import { afterAll, expect, it } from 'vitest';
import { contactOf, describeOnEachDatabase, type Harness } from '../harness';
import { png } from '../media-bytes';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { metaOptions, postWebhook, runPending, testClock } from './helpers';
import { GRAPH_SHAPES } from './template-fixtures';

const graph = await startFakeGraph();
graph.templates = [...graphTemplates(), ...Object.values(GRAPH_SHAPES)];
const clock = testClock();
afterAll(() => graph.close());

interface ListedTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  providerCategory?: string | null;
  quality?: string | null;
  sendable: boolean;
  notSendableReason: string | null;
  components: { type: string; text?: string }[];
}

describeOnEachDatabase('Meta provider: every template component', (h) => {
  const listed = async (token: string, query = '') => (await h.api(`/api/v1/templates${query}`, { token })).body.items as ListedTemplate[];
  const template = async (name: string) => (await listed(await h.login('admin@demo.test'), `?status=ALL&q=${name}`)).find((t) => t.name === name)!;
  let key = 0;
  const send = (token: string, body: Record<string, unknown>) =>
    h.api('/api/v1/template-sends', { token, body: { maxWaitMinutes: 60, parameters: {}, ...body }, headers: { 'idempotency-key': `content-${++key}-${Math.random()}` } });

  /** Sends, lets the outbox run, closes the conversation (so the contact can be sent to again); the Graph body. */
  async function sentBody(h: Harness, token: string, body: Record<string, unknown>) {
    const sent = await send(token, body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await runPending(h);
    const delivered = graph.delivered.find((d) => d.body.biz_opaque_callback_data === sent.body.message.id);
    await h.api(`/api/v1/conversations/${sent.body.conversation.id}/close`, { token, body: {} });
    return { sent: sent.body, graphBody: delivered?.body };
  }

  it('keeps every template at sync; agents see the sendable ones, administrators also the others with the reason', async () => {
    const agent = await h.login('agent@demo.test');
    const names = (await listed(agent)).map((t) => t.name);
    for (const name of ['ticket_photo', 'happy_hour', 'order_receipt', 'delivery_on_its_way', 'fall_coupon', 'login_code', 'order_confirmation', 'customer_yes_no']) {
      expect(names, name).toContain(name);
    }
    for (const name of ['succulent_carousel', 'caribbean_offer', 'intro_catalog_offer', 'abandoned_cart_offer', 'abandoned_cart', 'flow_offer']) {
      expect(names, name).not.toContain(name);
    }
    const carousel = await template('succulent_carousel');
    expect(carousel).toMatchObject({ sendable: false, notSendableReason: expect.stringContaining('Carousel') });
    expect(carousel.components.map((c) => c.type)).toEqual(['BODY', 'OTHER']);
    expect(await template('caribbean_offer')).toMatchObject({ sendable: false, notSendableReason: expect.stringContaining('Limited-time-offer') });
    expect(await template('customer_yes_no')).toMatchObject({ category: 'UTILITY', providerCategory: 'SHIPPING_UPDATE', sendable: true });
    expect(await template('ticket_photo')).toMatchObject({ sendable: true, notSendableReason: null });
  });

  it('sends media and location headers, coupons and authentication codes as Meta documents them', async () => {
    const agent = await h.login('agent@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');

    const photo = await sentBody(h, agent, {
      contactId: elena.id, templateId: (await template('ticket_photo')).id, parameters: { '1': 'Dune', '2': '19:30' },
      headerMedia: { link: 'https://cdn.example.test/poster.jpg' },
    });
    expect(photo.graphBody.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.test/poster.jpg' } }] });
    expect(photo.sent.message.text).toBe('[image]\nYour ticket for Dune at 19:30.\nDemo Cinema');

    // An uploaded file: uploaded to WhatsApp by the outbox and sent by id; the message carries it, so the chat shows what went out.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png(5, 5))]), 'poster.png');
    const file = (await (await fetch(`${h.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form })).json()) as { id: string };
    const uploaded = await sentBody(h, agent, {
      contactId: elena.id, templateId: (await template('ticket_photo')).id, parameters: { '1': 'Dune', '2': '19:30' }, headerMedia: { attachmentId: file.id },
    });
    const mediaId = graph.uploads.at(-1)!.id;
    expect(uploaded.graphBody.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { id: mediaId } }] });
    expect(uploaded.sent.message.attachments).toEqual([expect.objectContaining({ id: file.id, type: 'image', state: 'ready' })]);

    const place = { latitude: -23.5614, longitude: -46.6559, name: 'Loja Paulista', address: 'Av. Paulista, 1000' };
    const delivery = await sentBody(h, agent, {
      contactId: elena.id, templateId: (await template('delivery_on_its_way')).id, parameters: { '1': 'Elena', '2': '566701' }, headerLocation: place,
    });
    expect(delivery.graphBody.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'location', location: place }] });
    expect(delivery.sent.message.text).toContain('[location] Loja Paulista, Av. Paulista, 1000');

    const coupon = await sentBody(h, agent, {
      contactId: elena.id, templateId: (await template('fall_coupon')).id, parameters: { '1': '25OFF', '2': '25%', 'button.1': '25OFF' },
    });
    expect(coupon.graphBody.template.components).toContainEqual({ type: 'button', sub_type: 'copy_code', index: '1', parameters: [{ type: 'coupon_code', coupon_code: '25OFF' }] });

    const otp = await sentBody(h, agent, { contactId: elena.id, templateId: (await template('login_code')).id, parameters: { '1': '731904' } });
    expect(otp.graphBody.template.components).toEqual([
      { type: 'body', parameters: [{ type: 'text', text: '731904' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '731904' }] },
    ]);

    const legacy = await sentBody(h, agent, { contactId: elena.id, templateId: (await template('customer_yes_no')).id });
    expect(legacy.graphBody.template).toEqual({ name: 'customer_yes_no', language: { code: 'ar' } });
    expect(graph.invalidBodies).toEqual([]);
  });

  it('refuses a send without the header media or place, with an http link, an unknown attachment, or a template it cannot send', async () => {
    const agent = await h.login('agent@demo.test');
    const carla = await contactOf(h, agent, 'Carla Mendes');
    const photo = (await template('ticket_photo')).id;
    const before = graph.requests.filter((r) => r.method === 'POST').length;

    const missing = await send(agent, { contactId: carla.id, templateId: photo, parameters: { '1': 'Dune', '2': '19:30' } });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID', errors: [{ path: 'headerMedia', message: 'missing' }] });

    const http = await send(agent, { contactId: carla.id, templateId: photo, parameters: { '1': 'Dune', '2': '19:30' }, headerMedia: { link: 'http://cdn.example.test/a.jpg' } });
    expect(http.body).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID', errors: [{ path: 'headerMedia', message: 'not_https' }] });

    const unknown = await send(agent, {
      contactId: carla.id, templateId: photo, parameters: { '1': 'Dune', '2': '19:30' }, headerMedia: { attachmentId: '7a1e0c1e-0000-4000-8000-000000000000' },
    });
    expect(unknown.body).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID', errors: [{ path: 'headerMedia.attachmentId', message: 'unknown' }] });

    const noPlace = await send(agent, { contactId: carla.id, templateId: (await template('delivery_on_its_way')).id, parameters: { '1': 'C', '2': '1' } });
    expect(noPlace.body).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID', errors: [{ path: 'headerLocation', message: 'missing' }] });

    const both = await send(agent, { contactId: carla.id, templateId: photo, parameters: {}, headerMedia: { link: 'https://cdn.example.test/a.jpg' }, headerLocation: { latitude: 1, longitude: 1 } });
    expect(both.body.errors).toEqual([
      { path: 'parameters.1', message: 'missing' },
      { path: 'parameters.2', message: 'missing' },
      { path: 'headerLocation', message: 'unknown' },
    ]);

    const coupon = await send(agent, { contactId: carla.id, templateId: (await template('fall_coupon')).id, parameters: { '1': 'X', '2': 'Y' } });
    expect(coupon.body).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID', errors: [{ path: 'parameters.button.1', message: 'missing' }] });

    const carousel = await send(agent, { contactId: carla.id, templateId: (await template('succulent_carousel')).id, parameters: { '1': 'Carla' } });
    expect(carousel.status).toBe(422);
    expect(carousel.body).toMatchObject({ code: 'TEMPLATE_NOT_SENDABLE', detail: expect.stringContaining('Carousel') });

    const badShape = await send(agent, { contactId: carla.id, templateId: photo, parameters: { '1': 'a', '2': 'b' }, headerMedia: { url: 'https://x.test/a.jpg' } });
    expect(badShape.status).toBe(400);
    expect(badShape.body.code).toBe('VALIDATION_FAILED');
    expect(graph.requests.filter((r) => r.method === 'POST').length).toBe(before);
  });

  it('applies category, quality and components webhooks at once', async () => {
    // WhatsApp cannot be listed meanwhile: what changes is the webhooks' doing, not a sync's.
    graph.failTemplateListing = { status: 500, code: 2, message: 'Service temporarily unavailable' };
    const id = Number(GRAPH_SHAPES.named.id);
    const change = (field: string, value: Record<string, unknown>, time: number) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '2000000000002', time, changes: [{ field, value: { message_template_id: id, message_template_name: 'order_confirmation', message_template_language: 'en-US', ...value } }] }],
    });
    // A notice of a future change is not applied; the change itself is.
    await postWebhook(h, change('template_category_update', { new_category: 'UTILITY', correct_category: 'MARKETING', category_update_timestamp: 1746169200 }, 1746082800));
    await runPending(h);
    expect(await template('order_confirmation')).toMatchObject({ category: 'UTILITY' });
    await postWebhook(h, change('template_category_update', { previous_category: 'UTILITY', new_category: 'MARKETING' }, 1746169200));
    await postWebhook(h, change('message_template_quality_update', { previous_quality_score: 'GREEN', new_quality_score: 'YELLOW' }, 1746169300));
    await runPending(h);
    expect(await template('order_confirmation')).toMatchObject({ category: 'MARKETING', quality: 'YELLOW' });

    await postWebhook(h, change('message_template_components_update', {
      message_template_title: 'Your order is confirmed!',
      message_template_element: 'Thanks, {{first_name}}! Order {{order_number}} is confirmed.',
      message_template_footer: 'Lucky Shrub',
      message_template_buttons: [{ message_template_button_type: 'PHONE_NUMBER', message_template_button_text: 'Phone support', message_template_button_phone_number: '+15550783881' }],
    }, 1751250234));
    await runPending(h);
    const edited = await template('order_confirmation');
    expect(edited.components).toEqual([
      { type: 'HEADER', format: 'TEXT', text: 'Your order is confirmed!' },
      { type: 'BODY', text: 'Thanks, {{first_name}}! Order {{order_number}} is confirmed.' },
      { type: 'FOOTER', text: 'Lucky Shrub' },
      { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Phone support', phoneNumber: '+15550783881' }] },
    ]);
    graph.failTemplateListing = null;
  });

  it('takes a quick-reply tap as the customer’s answer to that template, in its conversation', async () => {
    const agent = await h.login('agent@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const place = { latitude: -23.5614, longitude: -46.6559 };
    const sent = await send(agent, { contactId: elena.id, templateId: (await template('delivery_on_its_way')).id, parameters: { '1': 'Elena', '2': '566702' }, headerLocation: place });
    expect(sent.status).toBe(201);
    await runPending(h);
    const wamid = graph.delivered.find((d) => d.body.biz_opaque_callback_data === sent.body.message.id)!.wamid;
    // A minute later, Meta's button message: the tapped quick reply, its context the template's WhatsApp id.
    clock.advance(60_000);
    await postWebhook(h, {
      object: 'whatsapp_business_account',
      entry: [{ id: '2000000000002', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { phone_number_id: graph.config.phoneNumberId }, contacts: [{ profile: { name: 'Elena' }, wa_id: '5511999990004' }],
        messages: [{ context: { from: '5511999990000', id: wamid }, from: '5511999990004', id: 'wamid.QUICKREPLY1', timestamp: String(Math.floor(clock.now().getTime() / 1000)), type: 'button', button: { payload: 'Stop updates', text: 'Stop updates' } }],
      } }] }],
    });
    await runPending(h);
    const messages = (await h.api(`/api/v1/conversations/${sent.body.conversation.id}/messages`, { token: agent })).body.items;
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['template', 'interactive']);
    expect(messages[1]).toMatchObject({ direction: 'inbound', text: 'Stop updates', interactive: { title: 'Stop updates' }, replyToId: sent.body.message.id });
    // The answer opens the 24-hour window like any reply to a template.
    expect((await h.api(`/api/v1/conversations/${sent.body.conversation.id}`, { token: agent })).body.state).toBe('open');
    await h.api(`/api/v1/conversations/${sent.body.conversation.id}/close`, { token: agent, body: {} });
  });
}, metaOptions(graph, clock));
