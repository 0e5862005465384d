import type { Clock } from '../clock';
import type { EngineEvents } from '../events';
import type { HistoryEvent } from '../wa/transport';
import type { InboxWriter } from './writer';

/**
 * History arrives in batches of thousands. It is stored in slices, one transaction each, and the
 * engine yields to the event loop whenever a turn has run this long, so calls from the UI are
 * still answered within a few tens of milliseconds while a long history is stored. The WAL it
 * writes is copied back by the checkpoint worker (db/checkpointer.ts), off this thread.
 */
export const HISTORY_SLICE = 50;
const TURN_MS = 8;
/** How often the UI hears how far along it is. */
const PROGRESS_MS = 250;

export type HistoryDeps = {
  writer: InboxWriter;
  clock: Clock;
  events: EngineEvents;
  botExists(botId: string): boolean;
  note(botId: string, message: string): void;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Stores one history batch for a bot; returns how many messages were new. */
export const storeHistory = async (deps: HistoryDeps, botId: string, batch: HistoryEvent): Promise<number> => {
  const { messages } = batch;
  const total = messages.length;
  const progress = (stored: number, done: boolean) =>
    deps.events.emit('history:progress', { botId, stored, total, phoneProgress: batch.progress, done });
  let turnStart = performance.now();
  let lastProgress = turnStart;
  let stored = 0;
  for (let i = 0; i < total; i += HISTORY_SLICE) {
    // The bot was deleted meanwhile: its rows are gone, nothing more to store.
    if (!deps.botExists(botId)) return stored;
    stored += deps.writer.ingest(botId, messages.slice(i, i + HISTORY_SLICE), false, deps.clock.now()).length;
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_MS) {
      progress(Math.min(i + HISTORY_SLICE, total), false);
      lastProgress = now;
    }
    if (now - turnStart >= TURN_MS) {
      await nextTurn();
      turnStart = performance.now();
    }
  }
  progress(total, true);
  deps.events.emit('chats:changed', { botId });
  if (stored > 0) deps.note(botId, `Stored ${stored.toLocaleString('en')} earlier messages from the phone.`);
  return stored;
};
