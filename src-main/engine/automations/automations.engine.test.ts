import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;
let botPhone: string;

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

/** Lets the pipeline answer and the outbox send (a few promise turns after the message is stored). */
const settle = async () => {
  await h.clock.advance(10);
  await h.engine.automations.idle();
  await h.engine.inbox.idle();
};

const sentTo = (phone: string) => h.engine.network.inboxOfContacts.filter((m) => m.to === phone).map((m) => m.text);

/** One menu flow opened by "menu", with the given root. */
const menuFlow = (root: { reply: string; options: { label: string; reply?: string; handoff?: boolean }[] }) => ({
  id: 'f',
  name: 'Main',
  triggers: ['menu'],
  root,
});

const chatOf = async (phone: string) => {
  const chat = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.phone === phone);
  if (!chat) throw new Error(`No chat with ${phone}`);
  return chat;
};

describe('automations through the engine', () => {
  it('answers a customer’s command in the chat and logs the run', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.ping' });
    await settle();
    const chat = await chatOf('+447911123402');
    const [answer, question] = (await h.call('messages:page', { chatId: chat.id })).items;
    expect(question).toMatchObject({ text: '.ping', fromMe: false });
    expect(answer).toMatchObject({ text: 'pong 🏓', fromMe: true, status: 'sent', quoted: null });
    expect(sentTo('+447911123402')).toEqual(['pong 🏓']);
    const [run] = await h.call('automations:runs', { botId });
    expect(run).toMatchObject({ command: 'ping', result: 'answered', sender: '+447911123402', chatTitle: chat.title });
  });

  it('does not answer plain messages or what arrived while the bot was stopped', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'hello' });
    await h.call('bots:stop', { botId });
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.ping' });
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await settle();
    expect(h.engine.network.inboxOfContacts).toEqual([]);
  });

  it('saves a custom command and an auto-reply, and a customer gets both answers', async () => {
    await h.call('automations:save', {
      botId,
      patch: {
        commands: [{ id: 'c1', name: 'hours', reply: 'Hi {{name}}! We open 9–18.' }],
        rules: [{ id: 'r1', name: 'Prices', match: 'contains', pattern: 'price', reply: 'A coffee is £2.' }],
      },
    });
    await h.call('demo:receive', { botId, from: '+447911123402', text: '!hours' });
    await settle();
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'What is the price of coffee?' });
    await settle();
    expect(sentTo('+447911123402')).toEqual(['Hi +447911123402! We open 9–18.', 'A coffee is £2.']);
  });

  it('refuses a bad rule or a command named like a built-in, and keeps what was saved', async () => {
    const bad = await h.engine.dispatch('automations:save', {
      botId,
      patch: { rules: [{ id: 'r', match: 'regex', pattern: '(unclosed', reply: 'x' }] },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!bad.ok && bad.error.message).toMatch(/^That pattern is not a valid regular expression/);
    expect(!bad.ok && bad.error.fields?.['patch.rules.0.pattern']).toMatch(/not a valid regular expression/);
    const clash = await h.engine.dispatch('automations:save', {
      botId,
      patch: { commands: [{ id: 'c', name: 'Help', reply: 'x' }] },
    });
    expect(!clash.ok && clash.error).toMatchObject({
      message: '“help” is the built-in command menu. Choose another trigger word.',
      fields: { 'commands.0.name': '“help” is the built-in command menu. Choose another trigger word.' },
    });
    expect((await h.call('automations:get', { botId })).config).toMatchObject({ rules: [], commands: [] });
  });

  it('saves one part at a time without resetting the others', async () => {
    await h.call('automations:save', { botId, patch: { commands: [{ id: 'c', name: 'hours', reply: '9–18' }] } });
    await h.call('automations:save', { botId, patch: { prefixes: ['#'] } });
    const { config } = await h.call('automations:get', { botId });
    expect(config).toMatchObject({ prefixes: ['#'], commands: [{ name: 'hours' }] });
    const group = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.kind === 'group');
    await h.call('groups:save-settings', { chatId: group?.id ?? 0, patch: { antilink: true } });
    const settings = await h.call('groups:save-settings', { chatId: group?.id ?? 0, patch: { warnLimit: 5 } });
    expect(settings).toMatchObject({ antilink: true, warnLimit: 5 });
  });

  it('tells the Automations page when the owner changes the premium list from a chat', async () => {
    await h.call('automations:save', { botId, patch: { owners: ['+447911123402'] } });
    const changed: string[] = [];
    h.engine.events.on('automations:changed', ({ botId: id }) => changed.push(id));
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.premium add 447911123403' });
    await settle();
    expect(sentTo('+447911123402').at(-1)).toMatch(/is now premium/);
    expect(changed).toEqual([botId]);
    expect((await h.call('automations:get', { botId })).premium).toEqual(['+447911123403']);
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.premium add 447911123403' });
    await settle();
    expect(changed).toEqual([botId]); // already premium: nothing changed, nothing to reload
  });

  it('turns a built-in command off and on again', async () => {
    const saved = await h.call('automations:save', { botId, patch: { disabledCommands: ['ping', 'nonsense'] } });
    expect(saved.config.disabledCommands).toEqual(['ping']);
    expect(saved.builtIns.find((c) => c.name === 'ping')?.enabled).toBe(false);
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.ping' });
    await settle();
    expect(sentTo('+447911123402')).toEqual([]);
  });

  it('hands a chat to a person from a menu, and the bot keeps quiet there until resumed', async () => {
    await h.call('automations:save', {
      botId,
      patch: {
        flows: [menuFlow({ reply: 'Hello!', options: [{ label: 'Talk to a person', handoff: true }] })],
        rules: [{ id: 'r', match: 'any', reply: 'Auto answer' }],
      },
    });
    for (const text of ['menu', '1', 'are you there?']) {
      await h.call('demo:receive', { botId, from: '+447911123402', text });
      await settle();
    }
    expect(sentTo('+447911123402')).toEqual([
      'Hello!\n\n1. Talk to a person',
      'Thanks! A person will answer you here soon.',
    ]);
    const chat = await chatOf('+447911123402');
    expect(chat.handoffAt).not.toBeNull();
    await h.call('chats:update', { chatId: chat.id, handoff: false });
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'hello again' });
    await settle();
    expect(sentTo('+447911123402').at(-1)).toBe('Auto answer');
  });

  it('marks a contact who answers STOP as opted out, with one confirmation', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'STOP' });
    await settle();
    await h.call('demo:receive', { botId, from: '+447911123402', text: 'stop' });
    await settle();
    expect(sentTo('+447911123402')).toHaveLength(1);
    const row = h.engine.db.sqlite
      .prepare("SELECT opted_out_at, opted_out_reason FROM contacts WHERE phone_jid = '447911123402@s.whatsapp.net'")
      .get() as { opted_out_at: number | null; opted_out_reason: string };
    expect(row.opted_out_at).toBeGreaterThan(0);
    expect(row.opted_out_reason).toBe('Replied “STOP”');
  });

  it('tries a message in the test panel without sending anything, keeping a menu’s place', async () => {
    await h.call('automations:save', {
      botId,
      patch: {
        flows: [menuFlow({ reply: 'Pick one', options: [{ label: 'Prices', reply: 'Coffee £2' }] })],
      },
    });
    expect(await h.call('automations:try', { botId, text: 'menu' })).toMatchObject({
      stage: 'flow',
      replies: ['Pick one\n\n1. Prices'],
    });
    expect(await h.call('automations:try', { botId, text: '1' })).toMatchObject({
      stage: 'flow',
      replies: ['Coffee £2'],
    });
    expect(await h.call('automations:try', { botId, text: '1', reset: true })).toMatchObject({ stage: 'none' });
    expect(
      await h.call('automations:try', { botId, text: '.kick @447700900111', where: 'group', role: 'admin' }),
    ).toMatchObject({ stage: 'command', actions: ['Would remove +447700900111'] });
    expect(await h.call('automations:try', { botId, text: '.kick @447700900111', where: 'group' })).toMatchObject({
      replies: ['Only group admins can use .kick.'],
    });
    expect(h.engine.network.inboxOfContacts).toEqual([]);
    expect(await h.call('automations:runs', { botId })).toEqual([]);
  });

  it('welcomes who joins a group and says goodbye to who leaves, with the group’s name and size', async () => {
    const group = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.kind === 'group');
    if (!group) throw new Error('The demo bot has no group');
    await h.call('groups:save-settings', {
      chatId: group.id,
      patch: { welcome: true, welcomeText: 'Welcome {{name}} to {{group}}! We are {{count}}.', goodbye: true },
    });
    const before = h.engine.network.groupInfo(group.jid).members.length;
    await h.call('demo:group', { chatId: group.id, action: 'join', phone: '+447911123450' });
    await settle();
    await h.call('demo:group', { chatId: group.id, action: 'leave', phone: '+447911123450' });
    await settle();
    const texts = (await h.call('messages:page', { chatId: group.id })).items
      .filter((m) => m.fromMe)
      .map((m) => m.text);
    expect(texts.slice(0, 2)).toEqual([
      'Goodbye, @447911123450.',
      `Welcome @447911123450 to Regulars! We are ${before + 1}.`,
    ]);
    expect(botPhone).toMatch(/^\+/);
  });

  it('moderates the demo group: deletes a member’s link, and an admin’s .kick removes someone', async () => {
    const group = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.kind === 'group');
    if (!group) throw new Error('The demo bot has no group');
    await h.call('groups:save-settings', { chatId: group.id, patch: { antilink: true } });
    const info = h.engine.network.groupInfo(group.jid);
    const admin = info.members.find((m) => m.role === 'admin');
    const member = info.members.find((m) => m.role === 'member');
    if (!admin || !member) throw new Error('The demo group needs an admin and a member');
    const phone = (jid: string) => `+${jid.split('@')[0] ?? ''}`;

    await h.call('demo:group', {
      chatId: group.id,
      action: 'say',
      phone: phone(member.jid),
      text: 'cheap stuff at www.spam.shop',
    });
    await settle();
    const [warning, link] = (await h.call('messages:page', { chatId: group.id })).items;
    expect(link).toMatchObject({ text: 'cheap stuff at www.spam.shop', deletedAt: h.clock.now() - 10 });
    expect(warning?.text).toBe(`@${member.jid.split('@')[0]}, links are not allowed in this group. Warning 1/3.`);

    await h.call('demo:group', {
      chatId: group.id,
      action: 'say',
      phone: phone(admin.jid),
      text: `.kick @${member.jid.split('@')[0]}`,
    });
    await settle();
    expect(h.engine.network.groupInfo(group.jid).members.some((m) => m.jid === member.jid)).toBe(false);
    const [answer] = (await h.call('messages:page', { chatId: group.id })).items.filter((m) => m.fromMe);
    expect(answer?.text).toBe(`Removed @${member.jid.split('@')[0]} from the group.`);
    // In a group the answer quotes the command it answers.
    expect(answer?.quoted?.text).toBe(`.kick @${member.jid.split('@')[0]}`);
  });

  it('makes a sticker from a photo sent with .sticker, and sends a custom command’s picture', async () => {
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.sticker', photo: true });
    await settle();
    await h.engine.media.idle();
    await settle();
    const sticker = h.engine.network.inboxOfContacts.find((m) => m.media?.kind === 'sticker');
    expect(sticker?.media).toMatchObject({ mime: 'image/webp' });

    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#00a884' } })
      .png()
      .toBuffer();
    const image = await h.call('automations:upload-image', { botId, name: 'menu.png', data: png.toString('base64') });
    await h.call('automations:save', {
      botId,
      patch: { commands: [{ id: 'c', name: 'prices', reply: 'Our prices', image }] },
    });
    await h.call('demo:receive', { botId, from: '+447911123402', text: '.prices' });
    await settle();
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts.at(-1)).toMatchObject({
      text: 'Our prices',
      media: { kind: 'image', mime: 'image/png', fileName: 'menu.png' },
    });
  });

  it('mutes and opens a group from Wren, and says why when the bot cannot', async () => {
    const group = (await h.call('chats:list', { botId, limit: 50 })).items.find((c) => c.kind === 'group');
    if (!group) throw new Error('The demo bot has no group');
    await h.call('groups:set-announce', { chatId: group.id, announce: true });
    expect(h.engine.network.groupInfo(group.jid).announce).toBe(true);
    await settle();
    expect((await h.call('groups:get', { chatId: group.id })).announce).toBe(true);
    await h.call('bots:stop', { botId });
    const refused = await h.engine.dispatch('groups:set-announce', { chatId: group.id, announce: false });
    expect(!refused.ok && refused.error.message).toBe('Start the bot first: it changes the group on WhatsApp.');
  });
});
