import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryDbWithBots } from '../testing/memory-db';
import type { GroupInfo } from '../wa/transport';
import { GroupStore } from './groups';
import { InboxReader } from './reader';
import { InboxWriter } from './writer';

const BOT = 'bot-1';
const ME = '447911123401@s.whatsapp.net';
const ANA = '447911123402@s.whatsapp.net';
const BEN = '447911123403@s.whatsapp.net';
const CLOE = '447911123404@s.whatsapp.net';
const GROUP = '120363012345678901@g.us';

let sqlite: Database.Database;
let writer: InboxWriter;
let reader: InboxReader;
let groups: GroupStore;

const info = (over: Partial<GroupInfo> = {}): GroupInfo => ({
  jid: GROUP,
  subject: 'Corner Shop Regulars',
  description: 'Offers first',
  ownerJid: ME,
  announce: false,
  members: [
    { jid: ME, role: 'superadmin' },
    { jid: ANA, role: 'admin' },
    { jid: `${BEN.split('@')[0]}:3@s.whatsapp.net`, role: 'member' },
  ],
  ...over,
});

const thread = (chatId: number) => reader.messages({ chatId, limit: 50, botJid: ME }).items;

beforeEach(() => {
  sqlite = memoryDbWithBots(BOT);
  writer = new InboxWriter(sqlite);
  reader = new InboxReader(sqlite);
  groups = new GroupStore(sqlite, writer);
  // Ana wrote to the bot once, so her WhatsApp name is known.
  writer.ingest(
    BOT,
    [
      {
        id: 'A1',
        chatJid: ANA,
        senderJid: ANA,
        senderName: 'Ana Souza',
        fromMe: false,
        ts: 1,
        text: 'hi',
        offline: false,
      },
    ],
    true,
    1,
  );
});

describe('groups', () => {
  it('names the chat after the subject and lists members, admins first, with names where known', () => {
    const chatId = groups.apply(BOT, info(), 10);
    expect(reader.chat(chatId)).toMatchObject({ kind: 'group', title: 'Corner Shop Regulars' });
    const view = groups.read(BOT, chatId, ME);
    expect(view).toMatchObject({ subject: 'Corner Shop Regulars', description: 'Offers first', announce: false });
    expect(view?.members.map((m) => [m.name ?? m.phone, m.role, m.isBot])).toEqual([
      ['+447911123401', 'superadmin', true],
      ['Ana Souza', 'admin', false],
      ['+447911123403', 'member', false],
    ]);
  });

  it('replaces the member list when WhatsApp sends the group again', () => {
    const chatId = groups.apply(BOT, info(), 10);
    groups.apply(BOT, info({ subject: 'Regulars 2.0', members: [{ jid: ME, role: 'superadmin' }] }), 20);
    expect(reader.chat(chatId)?.title).toBe('Regulars 2.0');
    expect(groups.read(BOT, chatId, ME)?.members).toHaveLength(1);
  });

  it('applies joins, leaves and admin changes, with a notice for each in the thread, once', () => {
    const chatId = groups.apply(BOT, info(), 10);
    const join = { jid: GROUP, action: 'add' as const, members: [CLOE], byJid: null, ts: 100 };
    groups.participants(BOT, join, ME);
    groups.participants(BOT, join, ME);
    groups.participants(BOT, { jid: GROUP, action: 'remove', members: [BEN], byJid: ANA, ts: 200 }, ME);
    groups.participants(BOT, { jid: GROUP, action: 'promote', members: [CLOE], byJid: ANA, ts: 300 }, ME);
    groups.participants(BOT, { jid: GROUP, action: 'demote', members: [ME], byJid: ANA, ts: 400 }, ME);
    expect(thread(chatId).map((m) => [m.kind, m.text])).toEqual([
      ['system', 'You are no longer an admin'],
      ['system', '+44 7911 123404 is now an admin'],
      ['system', 'Ana Souza removed +44 7911 123403'],
      ['system', '+44 7911 123404 joined'],
    ]);
    expect(groups.read(BOT, chatId, ME)?.members.map((m) => [m.jid, m.role])).toEqual([
      [ANA, 'admin'],
      [CLOE, 'admin'],
      [ME, 'member'],
    ]);
    // Notices never count as unread: nobody wrote them.
    expect(reader.chat(chatId)).toMatchObject({
      unread: 0,
      lastMessage: { kind: 'system', text: 'You are no longer an admin' },
    });
  });

  it('knows a group only once WhatsApp has described it', () => {
    const chatId = writer.chatForJid(BOT, GROUP, null, null, 5);
    expect(groups.known(chatId)).toBe(false);
    expect(groups.read(BOT, chatId, ME)).toBeNull();
    groups.apply(BOT, info(), 10);
    expect(groups.known(chatId)).toBe(true);
  });
});
