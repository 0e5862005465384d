import { describe, expect, it } from 'vitest';
import type { Permission, Scope } from '../../../src-shared/automations';
import { recordingWorld, testPipeline } from './testing';
import type { Role } from './world';

describe('the message pipeline: guards and commands', () => {
  it('answers a command with any prefix and any case, and leaves plain text alone', async () => {
    const t = testPipeline();
    expect(await t.say('.ping')).toMatchObject({ stage: 'command', sent: ['pong 🏓'] });
    expect((await t.say('!PING')).sent).toEqual(['pong 🏓']);
    expect(await t.say('ping')).toMatchObject({ stage: 'none', sent: [] });
    expect(await t.say('.nosuchcommand')).toMatchObject({ stage: 'none', sent: [] });
    expect(t.runs).toEqual(['ping: answered', 'ping: answered']);
  });

  it('never answers the bot itself, nor messages from before it was listening, nor statuses', async () => {
    const t = testPipeline();
    for (const over of [{ fromMe: true }, { offline: true }, { chatJid: 'status@broadcast' }]) {
      expect(await t.say('.ping', over)).toMatchObject({ stage: 'skipped', sent: [] });
    }
  });

  it('uses the bot’s own prefixes only', async () => {
    const t = testPipeline({ prefixes: ['#'] });
    expect((await t.say('#ping')).sent).toEqual(['pong 🏓']);
    expect(await t.say('.ping')).toMatchObject({ stage: 'none', sent: [] });
  });

  it('finds a command by its alias and takes quoted arguments as one', async () => {
    const t = testPipeline({
      commands: [{ id: 'c1', name: 'echo', reply: 'You said: {{args}}', summary: 'Repeats you' }] as never,
    });
    expect((await t.say('!help')).sent[0]).toContain('!echo — Repeats you');
    expect((await t.say('.echo “two words” and more')).sent).toEqual(['You said: “two words” and more']);
  });

  it('stops answering a command that was switched off, and the menu stops listing it', async () => {
    const t = testPipeline({ disabledCommands: ['ping'] });
    expect(await t.say('.ping')).toMatchObject({ stage: 'none', sent: [] });
    expect((await t.say('.menu')).sent[0]).not.toContain('.ping');
  });

  // Each role in each place, for a command of each permission and scope.
  const cases: { permission: Permission; scope: Scope; role: Role | null; group: boolean; ok: boolean }[] = [];
  for (const permission of ['owner', 'admin', 'premium', 'everyone'] as const)
    for (const scope of ['both', 'groups', 'private'] as const)
      for (const role of ['owner', 'admin', 'premium', null] as const)
        for (const group of [false, true]) {
          const allowed = permission === 'everyone' || role === 'owner' || role === permission;
          const placed = scope === 'both' || (scope === 'groups') === group;
          cases.push({ permission, scope, role, group, ok: allowed && placed });
        }

  it.each(cases)('$permission/$scope command, asker $role, group $group → runs: $ok', async (c) => {
    const t = testPipeline({
      commands: [{ id: 'c', name: 'secret', reply: 'ok', permission: c.permission, scope: c.scope }] as never,
    });
    const world = recordingWorld({ group: c.group, roles: c.role ? [c.role] : [] });
    const result = await t.say('.secret', { group: c.group }, world);
    expect(result.stage).toBe('command');
    if (c.ok) expect(result.sent).toEqual(['ok']);
    else expect(result.sent[0]).toMatch(/^Only |works in (groups|a private chat)/);
  });

  it('warns a sender once when they send too many commands, then stays silent until the minute passes', async () => {
    const t = testPipeline();
    for (let i = 0; i < 10; i++) expect((await t.say('.ping')).sent).toEqual(['pong 🏓']);
    expect((await t.say('.ping')).sent[0]).toMatch(/too fast/);
    expect(await t.say('.ping')).toMatchObject({ stage: 'rate-limit', sent: [] });
    // Another sender is not held up.
    expect((await t.say('.ping', { senderJid: '447911123499@s.whatsapp.net' })).sent).toEqual(['pong 🏓']);
    await t.clock.advance(60_000);
    expect((await t.say('.ping')).sent).toEqual(['pong 🏓']);
  });

  it('makes a chat wait out a command’s cooldown, saying how long', async () => {
    const t = testPipeline();
    expect((await t.say('.menu')).sent[0]).toMatch(/^\*Commands\*/);
    expect((await t.say('.menu')).sent).toEqual(['Please wait 5 s before using .menu again.']);
    await t.clock.advance(5_000);
    expect((await t.say('.menu')).sent[0]).toMatch(/^\*Commands\*/);
  });

  it('keeps quiet in a chat handed to a person, but still moderates and honours opt-out', async () => {
    const t = testPipeline({ rules: [{ id: 'r', match: 'any', reply: 'Hi!' }] as never });
    const world = recordingWorld({ handedOff: true });
    expect(await t.say('.ping', {}, world)).toMatchObject({ stage: 'paused', sent: [] });
    expect(await t.say('STOP', {}, world)).toMatchObject({ stage: 'opt-out' });
  });

  it('answers a failing command with the reason instead of crashing', async () => {
    const t = testPipeline();
    const world = recordingWorld({
      roles: ['owner'],
      broadcast: () => {
        throw new Error('The bot went offline. Start it again and retry.');
      },
    });
    const result = await t.say('.broadcast hello', {}, world);
    expect(result.sent).toEqual(['Sorry, .broadcast did not work: The bot went offline. Start it again and retry.']);
    expect(t.runs).toEqual(['broadcast: failed: The bot went offline. Start it again and retry.']);
  });

  it('follows the bot’s feature switches: auto-reply off silences saved replies, tag-all off hides tagall', async () => {
    const t = testPipeline({
      commands: [{ id: 'c', name: 'hours', reply: '9–18' }],
      rules: [{ id: 'r', match: 'any', reply: 'Auto' }],
    } as never);
    const off = (name: string) => recordingWorld({ featureOn: (f) => f !== name, group: true, roles: ['admin'] });
    expect(await t.say('.hours', {}, off('autoReply'))).toMatchObject({ stage: 'none', sent: [] });
    expect(await t.say('hello', {}, off('autoReply'))).toMatchObject({ stage: 'none', sent: [] });
    expect(await t.say('.tagall', { group: true }, off('tagAll'))).toMatchObject({ sent: [] });
    expect((await t.say('.help', { group: true }, off('tagAll'))).sent[0]).not.toContain('tagall');
    expect((await t.say('.hours', {}, off('tagAll'))).sent).toEqual(['9–18']);
  });
});
