import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Channel } from '../src-shared/client';
import type { Reply } from '../src-shared/contract';

/**
 * Exposes exactly the contract channel to the page: one invoke and one subscribe. The renderer
 * never sees ipcRenderer itself.
 */
const channel: Channel = {
  invoke: (name, input) => ipcRenderer.invoke('wren:call', name, input) as Promise<Reply<unknown>>,
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on('wren:event', handler);
    return () => {
      ipcRenderer.removeListener('wren:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('wren', channel);
