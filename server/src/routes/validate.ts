import type { z } from 'zod';
import { ProblemError } from '../errors';
import { isUuid } from '../repo/conversations';

/** Parses a body or query with its contract schema; a mismatch is a 400 listing each field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ProblemError('VALIDATION_FAILED', 'The request does not match the API contract.', {
    errors: result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message })),
  });
}

/** An id from the path: anything that cannot be one of ours is simply not found. */
export function idParam(params: unknown, what: string): string {
  const id = (params as { id?: string }).id ?? '';
  if (!isUuid(id)) throw new ProblemError('NOT_FOUND', `No such ${what}.`);
  return id;
}
