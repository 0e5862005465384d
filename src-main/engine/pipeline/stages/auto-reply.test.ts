import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock';
import { recordingWorld, testPipeline } from '../testing';

const rule = (over: Record<string, unknown>) => ({ id: String(Math.random()), reply: 'r', ...over });

describe('auto-reply rules', () => {
  it('matches exact, contains and starts-with without caring about case or accents', async () => {
    const t = testPipeline({
      rules: [
        rule({ match: 'exact', pattern: 'price', reply: 'exact' }),
        rule({ match: 'starts-with', pattern: 'hello', reply: 'starts' }),
        rule({ match: 'contains', pattern: 'preço', reply: 'contains' }),
      ] as never,
    });
    expect((await t.say('PRICE')).sent).toEqual(['exact']);
    expect((await t.say('price please')).sent).toEqual([]);
    expect((await t.say('Hello there')).sent).toEqual(['starts']);
    expect((await t.say('qual o preco?')).sent).toEqual(['contains']);
  });

  it('answers to any of several words or phrases, whole words only, and says which one matched', async () => {
    const t = testPipeline({
      rules: [
        rule({ name: 'Booking', match: 'contains', words: ['book', 'table for two', 'reserva'], reply: 'Call us.' }),
        rule({ name: 'Hello', match: 'starts-with', words: ['hi', 'olá'], reply: 'Hello!' }),
        rule({ name: 'Thanks', match: 'exact', words: ['thanks', 'thank you'], reply: 'You are welcome.' }),
      ] as never,
    });
    expect(await t.say('Can I BOOK for Friday?')).toMatchObject({ sent: ['Call us.'], matched: 'book' });
    expect(await t.say('a Table  for two, please')).toMatchObject({ sent: ['Call us.'], matched: 'table for two' });
    expect(await t.say('Quero fazer uma RESERVA!')).toMatchObject({ matched: 'reserva' });
    expect((await t.say('I love this bookshop')).sent).toEqual([]);
    expect((await t.say('notebook')).sent).toEqual([]);
    expect(await t.say('Ola, bom dia')).toMatchObject({ sent: ['Hello!'], matched: 'olá' });
    expect((await t.say('Hi!')).sent).toEqual(['Hello!']);
    expect((await t.say('history please')).sent).toEqual([]);
    expect(await t.say('Thank you!')).toMatchObject({ sent: ['You are welcome.'], matched: 'thank you' });
    expect((await t.say('thanks a lot')).sent).toEqual([]);
  });

  it('keeps a rule saved with one phrase, and reads a saved comma list as several', async () => {
    const t = testPipeline({
      rules: [
        rule({ match: 'contains', pattern: 'opening hours', reply: 'one' }),
        rule({ match: 'contains', pattern: 'price, cost', reply: 'two' }),
      ] as never,
    });
    expect((await t.say('your opening hours?')).sent).toEqual(['one']);
    expect((await t.say('what does it cost')).sent).toEqual(['two']);
    expect(await t.say('the price')).toMatchObject({ matched: 'price' });
    expect((await t.say('hours')).sent).toEqual([]);
  });

  it('matches words in scripts written without spaces', async () => {
    const t = testPipeline({ rules: [rule({ match: 'contains', words: ['价格'], reply: 'price' })] as never });
    expect((await t.say('请问价格多少')).sent).toEqual(['price']);
  });

  it('runs the highest priority first, and fills in template values', async () => {
    const t = testPipeline({
      rules: [
        rule({ match: 'contains', pattern: 'order', reply: 'low' }),
        rule({ match: 'contains', pattern: 'order', reply: 'Hi {{name}}, {{missing|friend}}!', priority: 5 }),
      ] as never,
    });
    expect((await t.say('my order')).sent).toEqual(['Hi Ana, friend!']);
  });

  it('greets only the first message from a new contact', async () => {
    const t = testPipeline({ rules: [rule({ match: 'first-message', reply: 'Welcome!' })] as never });
    expect((await t.say('hi', {}, recordingWorld({ firstMessage: true }))).sent).toEqual(['Welcome!']);
    expect((await t.say('hi again')).sent).toEqual([]);
  });

  it('answers each contact once per cooldown', async () => {
    const t = testPipeline({ rules: [rule({ match: 'any', reply: 'Got it', cooldownMinutes: 30 })] as never });
    expect((await t.say('a')).sent).toEqual(['Got it']);
    expect((await t.say('b')).sent).toEqual([]);
    expect((await t.say('b', { senderJid: '447911123499@s.whatsapp.net', chatId: 9 })).sent).toEqual(['Got it']);
    await t.clock.advance(30 * 60_000);
    expect((await t.say('c')).sent).toEqual(['Got it']);
  });

  it('keeps to its scope', async () => {
    const t = testPipeline({ rules: [rule({ match: 'any', reply: 'private only' })] as never });
    expect((await t.say('hi', { group: true })).sent).toEqual([]);
    expect((await t.say('hi')).sent).toEqual(['private only']);
  });

  it('matches regular expressions, including ones that backtrack for minutes in JavaScript', async () => {
    const t = testPipeline({
      rules: [
        rule({ name: 'nested', match: 'regex', pattern: '^(a+)+$', reply: 'only a' }),
        rule({ name: 'order', match: 'regex', pattern: 'order\\s*#?\\d{4}', reply: 'Tracking it' }),
      ] as never,
    });
    expect((await t.say('where is order #1234')).sent).toEqual(['Tracking it']);
    expect((await t.say(`${'a'.repeat(40)}!`)).sent).toEqual([]);
    expect((await t.say('A'.repeat(2_000))).sent).toEqual(['only a']);
    expect(t.paused).toEqual([]);
  });

  // Issue 12: one 900-character message froze the engine for 95 s on these two rules, because
  // plain quantifier chains ran unguarded on JavaScript's backtracking engine. If matching ever
  // goes back to it, this test hangs (and fails on the suite's timeout) instead of answering.
  it('answers quantifier chains against 900- and 2,000-character messages', async () => {
    const t = testPipeline({
      rules: [
        rule({ name: 'status', match: 'regex', pattern: '.*order.*status.*', reply: 'Checking your order' }),
        rule({ name: 'chain', match: 'regex', pattern: 'a*a*a*b', reply: 'Chain' }),
      ] as never,
    });
    expect((await t.say('a'.repeat(900))).sent).toEqual([]);
    expect((await t.say('a'.repeat(2_000))).sent).toEqual([]);
    expect((await t.say(`${'a'.repeat(1_999)}b`)).sent).toEqual(['Chain']);
    expect((await t.say(`${'order '.repeat(150)}status`)).sent).toEqual(['Checking your order']);
    expect((await t.say('order '.repeat(333))).sent).toEqual([]);
    expect((await t.say(`${'x'.repeat(2_000)} order status`)).sent).toEqual([]); // past the 2,000 checked
  });

  it('yields to the event loop between slices of one message’s regex work', async () => {
    let calls = 0;
    let now = 0;
    const clock = () => (calls++ % 2 === 1 ? (now += 15) : now); // every pattern test takes 15 ms
    const t = testPipeline(
      {
        rules: [
          ...['one', 'two', 'three'].map((word) =>
            rule({ match: 'regex', pattern: `${word}\\d`, reply: word, priority: 1 }),
          ),
          rule({ name: 'order', match: 'regex', pattern: 'order\\s*#?\\d{4}', reply: 'Tracking it' }),
        ],
      } as never,
      undefined,
      { sliceMs: 20, budgetMs: 1_000, now: clock },
    );
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const said = await t.say('order 1234');
    order.push('answered');
    expect(said.sent).toEqual(['Tracking it']);
    expect(order).toEqual(['other work', 'answered']);
  });

  it('pauses a regex rule that keeps using up a message’s time budget, and the others answer', async () => {
    // A fake clock for the matcher: each pattern test takes the next of these many ms.
    const costs = [25, 25];
    let calls = 0;
    let now = 0;
    const clock = () => (calls++ % 2 === 1 ? (now += costs.shift() ?? 1) : now);
    const t = testPipeline(
      {
        rules: [
          rule({ name: 'slow', match: 'regex', pattern: 'never\\d', reply: 'never', priority: 5 }),
          rule({ name: 'order', match: 'regex', pattern: 'order\\s*#?\\d{4}', reply: 'Tracking it' }),
        ],
      } as never,
      undefined,
      { budgetMs: 20, now: clock },
    );
    // Twice, the slow rule uses the whole budget and the rule after it is not reached.
    expect((await t.say('order 1234')).sent).toEqual([]);
    expect((await t.say('order 1234')).sent).toEqual([]);
    expect(t.paused).toEqual(['slow']);
    expect((await t.say('order 1234')).sent).toEqual(['Tracking it']);
    expect(t.paused).toEqual(['slow']);
  });
});

