import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock';
import { silentLogger } from '../log/logger';
import { createPipeline, type Pipeline, type PipelineInput } from './pipeline';
import type { Permission } from './registry';

let clock: FakeClock;
let pipeline: Pipeline;
let replies: string[];
let runs: string[];
let roles: Set<Exclude<Permission, 'everyone'>>;

const msg = (text: string, over: Partial<PipelineInput> = {}): PipelineInput => ({
  botId: 'bot',
  chatId: 1,
  chatJid: '447911123402@s.whatsapp.net',
  isGroup: false,
  messageId: 10,
  senderJid: '447911123402@s.whatsapp.net',
  text,
  fromMe: false,
  offline: false,
  ...over,
});

beforeEach(() => {
  clock = new FakeClock();
  replies = [];
  runs = [];
  roles = new Set();
  pipeline = createPipeline({
    clock,
    logger: silentLogger(),
    rolesOf: () => roles,
    reply: async (_input, text) => {
      await Promise.resolve();
      replies.push(text);
    },
    logRun: (_input, entry) => runs.push(`${entry.command}: ${entry.result}`),
  });
});

describe('the message pipeline: commands', () => {
  it('answers a command with any prefix and any case, and leaves plain text alone', async () => {
    expect(await pipeline.handle(msg('.ping'))).toEqual({ stage: 'command', reply: 'pong 🏓' });
    expect((await pipeline.handle(msg('!PING'))).reply).toBe('pong 🏓');
    expect(await pipeline.handle(msg('ping'))).toEqual({ stage: 'none', reply: null });
    expect(await pipeline.handle(msg('.nosuchcommand'))).toEqual({ stage: 'none', reply: null });
    expect(runs).toEqual(['ping: answered', 'ping: answered']);
  });

  it('never answers the bot itself, nor messages from before it was listening', async () => {
    expect((await pipeline.handle(msg('.ping', { fromMe: true }))).stage).toBe('skipped');
    expect((await pipeline.handle(msg('.ping', { offline: true }))).stage).toBe('skipped');
    expect((await pipeline.handle(msg('.ping', { chatJid: 'status@broadcast' }))).stage).toBe('skipped');
    expect(replies).toEqual([]);
  });

  it('lists only what the asker may use here, by name or alias, with a cooldown', async () => {
    pipeline.registry.register({
      name: 'kick',
      summary: 'Removes someone',
      permission: 'admin',
      scope: 'groups',
      run: () => 'ok',
    });
    pipeline.registry.register({
      name: 'tagall',
      summary: 'Mentions everyone',
      permission: 'everyone',
      scope: 'groups',
      run: () => 'ok',
    });
    const menu = (await pipeline.handle(msg('.menu'))).reply ?? '';
    expect(menu).toContain('.ping — Checks that the bot is awake');
    expect(menu).not.toContain('kick');
    expect(menu).not.toContain('tagall');
    expect((await pipeline.handle(msg('/help'))).reply).toMatch(/Please wait \d s before using \/menu again/);
    await clock.advance(5_000);
    roles.add('admin');
    const groupMenu = (await pipeline.handle(msg('/help', { isGroup: true, chatId: 2 }))).reply ?? '';
    expect(groupMenu).toContain('/kick — Removes someone');
    expect(groupMenu).toContain('/tagall');
  });

  it('says who may use a command and where, instead of running it', async () => {
    pipeline.registry.register({
      name: 'kick',
      summary: 'Removes someone',
      permission: 'admin',
      scope: 'groups',
      run: () => 'kicked',
    });
    expect((await pipeline.handle(msg('.kick', { isGroup: true }))).reply).toBe('Only group admins can use .kick.');
    roles.add('admin');
    expect((await pipeline.handle(msg('.kick'))).reply).toBe('.kick works in groups only.');
    expect((await pipeline.handle(msg('.kick', { isGroup: true }))).reply).toBe('kicked');
    roles.clear();
    roles.add('owner');
    expect((await pipeline.handle(msg('.kick', { isGroup: true, chatId: 3 }))).reply).toBe('kicked');
  });

  it('warns a sender once past ten commands a minute, then stays silent until the minute has passed', async () => {
    for (let i = 0; i < 10; i++) await pipeline.handle(msg('.ping'));
    expect((await pipeline.handle(msg('.ping'))).reply).toMatch(/too fast/);
    expect(await pipeline.handle(msg('.ping'))).toEqual({ stage: 'rate-limit', reply: null });
    expect((await pipeline.handle(msg('.ping', { senderJid: 'other@s.whatsapp.net' }))).reply).toBe('pong 🏓');
    await clock.advance(60_001);
    expect((await pipeline.handle(msg('.ping'))).reply).toBe('pong 🏓');
  });

  it('apologises when a command fails, and keeps going', async () => {
    pipeline.registry.register({
      name: 'boom',
      summary: 'Fails',
      permission: 'everyone',
      scope: 'both',
      run: () => {
        throw new Error('x');
      },
    });
    expect((await pipeline.handle(msg('.boom'))).reply).toBe('Sorry, .boom failed. Try again in a moment.');
    expect((await pipeline.handle(msg('.ping'))).reply).toBe('pong 🏓');
  });

  it('refuses a second command under a taken name or alias', () => {
    expect(() =>
      pipeline.registry.register({
        name: 'help',
        summary: 'x',
        permission: 'everyone',
        scope: 'both',
        run: () => null,
      }),
    ).toThrow(/already the command or alias of "menu"/);
  });
});
