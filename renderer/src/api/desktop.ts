import type { AppError, DesktopApi, Result } from '../../../shared/ipc/contract';
import { observeServerTime } from '../state/serverClock';

declare global {
  interface Window {
    api: DesktopApi;
  }
}

/** A failure from the core, with the code the UI translates. */
export class DesktopError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'DesktopError';
  }
}

/** Unwraps the Result envelope of a `window.api` call: data, or a thrown DesktopError. */
export async function call<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (result.ok) {
    observeServerTime(result.data);
    return result.data;
  }
  throw new DesktopError(result.error);
}

export const api = (): DesktopApi => window.api;

export function appErrorOf(error: unknown): AppError {
  if (error instanceof DesktopError) return error.appError;
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}
