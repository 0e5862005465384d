import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../clock';
import type { SimNetwork } from './network';
import { linkSimBot, simWorld, type SimBot } from './testing';

const ANA = '+447911123402';
const BEN = '+447911123403';
const CLOE = '+447911123404';
const jid = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;
const changes = (bot: SimBot) => bot.of('group-participants').map((e) => [e.action, e.members, e.byJid]);

let clock: FakeClock;
let network: SimNetwork;
let bot: SimBot & { phone: string };

beforeEach(async () => {
  ({ clock, network } = simWorld(3));
  network.setHistorySize(0);
  bot = await linkSimBot(network, clock);
});

describe('a bot managing members of a simulated group', () => {
  it('is refused unless it is an admin, and then never touches the creator', async () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [BEN, bot.phone] });
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'remove')).rejects.toThrow(
      'The bot is not an admin of this group.',
    );
    await expect(bot.transport.setGroupAnnounce(group.jid, true)).rejects.toThrow(
      'The bot is not an admin of this group.',
    );
    network.setGroupRole({ group: group.jid, phone: bot.phone, role: 'admin', byPhone: ANA });
    for (const action of ['remove', 'demote'] as const) {
      await expect(bot.transport.updateGroupMembers(group.jid, [jid(ANA)], action)).rejects.toThrow(
        'WhatsApp does not let anyone remove or demote the group’s creator.',
      );
    }
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(CLOE)], 'remove')).rejects.toThrow(
      `${CLOE} is not in “Club”.`,
    );
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'add')).rejects.toThrow(
      `${BEN} is in “Club” already.`,
    );
    expect(network.groupInfo(group.jid).members.map((m) => [m.jid, m.role])).toEqual([
      [jid(ANA), 'superadmin'],
      [jid(BEN), 'member'],
      [jid(bot.phone), 'admin'],
    ]);
  });

  it('checks every member before changing any', async () => {
    const group = network.createGroup({ creator: bot.phone, subject: 'Club', members: [ANA] });
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(ANA), jid(BEN)], 'remove')).rejects.toThrow(
      /is not in “Club”/,
    );
    expect(network.groupInfo(group.jid).members.map((m) => m.jid)).toEqual([jid(bot.phone), jid(ANA)]);
    expect(changes(bot)).toEqual([]);
  });

  it('adds, promotes, demotes and removes, telling every bot in the group who did it', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: bot.phone, subject: 'Club', members: [ANA, other.phone] });
    await bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'add');
    await bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'promote');
    await bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'demote');
    await bot.transport.updateGroupMembers(group.jid, [jid(ANA), jid(BEN)], 'remove');
    const expected = [
      ['add', [jid(BEN)], jid(bot.phone)],
      ['promote', [jid(BEN)], jid(bot.phone)],
      ['demote', [jid(BEN)], jid(bot.phone)],
      ['remove', [jid(ANA)], jid(bot.phone)],
      ['remove', [jid(BEN)], jid(bot.phone)],
    ];
    expect(changes(bot)).toEqual(expected);
    expect(changes(other)).toEqual(expected);
    expect(bot.of('group-participants')[0]?.ts).toBe(clock.now());
    // Removed means removed: they cannot write there any more.
    expect(() => network.receive({ from: ANA, to: bot.phone, text: 'hi', chatJid: group.jid })).toThrow(
      `${ANA} is not a member of “Club”.`,
    );
  });

  it('keeps the news for a bot that is offline until it logs in', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: bot.phone, subject: 'Club', members: [ANA, other.phone] });
    await other.transport.close();
    await bot.transport.updateGroupMembers(group.jid, [jid(ANA)], 'remove');
    await bot.transport.setGroupAnnounce(group.jid, true);
    expect(changes(other)).toEqual([]);
    await other.transport.connect();
    expect(changes(other)).toEqual([['remove', [jid(ANA)], jid(bot.phone)]]);
    expect(other.of('group').at(-1)?.announce).toBe(true);
  });

  it('refuses a socket that is not connected', async () => {
    const group = network.createGroup({ creator: bot.phone, subject: 'Club', members: [ANA] });
    await bot.transport.close();
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(ANA)], 'remove')).rejects.toThrow(
      'Not connected to WhatsApp.',
    );
  });
});

describe('a bot muting a simulated group', () => {
  it('lets only admins write while muted, tells every bot, and opens it again', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: bot.phone, subject: 'Shop', members: [ANA, other.phone] });
    await bot.transport.setGroupAnnounce(group.jid, true);
    expect(bot.of('group').at(-1)?.announce).toBe(true);
    expect(other.of('group').at(-1)?.announce).toBe(true);
    expect(() => network.receive({ from: ANA, to: bot.phone, text: 'hi', chatJid: group.jid })).toThrow(
      'Only admins can send messages to “Shop”.',
    );
    await expect(other.transport.sendText(group.jid, 'me neither')).rejects.toThrow(/Only admins can send/);
    await bot.transport.sendText(group.jid, 'Opening hours changed');
    await bot.transport.setGroupAnnounce(group.jid, false);
    expect(network.receive({ from: ANA, to: bot.phone, text: 'hi', chatJid: group.jid }).text).toBe('hi');
  });
});

