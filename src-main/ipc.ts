import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { events as eventSchemas, type EventName } from '../src-shared/contract';
import type { Engine } from './engine';

export const CALL_CHANNEL = 'wren:call';
export const EVENT_CHANNEL = 'wren:event';

/**
 * The only place that touches ipcMain: every renderer call goes through the engine's dispatcher
 * (which validates it with the contract), and engine events go to the window.
 */
export const bindContract = (
  engine: Engine,
  window: BrowserWindow,
  isTrustedUrl: (url: string) => boolean,
): (() => void) => {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Calls are only accepted from Wren’s own window.' } };
    }
    return engine.dispatch(typeof name === 'string' ? name : '', input);
  });
  const unsubscribers = (Object.keys(eventSchemas) as EventName[]).map((name) =>
    engine.events.on(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    for (const off of unsubscribers) off();
  };
};
