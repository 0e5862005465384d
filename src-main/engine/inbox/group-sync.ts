import type Database from 'better-sqlite3';
import type { Chat, GroupInfo as GroupView } from '../../../src-shared/inbox';
import { ContractError } from '../../../src-shared/contract';
import type { Clock } from '../clock';
import type { EngineEvents } from '../events';
import type { Logger } from '../log/logger';
import type { GroupParticipantsEvent, Transport } from '../wa/transport';
import { GroupStore } from './groups';
import { guardedBy } from './guarded';
import type { InboxReader } from './reader';
import type { Ingested, InboxWriter } from './writer';

export type GroupSyncDeps = {
  sqlite: Database.Database;
  writer: InboxWriter;
  reader: InboxReader;
  clock: Clock;
  events: EngineEvents;
  logger: Logger;
  botJid(botId: string): string | null;
  onlineTransport(botId: string): Transport | null;
  publish(botId: string, changed: Ingested[]): void;
  /** A group changed (its members with `event`): caches drop it, welcome and goodbye messages go out. */
  onGroupChange?(botId: string, chatId: number, event: GroupParticipantsEvent | null): void;
};

export type GroupSync = ReturnType<typeof createGroupSync>;

/**
 * Keeps each bot's groups in step with WhatsApp: stores what the transport reports (the bot
 * joined, the subject changed, people joined or left), and asks WhatsApp for a group's members
 * the first time a message from an unknown group arrives.
 */
export const createGroupSync = (deps: GroupSyncDeps) => {
  const { clock, events, logger } = deps;
  const groups = new GroupStore(deps.sqlite, deps.writer);
  const fetching = new Map<string, Promise<void>>();

  const store = (botId: string, info: Parameters<GroupStore['apply']>[1]): number => {
    const chatId = groups.apply(botId, info, clock.now());
    const chat = deps.reader.chat(chatId);
    if (chat) events.emit('chat:upsert', { chat });
    deps.onGroupChange?.(botId, chatId, null);
    return chatId;
  };

  /** One request per group at a time. */
  const fetch = (botId: string, jid: string, transport: Transport): Promise<void> => {
    const key = `${botId}|${jid}`;
    const running = fetching.get(key);
    if (running) return running;
    const started = transport
      .groupMetadata(jid)
      .then((info) => void store(botId, info))
      .finally(() => fetching.delete(key));
    fetching.set(key, started);
    return started;
  };

  const guarded = guardedBy(logger);

  return {
    attach(botId: string, transport: Transport): void {
      transport.on(
        'group',
        guarded('a group', (info) => void store(botId, info)),
      );
      transport.on(
        'group-participants',
        guarded('a group change', (event) => {
          const notice = groups.participants(botId, event, deps.botJid(botId));
          const chatId = notice?.chatId ?? deps.writer.chatForJid(botId, event.jid, null, null, clock.now());
          if (notice) deps.publish(botId, [notice]);
          else {
            const chat = deps.reader.chat(chatId);
            if (chat) events.emit('chat:upsert', { chat });
          }
          deps.onGroupChange?.(botId, chatId, event);
        }),
      );
    },

    /** A message came from a group: if Wren does not know it yet, ask WhatsApp who is in it. */
    seen(botId: string, chatId: number, jid: string): void {
      const transport = deps.onlineTransport(botId);
      if (!transport || groups.known(chatId)) return;
      fetch(botId, jid, transport).catch((error: unknown) =>
        logger.warn({ err: error, botId, jid }, 'inbox: reading a group failed'),
      );
    },

    /**
     * A group's subject and members. `refresh` asks WhatsApp first when the bot is online; what
     * Wren stored is shown when it cannot (offline, or WhatsApp did not answer).
     */
    async info(chat: Chat, refresh: boolean): Promise<GroupView> {
      if (chat.kind !== 'group') throw new ContractError('invalid_input', 'That chat is not a group.');
      const transport = deps.onlineTransport(chat.botId);
      const known = groups.known(chat.id);
      if (transport && (refresh || !known)) {
        try {
          await fetch(chat.botId, chat.jid, transport);
        } catch (error) {
          if (!known) {
            throw new ContractError(
              'invalid_state',
              `WhatsApp did not give this group's members: ${(error as Error).message}`,
            );
          }
        }
      }
      const view = groups.read(chat.botId, chat.id, deps.botJid(chat.botId));
      if (!view) {
        throw new ContractError(
          'invalid_state',
          'Wren has not been told who is in this group yet. Start the bot to fetch its members.',
        );
      }
      return view;
    },

    idle: async (): Promise<void> => {
      await Promise.allSettled([...fetching.values()]);
    },
  };
};
