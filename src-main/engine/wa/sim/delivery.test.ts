import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock';
import { seededRandom } from '../../random';
import { SendError } from '../transport';
import { readSimJournal } from './delivery';
import { SimNetwork } from './network';
import { linkSimBot } from './testing';

const ANA = '447700900501@s.whatsapp.net';

const world = async (journal?: string) => {
  const clock = new FakeClock();
  const network = new SimNetwork(clock, seededRandom(3), journal ? { journal } : {});
  network.setHistorySize(0);
  const bot = await linkSimBot(network, clock);
  return { clock, network, bot };
};

describe('what the simulated network accepts', () => {
  it('keeps a message sent twice with the same id once, as WhatsApp does', async () => {
    const { network, bot } = await world();
    await bot.transport.sendText(ANA, 'Spring sale!', { id: '3EB0AAA' });
    await bot.transport.sendText(ANA, 'Spring sale!', { id: '3EB0AAA' });
    await bot.transport.sendText(ANA, 'Spring sale!', { id: '3EB0BBB' });
    expect(network.inboxOfContacts.filter((m) => m.to === '+447700900501').map((m) => m.id)).toEqual([
      '3EB0AAA',
      '3EB0BBB',
    ]);
  });

  it('refuses numbers without WhatsApp, contacts who blocked the bot, and rate limits, each with its code', async () => {
    const { network, bot } = await world();
    network.delivery.notOnWhatsApp.add('+447700900999');
    network.delivery.blocking.add('+447700900998');
    await expect(bot.transport.isOnWhatsApp('447700900999@s.whatsapp.net')).resolves.toBe(false);
    await expect(bot.transport.isOnWhatsApp(ANA)).resolves.toBe(true);
    const refusal = (jid: string) =>
      bot.transport.sendText(jid, 'Hi').then(
        () => null,
        (error: unknown) => error,
      );
    expect(await refusal('447700900999@s.whatsapp.net')).toMatchObject({ code: 404, kind: 'permanent' });
    expect(await refusal('447700900998@s.whatsapp.net')).toMatchObject({ code: 403, kind: 'permanent' });
    network.delivery.refuseNext(463);
    const limited = await refusal(ANA);
    expect(limited).toBeInstanceOf(SendError);
    expect(limited).toMatchObject({ code: 463, kind: 'rate-limit' });
    expect(await refusal(ANA)).toBeNull();
  });

  it('remembers accepted ids across a restart when it keeps a journal', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'wren-sim-')), 'journal.txt');
    const first = await world(journal);
    await first.bot.transport.sendText(ANA, 'Once', { id: '3EB0ONCE' });
    // A new network (the app restarted) reading the same journal keeps the same message once.
    const second = new SimNetwork(new FakeClock(), seededRandom(4), { journal });
    expect(second.delivery.admit(first.bot.phone, '+447700900501', '3EB0ONCE')).toBe('duplicate');
    expect(readSimJournal(journal)).toEqual([{ from: first.bot.phone, to: '+447700900501', id: '3EB0ONCE' }]);
  });

  it('records typing shown to a contact', async () => {
    const { network, bot } = await world();
    await bot.transport.sendPresence(ANA, 'composing');
    expect(network.delivery.presences).toEqual([
      { from: bot.phone, to: ANA, state: 'composing', ts: expect.any(Number) },
    ]);
  });
});
