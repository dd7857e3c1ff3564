import { isErrorCode, type ErrorCode } from '../../shared/api/errors';
import { Problem } from '../../shared/api/schemas';
import type { AppError } from '../../shared/ipc/contract';

/** A failure the UI can explain: carries the stable code it translates. */
export class ApiError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'ApiError';
  }

  static of(code: ErrorCode, message: string, extra: Partial<AppError> = {}): ApiError {
    return new ApiError({ code, message, ...extra });
  }

  get code(): ErrorCode {
    return this.appError.code;
  }
}

/** Maps a problem+json body (or anything else the server said) to an ApiError. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const problem = Problem.safeParse(body);
  if (problem.success) {
    return ApiError.of(problem.data.code, problem.data.detail ?? problem.data.code, {
      status: response.status,
      fields: problem.data.errors,
      retryAt: problem.data.retryAt ?? null,
      ...(problem.data.assignee ? { assignee: problem.data.assignee } : {}),
    });
  }
  const code: ErrorCode = response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'UNKNOWN';
  return ApiError.of(code, `The server answered ${response.status} without a problem body.`, { status: response.status });
}

/** Whatever was thrown, as the AppError the renderer gets (never a stack trace). */
export function toAppError(error: unknown): AppError {
  if (error instanceof ApiError) return error.appError;
  const code = (error as { code?: unknown } | null)?.code;
  if (isErrorCode(code)) return { code, message: String((error as Error).message ?? code) };
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}
