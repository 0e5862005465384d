import type { BotService } from '../bots/service';
import type { Clock } from '../clock';
import type { InboxService } from '../inbox/service';
import type { MediaService } from '../media/service';
import type { MediaStore } from '../media/store';
import type { CompiledConfig } from '../pipeline/compiled';
import { digitsOf } from '../pipeline/stages/stage';
import type { PipelineInput, Role, World } from '../pipeline/world';
import type { Broadcaster } from './broadcaster';
import type { AutomationFacts } from './facts';
import type { AutomationStore } from './store';

type WorldDeps = {
  clock: Clock;
  bots: BotService;
  inbox: InboxService;
  media: MediaService;
  mediaStore: MediaStore;
  store: AutomationStore;
  facts: AutomationFacts;
  broadcaster: Broadcaster;
  compiled: CompiledConfig;
  input: PipelineInput;
  /** Ids of the messages this world sends, for the caller to mark with the stage that answered. */
  sent: number[];
  stats(botId: string): string[];
  /** Opt-outs change a bot's contacts: the Contacts page reloads. */
  contactsChanged?(botId: string): void;
  /** `.premium add|del` changes the Automations page's premium list: it reloads. */
  automationsChanged?(botId: string): void;
};

const OFFLINE = 'The bot went offline. Start it again and retry.';

/** The real world of one live message: the store, the outbox and the bot's transport. */
export const createWorld = (deps: WorldDeps): World => {
  const { input, facts, store } = deps;
  const botJid = deps.bots.jidOf(input.botId);
  const group = input.isGroup ? facts.group(input.chatId, botJid) : null;
  const sender = facts.phoneJid(input.botId, input.senderJid);

  const roles = new Set<Role>();
  if (deps.compiled.ownerDigits.has(digitsOf(sender))) roles.add('owner');
  const groupRole = group?.members.get(input.senderJid) ?? group?.members.get(sender);
  if (groupRole === 'admin' || groupRole === 'superadmin') roles.add('admin');
  if (store.isPremium(input.botId, sender)) roles.add('premium');

  const transport = () => {
    const online = deps.bots.onlineTransport(input.botId);
    if (!online) throw new Error(OFFLINE);
    return online;
  };

  return {
    roles,
    featureOn: (feature) => deps.bots.isFeatureOn(input.botId, feature),
    botJid,
    group,
    groupSettings: input.isGroup ? store.groupSettings(input.chatId) : null,
    firstMessage: facts.firstMessage(input.chatId, input.messageId),
    handedOff: facts.handedOff(input.chatId),

    async reply(text, extra = {}) {
      const file = extra.sticker
        ? { name: 'sticker.webp', bytes: extra.sticker, sticker: true }
        : extra.image
          ? await deps.mediaStore.get(extra.image.sha256).then((bytes) => {
              if (!bytes)
                throw new Error(`The image “${extra.image?.name}” is missing. Choose it again in Automations.`);
              return { name: extra.image?.name ?? 'image.jpg', bytes };
            })
          : undefined;
      const sent = await deps.inbox.send({
        origin: 'bot',
        chatId: input.chatId,
        text,
        // In a group the quote says whom the bot answers; in a private chat it is only noise.
        ...(extra.plain || !input.isGroup ? {} : { quotedId: input.messageId }),
        ...(file ? { file } : {}),
        ...(extra.mentions ? { mentions: extra.mentions } : {}),
      });
      deps.sent.push(sent.id);
    },

    async deleteMessage() {
      const row = facts.message(input.messageId);
      if (!row) return;
      await transport().deleteForEveryone(input.chatJid, {
        id: row.wa_id,
        fromMe: row.from_me === 1,
        senderJid: row.sender_jid,
      });
    },

    async updateMembers(jids, action) {
      await transport().updateGroupMembers(input.chatJid, jids, action);
      facts.forgetGroup(input.chatId);
    },

    async setAnnounce(announce) {
      await transport().setGroupAnnounce(input.chatJid, announce);
    },

    saveGroupSettings: (patch) => store.saveGroupSettings(input.chatId, patch),

    handOff: () => {
      deps.inbox.updateChat(input.chatId, { handoff: true });
    },

    optOut: (reason) => {
      const changed = facts.optOut(input.chatId, reason, deps.clock.now());
      if (changed) deps.contactsChanged?.(input.botId);
      return changed;
    },

    optIn: (reason) => {
      const changed = facts.optIn(input.chatId, reason, deps.clock.now());
      if (changed) deps.contactsChanged?.(input.botId);
      return changed;
    },

    warnings: (jid, change) => store.warnings(input.chatId, jid, change),

    premium: (action, jid) => {
      const changed = store.setPremium(input.botId, facts.phoneJid(input.botId, jid), action === 'add');
      if (changed) deps.automationsChanged?.(input.botId);
      return changed;
    },
    premiumList: () => store.premiumList(input.botId),

    async imageForSticker() {
      if (input.kind === 'image') return (await deps.media.file(input.messageId)).bytes;
      const quoted = input.quoted ? facts.quoted(input.chatId, input.quoted.waId) : undefined;
      if (quoted?.kind !== 'image') return null;
      return (await deps.media.file(quoted.id)).bytes;
    },

    stats: () => deps.stats(input.botId),

    broadcast(text) {
      const chats = facts.privateChats(input.botId).filter((id) => id !== input.chatId);
      deps.broadcaster.enqueue(input.botId, chats, text);
      return chats.length;
    },

    note: (action) => deps.bots.note(input.botId, action),
  };
};
