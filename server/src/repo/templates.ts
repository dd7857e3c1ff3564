import type { Template, TemplateListQuery } from '../../../shared/api/templates';
import { templateSendability } from '../../../shared/domain/template-params';
import type { Queryable } from '../db/db';
import type { ProviderTemplate } from '../providers/types';
import { isUuid } from './conversations';
import { containsPattern, isoRequired, SqlParams } from './rows';

interface TemplateRow {
  id: string;
  name: string;
  language: string;
  category: Template['category'];
  provider_category: string | null;
  status: Template['status'];
  quality: Template['quality'] | null;
  status_reason: string | null;
  parameter_format: Template['parameterFormat'];
  components: Template['components'] | string;
  examples: Record<string, string> | string;
  updated_at: Date;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** A stored template, marked sendable or not (with the reason) by the one rule in template-params. */
function toTemplate(row: TemplateRow): Template {
  const template: Template = {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    providerCategory: row.provider_category ?? null,
    status: row.status,
    quality: row.quality ?? null,
    statusReason: row.status_reason,
    parameterFormat: row.parameter_format,
    components: json(row.components),
    examples: json(row.examples),
    updatedAt: isoRequired(row.updated_at),
  };
  const { sendable, reason } = templateSendability(template);
  return { ...template, sendable, notSendableReason: reason };
}

export async function findTemplate(db: Queryable, id: string): Promise<Template | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<TemplateRow>('SELECT * FROM templates WHERE id = $1', [id]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

/** The provider's own id of one of our templates (Zenvia sends name templates by it), or null. */
export async function findTemplateProviderId(db: Queryable, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<{ provider_id: string | null }>('SELECT provider_id FROM templates WHERE id = $1', [id]);
  return rows[0]?.provider_id ?? null;
}

export async function countTemplates(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM templates');
  return rows[0]!.n;
}

/**
 * Sendable templates (APPROVED, with content we send correctly) unless a status (or ALL) is
 * asked for: then every template of that status, each marked sendable or not; `q` searches name and text.
 */
export async function listTemplates(db: Queryable, query: TemplateListQuery): Promise<Template[]> {
  const where: string[] = [];
  const p = new SqlParams();
  const param = (value: unknown) => p.add(value);
  const status = query.status ?? 'APPROVED';
  if (status !== 'ALL') where.push(`status = ${param(status)}`);
  if (query.language) where.push(`language = ${param(query.language)}`);
  if (query.category) where.push(`category = ${param(query.category)}`);
  if (query.q?.trim()) {
    const like = param(containsPattern(query.q.trim()));
    where.push(`(name ILIKE ${like} OR components::text ILIKE ${like})`);
  }
  const { rows } = await db.query<TemplateRow>(
    `SELECT * FROM templates ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, language LIMIT 10000`,
    p.values,
  );
  const templates = rows.map(toTemplate);
  return query.status ? templates : templates.filter((t) => t.sendable);
}

/** Inserts or updates by (name, language), Meta's unique key; untouched rows keep their updated_at. */
export async function upsertSyncedTemplate(db: Queryable, t: ProviderTemplate, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO templates (id, provider_id, name, language, category, status, status_reason, parameter_format, components, examples, updated_at,
                            provider_category, quality)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12)
     ON CONFLICT (name, language) DO UPDATE SET
       provider_id = EXCLUDED.provider_id, category = EXCLUDED.category, status = EXCLUDED.status,
       provider_category = EXCLUDED.provider_category, quality = COALESCE(EXCLUDED.quality, templates.quality),
       status_reason = CASE WHEN EXCLUDED.status = 'APPROVED' THEN NULL
                            WHEN EXCLUDED.status_reason IS NOT NULL THEN EXCLUDED.status_reason
                            WHEN templates.status = EXCLUDED.status THEN templates.status_reason END,
       parameter_format = EXCLUDED.parameter_format, components = EXCLUDED.components, examples = EXCLUDED.examples,
       updated_at = EXCLUDED.updated_at
     WHERE (templates.provider_id, templates.category, templates.status, templates.parameter_format, templates.components, templates.examples,
            templates.provider_category, COALESCE(EXCLUDED.quality, templates.quality))
       IS DISTINCT FROM (EXCLUDED.provider_id, EXCLUDED.category, EXCLUDED.status, EXCLUDED.parameter_format, EXCLUDED.components, EXCLUDED.examples,
            EXCLUDED.provider_category, templates.quality)`,
    [t.providerId, t.name, t.language, t.category, t.status, t.statusReason, t.parameterFormat, JSON.stringify(t.components), JSON.stringify(t.examples), now,
      t.providerCategory ?? null, t.quality ?? null],
  );
}

/** Templates the provider no longer lists become DELETED (never sendable); returns how many changed. */
export async function markUnlistedTemplatesDeleted(db: Queryable, listed: { name: string; language: string }[], now: Date): Promise<number> {
  const { rows } = await db.query(
    `UPDATE templates SET status = 'DELETED', status_reason = $3, updated_at = $4
     WHERE status <> 'DELETED' AND NOT EXISTS (
       SELECT 1 FROM unnest($1::text[], $2::text[]) AS l(name, language) WHERE l.name = templates.name AND l.language = templates.language)
     RETURNING id`,
    [listed.map((t) => t.name), listed.map((t) => t.language), 'WhatsApp no longer lists this template (last template sync).', now],
  );
  return rows.length;
}

/**
 * A status change the provider announced for one template (by its id, or by name and language
 * for a row synced before it had one). `status` null keeps the status and only records the reason.
 * Returns false when no stored template matches.
 */
export async function setTemplateStatus(
  db: Queryable,
  match: { providerId: string; name?: string; language?: string },
  status: Template['status'] | null,
  reason: string | null,
  now: Date,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE templates SET provider_id = $1, status = COALESCE($2, status),
       status_reason = CASE WHEN COALESCE($2, status) = 'APPROVED' AND $3::text IS NULL THEN NULL ELSE COALESCE($3, status_reason) END,
       updated_at = $4
     WHERE provider_id = $1 OR (provider_id IS DISTINCT FROM $1 AND name = $5 AND language = $6)
     RETURNING id`,
    [match.providerId, status, reason, now, match.name ?? null, match.language ?? null],
  );
  return rows.length > 0;
}

