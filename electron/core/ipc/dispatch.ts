import { invokeChannels, isInvokeChannel, type InvokeChannel, type Result } from '../../../shared/ipc/contract';
import { ApiError, toAppError } from '../errors';
import type { Logger } from '../ports';
import type { HandlerMap } from './handlers';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/**
 * The single entry for every IPC call, in both shells: unknown channels and payloads that do not
 * match the contract are refused before any handler runs; every outcome is a Result envelope.
 */
export function createDispatch(handlers: HandlerMap, log: Logger, observe: (data: unknown) => void = () => undefined): Dispatch {
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) {
      // Not String(channel): an object without a usable toString (null prototype, `{"toString":1}`) throws there.
      log.warn('refused an unknown IPC channel', typeof channel === 'string' ? channel.slice(0, 100) : `(not a string: ${typeof channel})`);
      return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Unknown channel.' } };
    }
    const input = invokeChannels[channel].input.safeParse(payload);
    if (!input.success) {
      log.warn(`refused a malformed payload on ${channel}`);
      return { ok: false, error: { code: 'INVALID_REQUEST', message: `Malformed payload for ${channel}.` } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const data = await handler(input.data);
      observe(data);
      return { ok: true, data };
    } catch (error) {
      if (!(error instanceof ApiError)) log.error(`handler ${channel as InvokeChannel} failed`, error);
      return { ok: false, error: toAppError(error) };
    }
  };
}
