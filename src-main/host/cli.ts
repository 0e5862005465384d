import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { acquireDataLock } from '../data-lock';
import { defaultDataDir } from '../data-dir';
import { createEngine } from '../engine';
import { createFileLogger } from '../engine/log/logger';
import { MIN_TOKEN_LENGTH, tokenProblem } from './access';
import { startHost } from './server';

/** How long a stop may take before the process exits regardless. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * `npm run serve`: Wren without Electron. Runs the engine and serves the built UI on 127.0.0.1
 * behind a random token, printing the URL to open.
 */
const usage = `Usage: node out/main/host.js [--data-dir DIR] [--port N] [--host 127.0.0.1] [--no-demo-activity]

  --data-dir DIR       where wren.db and logs live (default: ${defaultDataDir()})
  --port N             port to listen on (default: 5680; 0 picks a free one)
  --host ADDR          address to bind (default: 127.0.0.1; anything else exposes Wren to your network)
  --no-demo-activity   demo customers do not write in on their own
Environment: WREN_TOKEN fixes the access token, at least ${MIN_TOKEN_LENGTH} characters (default: random each start).`;

const main = async () => {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo-activity': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port ?? '5680');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const token = process.env.WREN_TOKEN || undefined;
  const weakToken = token === undefined ? null : tokenProblem(token, 'WREN_TOKEN');
  if (weakToken) throw new Error(weakToken);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // Before anything opens the folder's database: a second Wren on it must stop here.
  const locked = acquireDataLock(dataDir, 'headless');
  if (!locked.ok) throw new Error(locked.error.message);
  const logger = await createFileLogger(dataDir);
  const engine = createEngine({
    dataDir,
    mode: 'headless',
    version,
    logger,
    demoActivity: !values['no-demo-activity'],
    baileys: {
      // Only for the local WhatsApp protocol server used in tests.
      waWebSocketUrl: process.env.WREN_WA_URL || undefined,
      rootPublicKeyHex: process.env.WREN_WA_ROOT_KEY || undefined,
    },
  });
  const host = await startHost({
    engine,
    logger,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    host: values.host,
    port,
    token,
  });
  await engine.start();
  logger.info({ port: host.port, dataDir }, 'Headless host started');
  console.log(`Wren is running (data: ${dataDir}).\nOpen ${host.url}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // A socket that never answers its close (a dead network, a stuck client) must not keep the
    // process, and the data-folder lock with it, alive: past the deadline, exit anyway.
    const deadline = setTimeout(() => {
      logger.warn({ ms: SHUTDOWN_DEADLINE_MS }, 'Shutdown took too long; exiting without waiting further');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await host.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  // A closed terminal: without a handler Node dies without 'exit', and the lock stays behind.
  process.on('SIGHUP', () => void shutdown());
};

main().catch((error: unknown) => {
  console.error(`Wren could not start: ${(error as Error).message}`);
  process.exit(1);
});
