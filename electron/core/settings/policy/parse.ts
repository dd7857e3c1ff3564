import { z } from 'zod';
import { SETTING_KEYS, Settings, type SettingKey } from '../../../../shared/ipc/settings';

type Problem = (key: string, message: string) => void;

/** Keeps each known key whose value is valid on its own; reports the others. */
export function validKeys(raw: unknown, problem: Problem = () => undefined): Partial<Settings> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) {
      problem(key, 'unknown key');
      continue;
    }
    const parsed = Settings.shape[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else problem(key, z.prettifyError(parsed.error).replace(/\s+/g, ' '));
  }
  return out as Partial<Settings>;
}

/**
 * Policy values arrive as the platform stores them: JSON types from the Linux file, DWORDs and
 * strings from the registry, plist types on macOS. Booleans may be 0/1 or "true"/"false",
 * numbers may be strings, lists may be "60,15,5" or "https://a.example, https://*.b.example"
 * (an empty string is an empty list). Invalid keys are ignored (and reported), never
 * fatal: a typo in a policy must not stop the app.
 */
export function coercePolicy(raw: Record<string, unknown>, problem: Problem): Partial<Settings> {
  const coerced: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) {
      problem(key, 'unknown key');
      continue;
    }
    coerced[key] = coerce(Settings.shape[key], value);
  }
  return validKeys(coerced, problem);
}

function coerce(schema: z.ZodType, value: unknown): unknown {
  const kind = schema instanceof z.ZodBoolean ? 'boolean' : schema instanceof z.ZodNumber ? 'number' : schema instanceof z.ZodArray ? 'list' : 'other';
  if (kind === 'boolean') {
    if (value === 1 || value === '1' || value === 'true') return true;
    if (value === 0 || value === '0' || value === 'false') return false;
  }
  if (kind === 'number' && typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  if (kind === 'list' && typeof value === 'string') {
    if (value.trim() === '') return []; // e.g. no trusted link origins, locked
    return value.split(',').map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : part.trim()));
  }
  return value;
}

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as string[]).includes(key);
}
