/**
 * The database writes messages as JSON text (message_json_text and attachment_json_text, migration
 * 017) for the events it writes itself and for every message the API reads. The text is put
 * together by hand, so it is held here to the object the jsonb builders of migrations 009 and 013
 * gave, field by field, for messages with every optional part and every character JSON escapes.
 */
import { expect, it } from 'vitest';
import { Message } from '../../shared/api/schemas';
import { conversationOf, describeOnEachDatabase } from './harness';

/** Migration 013's message_json, as it was: the reference the text must equal. */
const REFERENCE = `jsonb_build_object(
    'id', m.id, 'conversationId', m.conversation_id, 'direction', m.direction, 'kind', m.kind,
    'template', CASE WHEN m.template_name IS NULL THEN NULL ELSE jsonb_build_object('name', m.template_name, 'language', COALESCE(m.template_language, '')) END,
    'text', m.text, 'status', m.status,
    'error', CASE WHEN m.error_code IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object(
      'code', m.error_code, 'message', COALESCE(m.error_message, ''), 'title', m.error_title, 'details', m.error_details)) END,
    'author', CASE WHEN m.author_id IS NULL THEN NULL ELSE jsonb_build_object('id', m.author_id, 'name', COALESCE(u.name, '')) END,
    'createdAt', iso_ms(m.created_at),
    'attachments', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'type', a.type, 'mimeType', a.mime_type, 'fileName', a.file_name,
      'size', a.size, 'state', a.state, 'voice', a.voice)) FROM attachments a WHERE a.id = m.attachment_id), '[]'::jsonb),
    'reactions', m.reactions, 'replyToId', m.reply_to_id, 'editedAt', iso_ms(m.edited_at),
    'location', m.content->'location', 'contacts', m.content->'contacts', 'interactive', m.content->'interactive', 'order', m.content->'order',
    'assignment', m.content->'assignment')`;

const TEXT = `message_json_text(m, u.name, COALESCE((SELECT '[' || string_agg(attachment_json_text(a), ',') || ']' FROM attachments a WHERE a.id = m.attachment_id), '[]'))`;

describeOnEachDatabase('messages built by the database as JSON text', (h) => {
  it('equal the jsonb object they replace, for every kind of message, whatever the text holds', async () => {
    const agent = await h.login('agent@demo.test');
    const conversation = await conversationOf(h, agent, 'Bruno Costa');
    const hostile = 'aspas "x", barra \\ e /, linha\nnova, tab\t, sino \u0007, \u00e7\u00e3o, 😀, </script>';
    const db = h.server.db;
    const { rows: [user] } = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'agent@demo.test'`);
    await db.query(
      `INSERT INTO attachments (id, type, mime_type, file_name, size, sha256, voice, state, created_at)
       VALUES ('00000000-0000-4000-8000-0000000000a1', 'document', 'application/pdf; name="x"', $1, 1234, NULL, false, 'ready', now()),
              ('00000000-0000-4000-8000-0000000000a2', 'audio', 'audio/ogg', NULL, NULL, NULL, true, 'pending', now())`,
      [hostile],
    );
    const insert = (id: string, columns: string, values: string, params: unknown[] = []) =>
      db.query(
        `INSERT INTO messages (id, conversation_id, direction, kind, text, status, created_at, ${columns})
         VALUES ('${id}', $1, 'outbound', 'text', $2, 'sent', now(), ${values})`,
        [conversation.id, hostile, ...params],
      );
    await insert('00000000-0000-4000-8000-000000000001', 'error_code, error_message, error_title', `'WHATSAPP_X', $3, $3`, [hostile]);
    await insert('00000000-0000-4000-8000-000000000002', 'error_code, error_details', `'WHATSAPP_Y', $3`, [hostile]);
    await insert('00000000-0000-4000-8000-000000000003', 'template_name, template_language, author_id', `$3, NULL, $4`, [hostile, user!.id]);
    await insert('00000000-0000-4000-8000-000000000004', 'attachment_id, reactions, reply_to_id, edited_at',
      `'00000000-0000-4000-8000-0000000000a1', $3::jsonb, '00000000-0000-4000-8000-000000000001', now()`,
      [JSON.stringify([{ emoji: '👍', direction: 'inbound', at: '2026-01-01T00:00:00.000Z' }])]);
    await insert('00000000-0000-4000-8000-000000000005', 'attachment_id, content', `'00000000-0000-4000-8000-0000000000a2', $3::jsonb`, [JSON.stringify({
      location: { latitude: -23.5, longitude: -46.6, name: hostile },
      contacts: [{ name: hostile, phones: ['+5511999990000'] }],
      interactive: { type: 'button_reply', id: 'b1', title: hostile },
      order: { catalogId: 'c', items: [{ productId: 'p', quantity: 2, price: 9.5, currency: 'BRL' }] },
      assignment: { assignee: null, by: { id: user!.id, name: hostile } },
    })]);

    const { rows } = await db.query<{ id: string; text: string; same: boolean }>(
      `SELECT m.id, ${TEXT} AS text, ${TEXT}::jsonb = ${REFERENCE} AS same
       FROM messages m LEFT JOIN users u ON u.id = m.author_id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.id.startsWith('00000000-0000-4000-8000-00000000000'))).toHaveLength(5);
    for (const row of rows) {
      expect(row.same, `${row.id}: ${row.text}`).toBe(true);
      const parsed = JSON.parse(row.text);
      // (The fifth holds structured content made up for this test, not the API's shapes.)
      if (!row.id.endsWith('000005')) expect(Message.parse(parsed)).toEqual(parsed);
    }
    const full = JSON.parse(rows.find((r) => r.id.endsWith('000004'))!.text);
    expect(full.attachments[0].fileName).toBe(hostile);
    expect(full.text).toBe(hostile);
    expect(JSON.parse(rows.find((r) => r.id.endsWith('000002'))!.text).error).toEqual({ code: 'WHATSAPP_Y', message: '', details: hostile });
  });
});
