import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from '../wa/sim/network';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;
let botPhone: string;

const groupChat = async () => {
  const { items } = await h.call('chats:list', { botId, limit: 50 });
  const chat = items.find((c) => c.kind === 'group');
  if (!chat) throw new Error('The demo group is not listed.');
  return chat;
};
const thread = async (chatId: number) => (await h.call('messages:page', { chatId })).items;

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
  await h.clock.advance(SIM_HISTORY_DELAY_MS + 3 * SIM_HISTORY_BATCH_GAP_MS);
});

afterEach(async () => {
  await h.dispose();
});

describe('groups in the inbox', () => {
  it('lists a group’s members with the bot and admins first, and who wrote each message', async () => {
    const chat = await groupChat();
    const info = await h.call('groups:get', { chatId: chat.id });
    expect(info.subject).toBe('Regulars');
    expect(info.members).toHaveLength(5);
    expect(info.members[0]).toMatchObject({ isBot: true, role: 'superadmin', phone: botPhone });
    expect(info.members[1]?.role).toBe('admin');
    const messages = await thread(chat.id);
    const fromOthers = messages.filter((m) => !m.fromMe);
    expect(new Set(fromOthers.map((m) => m.senderJid)).size).toBeGreaterThanOrEqual(3);
    expect(fromOthers.every((m) => m.senderName !== null)).toBe(true);
  });

  it('follows joins and leaves: members change and the thread says so', async () => {
    const chat = await groupChat();
    await h.call('demo:group', { chatId: chat.id, action: 'join', phone: '+447911123409' });
    await h.call('demo:group', { chatId: chat.id, action: 'leave', phone: '+447911123409' });
    const notes = (await thread(chat.id)).filter((m) => m.kind === 'system').map((m) => m.text);
    expect(notes).toEqual(['+44 7911 123409 left', '+44 7911 123409 joined']);
    expect((await h.call('groups:get', { chatId: chat.id })).members).toHaveLength(5);
    const reply = await h.engine.dispatch('demo:group', { chatId: chat.id, action: 'leave', phone: '+447911123409' });
    expect(reply).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not in “Regulars”/) as string },
    });
  });

  it('asks WhatsApp for a group it has not been told about when a message comes from it', async () => {
    const chat = await groupChat();
    h.engine.db.sqlite.prepare('DELETE FROM groups').run();
    await expect(h.call('bots:stop', { botId })).resolves.toBeTruthy();
    await expect(h.call('groups:get', { chatId: chat.id })).rejects.toThrow(/Start the bot/);
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    const member = h.engine.network.groupInfo(chat.jid).members.find((m) => m.role === 'admin');
    h.engine.network.receive({
      from: `+${member?.jid.split('@')[0] ?? ''}`,
      to: botPhone,
      chatJid: chat.jid,
      text: 'anyone there?',
    });
    await h.engine.inbox.idle();
    expect(h.engine.db.sqlite.prepare('SELECT count(*) AS n FROM group_members').get()).toEqual({ n: 5 });
  });

  it('says so when asked for members of a chat that is not a group', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'hi' });
    const person = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.phone === '+447911123402');
    await expect(h.call('groups:get', { chatId: person?.id ?? 0 })).rejects.toThrow(/not a group/);
  });
});
