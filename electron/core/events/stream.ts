import { createParser } from 'eventsource-parser';
import { ServerEvent } from '../../../shared/api/events';
import type { ConnectionStatus } from '../../../shared/ipc/contract';
import { ApiError } from '../errors';
import type { Logger } from '../ports';

export interface StreamAuth {
  serverUrl(): string | null;
  accessToken(): string | null;
  refresh(): Promise<string>;
}

export interface StreamOptions {
  fetch?: typeof fetch;
  /** First reconnect delay; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The server's event stream over fetch (EventSource cannot send a bearer token): reconnects
 * with backoff, resumes with Last-Event-ID so nothing is missed or repeated, refreshes the token
 * on 401, and reports whether it is connected.
 */
export class EventStream {
  private controller: AbortController | null = null;
  private lastEventId: string | null = null;
  private state: ConnectionStatus['state'] = 'offline';

  constructor(
    private readonly auth: StreamAuth,
    private readonly onEvent: (event: ServerEvent) => void,
    private readonly onStatus: (status: ConnectionStatus) => void,
    private readonly log: Logger,
    private readonly options: StreamOptions = {},
  ) {}

  get connection(): ConnectionStatus {
    return { state: this.state };
  }

  start(): void {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = null;
    this.lastEventId = null;
    this.setState('offline');
  }

  private setState(state: ConnectionStatus['state']) {
    if (state === this.state) return;
    this.state = state;
    this.onStatus({ state });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const initial = this.options.initialDelayMs ?? 1_000;
    let delay = initial;
    while (!signal.aborted) {
      this.setState('connecting');
      try {
        const connected = await this.connectOnce(signal);
        if (connected) delay = initial;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.code === 'SESSION_EXPIRED') {
          this.setState('offline');
          return;
        }
        this.log.warn('event stream dropped', error instanceof Error ? error.message : error);
      }
      if (signal.aborted) return;
      this.setState('offline');
      await sleep(delay, signal);
      delay = Math.min(delay * 2, this.options.maxDelayMs ?? 15_000);
    }
  }

  /** One connection, until it ends; true when it got as far as streaming. */
  private async connectOnce(signal: AbortSignal): Promise<boolean> {
    const base = this.auth.serverUrl();
    if (!base) throw ApiError.of('NOT_SIGNED_IN', 'No server.');
    const open = (token: string | null) =>
      (this.options.fetch ?? fetch)(`${base}/api/v1/events`, {
        signal,
        headers: {
          accept: 'text/event-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(this.lastEventId ? { 'last-event-id': this.lastEventId } : {}),
        },
      });
    let response = await open(this.auth.accessToken());
    if (response.status === 401) {
      await response.body?.cancel();
      response = await open(await this.auth.refresh());
    }
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
    this.setState('online');
    const parser = createParser({
      onEvent: (message) => {
        if (message.id) this.lastEventId = message.id;
        const parsed = ServerEvent.safeParse(safeJson(message.data));
        if (parsed.success) this.onEvent(parsed.data);
        else this.log.warn(`ignored an event that does not match the contract (${message.event ?? 'message'})`);
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
