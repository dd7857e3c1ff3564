/**
 * Meta's published message schema (meta-message-schema.json: components.schemas.Message of
 * facebook/openapi business-messaging-api_v23.0.yaml, MIT, as extracted in its $comment) as a
 * validator, for every body the server sends to `POST /{phone-number-id}/messages` in tests (the
 * fake Graph API refuses what does not match). Two fields Meta documents but left out of that
 * file are added here, and only these: `biz_opaque_callback_data` on every message (Cloud API
 * messages reference: tracking data, at most 512 characters) and the `copy_code` button sub-type
 * (template messages, "Copy code button"). The schema leaves component parameters open;
 * graph-schema.ts checks those, so a body passes only when it satisfies both.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'meta-message-schema.json'), 'utf8'));
schema.$defs.BaseMessageProperties.properties.biz_opaque_callback_data = { type: 'string', maxLength: 512 };
schema.$defs.TemplateComponent.properties.sub_type.enum.push('copy_code');

// `discriminator` with a mapping and `example` are OpenAPI words JSON Schema validators skip (strict off).
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
ajv.addFormat('url', (s: string) => /^https?:\/\/\S+$/.test(s));
ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s));
ajv.addFormat('email', (s: string) => /^[^\s@]+@[^\s@]+$/.test(s));
ajv.addFormat('date', (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s));
const whole = ajv.compile(schema);
/** One validator per message type (the schema's discriminator mapping), for errors about the body's own type only. */
const byType = new Map(
  Object.entries(schema.$defs.Message.discriminator.mapping as Record<string, string>).map(([type, ref]) => [type, ajv.compile({ ...schema, $ref: ref })]),
);

/** Why a body does not match Meta's published message schema, or null when it does. */
export function publishedSchemaProblems(body: unknown): string | null {
  if (whole(body)) return null;
  const branch = byType.get(String((body as { type?: unknown } | null)?.type));
  if (!branch) return `/type is not a message type Meta lists (${[...byType.keys()].join(', ')})`;
  branch(body);
  return (branch.errors ?? whole.errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message}${'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`)
    .join('; ');
}
