import { describe, expect, it } from 'vitest';
import { OTHER, recordingWorld, testPipeline } from '../testing';

describe('owner commands', () => {
  it('adds, lists and removes premium members, and premium members may then run premium commands', async () => {
    const t = testPipeline({
      commands: [{ id: 'c', name: 'vip', reply: 'Welcome to the VIP corner', permission: 'premium' }],
    } as never);
    const owner = recordingWorld({ roles: ['owner'] });
    await t.say('.premium add @447911123403', { mentions: [OTHER] }, owner);
    await t.say('.premium add', { quoted: { waId: 'Q', senderJid: OTHER } }, owner);
    await t.say('.premium list', {}, owner);
    expect(owner.sent.map((s) => s.text)).toEqual([
      '@447911123403 is now premium.',
      '@447911123403 was already premium.',
      '*Premium members*\n@447911123403',
    ]);
    await t.say('.premium del @447911123403', { mentions: [OTHER] }, owner);
    expect(owner.sent.at(-1)?.text).toBe('@447911123403 is no longer premium.');

    expect((await t.say('.vip', {}, recordingWorld())).sent).toEqual(['Only premium members can use .vip.']);
    expect((await t.say('.vip', {}, recordingWorld({ roles: ['premium'] }))).sent).toEqual([
      'Welcome to the VIP corner',
    ]);
    expect((await t.say('.premium list', {}, recordingWorld({ roles: ['premium'] }))).sent).toEqual([
      'Only the bot’s owner can use .premium.',
    ]);
  });

  it('broadcasts for the owner only, saying how many chats it reaches', async () => {
    const t = testPipeline();
    const owner = recordingWorld({ roles: ['owner'], broadcast: () => 12 });
    expect((await t.say('.broadcast New menu today!', {}, owner)).sent).toEqual([
      'Broadcasting to 12 chats, one every few seconds so the number stays safe.',
    ]);
    expect((await t.say('.bc hi', {}, recordingWorld())).sent).toEqual(['Only the bot’s owner can use .broadcast.']);
  });

  it('answers stats for owners and group admins', async () => {
    const t = testPipeline();
    expect((await t.say('.stats', {}, recordingWorld({ roles: ['owner'] }))).sent).toEqual([
      '*Stats*\nPrivate chats: 3',
    ]);
  });
});
