import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../clock';
import type { SimNetwork } from './network';
import { linkSimBot, simWorld, type SimBot } from './testing';

const ANA = '+447911123402';
const BEN = '+447911123403';
const CLOE = '+447911123404';
const jid = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;

let clock: FakeClock;
let network: SimNetwork;
let bot: SimBot & { phone: string };

beforeEach(async () => {
  ({ clock, network } = simWorld(3));
  network.setHistorySize(0);
  bot = await linkSimBot(network, clock);
});

describe('simulated groups', () => {
  it('tells a bot the whole group when it is added, then who joins, leaves and becomes admin', () => {
    const group = network.createGroup({ creator: ANA, subject: 'Book club', members: [BEN] });
    expect(bot.of('group')).toEqual([]);
    network.joinGroup({ group: group.jid, phone: bot.phone, byPhone: ANA });
    expect(bot.of('group')).toEqual([
      expect.objectContaining({
        subject: 'Book club',
        ownerJid: jid(ANA),
        members: [
          { jid: jid(ANA), role: 'superadmin' },
          { jid: jid(BEN), role: 'member' },
          { jid: jid(bot.phone), role: 'member' },
        ],
      }),
    ]);
    network.joinGroup({ group: group.jid, phone: CLOE });
    network.setGroupRole({ group: group.jid, phone: CLOE, role: 'admin', byPhone: ANA });
    network.leaveGroup({ group: group.jid, phone: BEN, byPhone: CLOE });
    expect(bot.of('group-participants').map((e) => [e.action, e.members, e.byJid])).toEqual([
      ['add', [jid(CLOE)], null],
      ['promote', [jid(CLOE)], jid(ANA)],
      ['remove', [jid(BEN)], jid(CLOE)],
    ]);
  });

  it('names the admin who demotes, and tells a renamed group whole', () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [BEN, bot.phone], admins: [BEN] });
    network.setGroupRole({ group: group.jid, phone: BEN, role: 'member', byPhone: ANA });
    network.renameGroup({ group: group.jid, subject: 'Book club', byPhone: ANA });
    expect(bot.of('group-participants').map((e) => [e.action, e.members, e.byJid])).toEqual([
      ['demote', [jid(BEN)], jid(ANA)],
    ]);
    expect(bot.of('group').map((g) => g.subject)).toEqual(['Club', 'Book club']);
    expect(bot.of('group')[1]?.members).toContainEqual({ jid: jid(BEN), role: 'member' });
  });

  it('tells a removed bot with its own number, then nothing more of that group', async () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [BEN, bot.phone] });
    network.leaveGroup({ group: group.jid, phone: bot.phone, byPhone: ANA });
    expect(bot.of('group-participants')).toEqual([
      { jid: group.jid, action: 'remove', members: [jid(bot.phone)], byJid: jid(ANA), ts: clock.now() },
    ]);
    network.joinGroup({ group: group.jid, phone: CLOE });
    expect(() => network.receive({ from: BEN, to: bot.phone, chatJid: group.jid, text: 'bye bot' })).toThrow(
      /not in that group/,
    );
    expect(bot.of('group-participants')).toHaveLength(1);
    await expect(bot.transport.groupMetadata(group.jid)).rejects.toThrow('This bot is not in that group.');
    await expect(bot.transport.sendText(group.jid, 'let me back in')).rejects.toThrow(/not a member of “Club”/);
  });

  it('lets every bot in a group hear its members and each other, each with the same message id', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone, other.phone] });
    const heard = network.receive({ from: ANA, fromName: 'Ana', to: bot.phone, chatJid: group.jid, text: 'hi bots' });
    expect(other.of('message')).toEqual([heard]);
    const sent = await bot.transport.sendText(group.jid, 'hello from bot 1');
    expect(bot.of('message')).toEqual([heard]);
    expect(other.of('message')[1]).toMatchObject({
      id: sent.id,
      chatJid: group.jid,
      senderJid: jid(bot.phone),
      fromMe: false,
      text: 'hello from bot 1',
    });
  });

  it('lets only members write, and only admins when the group is announce-only', () => {
    const open = network.createGroup({ creator: bot.phone, subject: 'Regulars', members: [ANA] });
    const message = network.receive({ from: ANA, to: bot.phone, chatJid: open.jid, text: 'hello all' });
    expect(message).toMatchObject({ chatJid: open.jid, senderJid: jid(ANA), text: 'hello all' });
    expect(() => network.receive({ from: BEN, to: bot.phone, chatJid: open.jid, text: 'me too' })).toThrow(
      /not a member of “Regulars”/,
    );
    const news = network.createGroup({ creator: bot.phone, subject: 'News', members: [ANA], announce: true });
    expect(() => network.receive({ from: ANA, to: bot.phone, chatJid: news.jid, text: 'hi' })).toThrow(
      /Only admins can send/,
    );
  });

  it('refuses what only admins may do, and never demotes or removes the creator', () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [BEN, bot.phone] });
    expect(() => network.joinGroup({ group: group.jid, phone: CLOE, byPhone: BEN })).toThrow(/Only an admin/);
    expect(() => network.leaveGroup({ group: group.jid, phone: ANA, byPhone: ANA })).toThrow(
      /creator cannot be removed/,
    );
    expect(() => network.setGroupRole({ group: group.jid, phone: ANA, role: 'member', byPhone: ANA })).toThrow(
      /always an admin/,
    );
  });

  it('queues group news for an offline bot and delivers it in order at its next login', async () => {
    const group = network.createGroup({ creator: bot.phone, subject: 'Regulars', members: [ANA] });
    await bot.transport.close();
    network.joinGroup({ group: group.jid, phone: BEN });
    network.receive({ from: BEN, to: bot.phone, chatJid: group.jid, text: 'hi, new here' });
    network.leaveGroup({ group: group.jid, phone: ANA });
    const before = bot.reported.length;
    await bot.transport.connect();
    expect(bot.reported.slice(before).map((r) => r.event)).toEqual([
      'group-participants',
      'message',
      'group-participants',
    ]);
  });

  it('answers groupMetadata for groups the bot is in, and refuses the others', async () => {
    const mine = network.createGroup({ creator: bot.phone, subject: 'Mine', members: [ANA] });
    const theirs = network.createGroup({ creator: ANA, subject: 'Theirs', members: [BEN] });
    await expect(bot.transport.groupMetadata(mine.jid)).resolves.toMatchObject({ subject: 'Mine' });
    await expect(bot.transport.groupMetadata(theirs.jid)).rejects.toThrow(/not in that group/);
    await bot.transport.close();
    await expect(bot.transport.groupMetadata(mine.jid)).rejects.toThrow('Not connected to WhatsApp.');
  });

  it('gives a newly linked demo phone a group of regulars: its info at login, its chat as history', async () => {
    const demo = simWorld(4);
    const linked = await linkSimBot(demo.network, demo.clock, 'bot-2');
    const [group] = linked.of('group');
    expect(group).toMatchObject({ subject: 'Regulars' });
    expect(group?.members).toHaveLength(5);
    expect(group?.members.find((m) => m.jid === jid(linked.phone))?.role).toBe('superadmin');
    await demo.clock.advance(10_000);
    const history = linked.of('history').flatMap((b) => b.messages);
    expect(history.filter((m) => m.chatJid === group?.jid).length).toBeGreaterThanOrEqual(10);
  });
});
