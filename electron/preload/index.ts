/** The renderer's only door: `window.api`, small named functions built from the IPC contract. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDesktopApi } from '../../shared/ipc/bridge';

const api = buildDesktopApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  },
);

contextBridge.exposeInMainWorld('api', api);
