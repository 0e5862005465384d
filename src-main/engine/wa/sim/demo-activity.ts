import type { Clock, TimerId } from '../../clock';
import { pick, type Random } from '../../random';
import type { SimNetwork } from './network';
import {
  DEMO_CUSTOMERS,
  FORWARDS,
  GROUP_LINES,
  LINES,
  PHOTO_CAPTIONS,
  REACTIONS,
  REPLY_LINES,
  TYPOS,
  WRONG_CHAT,
  type DemoCustomer,
} from './script';

export { DEMO_CUSTOMERS, demoLine } from './script';

/**
 * Simulated customers who write to online demo bots now and then, so a new user sees Wren work:
 * mostly plain texts, sometimes a photo, a reply quoting the bot, a reaction (or taking one back),
 * something forwarded, a typo fixed by an edit, or a message to the wrong chat deleted at once.
 */

export const DEMO_MIN_GAP_MS = 25_000;
export const DEMO_MAX_GAP_MS = 70_000;

export type DemoBehaviour =
  'text' | 'photo' | 'reply' | 'react' | 'forward' | 'edit' | 'delete' | 'group' | 'join-leave';

/** How often each happens, out of the total; most ticks stay plain texts. */
const WEIGHTS: readonly [DemoBehaviour, number][] = [
  ['text', 60],
  ['photo', 8],
  ['reply', 9],
  ['react', 9],
  ['forward', 4],
  ['edit', 5],
  ['delete', 5],
  ['group', 8],
  ['join-leave', 2],
];

const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

const pickOrNull = <T>(random: Random, items: readonly T[]): T | null =>
  items.length === 0 ? null : pick(random, items);
const jidOf = (phone: string): string => `${phone.slice(1)}@s.whatsapp.net`;

export const pickBehaviour = (random: Random): DemoBehaviour => {
  let roll = random() * TOTAL_WEIGHT;
  for (const [behaviour, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return behaviour;
  }
  return 'text';
};

export type DemoActivity = { stop(): void };

export const startDemoActivity = (deps: {
  network: SimNetwork;
  clock: Clock;
  random: Random;
  onlineDemoPhones(): string[];
}): DemoActivity => {
  const { network, clock, random } = deps;
  let timer: TimerId | null = null;
  /** Second halves of a behaviour (the edit after the typo, the delete after the slip). */
  const followUps = new Set<TimerId>();

  const later = (ms: number, fn: () => void) => {
    const id = clock.setTimeout(() => {
      followUps.delete(id);
      try {
        fn();
      } catch {
        // The message changed meanwhile (say, it was deleted): the demo simply moves on.
      }
    }, ms);
    followUps.add(id);
  };

  const act = (behaviour: DemoBehaviour, customer: DemoCustomer, to: string): void => {
    const who = { from: customer.phone, fromName: customer.name, to };
    const lastFromBot = network.conversation(to, customer.phone).findLast((m) => m.fromMe && m.deletedAt === null);
    switch (behaviour) {
      case 'photo':
        network.sendPhoto({ ...who, caption: pick(random, PHOTO_CAPTIONS) });
        return;
      case 'reply':
        if (!lastFromBot) break;
        network.reply({ ...who, text: pick(random, REPLY_LINES), quotedId: lastFromBot.id });
        return;
      case 'react':
        if (!lastFromBot) break;
        // Sometimes a reaction is taken back, as people do.
        network.react({ ...who, id: lastFromBot.id, emoji: lastFromBot.reaction ? null : pick(random, REACTIONS) });
        return;
      case 'forward':
        network.forward({ ...who, text: pick(random, FORWARDS) });
        return;
      case 'edit': {
        const [typo, fixed] = pick(random, TYPOS);
        const sent = network.receive({ ...who, text: typo });
        later(4_000 + Math.floor(random() * 40_000), () => network.edit({ ...who, id: sent.id, text: fixed }));
        return;
      }
      case 'delete': {
        const sent = network.receive({ ...who, text: pick(random, WRONG_CHAT) });
        later(3_000 + Math.floor(random() * 15_000), () => network.deleteForEveryone({ ...who, id: sent.id }));
        return;
      }
      case 'group': {
        // Someone (not the bot) writes in one of the bot's groups.
        const group = pickOrNull(random, network.groupsOf(to));
        const member = group
          ? pickOrNull(
              random,
              DEMO_CUSTOMERS.filter((c) => group.members.some((m) => m.jid === jidOf(c.phone))),
            )
          : null;
        if (!group || !member) break;
        network.receive({
          from: member.phone,
          fromName: member.name,
          to,
          chatJid: group.jid,
          text: pick(random, GROUP_LINES),
        });
        return;
      }
      case 'join-leave': {
        // A customer joins a group, or leaves one that keeps at least three people.
        const group = pickOrNull(random, network.groupsOf(to));
        if (!group) break;
        const inGroup = DEMO_CUSTOMERS.filter((c) => group.members.some((m) => m.jid === jidOf(c.phone)));
        const outside = DEMO_CUSTOMERS.filter((c) => !inGroup.includes(c));
        const leaving = group.members.length > 3 && (outside.length === 0 || random() < 0.5);
        const who = pickOrNull(random, leaving ? inGroup : outside);
        if (!who) break;
        if (leaving) network.leaveGroup({ group: group.jid, phone: who.phone });
        else network.joinGroup({ group: group.jid, phone: who.phone });
        return;
      }
      case 'text':
        break;
    }
    network.receive({ ...who, text: pick(random, LINES) });
  };

  const schedule = () => {
    const gap = DEMO_MIN_GAP_MS + Math.floor(random() * (DEMO_MAX_GAP_MS - DEMO_MIN_GAP_MS));
    timer = clock.setTimeout(tick, gap);
  };
  const tick = () => {
    const phones = deps.onlineDemoPhones();
    if (phones.length > 0) {
      const customer = pick(random, DEMO_CUSTOMERS);
      const to = pick(random, phones);
      act(pickBehaviour(random), customer, to);
    }
    schedule();
  };
  schedule();
  return {
    stop: () => {
      clock.clearTimeout(timer);
      for (const id of followUps) clock.clearTimeout(id);
      followUps.clear();
    },
  };
};
