import { describe, expect, it } from 'vitest';
import type { HistoryEvent, IncomingMessage } from '../transport';
import { HISTORY_BATCH_MAX, HISTORY_SPAN_MS } from './history';
import { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from './network';
import { DEMO_CUSTOMERS } from './script';
import { linkSimBot, simBot, simWorld } from './testing';

const HISTORY_DONE_MS = SIM_HISTORY_DELAY_MS + 10 * SIM_HISTORY_BATCH_GAP_MS;

const all = (batches: HistoryEvent[]): IncomingMessage[] => batches.flatMap((b) => b.messages);

/** The newest half (rounded up) first with its share, then the rest. */
const expectHalves = (batches: HistoryEvent[]) => {
  const [recent, older] = batches;
  expect(batches).toHaveLength(2);
  const total = all(batches).length;
  expect(recent?.messages).toHaveLength(Math.ceil(total / 2));
  expect(recent?.progress).toBe(Math.round((100 * Math.ceil(total / 2)) / total));
  expect(older?.progress).toBe(100);
};

const isAscending = (messages: IncomingMessage[]) =>
  messages.every((m, i) => i === 0 || (messages[i - 1]?.ts ?? 0) <= m.ts);

describe('history on link', () => {
  it('gives a newly linked bot a believable past a moment after it is online, in batches', async () => {
    const { clock, network } = simWorld(1);
    const linkedAt = clock.now();
    const bot = await linkSimBot(network, clock);
    expect(bot.of('history')).toEqual([]);
    await clock.advance(SIM_HISTORY_DELAY_MS);
    expect(bot.of('history')).toHaveLength(1);
    await clock.advance(HISTORY_DONE_MS);

    const batches = bot.of('history');
    expectHalves(batches);
    const messages = all(batches);
    expect(messages.length).toBeGreaterThanOrEqual(32);
    expect(messages.length).toBeLessThanOrEqual(80);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);

    // A handful of chats with the demo customers, each written both ways.
    const botJid = `${bot.phone.slice(1)}@s.whatsapp.net`;
    const customerJids = DEMO_CUSTOMERS.map((c) => `${c.phone.slice(1)}@s.whatsapp.net`);
    const chats = new Set(messages.map((m) => m.chatJid).filter((jid) => !jid.endsWith('@g.us')));
    expect(chats.size).toBeGreaterThanOrEqual(4);
    for (const chat of chats) {
      expect(customerJids).toContain(chat);
      const inChat = messages.filter((m) => m.chatJid === chat);
      expect(inChat.some((m) => m.fromMe)).toBe(true);
      expect(inChat.some((m) => !m.fromMe)).toBe(true);
    }
    // And one group of regulars, where several customers and the bot talk.
    const inGroup = messages.filter((m) => m.chatJid.endsWith('@g.us'));
    expect(new Set(inGroup.map((m) => m.chatJid)).size).toBe(1);
    expect(new Set(inGroup.filter((m) => !m.fromMe).map((m) => m.senderJid)).size).toBeGreaterThanOrEqual(3);
    for (const m of inGroup) expect(customerJids.concat(botJid)).toContain(m.senderJid);
    for (const m of messages) {
      expect(m.offline).toBe(true);
      if (!m.chatJid.endsWith('@g.us')) expect(m.senderJid).toBe(m.fromMe ? botJid : m.chatJid);
      if (!m.fromMe) expect(DEMO_CUSTOMERS.map((c) => c.name)).toContain(m.senderName);
      expect(m.ts).toBeLessThan(linkedAt);
      expect(m.ts).toBeGreaterThan(linkedAt - HISTORY_SPAN_MS);
      expect(m.kind === undefined || m.kind === 'image').toBe(true);
      if (m.kind === undefined) expect(m.text).toBeTruthy();
      // A quote points at an earlier message of the same chat, as the phone has it.
      if (m.quoted) {
        const target = messages.find((q) => q.id === m.quoted?.id);
        expect(target).toMatchObject({ chatJid: m.chatJid, text: m.quoted.text, senderJid: m.quoted.senderJid });
        expect(target?.ts).toBeLessThan(m.ts);
      }
    }
    // Newest first across batches, each batch oldest first.
    expect(batches.every((b) => isAscending(b.messages))).toBe(true);
    const [recent, older] = batches;
    expect(Math.max(...(older?.messages ?? []).map((m) => m.ts))).toBeLessThanOrEqual(
      Math.min(...(recent?.messages ?? []).map((m) => m.ts)),
    );
  });

  it('is the same past for the same seed, and another for another seed', async () => {
    const historyOf = async (seed: number) => {
      const { clock, network } = simWorld(seed);
      const bot = await linkSimBot(network, clock);
      await clock.advance(HISTORY_DONE_MS);
      return all(bot.of('history'));
    };
    const first = await historyOf(3);
    expect(await historyOf(3)).toEqual(first);
    expect((await historyOf(4)).map((m) => m.id)).not.toEqual(first.map((m) => m.id));
  });

  it('comes once: not at a later login, nor after an app restart meets the stored session', async () => {
    const { clock, network } = simWorld();
    const bot = await linkSimBot(network, clock);
    await clock.advance(HISTORY_DONE_MS);
    expect(bot.of('history')).toHaveLength(2);

    await bot.transport.close();
    await bot.transport.connect();
    await clock.advance(HISTORY_DONE_MS);
    expect(bot.of('history')).toHaveLength(2);

    // A fresh network (the app restarted) takes the stored session as an old link.
    const restarted = simWorld();
    const again = simBot(restarted.network, restarted.clock, 'bot-1', bot.auth);
    await again.transport.connect();
    await restarted.clock.advance(HISTORY_DONE_MS);
    expect(again.of('history')).toEqual([]);
  });

  it('waits for the next login when the bot went offline before its history came', async () => {
    const { clock, network } = simWorld();
    const bot = await linkSimBot(network, clock);
    await bot.transport.close();
    await clock.advance(HISTORY_DONE_MS);
    expect(bot.of('history')).toEqual([]);
    await bot.transport.connect();
    await clock.advance(HISTORY_DONE_MS);
    expectHalves(bot.of('history'));
  });

  it('gives a second linked device the phone’s same past, with what was said since', async () => {
    const { clock, network } = simWorld();
    const first = await linkSimBot(network, clock, 'bot-1');
    await clock.advance(HISTORY_DONE_MS);
    const customer = DEMO_CUSTOMERS[0].phone;
    const live = network.receive({ from: customer, to: first.phone, text: 'Still there?' });

    const second = simBot(network, clock, 'bot-2');
    await second.transport.connect();
    network.scan('bot-2', first.phone);
    await second.transport.connect();
    await clock.advance(HISTORY_DONE_MS);
    const ids = all(second.of('history')).map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([...all(first.of('history')).map((m) => m.id), live.id]));
    expect(ids).toHaveLength(all(first.of('history')).length + 1);
  });

  it('can hold one very long chat for tests and benches, in chunks, or nothing at all', async () => {
    const { clock, network } = simWorld();
    network.setHistorySize(20_000);
    const bot = await linkSimBot(network, clock);
    await clock.advance(HISTORY_DONE_MS);
    const batches = bot.of('history');
    expect(batches.every((b) => b.messages.length <= HISTORY_BATCH_MAX)).toBe(true);
    expect(batches.at(-1)?.progress).toBe(100);
    expect(batches.map((b) => b.progress)).toEqual(
      [...batches.map((b) => b.progress)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    const byChat = new Map<string, IncomingMessage[]>();
    for (const m of all(batches)) {
      const chat = byChat.get(m.chatJid);
      if (chat) chat.push(m);
      else byChat.set(m.chatJid, [m]);
    }
    const busiest = [...byChat.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    expect(busiest).toHaveLength(20_000);
    const times = busiest.map((m) => m.ts).sort((a, b) => a - b);
    expect(new Set(times).size).toBe(20_000);
    expect(times.at(-1)).toBeLessThan(clock.now());
    expect([...byChat.values()].filter((c) => c !== busiest).every((c) => c.length <= 16)).toBe(true);

    expect(() => network.setHistorySize(-1)).toThrow(/0 or more/);
    const empty = simWorld();
    empty.network.setHistorySize(0);
    const quiet = await linkSimBot(empty.network, empty.clock);
    await empty.clock.advance(HISTORY_DONE_MS);
    expect(quiet.of('history')).toEqual([]);
  });
});
