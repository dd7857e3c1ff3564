/**
 * Bad input answers 4xx problem+json with a code, never 500, and a refused request changes no
 * stored data (issue 13). Query filters holding NUL are refused; text a person typed is kept
 * without the NUL (as WhatsApp text is).
 */
import { expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from './harness';

/** What a request could add; not `events` or `outbox`, which the sandbox's delivery of earlier sends still moves. */
const TABLES = ['messages', 'conversations', 'tickets', 'ticket_timeline', 'idempotency_keys', 'interactions', 'contacts', 'attachments'];

async function snapshot(h: Harness): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await h.server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describeOnEachDatabase('bad input: 4xx with a code, never 500', (h) => {
  /** The request is refused with `status` and `code` as problem+json, and nothing stored changed. */
  async function refused(path: string, init: Parameters<Harness['api']>[1], status: number, code: string) {
    const before = await snapshot(h);
    const response = await h.api(path, init);
    expect({ path, status: response.status, code: response.body?.code }).toEqual({ path, status, code });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await snapshot(h)).toEqual(before);
    return response.body;
  }

  it('refuses a NUL character in the search of conversations, contacts, templates and tickets', async () => {
    const token = await h.login('agent@demo.test');
    for (const list of ['conversations', 'contacts', 'templates', 'tickets']) {
      const body = await refused(`/api/v1/${list}?q=${encodeURIComponent('Bruno\u0000')}`, { token }, 400, 'VALIDATION_FAILED');
      expect(body.errors).toEqual([{ path: 'q', message: expect.stringMatching(/NUL/) }]);
    }
    // Other query strings are refused the same way.
    await refused(`/api/v1/templates?language=${encodeURIComponent('es\u0000')}`, { token }, 400, 'VALIDATION_FAILED');
    await refused(`/api/v1/tickets?assignee=${encodeURIComponent('\u0000')}`, { token }, 400, 'VALIDATION_FAILED');
    // Still found without it.
    expect((await h.api('/api/v1/contacts?q=Bruno', { token })).body.items.map((c: { name: string }) => c.name)).toEqual(['Bruno Costa']);
  });

  it('keeps free text, sandbox customer text, ticket notes and template parameters without their NUL', async () => {
    const agent = await h.login('agent@demo.test');
    const admin = await h.login('admin@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');

    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'Olá\u0000 Bruno' } });
    expect(sent.status).toBe(201);
    expect(sent.body.message.text).toBe('Olá Bruno');
    await refused(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: '\u0000\u0000' } }, 400, 'VALIDATION_FAILED');

    const customer = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990001', text: 'oi\u0000 tudo bem' } });
    expect(customer.status).toBe(201);
    const messages = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent });
    expect(messages.body.items.at(-1).text).toBe('oi tudo bem');

    const tickets = await h.api('/api/v1/tickets', { token: agent });
    const ticket = tickets.body.items[0];
    const note = await h.api(`/api/v1/tickets/${ticket.id}/notes`, { token: agent, body: { text: 'ligar\u0000 amanhã' } });
    expect(note.status).toBe(201);
    expect(note.body.timeline.at(-1).body).toEqual({ text: 'ligar amanhã' });
    await refused(`/api/v1/tickets/${ticket.id}/notes`, { token: agent, body: { text: '\u0000' } }, 400, 'VALIDATION_FAILED');

    const elena = await contactOf(h, agent, 'Elena Souza');
    const templates = await h.api('/api/v1/templates?q=order_update&language=pt_BR', { token: agent });
    const order = templates.body.items[0];
    const send = await h.api('/api/v1/template-sends', {
      token: agent,
      headers: { 'idempotency-key': 'bad-input-nul-1' },
      body: { contactId: elena.id, templateId: order.id, parameters: { '1': 'Ele\u0000na', '2': 'A-\u00001' }, maxWaitMinutes: 60 },
    });
    expect(send.status).toBe(201);
    expect(send.body.message.text).toContain('Elena');
    expect(send.body.message.text).toContain('A-1');
    expect(send.body.message.text).not.toContain('\u0000');
  });

  it('refuses cursors that decode to a non-UUID id or a time that is not a date', async () => {
    const token = await h.login('agent@demo.test');
    const someId = (await h.api('/api/v1/conversations', { token })).body.items[0].id;
    const bad = [
      cursorOf({ t: '2026-01-01T00:00:00.000Z', id: 'abc' }),
      cursorOf({ t: '2026-01-01T00:00:00.000Z', id: 'x\u0000' }),
      cursorOf({ t: 'yesterday', id: someId }),
      cursorOf({ t: '5', id: someId }),
      cursorOf({ t: '0000-01-01T00:00:00Z', id: someId }),
      cursorOf({ t: 42, id: someId }),
      cursorOf([]),
      cursorOf(null),
      'not base64 at all!',
    ];
    for (const list of ['conversations', 'tickets']) {
      for (const cursor of bad) {
        const body = await refused(`/api/v1/${list}?cursor=${encodeURIComponent(cursor)}`, { token }, 400, 'VALIDATION_FAILED');
        expect(body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
      }
    }
    // A cursor the server gave out still pages.
    const page1 = await h.api('/api/v1/conversations?limit=1', { token });
    expect((await h.api(`/api/v1/conversations?limit=1&cursor=${page1.body.nextCursor}`, { token })).status).toBe(200);
    const tickets1 = await h.api('/api/v1/tickets?limit=1', { token });
    expect((await h.api(`/api/v1/tickets?limit=1&cursor=${tickets1.body.nextCursor}`, { token })).status).toBe(200);
  });

  it('refuses a message page before something that is not a message id', async () => {
    const token = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, token, 'Bruno Costa');
    for (const before of ['abc', '\u0000', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g']) {
      const body = await refused(`/api/v1/conversations/${bruno.id}/messages?before=${encodeURIComponent(before)}`, { token }, 400, 'VALIDATION_FAILED');
      expect(body.errors[0].path).toBe('before');
    }
    const all = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token });
    const last = all.body.items.at(-1);
    const older = await h.api(`/api/v1/conversations/${bruno.id}/messages?before=${last.id}`, { token });
    expect(older.status).toBe(200);
    expect(older.body.items.map((m: { id: string }) => m.id)).toEqual(all.body.items.slice(0, -1).map((m: { id: string }) => m.id));
  });

  it('refuses consumption dates out of the calendar the database keeps', async () => {
    const token = await h.login('supervisor@demo.test');
    for (const query of ['from=0000-01-01', 'from=0000-01-01&to=0000-06-01', 'to=99999-01-01', 'from=-000001-01-01', 'from=1969-12-31', 'to=2026-01-01T00:00:00+99:00']) {
      await refused(`/api/v1/consumption?${query}`, { token }, 400, 'VALIDATION_FAILED');
    }
    expect((await h.api('/api/v1/consumption?from=2026-01-01&to=2026-02-01', { token })).status).toBe(200);
  });

  it('refuses a Last-Event-ID that is not an event sequence number, before any stream opens', async () => {
    const token = await h.login('agent@demo.test');
    for (const id of ['99999999999999999999', '-1', '1e3', 'abc', '12abc']) {
      const response = await fetch(`${h.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': id } });
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    }
    // A sane one (and none) still opens the stream.
    const controller = new AbortController();
    const ok = await fetch(`${h.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' }, signal: controller.signal });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });

  it('refuses a multipart upload it cannot read (no boundary, a form that ends early)', async () => {
    const token = await h.login('agent@demo.test');
    const part = '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello';
    const cases: [string, string][] = [
      ['multipart/form-data', '{}'],
      ['multipart/form-data; boundary=', part],
      ['multipart/form-data; boundary=zz', '{}'],
      ['multipart/form-data; boundary=zz', part],
    ];
    for (const [contentType, body] of cases) {
      const before = await snapshot(h);
      const response = await fetch(`${h.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
      expect({ contentType, body, status: response.status }).toEqual({ contentType, body, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
      expect(await snapshot(h)).toEqual(before);
    }
    // A whole form still uploads.
    const whole = await fetch(`${h.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=zz' }, body: `${part}\r\n--zz--\r\n` });
    expect(whole.status).toBe(201);
  });

  it('answers unknown or malformed ids in paths as not found', async () => {
    const token = await h.login('agent@demo.test');
    for (const id of ['abc', encodeURIComponent('\u0000'), '00000000-0000-4000-8000-000000000000', encodeURIComponent("' OR 1=1 --")]) {
      await refused(`/api/v1/conversations/${id}`, { token }, 404, 'NOT_FOUND');
      await refused(`/api/v1/tickets/${id}`, { token }, 404, 'NOT_FOUND');
      await refused(`/api/v1/contacts/${id}`, { token }, 404, 'NOT_FOUND');
    }
  });
});
