import { describe, expect, it } from 'vitest';
import { recordingWorld, testPipeline } from '../testing';

const shop = {
  id: 'f1',
  name: 'Shop menu',
  triggers: ['menu', 'hi'],
  root: {
    reply: 'How can we help?',
    options: [
      {
        label: 'Prices',
        reply: 'Which one?',
        options: [
          { label: 'Coffee', reply: 'Which size?', options: [{ label: 'Small', reply: 'Small is £2.' }] },
          { label: 'Cake', reply: 'Cake is £3.' },
        ],
      },
      { label: 'Opening hours', reply: 'We open 9–18, Monday to Friday.' },
      { label: 'Talk to a person', reply: '', handoff: true },
    ],
  },
};

describe('menu flows', () => {
  it('walks three levels down by number, goes back with 0, and closes at the top', async () => {
    const t = testPipeline({ flows: [shop] as never });
    expect((await t.say('Hi')).sent).toEqual(['How can we help?\n\n1. Prices\n2. Opening hours\n3. Talk to a person']);
    expect((await t.say('1')).sent).toEqual(['Which one?\n\n1. Coffee\n2. Cake\n0. Back']);
    expect((await t.say('1')).sent).toEqual(['Which size?\n\n1. Small\n0. Back']);
    expect(await t.say('1')).toMatchObject({ stage: 'flow', sent: ['Small is £2.'] });
    expect((await t.say('0')).sent).toEqual(['Which one?\n\n1. Coffee\n2. Cake\n0. Back']);
    expect((await t.say('0')).sent).toEqual(['How can we help?\n\n1. Prices\n2. Opening hours\n3. Talk to a person']);
    expect((await t.say('2')).sent).toEqual(['We open 9–18, Monday to Friday.']);
    expect((await t.say('0')).sent).toEqual(['Menu closed. Send the menu word again any time.']);
    expect(await t.say('1')).toMatchObject({ stage: 'none', sent: [] });
  });

  it('gives one hint to a number it does not have, and a second miss closes the menu', async () => {
    const t = testPipeline({ flows: [shop] as never });
    await t.say('menu');
    expect(await t.say('7')).toMatchObject({
      stage: 'flow',
      sent: ['There is no option 7. Reply with a number from 1 to 3, or 0 to close the menu.'],
    });
    // Still in the menu after the hint: a right answer works.
    expect((await t.say('1')).sent).toEqual(['Which one?\n\n1. Coffee\n2. Cake\n0. Back']);
    expect((await t.say('5')).sent).toEqual([
      'There is no option 5. Reply with a number from 1 to 2, or 0 to go back.',
    ]);
    // The second miss in a row is not answered by the menu, and the menu is closed.
    expect(await t.say('9')).toMatchObject({ stage: 'none', sent: [] });
    expect(await t.say('1')).toMatchObject({ stage: 'none', sent: [] });
  });

  it('asks once about a word close to an option, and picks an option typed by its label', async () => {
    const t = testPipeline({ flows: [shop] as never });
    await t.say('menu');
    expect((await t.say('prises')).sent).toEqual([
      'Did you mean 1. Prices? Reply with a number from 1 to 3, or 0 to close the menu.',
    ]);
    expect((await t.say('Opening hours!')).sent).toEqual(['We open 9–18, Monday to Friday.']);
    expect((await t.say('hours')).sent).toEqual([
      'Did you mean 2. Opening hours? Reply with a number from 1 to 3, or 0 to close the menu.',
    ]);
    expect(await t.say('hourz')).toMatchObject({ stage: 'none', sent: [] });
  });

  it('closes the menu on a question of its own, which goes on to commands and auto-replies', async () => {
    const t = testPipeline({
      flows: [shop] as never,
      rules: [{ id: 'r', match: 'contains', words: ['book', 'table'], reply: 'Call us to book.' }] as never,
    });
    await t.say('menu');
    expect(await t.say('Can I book a table for Friday?')).toMatchObject({
      stage: 'auto-reply',
      sent: ['Call us to book.'],
    });
    // The menu is closed: a number is plain text again, never "Please reply with a number".
    expect(await t.say('2')).toMatchObject({ stage: 'none', sent: [] });
    await t.say('menu');
    expect(await t.say('.ping')).toMatchObject({ stage: 'command', sent: ['pong 🏓'] });
    expect(await t.say('where are you?')).toMatchObject({ stage: 'none', sent: [] });
  });

  it('never answers free text with a hint, however often it comes', async () => {
    const t = testPipeline({ flows: [shop] as never });
    await t.say('menu');
    for (const text of ['what?', 'hello?', 'Can I book a table for Friday?']) {
      expect(await t.say(text)).toMatchObject({ stage: 'none', sent: [] });
    }
  });

  it('keeps each conversation’s place apart', async () => {
    const t = testPipeline({ flows: [shop] as never });
    await t.say('menu');
    await t.say('1');
    const other = { senderJid: '447911123499@s.whatsapp.net', chatId: 9 };
    expect(await t.say('1', other)).toMatchObject({ stage: 'none' });
    expect((await t.say('2')).sent).toEqual(['Cake is £3.']);
  });

  it('closes a menu left alone for the timeout', async () => {
    const t = testPipeline({ flows: [shop] as never, flowTimeoutMinutes: 10 });
    await t.say('menu');
    await t.clock.advance(9 * 60_000);
    expect((await t.say('2')).sent).toEqual(['We open 9–18, Monday to Friday.']);
    await t.clock.advance(10 * 60_000);
    expect(await t.say('2')).toMatchObject({ stage: 'none', sent: [] });
  });

  it('hands the chat to a person and stops answering there', async () => {
    const t = testPipeline({ flows: [shop] as never });
    await t.say('menu');
    const world = recordingWorld();
    const result = await t.say('3', {}, world);
    expect(result.sent).toEqual(['Thanks! A person will answer you here soon.']);
    expect(world.actions).toEqual(['handoff']);
    expect(await t.say('menu', {}, recordingWorld({ handedOff: true }))).toMatchObject({ stage: 'paused' });
  });

  it('opens only in the places it is meant for', async () => {
    const t = testPipeline({ flows: [{ ...shop, scope: 'private' }] as never });
    expect(await t.say('menu', { group: true })).toMatchObject({ stage: 'none' });
  });
});
