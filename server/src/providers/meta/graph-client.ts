/**
 * A small Graph API client over Node's fetch. The access token travels only in the
 * Authorization header, never in a URL, and no error message this client makes contains it.
 */
import { BEFORE_CONNECT, causeCode, retryAfterMs } from '../network';
import { redactSecrets, type MetaConfig } from './config';

export interface GraphErrorInfo {
  /** `api`: Meta answered with an error; `network`/`timeout`: no answer; `bad_response`: unreadable answer. */
  kind: 'api' | 'network' | 'timeout' | 'bad_response';
  httpStatus: number | null;
  code: number | null;
  subcode: number | null;
  details: string | null;
  fbtraceId: string | null;
  retryAfterMs: number | null;
  /** The request may have reached Meta: no answer came back after it was sent. */
  maybeDelivered: boolean;
}

export class GraphError extends Error {
  constructor(
    message: string,
    readonly info: GraphErrorInfo,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

const badResponse = (): GraphErrorInfo => ({
  kind: 'bad_response', httpStatus: null, code: null, subcode: null, details: null, fbtraceId: null, retryAfterMs: null, maybeDelivered: false,
});

export interface GraphClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class GraphClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: MetaConfig,
    options: GraphClientOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** `{graph}/{version}/{path}?query`. */
  url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(`${this.config.graphUrl}/${this.config.apiVersion}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.request<T>('GET', path, this.url(path, query));
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, this.url(path), body);
  }

  /**
   * A multipart POST (media uploads): `bytes` long, so it is given the usual time plus a second
   * per 256 KB (a 100 MB document may take minutes on a slow uplink; the usual time would cut it).
   */
  postForm<T>(path: string, form: FormData, bytes = 0): Promise<T> {
    return this.request<T>('POST', path, this.url(path), form, this.timeoutMs + Math.ceil(bytes / (256 * 1024)) * 1000);
  }

  /**
   * The bytes behind a media URL Graph gave (whatsapp-protocol.md §1.8: short-lived, fetched with
   * the same bearer token). The token goes only to Meta's own hosts (or the configured Graph
   * origin), never to a URL elsewhere; more than `maxBytes` is refused.
   */
  async download(mediaUrl: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string | null }> {
    const what = 'Graph API media download';
    let url: URL;
    try {
      url = new URL(mediaUrl);
    } catch {
      throw new GraphError(`${what}: not a URL`, badResponse());
    }
    const graphOrigin = new URL(this.config.graphUrl).origin;
    const metaHost = url.protocol === 'https:' && /(^|\.)(fbsbx\.com|facebook\.com|fbcdn\.net|whatsapp\.net)$/.test(url.hostname);
    if (url.origin !== graphOrigin && !metaHost) throw new GraphError(`${what}: the media URL is not on a Meta host`, badResponse());
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: { authorization: `Bearer ${this.config.accessToken}` },
        signal: AbortSignal.timeout(this.timeoutMs * 4),
        redirect: 'error',
      });
    } catch (error) {
      const timeout = (error as { name?: string }).name === 'TimeoutError';
      throw new GraphError(`${what}: ${timeout ? 'no answer in time' : `network error (${causeCode(error) ?? 'unknown'})`}`, {
        ...badResponse(), kind: timeout ? 'timeout' : 'network', httpStatus: null,
      });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new GraphError(`${what}: HTTP ${response.status}`, { ...badResponse(), kind: 'api', httpStatus: response.status, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) });
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new GraphError(`${what}: ${declared} bytes is more than WhatsApp media may be`, badResponse());
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw new GraphError(`${what}: ${bytes.length} bytes is more than WhatsApp media may be`, badResponse());
    return { bytes, contentType: response.headers.get('content-type') };
  }

  private async request<T>(method: 'GET' | 'POST', path: string, url: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    const what = `Graph API ${method} ${path}`;
    const form = body instanceof FormData;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.config.accessToken}`,
          accept: 'application/json',
          ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timeout = (error as { name?: string }).name === 'TimeoutError';
      const code = causeCode(error);
      const kind = timeout ? 'timeout' : 'network';
      throw new GraphError(`${what}: ${timeout ? `no answer within ${timeoutMs} ms` : `network error (${code ?? 'unknown'})`}`, {
        kind, httpStatus: null, code: null, subcode: null, details: null, fbtraceId: null, retryAfterMs: null,
        maybeDelivered: method === 'POST' && !(code && BEFORE_CONNECT.has(code)),
      });
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    if (response.ok && json !== undefined) return json as T;
    const error = (json as { error?: Record<string, unknown> } | undefined)?.error;
    const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
    const str = (v: unknown) => (typeof v === 'string' ? redactSecrets(this.config, v).slice(0, 500) : null);
    const details = str((error?.error_data as { details?: unknown } | undefined)?.details);
    const info: GraphErrorInfo = {
      kind: response.ok ? 'bad_response' : 'api',
      httpStatus: response.status,
      code: num(error?.code),
      subcode: num(error?.error_subcode),
      details,
      fbtraceId: str(error?.fbtrace_id),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      maybeDelivered: response.ok,
    };
    const message = str(error?.message) ?? (response.ok ? 'unreadable answer' : `HTTP ${response.status}`);
    throw new GraphError(`${what}: ${info.code !== null ? `error ${info.code}: ` : ''}${message}${details ? ` (${details})` : ''}`, info);
  }
}