describe('business hours and the away message', () => {
  const hours = (over: Record<string, unknown>) => ({
    enabled: true,
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '18:00',
    awayReply: 'We are closed, back at 9.',
    awayCooldownMinutes: 60,
    ...over,
  });

  it('sends the away message outside hours, once per contact per cooldown, never in groups', async () => {
    // Monday 23 Nov 2026, 20:00 in London.
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 20));
    const t = testPipeline({ hours: hours({}), timeZone: 'Europe/London' }, clock);
    expect(await t.say('hello?')).toMatchObject({ stage: 'away', sent: ['We are closed, back at 9.'] });
    expect((await t.say('anyone?')).sent).toEqual([]);
    expect((await t.say('hello?', { group: true })).sent).toEqual([]);
    await clock.advance(13 * 60 * 60_000); // Tuesday 09:00: open
    expect(await t.say('hello?')).toMatchObject({ stage: 'none' });
  });

  it('counts a night shift that runs past midnight as open', async () => {
    // Saturday 01:30 in London; Friday's 22:00–02:00 shift is still on, Saturday is not a working day.
    const clock = new FakeClock(Date.UTC(2026, 10, 28, 1, 30));
    const t = testPipeline(
      { hours: hours({ days: [5], start: '22:00', end: '02:00' }), timeZone: 'Europe/London' },
      clock,
    );
    expect(await t.say('open?')).toMatchObject({ stage: 'none' });
    await clock.advance(60 * 60_000); // 02:30: closed
    expect(await t.say('open?')).toMatchObject({ stage: 'away' });
  });

  it('reads the hours in the business’s time zone', async () => {
    // 12:00 UTC on a Monday is 21:00 in Tokyo: closed there, open in London.
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 12));
    const tokyo = testPipeline({ hours: hours({}), timeZone: 'Asia/Tokyo' }, clock);
    const london = testPipeline({ hours: hours({}), timeZone: 'Europe/London' }, clock);
    expect((await tokyo.say('hi')).stage).toBe('away');
    expect((await london.say('hi')).stage).toBe('none');
  });

  it('runs rules marked for open or closed hours only then', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 20));
    const t = testPipeline(
      {
        hours: hours({ awayReply: '' }),
        timeZone: 'UTC',
        rules: [
          rule({ match: 'contains', pattern: 'price', hours: 'open', reply: 'Open price' }),
          rule({ match: 'contains', pattern: 'price', hours: 'closed', reply: 'Closed price' }),
        ],
      } as never,
      clock,
    );
    expect((await t.say('price')).sent).toEqual(['Closed price']);
  });
});
