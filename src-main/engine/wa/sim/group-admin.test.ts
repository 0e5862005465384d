import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../clock';
import type { SimNetwork } from './network';
import { linkSimBot, simWorld, type SimBot } from './testing';

const ANA = '+447911123402';
const BEN = '+447911123403';
const jid = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;

let clock: FakeClock;
let network: SimNetwork;
let bot: SimBot & { phone: string };

beforeEach(async () => {
  ({ clock, network } = simWorld(3));
  network.setHistorySize(0);
  bot = await linkSimBot(network, clock);
});

describe('a bot running a simulated group', () => {
  it('removes and promotes members only as an admin, never the creator', async () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [BEN, bot.phone] });
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'remove')).rejects.toThrow(
      'The bot is not an admin of this group.',
    );
    network.setGroupRole({ group: group.jid, phone: bot.phone, role: 'admin', byPhone: ANA });
    await expect(bot.transport.updateGroupMembers(group.jid, [jid(ANA)], 'remove')).rejects.toThrow(
      'The group’s creator cannot be removed.',
    );
    await bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'promote');
    await bot.transport.updateGroupMembers(group.jid, [jid(BEN)], 'remove');
    expect(
      bot
        .of('group-participants')
        .map((e) => [e.action, e.members, e.byJid])
        .slice(-2),
    ).toEqual([
      ['promote', [jid(BEN)], jid(bot.phone)],
      ['remove', [jid(BEN)], jid(bot.phone)],
    ]);
    // Removed means removed: they cannot write there any more.
    expect(() => network.receive({ from: BEN, to: bot.phone, text: 'hi', chatJid: group.jid })).toThrow(
      /is not a member/,
    );
  });

  it('mutes the group so only admins may write, and opens it again', async () => {
    const group = network.createGroup({ creator: bot.phone, subject: 'Shop', members: [ANA] });
    await bot.transport.setGroupAnnounce(group.jid, true);
    expect(bot.of('group').at(-1)?.announce).toBe(true);
    expect(() => network.receive({ from: ANA, to: bot.phone, text: 'hi', chatJid: group.jid })).toThrow(
      /Only admins can send/,
    );
    await bot.transport.setGroupAnnounce(group.jid, false);
    expect(network.receive({ from: ANA, to: bot.phone, text: 'hi', chatJid: group.jid }).text).toBe('hi');
  });

  it('deletes a member’s message only as an admin, and everyone hears the deletion', async () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone] });
    const said = network.receive({ from: ANA, to: bot.phone, text: 'spam http://x.io', chatJid: group.jid });
    const target = { id: said.id, fromMe: false, senderJid: jid(ANA) };
    await expect(bot.transport.deleteForEveryone(group.jid, target)).rejects.toThrow(
      'Only group admins can delete other people’s messages.',
    );
    network.setGroupRole({ group: group.jid, phone: bot.phone, role: 'admin', byPhone: ANA });
    await bot.transport.deleteForEveryone(group.jid, target);
    expect(bot.of('message-delete')).toEqual([{ id: said.id, chatJid: group.jid, fromMe: false, ts: clock.now() }]);
  });

  it('reads @numbers in a member’s text as mentions', () => {
    const group = network.createGroup({ creator: ANA, subject: 'Club', members: [bot.phone, BEN] });
    const said = network.receive({ from: ANA, to: bot.phone, text: '.warn @447911123403 rude', chatJid: group.jid });
    expect(said.mentions).toEqual([jid(BEN)]);
  });
});
