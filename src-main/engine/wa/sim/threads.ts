import type { IncomingMedia, IncomingMessage, MessageKind } from '../transport';
import { simPhotoMedia } from './media';

/** A message as a phone keeps it: the simulated network's memory of each conversation. */
export type SimThreadMessage = {
  id: string;
  /** Written on the bot's phone or one of its linked devices. */
  fromMe: boolean;
  /** Who wrote it, E.164 (the bot's number for its own messages). */
  senderPhone: string;
  senderName: string | null;
  ts: number;
  kind: MessageKind;
  text: string | null;
  /** A file the bot sent; photos of contacts are drawn from the message id when none is set. */
  media?: IncomingMedia;
  quotedId: string | null;
  forwarded: boolean;
  editedAt: number | null;
  deletedAt: number | null;
  /** The contact's reaction on it, if any (what removing one needs to know). */
  reaction: string | null;
  /** Whom it mentions, as the sending socket said; absent: the "@447…" numbers in its text. */
  mentions?: string[];
};

export const jidOfPhone = (phone: string): string => `${phone.replace(/^\+/, '')}@s.whatsapp.net`;

/** The E.164 number of a user JID (a device suffix such as `:3` dropped). */
export const phoneOfJid = (jid: string): string => `+${jid.split('@')[0]?.split(':')[0] ?? ''}`;

/**
 * Every conversation of every simulated phone, in order: what customers reply to, edit, delete
 * or react to, and what a newly linked device receives as history.
 */
export class SimThreads {
  /** botPhone → chat JID → messages, oldest first. */
  private readonly byPhone = new Map<string, Map<string, SimThreadMessage[]>>();

  add(botPhone: string, chatJid: string, message: SimThreadMessage): SimThreadMessage {
    let chats = this.byPhone.get(botPhone);
    if (!chats) {
      chats = new Map();
      this.byPhone.set(botPhone, chats);
    }
    const messages = chats.get(chatJid);
    if (messages) messages.push(message);
    else chats.set(chatJid, [message]);
    return message;
  }

  /** Messages from before anything the network saw live in this chat: they go first. */
  addPast(botPhone: string, chatJid: string, past: SimThreadMessage[]): void {
    const live = this.messages(botPhone, chatJid);
    const chats = this.byPhone.get(botPhone) ?? new Map<string, SimThreadMessage[]>();
    chats.set(chatJid, [...past, ...live]);
    this.byPhone.set(botPhone, chats);
  }

  messages(botPhone: string, chatJid: string): readonly SimThreadMessage[] {
    return this.byPhone.get(botPhone)?.get(chatJid) ?? [];
  }

  find(botPhone: string, chatJid: string, id: string): SimThreadMessage | undefined {
    return this.messages(botPhone, chatJid).find((m) => m.id === id);
  }

  /** The newest message in a chat matching `test`, skipping deleted ones. */
  latest(botPhone: string, chatJid: string, test: (m: SimThreadMessage) => boolean): SimThreadMessage | undefined {
    const messages = this.messages(botPhone, chatJid);
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i];
      if (message && message.deletedAt === null && test(message)) return message;
    }
    return undefined;
  }

  /**
   * What the phone hands a newly linked device: every chat's messages as the phone shows them now
   * (edits applied, deleted ones left out), newest first.
   */
  snapshot(botPhone: string): IncomingMessage[] {
    const out: IncomingMessage[] = [];
    for (const [chatJid, messages] of this.byPhone.get(botPhone) ?? []) {
      const byId = new Map(messages.map((m) => [m.id, m]));
      for (const m of messages) {
        if (m.deletedAt !== null) continue;
        const quoted = m.quotedId === null ? undefined : byId.get(m.quotedId);
        out.push(toIncoming(chatJid, m, quoted, true));
      }
    }
    return out.sort((a, b) => b.ts - a.ts || (a.id < b.id ? 1 : -1));
  }
}

/** "@447911123456" in a text is a mention, as a phone inserts one when you pick a contact after @. */
export const mentionsIn = (text: string | null): string[] =>
  text === null ? [] : [...new Set([...text.matchAll(/@(\d{7,15})\b/g)].map((m) => `${m[1] ?? ''}@s.whatsapp.net`))];

/** The transport's view of a message the network keeps. */
export const toIncoming = (
  chatJid: string,
  m: SimThreadMessage,
  quoted: SimThreadMessage | undefined,
  offline: boolean,
): IncomingMessage => ({
  id: m.id,
  chatJid,
  senderJid: jidOfPhone(m.senderPhone),
  senderName: m.senderName,
  fromMe: m.fromMe,
  ts: m.ts,
  text: m.text,
  ...(m.kind === 'text' ? {} : { kind: m.kind }),
  ...(m.media ? { media: m.media } : m.kind === 'image' ? { media: simPhotoMedia(m.id) } : {}),
  ...(quoted
    ? {
        quoted: {
          id: quoted.id,
          text: quoted.deletedAt === null ? quoted.text : null,
          senderJid: jidOfPhone(quoted.senderPhone),
        },
      }
    : {}),
  ...(m.forwarded ? { forwarded: true } : {}),
  ...mentionsOf(m),
  offline,
});

/** A phone's mentions are the contacts picked after "@"; a socket names its own (a hidden tag shows none). */
const mentionsOf = (m: SimThreadMessage): { mentions?: string[] } => {
  const mentions = m.mentions ?? mentionsIn(m.text);
  return mentions.length > 0 ? { mentions } : {};
};