describe('a bot deleting messages for everyone', () => {
  it('deletes a member’s message only as a group admin', async () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone] });
    const said = network.receive({ from: ANA, to: bot.phone, text: 'spam http://x.io', chatJid: group.jid });
    const target = { id: said.id, fromMe: false, senderJid: jid(ANA) };
    await expect(bot.transport.deleteForEveryone(group.jid, target)).rejects.toThrow(
      'Only group admins can delete other people’s messages.',
    );
    expect(bot.of('message-delete')).toEqual([]);
    network.setGroupRole({ group: group.jid, phone: bot.phone, role: 'admin', byPhone: ANA });
    await bot.transport.deleteForEveryone(group.jid, target);
    expect(bot.of('message-delete')).toEqual([{ id: said.id, chatJid: group.jid, fromMe: false, ts: clock.now() }]);
  });

  it('deletes its own message anywhere; every bot in the group hears it, as its own or not', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone, other.phone] });
    const sent = await bot.transport.sendText(group.jid, 'wrong price, sorry');
    await bot.transport.deleteForEveryone(group.jid, { id: sent.id, fromMe: true, senderJid: jid(bot.phone) });
    expect(bot.of('message-delete')).toEqual([{ id: sent.id, chatJid: group.jid, fromMe: true, ts: clock.now() }]);
    expect(other.of('message-delete')).toEqual([{ id: sent.id, chatJid: group.jid, fromMe: false, ts: clock.now() }]);
  });

  it('in a private chat deletes only its own messages, and only it hears the deletion', async () => {
    const sent = await bot.transport.sendText(jid(ANA), 'Your order is ready');
    const said = network.receive({ from: ANA, to: bot.phone, text: 'thanks' });
    await expect(
      bot.transport.deleteForEveryone(jid(ANA), { id: said.id, fromMe: false, senderJid: jid(ANA) }),
    ).rejects.toThrow('You can only delete your own messages.');
    await bot.transport.deleteForEveryone(jid(ANA), { id: sent.id, fromMe: true, senderJid: jid(bot.phone) });
    expect(bot.of('message-delete')).toEqual([{ id: sent.id, chatJid: jid(ANA), fromMe: true, ts: clock.now() }]);
    expect(network.conversation(bot.phone, ANA).find((m) => m.id === sent.id)?.deletedAt).toBe(clock.now());
  });
});

describe('mentions and stickers on the simulated network', () => {
  it('reads @numbers in a member’s text as mentions, as a phone sends them', () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone, BEN] });
    const said = network.receive({ from: ANA, to: bot.phone, text: '.warn @447911123403 rude', chatJid: group.jid });
    expect(said.mentions).toEqual([jid(BEN)]);
    expect(network.receive({ from: ANA, to: bot.phone, text: 'mail me at a@b.c' }).mentions).toBeUndefined();
  });

  it('carries the mentions a bot sends to the other bots, and only those', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone, other.phone, BEN] });
    // A hidden tag: everyone pinged, nobody named in the text.
    await bot.transport.sendText(group.jid, 'Meeting at 8', { mentions: [jid(ANA), jid(BEN)] });
    // Digits after @ without the socket naming them are just text.
    await bot.transport.sendText(group.jid, 'Call @447911123403');
    const [hidden, plain] = other.of('message');
    expect(hidden).toMatchObject({ text: 'Meeting at 8', mentions: [jid(ANA), jid(BEN)] });
    expect(plain?.mentions).toBeUndefined();
    expect(network.inboxOfContacts[0]?.mentions).toEqual([jid(ANA), jid(BEN)]);
  });

  it('delivers a sticker as a sticker', async () => {
    const other = await linkSimBot(network, clock, 'bot-2');
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone, other.phone] });
    const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46]);
    const sticker = { kind: 'sticker' as const, bytes, mime: 'image/webp', fileName: 'thanks.webp', caption: null };
    await bot.transport.sendMedia(jid(ANA), sticker);
    await bot.transport.sendMedia(group.jid, sticker);
    expect(network.inboxOfContacts[0]?.media).toMatchObject({ kind: 'sticker', mime: 'image/webp' });
    const [received] = other.of('message');
    expect(received).toMatchObject({ kind: 'sticker', text: null, media: { mime: 'image/webp', size: 4 } });
    await expect(other.transport.downloadMedia(received?.media?.ref ?? '')).resolves.toEqual(bytes);
  });
});
