/**
 * The crash test's engine, in its own process so the test can SIGKILL it at any moment: a real
 * engine on a real SQLite file, a Demo bot on the simulated network whose accepted message ids
 * are journaled (WhatsApp's memory outlives the app), and time running fast.
 *
 *   tsx child.ts setup <dataDir> <journal> <recipients>   link a bot, add contacts, schedule
 *   tsx child.ts run <dataDir> <journal>                   go on sending until the campaign is done
 *
 * It prints `READY` once set up, `SENDING` when messages start going and `DONE` when the campaign
 * finished.
 */
import { calls, type CallInput, type CallName, type CallOutput } from '../../../../src-shared/contract';
import { createEngine } from '../../index';
import { seededRandom } from '../../random';
import { fastClock } from '../../testing/fast-clock';

const [mode, dataDir, journal, count] = process.argv.slice(2);
if (!dataDir || !journal || (mode !== 'setup' && mode !== 'run'))
  throw new Error('usage: setup|run <dataDir> <journal> [n]');

/** Engine seconds per real second: the 5 s minimum gap between messages takes 10 ms. */
const SPEED = 500;

const engine = createEngine({
  dataDir,
  mode: 'headless',
  version: 'crash-test',
  clock: fastClock(SPEED),
  random: seededRandom(Number(process.env.WREN_CRASH_CHILD_SEED ?? process.pid)),
  // Acks take 3 s of engine time: a kill often lands after WhatsApp took a message but before
  // the engine heard so, the moment that would send it twice if the engine got it wrong.
  simNetwork: { journal, ackDelayMs: 3000 },
});

const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
  const reply = await engine.dispatch(name, input);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return calls[name].output.parse(reply.value) as CallOutput<N>;
};

const until = async (what: string, ok: () => boolean, withinMs = 20_000) => {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > withinMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const setup = async (recipients: number) => {
  const bot = await call('bots:create', { name: 'Crash shop', kind: 'demo' });
  await call('bots:start', { botId: bot.id });
  await until('the QR', () => engine.bots.get(bot.id).status === 'linking');
  await call('demo:simulate-scan', { botId: bot.id });
  await until('the bot online', () => engine.bots.get(bot.id).status === 'online');
  const rows = ['phone,name'];
  for (let i = 0; i < recipients; i += 1) rows.push(`+447700900${String(i).padStart(3, '0')},Customer ${i}`);
  const imported = await call('contacts:import', {
    botId: bot.id,
    csv: rows.join('\n'),
    mapping: { phone: 0, name: 1, tags: null, fields: {} },
    tags: ['crash'],
  });
  // The Demo phone's own past may already know a few of these numbers: those are updated.
  if (imported.added + imported.updated !== recipients) {
    throw new Error(
      `Imported ${imported.added + imported.updated} of ${recipients}: ${JSON.stringify(imported.skipped)}`,
    );
  }
  const draft = await call('campaigns:save', {
    botId: bot.id,
    draft: {
      name: 'Crash sale',
      variants: [{ text: '{Hi|Hello} {{name}}, our sale starts today.', media: null }],
      audience: { kind: 'tags', tags: ['crash'], match: 'any' },
      startAt: null,
      window: { start: '00:00', end: '23:59', days: [0, 1, 2, 3, 4, 5, 6], timeZone: 'UTC' },
      throttle: {
        delayMinSeconds: 5,
        delayMaxSeconds: 8,
        pauseEvery: 1000,
        pauseMinutes: 0,
        dailyCap: 5000,
        warmup: [],
        typing: true,
      },
    },
  });
  await call('campaigns:schedule', { id: draft.id });
};

const run = async () => {
  // The test kills this process at a random moment after sending has begun.
  let sending = false;
  engine.events.on('campaign:progress', ({ campaign }) => {
    if (!sending && campaign.status === 'running') {
      sending = true;
      process.stdout.write('SENDING\n');
    }
  });
  await engine.start();
  if (mode === 'setup') await setup(Number(count ?? 1000));
  process.stdout.write('READY\n');
  for (;;) {
    const [campaign] = await call('campaigns:list', {});
    if (!campaign) throw new Error('No campaign');
    if (campaign.status === 'done' || campaign.status === 'paused' || campaign.status === 'cancelled') {
      process.stdout.write(
        `${campaign.status === 'done' ? 'DONE' : `STOPPED ${campaign.status} ${campaign.note ?? ''}`}\n`,
      );
      await engine.close();
      process.exit(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

run().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
