import { jidNormalizedUser, type AuthenticationState, type UserFacingSocketConfig } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { storeGetMessage, type FindMessage } from './get-message';
import type { Session } from './session';

export type SocketConfigOptions = {
  auth: AuthenticationState;
  logger: Logger;
  browser: [string, string, string];
  waWebSocketUrl?: string;
  /** The engine's message store; without one, nothing can be resent. */
  findMessage?: FindMessage;
  /** The session this socket will belong to (set once the socket exists). */
  session: () => Session | null;
};

/**
 * How every bot's socket is made. Baileys' recent-message cache (`enableRecentMessageCache`, on by
 * default) keeps every message sent or received for 5 minutes, up to 512 per socket, with one
 * expiry timer each, only so it can answer a retry receipt; the engine stores every message
 * anyway, so the store answers instead (get-message.ts) and the cache stays off.
 */
export const socketConfig = (options: SocketConfigOptions): UserFacingSocketConfig => {
  const find = options.findMessage ?? (() => null);
  const sockOf = () => options.session()?.sock;
  return {
    auth: options.auth,
    logger: options.logger,
    browser: options.browser,
    printQRInTerminal: false,
    markOnlineOnConnect: false,
    syncFullHistory: false,
    enableRecentMessageCache: false,
    getMessage: storeGetMessage({
      find,
      me: () => {
        const id = options.session()?.creds.me?.id;
        return id ? jidNormalizedUser(id) : null;
      },
      phoneForLid: async (lid) => (await sockOf()?.signalRepository?.lidMapping.getPNForLID(lid)) ?? null,
    }),
    ...(options.waWebSocketUrl === undefined ? {} : { waWebSocketUrl: options.waWebSocketUrl }),
  };
};
