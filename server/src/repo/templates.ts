import type { Template, TemplateListQuery } from '../../../shared/api/templates';
import type { Queryable } from '../db/db';
import { isUuid } from './conversations';
import { containsPattern, isoRequired, SqlParams } from './rows';

interface TemplateRow {
  id: string;
  name: string;
  language: string;
  category: Template['category'];
  status: Template['status'];
  status_reason: string | null;
  parameter_format: Template['parameterFormat'];
  components: Template['components'] | string;
  examples: Record<string, string> | string;
  updated_at: Date;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function toTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    statusReason: row.status_reason,
    parameterFormat: row.parameter_format,
    components: json(row.components),
    examples: json(row.examples),
    updatedAt: isoRequired(row.updated_at),
  };
}

export async function findTemplate(db: Queryable, id: string): Promise<Template | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<TemplateRow>('SELECT * FROM templates WHERE id = $1', [id]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

/** Sendable (APPROVED) templates unless a status (or ALL) is asked for; `q` searches name and text. */
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
  return rows.map(toTemplate);
}
