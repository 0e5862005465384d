/**
 * The reconnect phase of bench/wa-sessions.bench.ts on its own (method: bench/wa-reconnects.ts).
 *
 *   npx tsx bench/wa-reconnects.bench.ts          WREN_BENCH_WA_RECONNECTS=100
 */
import { checkTrace, linkContacts, seconds, startServer } from './wa-harness';
import { printReconnects, RECONNECTS, runReconnects } from './wa-reconnects';

const main = async () => {
  const server = await startServer();
  const started = performance.now();
  try {
    const [contact] = await linkContacts(server, 1);
    if (!contact) throw new Error('No contact linked.');
    console.log(`Reconnects: ${RECONNECTS} per process`);
    printReconnects(await runReconnects(server, contact));
    await contact.close();
  } finally {
    checkTrace(server);
    await server.close();
    console.log(`\nTotal ${seconds(performance.now() - started)}`);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
