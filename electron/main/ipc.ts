/** Every invoke channel of the contract, answered by the core once main has checked who asked. */
import { ipcMain, type BrowserWindow } from 'electron';
import { invokeChannels } from '../../shared/ipc/contract';
import type { Dispatch } from '../core/ipc/dispatch';
import { isOwnRenderer } from './window';

/** The core's dispatch validates each payload with the contract's zod schema; main checks the sender frame first. */
export function registerInvokeHandlers(dispatch: Dispatch, mainWindow: () => BrowserWindow | null): void {
  for (const channel of Object.keys(invokeChannels)) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isOwnRenderer(event.senderFrame, mainWindow())) {
        console.warn(`[main] refused ${channel} from an unexpected frame`);
        return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Refused: unexpected sender.' } };
      }
      return dispatch(channel, payload);
    });
  }
}
