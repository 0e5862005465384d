import type { Clock, TimerId } from '../../clock';
import { seededRandom, type Random } from '../../random';
import type { SimEndpoint, SimSession } from './endpoint';
import type { SimGroups } from './group-chats';
import { historyBatches, makeGroupPast, makePast, shuffled } from './history';
import { DEMO_CUSTOMERS } from './script';
import type { SimThreads } from './threads';

/**
 * What a simulated phone already holds when a device links (its made-up past, see history.ts) and
 * how it hands that to the device: a moment after the first login, then in batches, as WhatsApp does.
 */

/** History starts a moment after the first login, then comes in batches. */
export const SIM_HISTORY_DELAY_MS = 1_500;
export const SIM_HISTORY_BATCH_GAP_MS = 500;

type PastDeps = { clock: Clock; random: Random; threads: SimThreads; groups: SimGroups };

/**
 * The phone's made-up past, seeded from the network's randomness: one draw, so runs stay
 * reproducible. `busiestChat` null is the demo's past, which also gets a group of regulars.
 */
export const givePast = (
  deps: PastDeps,
  account: { phone: string; name: string },
  busiestChat: number | null,
): void => {
  const random = seededRandom(Math.floor(deps.random() * 2 ** 32));
  const now = deps.clock.now();
  const chats = makePast({ botPhone: account.phone, botName: account.name, now, random, busiestChat });
  for (const chat of chats) deps.threads.addPast(account.phone, chat.chatJid, chat.messages);
  if (busiestChat === null) giveDemoGroup(deps, account, random);
};

/**
 * A group of regulars the phone runs, with a day of chat: the bot hears the group's info at its
 * first login (queued now, as the device is not connected yet), then its messages as history.
 */
const giveDemoGroup = (deps: PastDeps, account: { phone: string; name: string }, random: Random): void => {
  const members = shuffled(random, DEMO_CUSTOMERS).slice(0, 4);
  const [firstMember] = members;
  const info = deps.groups.create({
    creator: account.phone,
    subject: 'Regulars',
    description: 'News, offers and questions from our regulars. Be kind 🙂',
    members: members.map((m) => m.phone),
    admins: firstMember ? [firstMember.phone] : [],
  });
  const now = deps.clock.now();
  const past = makeGroupPast({ botPhone: account.phone, botName: account.name, members, now, random });
  deps.threads.addPast(account.phone, info.jid, past);
};

/** Feeds newly linked devices what their phone holds, newest first, a batch at a time. */
export class SimHistoryFeed {
  private readonly timers = new Map<SimEndpoint, TimerId>();

  constructor(
    private readonly deps: {
      clock: Clock;
      threads: SimThreads;
      /** Whether the device is still online and still owed its history. */
      isDue(endpoint: SimEndpoint, session: SimSession): boolean;
      /** The device has had it all: a later login gets none. */
      done(session: SimSession): void;
    },
  ) {}

  start(endpoint: SimEndpoint, session: SimSession): void {
    this.stop(endpoint);
    let batches: ReturnType<typeof historyBatches> | null = null;
    const step = () => {
      this.timers.delete(endpoint);
      // Gone offline or unlinked meanwhile: the device still gets it all at its next login.
      if (!this.deps.isDue(endpoint, session)) return;
      batches ??= historyBatches(this.deps.threads.snapshot(session.phone));
      const batch = batches.shift();
      if (batch) endpoint.history(batch);
      if (batches.length === 0) this.deps.done(session);
      else this.timers.set(endpoint, this.deps.clock.setTimeout(step, SIM_HISTORY_BATCH_GAP_MS));
    };
    this.timers.set(endpoint, this.deps.clock.setTimeout(step, SIM_HISTORY_DELAY_MS));
  }

  stop(endpoint: SimEndpoint): void {
    this.deps.clock.clearTimeout(this.timers.get(endpoint));
    this.timers.delete(endpoint);
  }
}
