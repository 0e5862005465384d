import type { Clock } from '../../clock';
import type { IncomingMessage, MessageDeleteEvent, MessageEditEvent, MessageKind, ReactionEvent } from '../transport';
import type { SimGroupNotice } from './group-chats';
import { jidOfPhone, toIncoming, type SimThreadMessage, type SimThreads } from './threads';

/**
 * What simulated contacts do to a bot's number: write (text, photo, reply, forward), edit, delete
 * for everyone and react. Each produces exactly the event a real WhatsApp socket would, checked
 * against what WhatsApp allows, and hands it to the network to deliver or queue.
 */

/** Something a contact did that a bot must hear about: delivered now, or in order at its next login. */
export type SimUpdate =
  | { type: 'message'; message: IncomingMessage }
  | { type: 'edit'; event: MessageEditEvent }
  | { type: 'delete'; event: MessageDeleteEvent }
  | { type: 'reaction'; event: ReactionEvent }
  | SimGroupNotice;

/** A message a bot sent, as the contact (or group) received it: what tests read back. */
export type SimContactMessage = {
  id: string;
  from: string;
  to: string;
  text: string;
  ts: number;
  /** The message this one replies to. */
  quotedId: string | null;
  /** A file sent with it (the text is then its caption, '' for none). */
  media?: { kind: MessageKind; mime: string; fileName: string | null; ref: string };
  /** Whom the message mentions (JIDs), when anyone. */
  mentions?: string[];
  /** A copy of another message, shown to the contact as "Forwarded". */
  forwarded?: boolean;
};

/** A reaction the bot put on (or took off, `emoji: null`) a message, as the other side sees it. */
export type SimContactReaction = { from: string; chatJid: string; id: string; emoji: string | null; ts: number };

/** Who does something on the contact's side: `from` a contact's number, `to` the bot's number. */
export type SimContactArgs = { from: string; fromName?: string; to: string };

export type SimReceiveArgs = SimContactArgs & {
  text: string | null;
  kind?: MessageKind;
  quotedId?: string;
  forwarded?: boolean;
  chatJid?: string;
};

/** As WhatsApp allows: edits for 15 minutes after sending, deletes for everyone for about 60 hours. */
export const SIM_EDIT_WINDOW_MS = 15 * 60_000;
export const SIM_DELETE_WINDOW_MS = 60 * 60 * 60_000;

export type ContactDeps = {
  threads: SimThreads;
  clock: Clock;
  nextId(): string;
  toBot(phone: string, update: SimUpdate): void;
};

export const blankMessage = (id: string, ts: number): SimThreadMessage => ({
  id,
  fromMe: false,
  senderPhone: '',
  senderName: null,
  ts,
  kind: 'text',
  text: null,
  quotedId: null,
  forwarded: false,
  editedAt: null,
  deletedAt: null,
  reaction: null,
});

export const contactWrites = (deps: ContactDeps, args: SimReceiveArgs): IncomingMessage => {
  const kind = args.kind ?? 'text';
  if (kind === 'text' && !args.text) throw new Error('A text message needs some text.');
  const chatJid = args.chatJid ?? jidOfPhone(args.from);
  const quoted = args.quotedId === undefined ? undefined : deps.threads.find(args.to, chatJid, args.quotedId);
  if (args.quotedId !== undefined && (!quoted || quoted.deletedAt !== null)) {
    throw new Error(`There is no message ${args.quotedId} in that chat to reply to.`);
  }
  const stored = deps.threads.add(args.to, chatJid, {
    ...blankMessage(deps.nextId(), deps.clock.now()),
    senderPhone: args.from,
    senderName: args.fromName ?? null,
    kind,
    text: args.text,
    quotedId: quoted?.id ?? null,
    forwarded: args.forwarded ?? false,
  });
  const message = toIncoming(chatJid, stored, quoted, false);
  deps.toBot(args.to, { type: 'message', message });
  return message;
};

/**
 * A message written in a group, as the other bots in it receive it: each phone keeps its own copy
 * (same id, as WhatsApp's), never its own.
 */
