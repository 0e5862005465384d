import { FakeClock } from '../../clock';
import { seededRandom } from '../../random';
import type { AuthStore, TransportEvents } from '../transport';
import { SimNetwork } from './network';
import { SimTransport } from './transport';

/** Test helpers for the simulated network: a bot on a fake clock, and everything its transport reports. */

export const memoryAuth = (): AuthStore => {
  let creds: unknown = null;
  return {
    readCreds: <T>() => creds as T | null,
    writeCreds: (value) => {
      creds = value;
    },
    clear: () => {
      creds = null;
    },
    hasSession: () => creds !== null,
  };
};

type ReportedEvent =
  'message' | 'message-edit' | 'message-delete' | 'reaction' | 'history' | 'group' | 'group-participants';

type Reported = { [E in ReportedEvent]: { event: E; payload: TransportEvents[E] } }[ReportedEvent];

export type SimBot = {
  transport: SimTransport;
  auth: AuthStore;
  /** What the transport emitted, in order (connection events left out). */
  reported: Reported[];
  of<E extends Reported['event']>(event: E): TransportEvents[E][];
};

export const simBot = (network: SimNetwork, clock: FakeClock, botId = 'bot-1', auth = memoryAuth()): SimBot => {
  const transport = new SimTransport(botId, network, auth, clock);
  const reported: Reported[] = [];
  transport.on('message', (payload) => reported.push({ event: 'message', payload }));
  transport.on('message-edit', (payload) => reported.push({ event: 'message-edit', payload }));
  transport.on('message-delete', (payload) => reported.push({ event: 'message-delete', payload }));
  transport.on('reaction', (payload) => reported.push({ event: 'reaction', payload }));
  transport.on('history', (payload) => reported.push({ event: 'history', payload }));
  transport.on('group', (payload) => reported.push({ event: 'group', payload }));
  transport.on('group-participants', (payload) => reported.push({ event: 'group-participants', payload }));
  return {
    transport,
    auth,
    reported,
    of: <E extends Reported['event']>(event: E) =>
      reported.filter((r) => r.event === event).map((r) => r.payload as TransportEvents[E]),
  };
};

/** Links a new bot by QR and logs it in, as the engine would after WhatsApp's 515 restart. */
export const linkSimBot = async (
  network: SimNetwork,
  clock: FakeClock,
  botId = 'bot-1',
): Promise<SimBot & { phone: string }> => {
  const bot = simBot(network, clock, botId);
  await bot.transport.connect();
  const phone = network.scan(botId);
  await bot.transport.connect();
  return { ...bot, phone };
};

export const simWorld = (seed = 1) => {
  const clock = new FakeClock();
  const network = new SimNetwork(clock, seededRandom(seed));
  return { clock, network };
};