const MATCH = 'provider_id = $1 OR (provider_id IS DISTINCT FROM $1 AND name = $2 AND language = $3)';

/** The stored templates a webhook names (by the provider's id, or name and language), locked for a change. */
export async function findTemplatesForUpdate(db: Queryable, match: { providerId: string; name?: string; language?: string }): Promise<Template[]> {
  const { rows } = await db.query<TemplateRow>(`SELECT * FROM templates WHERE ${MATCH} ORDER BY id FOR UPDATE`, [
    match.providerId, match.name ?? null, match.language ?? null,
  ]);
  return rows.map(toTemplate);
}

/** A category, quality or content change WhatsApp announced for one template (by our id); null fields keep theirs. */
export async function updateTemplateDefinition(
  db: Queryable,
  id: string,
  change: { providerId: string; category?: Template['category']; providerCategory?: string | null; quality?: Template['quality']; components?: Template['components'] },
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE templates SET provider_id = $2, category = COALESCE($3, category),
       provider_category = CASE WHEN $3::text IS NULL THEN provider_category ELSE $4 END,
       quality = COALESCE($5, quality), components = COALESCE($6::jsonb, components), updated_at = $7
     WHERE id = $1`,
    [id, change.providerId, change.category ?? null, change.providerCategory ?? null, change.quality ?? null,
      change.components ? JSON.stringify(change.components) : null, now],
  );
}

/** Sets the status of one of our templates by our id (e.g. WhatsApp refused a send as paused). */
export async function setTemplateStatusById(db: Queryable, id: string, status: Template['status'], reason: string, now: Date): Promise<void> {
  await db.query('UPDATE templates SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1', [id, status, reason, now]);
}

/** The template an outbound message was sent with, when WhatsApp reports it paused or disabled afterwards. */
export async function setTemplateStatusOfMessage(db: Queryable, messageId: string, status: Template['status'], reason: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE templates t SET status = $2, status_reason = $3, updated_at = $4 FROM messages m
     WHERE m.id = $1 AND t.name = m.template_name AND t.language = m.template_language AND t.status = 'APPROVED'`,
    [messageId, status, reason, now],
  );
}
