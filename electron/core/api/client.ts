import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { ApiError, errorFromResponse } from '../errors';

export interface TokenSource {
  /** The current access token, or null when signed out. */
  accessToken(): string | null;
  /** Gets a new access token (one refresh shared by all callers); throws SESSION_EXPIRED. */
  refresh(): Promise<string>;
}

export interface RequestOptions {
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  headers?: Record<string, string>;
  /** Send without a bearer token (login, refresh). */
  anonymous?: boolean;
  /** A body other than JSON (an upload's FormData, a CSV file's text); replayable, so the 401 retry can resend it. */
  body?: FormData | string;
  onUploadProgress?: (loaded: number, total: number) => void;
  /** Milliseconds; large uploads and downloads need more than the default. */
  timeoutMs?: number;
}

const TIMEOUT_MS = 15_000;

/**
 * The HTTP client for the helpdesk API: bearer token, exactly one refresh and retry on 401,
 * retries with backoff for GETs only (never a POST that might have been applied), a timeout, and
 * problem+json mapped to ApiError. Responses are validated against the shared contract.
 */
export class ApiClient {
  private readonly http: KyInstance;

  constructor(
    readonly serverUrl: string,
    private readonly tokens: TokenSource,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.http = ky.create({
      prefix: `${serverUrl.replace(/\/+$/, '')}/api/v1`,
      timeout: TIMEOUT_MS,
      throwHttpErrors: false,
      fetch: fetchImpl,
      retry: { limit: 2, methods: ['get'], statusCodes: [502, 503, 504], backoffLimit: 3_000, retryOnTimeout: false },
    });
  }

  get<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
    return this.request('get', path, schema, options);
  }

  post<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
    return this.request('post', path, schema, options);
  }

  /**
   * A POST that is safe to repeat because the server deduplicates it by `Idempotency-Key`: on a
   * network failure, a timeout or a 502/503/504 it is retried with the same key, so it is never
   * lost and never applied twice.
   */
  async postIdempotent<S extends z.ZodType>(path: string, schema: S, key: string, json: unknown, attempts = 4): Promise<z.infer<S>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request('post', path, schema, { json, headers: { 'idempotency-key': key } });
      } catch (error) {
        const transient = error instanceof ApiError && (['NETWORK_ERROR', 'TIMEOUT', 'SERVICE_UNAVAILABLE'] as string[]).includes(error.code);
        if (!transient || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(4_000, 250 * 2 ** attempt)));
      }
    }
  }

  /** For calls whose answer has no body (204). */
  async send(method: 'post' | 'delete', path: string, options: RequestOptions = {}): Promise<void> {
    await this.raw(method, path, options);
  }

  /** A GET whose answer is text (a CSV report); errors as for any call. */
  async getText(path: string, options: RequestOptions = {}): Promise<string> {
    return (await this.raw('get', path, options)).text();
  }

  /** A GET whose answer is bytes (attachment content), not JSON; errors as for any call. */
  async getBytes(path: string, options: RequestOptions = {}): Promise<Response> {
    return this.raw('get', path, options);
  }

  async request<S extends z.ZodType>(method: 'get' | 'post' | 'patch' | 'put', path: string, schema: S, options: RequestOptions): Promise<z.infer<S>> {
    const response = await this.raw(method, path, options);
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw ApiError.of('UNKNOWN', `Unexpected answer from ${method.toUpperCase()} ${path}: ${parsed.error.message}`);
    return parsed.data;
  }

  private async raw(method: string, path: string, options: RequestOptions): Promise<Response> {
    let response = await this.attempt(method, path, options, options.anonymous ? null : this.tokens.accessToken());
    if (response.status === 401 && !options.anonymous) {
      const problem = await errorFromResponse(response.clone());
      if (problem.code === 'UNAUTHENTICATED') {
        response = await this.attempt(method, path, options, await this.tokens.refresh());
      }
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  private async attempt(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const searchParams: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.searchParams ?? {})) {
      if (value !== undefined) searchParams[key] = String(value);
    }
    try {
      return await this.http(path.replace(/^\//, ''), {
        method,
        json: options.json,
        body: options.body,
        searchParams,
        headers: { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
        ...(options.onUploadProgress
          ? { onUploadProgress: (progress: { transferredBytes: number; totalBytes: number }) => options.onUploadProgress!(progress.transferredBytes, progress.totalBytes) }
          : {}),
      });
    } catch (error) {
      if (isTimeoutError(error)) throw ApiError.of('TIMEOUT', `The server at ${this.serverUrl} did not answer in time.`);
      if (isNetworkError(error) || error instanceof TypeError) {
        throw ApiError.of('NETWORK_ERROR', `Cannot reach the server at ${this.serverUrl}.`);
      }
      throw error;
    }
  }
}
