import { beforeAll, describe, expect, it } from 'vitest';
import { loadPhoneFormat } from '../../lib/phone-format';
import type { Bot } from '../../../../src-shared/bots';
import type { Chat, Message } from '../../../../src-shared/inbox';
import { noticeFor, type NotifyContext } from './notify';
import { makeChat, makeMessage } from './test-data';

// Numbers are formatted once the phone library is in (it loads after the first screen).
beforeAll(loadPhoneFormat);

const NOW = 1_700_000_000_000;
const bot = (notifications: boolean) => ({ id: 'b', features: { notifications } }) as unknown as Bot;
const chat: Chat = makeChat({
  botId: 'b',
  jid: '1203630001@g.us',
  kind: 'group',
  title: 'Staff',
  phone: null,
  lastTs: NOW,
  unread: 1,
});
let nextId = 1;
const incoming = (patch: Partial<Message> = {}): Message =>
  makeMessage({
    id: nextId++,
    botId: 'b',
    waId: 'W',
    senderJid: '447911123402@s.whatsapp.net',
    senderName: 'Tom',
    ts: NOW - 1_000,
    text: 'Oven is fixed',
    ...patch,
  });
const ctx = (patch: Partial<NotifyContext> = {}): NotifyContext => ({
  bot: bot(true),
  chat,
  watching: false,
  now: NOW,
  ...patch,
});

describe('desktop notifications', () => {
  it('tells of a new incoming message once, with the group and the sender', () => {
    const message = incoming();
    expect(noticeFor(message, ctx())).toEqual({ title: 'Staff', body: 'Tom: Oven is fixed', tag: 'wren-chat-1' });
    // The same message changing later (a reaction, an edit) is not news again.
    expect(noticeFor({ ...message, reactions: [{ emoji: '👍', count: 1, mine: false }] }, ctx())).toBeNull();
  });

  it('stays quiet for the bot’s own, old, muted, watched or notification-less chats', () => {
    expect(noticeFor(incoming({ fromMe: true }), ctx())).toBeNull();
    expect(noticeFor(incoming({ ts: NOW - 10 * 60_000 }), ctx())).toBeNull();
    expect(noticeFor(incoming(), ctx({ chat: { ...chat, mutedUntil: NOW + 1 } }))).toBeNull();
    expect(noticeFor(incoming(), ctx({ watching: true }))).toBeNull();
    expect(noticeFor(incoming(), ctx({ bot: bot(false) }))).toBeNull();
  });

  it('names a brand-new chat from the message itself', () => {
    const notice = noticeFor(incoming({ senderName: null }), ctx({ chat: undefined }));
    expect(notice).toMatchObject({ title: '+44 7911 123402', body: 'Oven is fixed' });
  });
});
