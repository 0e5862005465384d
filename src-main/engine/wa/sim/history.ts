import type { Random } from '../../random';
import type { IncomingMessage } from '../transport';
import { DEMO_CUSTOMERS, GROUP_SCENE, SCENES, type DemoCustomer, type Turn } from './script';
import { jidOfPhone, type SimThreadMessage } from './threads';

/**
 * The made-up past of a demo phone: a handful of chats with the demo customers over the last few
 * days, both ways, so a newly linked demo bot opens on an inbox that looks lived in.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far back the past reaches; a chat with thousands of messages stretches further. */
export const HISTORY_SPAN_MS = 3 * DAY;
/** Messages in each default chat, at random between these. */
const CHAT_MIN = 8;
const CHAT_MAX = 16;

/** The most messages one history batch carries, as WhatsApp sends long histories in chunks. */
export const HISTORY_BATCH_MAX = 5_000;

export type PastChat = { customer: DemoCustomer; chatJid: string; messages: SimThreadMessage[] };

const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** A phone-style message id (an iPhone's look): deterministic for the seed. */
const messageId = (random: Random): string => {
  let hex = '3A';
  for (let i = 0; i < 18; i++) hex += Math.floor(random() * 16).toString(16);
  return hex.toUpperCase();
};

export const shuffled = <T>(random: Random, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** Turns from scenes one after another (never the same scene twice running), cut to `count`. */
const script = (random: Random, count: number): { turn: Turn; opensScene: boolean }[] => {
  const turns: { turn: Turn; opensScene: boolean }[] = [];
  let last = -1;
  while (turns.length < count) {
    let index = Math.floor(random() * SCENES.length);
    if (index === last) index = (index + 1) % SCENES.length;
    last = index;
    (SCENES[index] ?? []).forEach((turn, i) => turns.push({ turn, opensScene: i === 0 }));
  }
  return turns.slice(0, count);
};

/**
 * Times for one chat, oldest first, whole seconds, strictly increasing, ending `endsAgo` before
 * `now`. Within a scene people answer in seconds to minutes; scenes are hours apart. A chat too
 * long for its span keeps its quick exchanges and squeezes the quiet hours between them.
 */
const timesFor = (
  random: Random,
  turns: { turn: Turn; opensScene: boolean }[],
  now: number,
  endsAgo: number,
): number[] => {
  // A minute to spare, so whole-second times never reach past the span.
  const span = Math.max(HISTORY_SPAN_MS, turns.length * 3 * MINUTE) - endsAgo - MINUTE;
  const quick: number[] = [];
  const quiet: number[] = [];
  turns.forEach(({ turn, opensScene }, i) => {
    if (i === 0) return;
    if (opensScene) quiet.push(between(random, 2 * HOUR, 20 * HOUR));
    else quick.push(turn.me ? between(random, MINUTE, 20 * MINUTE) : between(random, 15_000, 6 * MINUTE));
  });
  const quickTotal = quick.reduce((a, b) => a + b, 0);
  const quietTotal = quiet.reduce((a, b) => a + b, 0);
  const quietScale = quietTotal === 0 ? 1 : Math.min(1, Math.max(0, span - quickTotal) / quietTotal);
  const quickScale = quickTotal > span ? span / quickTotal : 1;
  const gaps: number[] = [];
  let q = 0;
  let s = 0;
  turns.forEach(({ opensScene }, i) => {
    if (i === 0) return;
    const gap = opensScene ? (quiet[q++] ?? 0) * quietScale : (quick[s++] ?? 0) * quickScale;
    gaps.push(Math.max(1, Math.floor(gap / 1000)));
  });
  const end = Math.floor((now - endsAgo) / 1000);
  const times = [end];
  for (let i = gaps.length - 1; i >= 0; i--) times.unshift((times[0] ?? end) - (gaps[i] ?? 1));
  return times.map((seconds) => seconds * 1000);
};

/**
 * The past of the phone `botPhone`, seeded by `random`. `busiestChat` sets how many messages the
 * first chat holds (tests and benches ask for thousands); the others keep a believable handful.
 */
export const makePast = (args: {
  botPhone: string;
  botName: string | null;
  now: number;
  random: Random;
  busiestChat: number | null;
}): PastChat[] => {
  const { random, now } = args;
  if (args.busiestChat === 0) return [];
  const customers = shuffled(random, DEMO_CUSTOMERS).slice(0, between(random, 4, DEMO_CUSTOMERS.length));
  return customers.map((customer, index) => {
    const count = index === 0 && args.busiestChat !== null ? args.busiestChat : between(random, CHAT_MIN, CHAT_MAX);
    // The busiest chat was the last one active; the others went quiet hours ago.
    const endsAgo = index === 0 ? between(random, 10 * MINUTE, 90 * MINUTE) : between(random, 2 * HOUR, 30 * HOUR);
    const turns = script(random, count);
    const times = timesFor(random, turns, now, endsAgo);
    const messages: SimThreadMessage[] = [];
    turns.forEach(({ turn }, i) => {
      const previous = messages[messages.length - 1];
      messages.push({
        id: messageId(random),
        fromMe: turn.me,
        senderPhone: turn.me ? args.botPhone : customer.phone,
        senderName: turn.me ? args.botName : customer.name,
        ts: times[i] ?? now,
        kind: turn.photo ? 'image' : 'text',
        text: turn.text,
        quotedId: turn.quotes && previous ? previous.id : null,
        forwarded: false,
        editedAt: null,
        deletedAt: null,
        reaction: null,
      });
    });
    return { customer, chatJid: jidOfPhone(customer.phone), messages };
  });
};

/**
 * Splits a history (newest first) into what WhatsApp would send: the newest half first so the
 * inbox fills quickly, then older chunks; each batch oldest first, with the share sent so far.
 */
export const historyBatches = (newestFirst: IncomingMessage[]): { messages: IncomingMessage[]; progress: number }[] => {
  const total = newestFirst.length;
  const batches: { messages: IncomingMessage[]; progress: number }[] = [];
  let sent = 0;
  while (sent < total) {
    const size = sent === 0 ? Math.min(Math.ceil(total / 2), HISTORY_BATCH_MAX) : HISTORY_BATCH_MAX;
    const slice = newestFirst.slice(sent, sent + size);
    sent += slice.length;
    batches.push({ messages: slice.reverse(), progress: Math.round((100 * sent) / total) });
  }
  return batches;
};

/**
 * A demo group's past: the scene of regulars, spread over the last day, from `members` (at least
 * one) and the bot.
 */
export const makeGroupPast = (args: {
  botPhone: string;
  botName: string | null;
  members: readonly DemoCustomer[];
  now: number;
  random: Random;
}): SimThreadMessage[] => {
  const { random } = args;
  let ts = Math.floor((args.now - DAY) / 1000) * 1000;
  return GROUP_SCENE.map(({ who, text }) => {
    ts += between(random, 2 * MINUTE, 90 * MINUTE);
    const member = who === 'bot' ? null : (args.members[who % args.members.length] ?? null);
    return {
      id: messageId(random),
      fromMe: member === null,
      senderPhone: member?.phone ?? args.botPhone,
      senderName: member?.name ?? args.botName,
      ts,
      kind: 'text',
      text,
      quotedId: null,
      forwarded: false,
      editedAt: null,
      deletedAt: null,
      reaction: null,
    };
  });
};
