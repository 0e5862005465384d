import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock';
import { createEngineEvents } from '../events';
import { memoryDbWithBots } from '../testing/memory-db';
import type { IncomingMessage } from '../wa/transport';
import { HISTORY_SLICE, storeHistory } from './history';
import { InboxWriter } from './writer';

const messages = (count: number): IncomingMessage[] =>
  Array.from({ length: count }, (_, i) => {
    const jid = `4479111234${String(i % 40).padStart(2, '0')}@s.whatsapp.net`;
    return {
      id: `H${i}`,
      chatJid: jid,
      senderJid: jid,
      senderName: null,
      fromMe: false,
      ts: i,
      text: `old ${i}`,
      offline: true,
    };
  });

const setup = (exists: () => boolean = () => true) => {
  const sqlite = memoryDbWithBots('bot');
  const events = createEngineEvents();
  const notes: string[] = [];
  const deps = {
    writer: new InboxWriter(sqlite),
    clock: new FakeClock(),
    events,
    botExists: exists,
    note: (_: string, message: string) => notes.push(message),
  };
  return { sqlite, events, notes, deps };
};

describe('storing history', () => {
  it('stores a batch, says how far it got along the way, and tells the list and the log at the end', async () => {
    const { sqlite, events, notes, deps } = setup();
    const progress: { stored: number; done: boolean }[] = [];
    const changed: string[] = [];
    events.on('history:progress', (p) => progress.push(p));
    events.on('chats:changed', ({ botId }) => changed.push(botId));
    const batch = messages(2_000);
    expect(await storeHistory(deps, 'bot', { messages: batch, progress: 40 })).toBe(2_000);
    expect(progress.at(-1)).toEqual({ botId: 'bot', stored: 2_000, total: 2_000, phoneProgress: 40, done: true });
    expect(changed).toEqual(['bot']);
    expect(notes).toEqual(['Stored 2,000 earlier messages from the phone.']);
    // Again (a reconnect replays it): nothing new, and no line in the log.
    expect(await storeHistory(deps, 'bot', { messages: batch, progress: 40 })).toBe(0);
    expect(notes).toHaveLength(1);
    expect(sqlite.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2_000 });
  });

  it('lets other work run while a long history is stored', async () => {
    const { deps } = setup();
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await storeHistory(deps, 'bot', { messages: messages(20_000), progress: null }).then(() => order.push('stored'));
    expect(order).toEqual(['timer', 'stored']);
  });

  it('stops when the bot is deleted part way', async () => {
    let slices = 0;
    const { sqlite, deps } = setup(() => ++slices <= 3);
    await storeHistory(deps, 'bot', { messages: messages(1_000), progress: null });
    expect(sqlite.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 3 * HISTORY_SLICE });
  });
});