export const othersInGroupHear = (
  deps: ContactDeps,
  chatJid: string,
  written: SimThreadMessage,
  phones: readonly string[],
): void => {
  for (const phone of phones) {
    const quoted = written.quotedId === null ? undefined : deps.threads.find(phone, chatJid, written.quotedId);
    const copy = deps.threads.add(phone, chatJid, { ...written, fromMe: false, reaction: null });
    deps.toBot(phone, { type: 'message', message: toIncoming(chatJid, copy, quoted, false) });
  }
};

/** The contact's own message that an edit or delete is about, checked. */
const ownMessage = (
  deps: ContactDeps,
  args: { from: string; to: string; id?: string },
  what: 'edit' | 'delete',
): { target: SimThreadMessage; chatJid: string } => {
  const chatJid = jidOfPhone(args.from);
  const mine = (m: SimThreadMessage) => !m.fromMe && m.senderPhone === args.from;
  const target =
    args.id === undefined ? deps.threads.latest(args.to, chatJid, mine) : deps.threads.find(args.to, chatJid, args.id);
  if (!target) {
    throw new Error(
      args.id === undefined
        ? `${args.from} has written nothing to ${args.to} to ${what}.`
        : `There is no message ${args.id} in that chat to ${what}.`,
    );
  }
  if (!mine(target)) throw new Error(`Only the sender can ${what} a message; ${args.from} did not write that one.`);
  if (target.deletedAt !== null) throw new Error(`That message was deleted already; it cannot be ${what}ed.`);
  return { target, chatJid };
};

export const contactEdits = (
  deps: ContactDeps,
  args: { from: string; to: string; text: string; id?: string },
): MessageEditEvent => {
  if (!args.text) throw new Error('An edit needs the new text.');
  const { target, chatJid } = ownMessage(deps, args, 'edit');
  const now = deps.clock.now();
  if (now - target.ts > SIM_EDIT_WINDOW_MS) {
    throw new Error('WhatsApp lets a sender edit a message for 15 minutes only; that one is older.');
  }
  if (target.kind !== 'text' && target.kind !== 'image') throw new Error(`A ${target.kind} has no text to edit.`);
  target.text = args.text;
  target.editedAt = now;
  const event: MessageEditEvent = { id: target.id, chatJid, text: args.text, ts: now };
  deps.toBot(args.to, { type: 'edit', event });
  return event;
};

export const contactDeletes = (
  deps: ContactDeps,
  args: { from: string; to: string; id?: string },
): MessageDeleteEvent => {
  const { target, chatJid } = ownMessage(deps, args, 'delete');
  const now = deps.clock.now();
  if (now - target.ts > SIM_DELETE_WINDOW_MS) {
    throw new Error('WhatsApp lets a sender delete a message for everyone for about 60 hours; that one is older.');
  }
  target.deletedAt = now;
  const event: MessageDeleteEvent = { id: target.id, chatJid, fromMe: false, ts: now };
  deps.toBot(args.to, { type: 'delete', event });
  return event;
};

export const contactReacts = (
  deps: ContactDeps,
  args: { from: string; to: string; emoji: string | null; id?: string },
): ReactionEvent => {
  const chatJid = jidOfPhone(args.from);
  const target =
    args.id === undefined
      ? deps.threads.latest(args.to, chatJid, (m) => m.fromMe)
      : deps.threads.find(args.to, chatJid, args.id);
  if (!target) {
    throw new Error(
      args.id === undefined
        ? `The bot has written nothing to ${args.from} to react to.`
        : `There is no message ${args.id} in that chat to react to.`,
    );
  }
  if (target.deletedAt !== null) throw new Error('That message was deleted; there is nothing to react to.');
  target.reaction = args.emoji;
  const event: ReactionEvent = {
    id: target.id,
    chatJid,
    targetFromMe: target.fromMe,
    senderJid: jidOfPhone(args.from),
    emoji: args.emoji,
    ts: deps.clock.now(),
  };
  deps.toBot(args.to, { type: 'reaction', event });
  return event;
};
