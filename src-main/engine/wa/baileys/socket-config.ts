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
 * How every bot's socket is made. Baileys' recent-message cache keeps every message sent or
 * received for 5 minutes, up to 512 per socket, with one expiry timer each, only so it can answer
 * a retry receipt; the engine stores every message anyway, so the store answers instead
 * (get-message.ts) and the socket keeps no message (withoutRecentMessages).
 *
 * `enableRecentMessageCache: false` would also turn off the retry bookkeeping that lives with the
 * cache (Utils/message-retry-manager.js): a message the bot cannot decrypt would then wait 2 s for
 * a request to the phone before its retry receipt, one at a time, and get no receipt at all when
 * that request fails (e2e/wa-server/retry.test.ts); session recreation on repeated retries would
 * stop too. So the manager stays and only its message cache is emptied.
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
    enableRecentMessageCache: true,
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

/** The part of Baileys' retry manager that keeps messages (null when the option is off). */
type RetryManagerLike = { addRecentMessage(to: string, id: string, message: unknown): void } | null | undefined;

/**
 * Makes a socket's retry manager keep no message: nothing enters its recent-message cache, so no
 * message and no expiry timer is held, and a retry receipt always reaches getMessage.
 */
export const withoutRecentMessages = <S extends { messageRetryManager?: RetryManagerLike }>(sock: S): S => {
  const manager = sock.messageRetryManager;
  if (manager) manager.addRecentMessage = () => undefined;
  return sock;
};
