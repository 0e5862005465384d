/**
 * `npm run wa-server`: the local WhatsApp protocol server on its own, for running the app
 * against it by hand. Test infrastructure: it never talks to WhatsApp.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createControlApi, USAGE } from './control-http';
import { WaServer } from './server';

const HELP = `npm run wa-server -- [options]
  --port N             port for the protocol (ws://…/ws/chat) and the control API (default 5690)
  --host ADDRESS       address to listen on (default 127.0.0.1)
  --root-secret HEX    64 hex digits: the certificate root's secret (default: a fixed test key)
  --trace              print every stanza as it passes
  -h, --help           this text`;

const parseOptions = () => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '5690' },
        host: { type: 'string', default: '127.0.0.1' },
        'root-secret': { type: 'string' },
        trace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
};
const values = parseOptions();
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

// A fixed default root keeps WREN_WA_ROOT_KEY the same across runs; it is a test key, trusted
// only by a development build started with WREN_WA_ROOT_KEY.
const secretHex = values['root-secret'] ?? createHash('sha256').update('wren local protocol server').digest('hex');
if (!/^[0-9a-fA-F]{64}$/.test(secretHex)) {
  console.error('--root-secret must be 64 hex digits.');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}

const control = createControlApi();
const server = await WaServer.start({
  port,
  host: values.host,
  rootSecret: Buffer.from(secretHex, 'hex'),
  echoTrace: values.trace,
  onHttp: (s, req, res) => control.handle(s, req, res),
});

console.log(`Local WhatsApp protocol server on ${server.url}
Run Wren against it:
  WREN_WA_URL=${server.url} WREN_WA_ROOT_KEY=${server.rootPublicKeyHex} npm run serve
${USAGE.replace(/\/control/g, `${server.httpUrl}/control`)}`);

const stop = () => {
  void control
    .close()
    .then(() => server.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
