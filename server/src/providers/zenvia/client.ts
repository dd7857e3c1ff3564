/**
 * A small Zenvia API v2 client over Node's fetch (whatsapp-protocol.md §2.1). The token travels
 * only in the `X-API-TOKEN` header and only to the configured API's origin; no error message this
 * client makes contains it. Errors keep Zenvia's `{code, message, details[]}` for the agent.
 */
import { BEFORE_CONNECT, causeCode, retryAfterMs } from '../network';
import { redactSecrets, type ZenviaConfig } from './config';

export interface ZenviaErrorInfo {
  /** `api`: Zenvia answered with an error; `network`/`timeout`: no answer; `bad_response`: unreadable answer. */
  kind: 'api' | 'network' | 'timeout' | 'bad_response';
  httpStatus: number | null;
  /** Zenvia's code: VALIDATION_ERROR, AUTHENTICATION_ERROR, NOT_FOUND, DUPLICATED, INTERNAL_ERROR... */
  code: string | null;
  /** Zenvia's own sentence. */
  message: string | null;
  /** Zenvia's `details[]`, each as `path: message`. */
  details: string[];
  retryAfterMs: number | null;
  /** The request may have reached Zenvia: no answer came back after it was sent. */
  maybeDelivered: boolean;
}

export class ZenviaError extends Error {
  constructor(
    message: string,
    readonly info: ZenviaErrorInfo,
  ) {
    super(message);
    this.name = 'ZenviaError';
  }
}

const noAnswer = (kind: ZenviaErrorInfo['kind'], maybeDelivered = false): ZenviaErrorInfo => ({
  kind, httpStatus: null, code: null, message: null, details: [], retryAfterMs: null, maybeDelivered,
});

export interface ZenviaClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ZenviaResponse<T> {
  body: T;
  headers: Headers;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class ZenviaClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly origin: string;

  constructor(
    private readonly config: ZenviaConfig,
    options: ZenviaClientOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.origin = new URL(config.apiUrl).origin;
  }

  /** `{apiUrl}/{path}?query`. */
  url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(`${this.config.apiUrl}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  get<T>(path: string, query: Record<string, string> = {}): Promise<ZenviaResponse<T>> {
    return this.request<T>('GET', path, this.url(path, query));
  }

  post<T>(path: string, body: unknown): Promise<ZenviaResponse<T>> {
    return this.request<T>('POST', path, this.url(path), body);
  }

  delete(path: string): Promise<ZenviaResponse<unknown>> {
    return this.request('DELETE', path, this.url(path));
  }

  private async request<T>(method: Method, path: string, url: string, body?: unknown): Promise<ZenviaResponse<T>> {
    const what = `Zenvia API ${method} /${path.replace(/^\/+/, '').split('?')[0]}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          'x-api-token': this.config.apiToken,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const timeout = (error as { name?: string }).name === 'TimeoutError';
      const code = causeCode(error);
      const sent = method !== 'GET' && !(code && BEFORE_CONNECT.has(code));
      throw new ZenviaError(`${what}: ${timeout ? `no answer within ${this.timeoutMs} ms` : `network error (${code ?? 'unknown'})`}`, noAnswer(timeout ? 'timeout' : 'network', sent));
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined) return { body: json as T, headers: response.headers };
    const error = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    const clean = (v: unknown) => (typeof v === 'string' && v ? redactSecrets(this.config, v).slice(0, 500) : null);
    const details = (Array.isArray(error.details) ? error.details : []).flatMap((d) => {
      const detail = d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
      const message = clean(detail.message) ?? clean(detail.code);
      return message ? [clean(detail.path) ? `${clean(detail.path)}: ${message}` : message] : [];
    }).slice(0, 20);
    const info: ZenviaErrorInfo = {
      kind: response.ok ? 'bad_response' : 'api',
      httpStatus: response.status,
      code: clean(error.code),
      message: clean(error.message),
      details,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      // A 2xx we cannot read: Zenvia took the request.
      maybeDelivered: response.ok && method !== 'GET',
    };
    const summary = info.message ?? (response.ok ? 'unreadable answer' : `HTTP ${response.status}`);
    throw new ZenviaError(`${what}: ${info.code ? `${info.code}: ` : ''}${summary}${details.length ? ` (${details.join('; ')})` : ''}`, info);
  }

  /**
   * The bytes of a file a customer sent (`fileUrl` of a `file` content). The token goes along only
   * when the file is on the API's own origin, never to another host (and not across a redirect
   * there); more than `maxBytes` is refused.
   */
  async download(fileUrl: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string | null }> {
    const what = 'Zenvia file download';
    let url: URL;
    try {
      url = new URL(fileUrl);
    } catch {
      throw new ZenviaError(`${what}: not a URL`, noAnswer('bad_response'));
    }
    for (let hop = 0; hop < 4; hop++) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ZenviaError(`${what}: not an http(s) URL`, noAnswer('bad_response'));
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          headers: url.origin === this.origin ? { 'x-api-token': this.config.apiToken } : {},
          signal: AbortSignal.timeout(this.timeoutMs * 4),
          redirect: 'manual',
        });
      } catch (error) {
        const timeout = (error as { name?: string }).name === 'TimeoutError';
        throw new ZenviaError(`${what}: ${timeout ? 'no answer in time' : `network error (${causeCode(error) ?? 'unknown'})`}`, noAnswer(timeout ? 'timeout' : 'network'));
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => undefined);
        url = new URL(location, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new ZenviaError(`${what}: HTTP ${response.status}`, { ...noAnswer('api'), httpStatus: response.status });
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new ZenviaError(`${what}: ${declared} bytes is more than WhatsApp media may be`, noAnswer('bad_response'));
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > maxBytes) throw new ZenviaError(`${what}: ${bytes.length} bytes is more than WhatsApp media may be`, noAnswer('bad_response'));
      return { bytes, contentType: response.headers.get('content-type') };
    }
    throw new ZenviaError(`${what}: too many redirects`, noAnswer('bad_response'));
  }
}
