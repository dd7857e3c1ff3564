/**
 * `window.api` over any transport, without zod: the preload bundles only this file (it forwards;
 * main and the web host validate every payload with the contract's schemas). The channel names
 * are checked against the contract at compile time, in both directions.
 */
import type { DesktopApi, EventChannel, InvokeChannel } from './contract';

export const INVOKE_CHANNEL_NAMES = [
  'app:info', 'settings:get', 'settings:update', 'auth:status', 'connection:status', 'auth:login', 'auth:logout',
  'conversations:list', 'conversations:get', 'messages:list', 'contacts:list', 'contacts:get', 'messages:send',
  'attachments:begin', 'attachments:chunk', 'attachments:finish', 'attachments:cancel', 'media:open', 'conversations:close',
  'templates:list', 'templates:send', 'tickets:get', 'tickets:list', 'tickets:update', 'consumption:report', 'supervisor:expiring',
  'notifications:seen', 'tickets:addNote', 'conversations:views', 'conversations:assign', 'conversations:read',
  'contacts:conversations', 'assignees:list', 'drafts:get', 'drafts:set',
  'templates:quote', 'consumption:csv', 'pricing:rateCards', 'pricing:loadRateCard', 'pricing:budgets', 'pricing:setBudgets',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNEL_NAMES = [
  'event:server', 'event:connection', 'event:session', 'event:notification', 'event:navigate', 'event:upload',
] as const satisfies readonly EventChannel[];

// A channel added to the contract but not listed here does not compile.
const everyInvokeChannel: [Exclude<InvokeChannel, (typeof INVOKE_CHANNEL_NAMES)[number]>] extends [never] ? true : false = true;
const everyEventChannel: [Exclude<EventChannel, (typeof EVENT_CHANNEL_NAMES)[number]>] extends [never] ? true : false = true;
void everyInvokeChannel;
void everyEventChannel;

export type InvokeTransport = (channel: InvokeChannel, input: unknown) => Promise<unknown>;
export type SubscribeTransport = (channel: EventChannel, listener: (payload: unknown) => void) => () => void;

/** Builds `window.api` over any transport (Electron IPC in the preload, WebSocket in the web host). */
export function buildDesktopApi(invoke: InvokeTransport, subscribe: SubscribeTransport): DesktopApi {
  const api: Record<string, Record<string, unknown>> = { on: {} };
  for (const channel of INVOKE_CHANNEL_NAMES) {
    const [feature, action] = channel.split(':') as [string, string];
    api[feature] ??= {};
    api[feature][action] = (input?: unknown) => invoke(channel, input);
  }
  for (const channel of EVENT_CHANNEL_NAMES) {
    api.on![channel.slice('event:'.length)] = (listener: (payload: unknown) => void) => subscribe(channel, listener);
  }
  return api as unknown as DesktopApi;
}
