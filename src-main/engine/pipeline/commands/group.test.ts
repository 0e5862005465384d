import { describe, expect, it } from 'vitest';
import { BOT, CREATOR, CUSTOMER, OTHER, recordingWorld, testPipeline } from '../testing';

const admin = () => recordingWorld({ group: true, roles: ['admin'], senderRole: 'admin' });
const inGroup = { group: true };

describe('group commands', () => {
  it('warns a member, counting up, and removes them at the group’s limit', async () => {
    const t = testPipeline();
    const world = admin();
    world.saveGroupSettings({ warnLimit: 2 });
    const mention = { ...inGroup, mentions: [OTHER] };
    await t.say('.warn @447911123403 spamming', mention, world);
    expect(world.sent.at(-1)).toEqual({
      text: '@447911123403 has been warned (1/2). Reason: spamming',
      mentions: [OTHER],
    });
    await t.say('.warn @447911123403', mention, world);
    expect(world.sent.at(-1)?.text).toBe('@447911123403 reached 2 warnings and was removed.');
    expect(world.actions).toEqual([`remove ${OTHER}`]);
    expect(world.warnings(OTHER, { delta: 0 })).toBe(0);
  });

  it('takes a warning back, and anyone may see their own count', async () => {
    const t = testPipeline();
    const world = admin();
    await t.say('.warn', { ...inGroup, quoted: { waId: 'X', senderJid: OTHER } }, world);
    await t.say('.unwarn @447911123403', { ...inGroup, mentions: [OTHER] }, world);
    expect(world.sent.at(-1)?.text).toBe('@447911123403 now has 0/3 warnings.');
    const member = recordingWorld({ group: true });
    await t.say('.warnings', inGroup, member);
    expect(member.sent.at(-1)?.text).toBe('@447911123402: 0/3 warnings.');
  });

  it('says why it cannot remove someone: not an admin, the creator, an admin, the owner', async () => {
    const t = testPipeline({ owners: ['+447911123403'] });
    const notAdmin = recordingWorld({ group: true, roles: ['admin'], senderRole: 'admin', botAdmin: false });
    await t.say('.kick @447911123403', { ...inGroup, mentions: [OTHER] }, notAdmin);
    expect(notAdmin.sent.at(-1)?.text).toMatch(/I need to be an admin of this group/);
    const world = admin();
    await t.say('.kick', { ...inGroup, mentions: [CREATOR] }, world);
    expect(world.sent.at(-1)?.text).toMatch(/created this group: WhatsApp does not let anyone remove/);
    await t.clock.advance(1);
    await t.say('.kick', { ...inGroup, mentions: [OTHER] }, world);
    expect(world.sent.at(-1)?.text).toBe('@447911123403 is my owner: I will not do that to them.');
    expect(world.actions).toEqual([]);
  });

  it('kicks, promotes and demotes members when it can; never targets the bot itself', async () => {
    const t = testPipeline();
    const world = admin();
    await t.say('.kick @447911123403 @447700900000', { ...inGroup, mentions: [OTHER, BOT] }, world);
    await t.say('.promote', { ...inGroup, mentions: [OTHER] }, world);
    await t.say('.demote', { ...inGroup, mentions: [OTHER] }, world);
    expect(world.actions).toEqual([`remove ${OTHER}`, `promote ${OTHER}`, `demote ${OTHER}`]);
    expect(world.sent.map((s) => s.text)).toEqual([
      'Removed @447911123403 from the group.',
      '@447911123403 is now an admin.',
      '@447911123403 is no longer an admin.',
    ]);
  });

  it('is refused to members who are not admins, and outside groups', async () => {
    const t = testPipeline();
    expect((await t.say('.kick', inGroup, recordingWorld({ group: true }))).sent).toEqual([
      'Only group admins can use .kick.',
    ]);
    expect((await t.say('.tagall', {}, recordingWorld({ roles: ['owner'] }))).sent).toEqual([
      '.tagall works in groups only.',
    ]);
  });

  it('tags everyone (but the bot) with mentions, and hidetag pings them without listing them', async () => {
    const t = testPipeline();
    const world = admin();
    await t.say('.tagall Meeting at 5', inGroup, world);
    expect(world.sent[0]).toEqual({
      text: 'Meeting at 5\n\n@447911123402\n@447911123403\n@447911123404',
      mentions: [CUSTOMER, OTHER, CREATOR],
    });
    await t.say('.hidetag Sale today', inGroup, world);
    expect(world.sent[1]).toEqual({ text: 'Sale today', mentions: [CUSTOMER, OTHER, CREATOR] });
  });

  it('mutes and unmutes the group, and sets welcome texts', async () => {
    const t = testPipeline();
    const world = admin();
    await t.say('.mute', inGroup, world);
    await t.say('.unmute', inGroup, world);
    expect(world.actions).toEqual(['announce', 'open']);
    await t.say('.welcome set Hi {{name}}, welcome to {{group}}!', inGroup, world);
    expect(world.groupSettings).toMatchObject({ welcome: true, welcomeText: 'Hi {{name}}, welcome to {{group}}!' });
    await t.say('.goodbye on', inGroup, world);
    expect(world.groupSettings?.goodbye).toBe(true);
  });
});

describe('anti-link', () => {
  const link = 'join my group https://chat.whatsapp.com/AbCdEf';

  it('deletes a link from a member who is not an admin and warns them, removing them at the limit', async () => {
    const t = testPipeline();
    const world = recordingWorld({ group: true });
    world.saveGroupSettings({ antilink: true, warnLimit: 2 });
    expect(await t.say(link, inGroup, world)).toMatchObject({ stage: 'moderation' });
    expect(world.sent.at(-1)?.text).toBe('@447911123402, links are not allowed in this group. Warning 1/2.');
    await t.say('see www.example.com', inGroup, world);
    expect(world.actions).toEqual(['delete', 'delete', `remove ${CUSTOMER}`]);
  });

  it('never touches admins, and only warns when the bot cannot delete', async () => {
    const t = testPipeline();
    const adminWorld = admin();
    adminWorld.saveGroupSettings({ antilink: true });
    expect(await t.say(link, inGroup, adminWorld)).toMatchObject({ stage: 'none' });
    const weak = recordingWorld({ group: true, botAdmin: false });
    weak.saveGroupSettings({ antilink: true });
    await t.say(link, inGroup, weak);
    expect(weak.actions).toEqual(['The link stays: the bot is not an admin of this group, so it cannot delete it.']);
    expect(weak.sent.at(-1)?.text).toBe('@447911123402, links are not allowed in this group.');
  });

  it('lets links through when it is off, and plain words are never links', async () => {
    const t = testPipeline();
    const world = recordingWorld({ group: true });
    expect(await t.say(link, inGroup, world)).toMatchObject({ stage: 'none' });
    world.saveGroupSettings({ antilink: true });
    expect(await t.say('see you at 5.30, ok?', inGroup, world)).toMatchObject({ stage: 'none' });
  });
});

describe('opt-out', () => {
  it('marks the contact opted out once, with one confirmation, in any configured language', async () => {
    const t = testPipeline();
    const world = recordingWorld();
    expect(await t.say('STOP', {}, world)).toMatchObject({ stage: 'opt-out' });
    expect(world.sent.map((s) => s.text)).toEqual([
      'You will not receive messages from us any more. Reply START to receive them again.',
    ]);
    await t.say('Parar!', {}, world);
    expect(world.sent).toHaveLength(1);
    expect(await t.say('stop sending me the price', {}, world)).toMatchObject({ stage: 'none' });
  });
});
