/**
 * The import crash test's engine, in its own process so the test can SIGKILL it at any moment: a
 * real engine on a real SQLite file, importing a CSV that updates contacts the bot already has
 * and adds new ones.
 *
 *   tsx child.ts setup <dataDir> <known>     a bot with <known> contacts, then exit
 *   tsx child.ts import <dataDir> <rows>     import <rows> rows (the first <known> update)
 *
 * It prints `READY` once set up, `WRITING <ms>` when every row is checked and writing begins,
 * and `DONE <ms> <added> <updated>` when the import answered.
 */
import { performance } from 'node:perf_hooks';
import { calls, type CallInput, type CallName, type CallOutput } from '../../../../src-shared/contract';
import { createEngine } from '../../index';
import { seededRandom } from '../../random';

const [mode, dataDir, count] = process.argv.slice(2);
if (!dataDir || !count || (mode !== 'setup' && mode !== 'import')) throw new Error('usage: setup|import <dataDir> <n>');

const engine = createEngine({ dataDir, mode: 'headless', version: 'crash-test', random: seededRandom(process.pid) });

const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
  const reply = await engine.dispatch(name, input);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return calls[name].output.parse(reply.value) as CallOutput<N>;
};

const phoneOf = (i: number) => `+4474${String(i).padStart(8, '0')}`;

const main = async () => {
  const n = Number(count);
  if (mode === 'setup') {
    await call('bots:create', { name: 'Crash shop', kind: 'demo' });
    const [bot] = await call('bots:list', {});
    const rows = ['phone,name,city', ...Array.from({ length: n }, (_, i) => `${phoneOf(i)},Known ${i},Old`)];
    await call('contacts:import', {
      botId: bot?.id ?? '',
      csv: rows.join('\n'),
      mapping: { phone: 0, name: 1, fields: { city: 2 } },
      tags: ['known'],
    });
    process.stdout.write('READY\n');
  } else {
    const [bot] = await call('bots:list', {});
    const botId = bot?.id ?? '';
    const rows = ['phone,name,city', ...Array.from({ length: n }, (_, i) => `${phoneOf(i)},Customer ${i},New`)];
    const started = performance.now();
    engine.events.on('contacts:import-progress', ({ done, total }) => {
      if (done === total) process.stdout.write(`WRITING ${Math.round(performance.now() - started)}\n`);
    });
    const result = await call('contacts:import', {
      botId,
      csv: rows.join('\n'),
      mapping: { phone: 0, name: 1, fields: { city: 2 } },
      tags: ['file'],
    });
    process.stdout.write(`DONE ${Math.round(performance.now() - started)} ${result.added} ${result.updated}\n`);
  }
  await engine.close();
  process.exit(0);
};

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
