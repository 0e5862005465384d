import {
  isJidGroup,
  makeWASocket,
  WAMessageStatus,
  type AnyMessageContent,
  type BaileysEventMap,
  type UserFacingSocketConfig,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import { Emitter } from '../../emitter';
import type { SqliteAuthStore } from '../auth-store';
import type {
  CloseReason,
  GroupInfo,
  OutgoingMedia,
  ReactionTarget,
  SendOptions,
  SentMessage,
  Transport,
  TransportEvents,
} from '../transport';
import { captureAsyncStorages } from './async-storage';
import { createSqliteAuthState } from './auth-state';
import { mapDisconnect } from './disconnect';
import { asSendError } from './send-error';
import { captureKeyPairs, guardServerHello, installStrictVerify, parseRootKey, WHATSAPP_ROOT_KEY } from './server-auth';
import type { FindMessage } from './get-message';
import { groupAdminActions } from './group-admin';
import { attachGroups, mapGroup } from './groups';
import { contentFor, downloadMediaRef } from './media';
import { mapHistory, mapMessage, preferPhoneJid, type Mapped, type MappedEvent } from './incoming';
import { forwardedIf, sendOn } from './outgoing';
import { accountOf, meOf, STATUS, type Session, type SocketLike } from './session';
import { socketConfig, withoutRecentMessages } from './socket-config';

export type { SocketLike } from './session';

export type MakeSocket = (config: UserFacingSocketConfig) => SocketLike;

export type BaileysTransportOptions = {
  authStore: SqliteAuthStore;
  clock: Clock;
  /** Baileys logs through it; pass a child at level 'warn' (it is chatty) or 'silent'. */
  logger: Logger;
  /** A local protocol server (tests); WhatsApp's own by default. */
  waWebSocketUrl?: string;
  /** Root of the server's noise certificate chain, 32 bytes hex (tests against a local server). */
  rootPublicKeyHex?: string;
  /** Shown on the phone under Linked devices as the first element. */
  browser?: [string, string, string];
  makeSocket?: MakeSocket;
  /**
   * The engine's message store, asked when a recipient could not decrypt one of our messages and
   * WhatsApp asks for it again (socket-config.ts). Without it such a message cannot be resent.
   */
  findMessage?: FindMessage;
};

/** Ending a socket waits for the websocket close handshake, which a dead network never answers. */
const END_TIMEOUT_MS = 3_000;
/** A received file larger than this is not downloaded (WhatsApp allows documents up to 2 GB). */
const MEDIA_DOWNLOAD_MAX_BYTES = 100 * 1024 * 1024;

export const createBaileysTransport = (options: BaileysTransportOptions): Transport => {
  const { authStore, clock, logger } = options;
  const makeSocket: MakeSocket = options.makeSocket ?? ((config) => makeWASocket(config));
  const browser = options.browser ?? ['Wren', 'Chrome', '1.0.0'];
  const rootKey = options.rootPublicKeyHex === undefined ? WHATSAPP_ROOT_KEY : parseRootKey(options.rootPublicKeyHex);
  installStrictVerify();
  const emitter = new Emitter<TransportEvents>((error) => logger.error({ err: error }, 'transport listener failed'));
  let session: Session | null = null;
  let lastFrameAt = clock.now();

  const warn = (message: string) => emitter.emit('warning', { message });

  /** The one way a socket lifetime ends: detach from Baileys, then exactly one close event. */
  const finish = (current: Session, reason: CloseReason, code: number | null, detail: string | null): void => {
    if (session !== current) return;
    session = null;
    current.detach();
    current.guard?.stop();
    // Baileys never disables its per-socket AsyncLocalStorage; left enabled, each one slows every
    // later async operation in the process. Work still in flight keeps it until that work settles.
    current.storages.release();
    emitter.emit('connection', { state: 'close', reason, code, detail });
  };

  const endSocket = async (sock: SocketLike): Promise<void> => {
    let timer: ReturnType<Clock['setTimeout']> | null = null;
    const timeout = new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, END_TIMEOUT_MS)));
    try {
      await Promise.race([sock.end(undefined), timeout]);
    } catch (error) {
      logger.debug({ err: error }, 'ending the socket failed');
    } finally {
      clock.clearTimeout(timer);
    }
  };

  const onConnectionUpdate = (current: Session, update: BaileysEventMap['connection.update']): void => {
    if ((update.qr || update.connection === 'open') && current.guard && !current.guard.verified) {
      // Fail closed: nothing links or logs in over a server whose chain was not checked.
      finish(current, 'server-unverified', null, 'the server went on before its certificates were checked');
      void endSocket(current.sock);
      return;
    }
    if (update.qr) {
      if (current.pairing) requestPairingCode(current);
      else emitter.emit('connection', { state: 'qr', qr: update.qr });
    }
    if (update.connection === 'connecting' && !current.connecting) {
      current.connecting = true;
      emitter.emit('connection', { state: 'connecting' });
    } else if (update.connection === 'open' && !current.open) {
      const account = accountOf(current);
      if (!account) {
        warn('WhatsApp opened the connection but the session has no account id.');
        return;
      }
      current.open = true;
      emitter.emit('connection', { state: 'open', account });
    } else if (update.connection === 'close') {
      const { reason, code, detail } = mapDisconnect(update.lastDisconnect?.error);
      finish(current, reason, code, detail);
    }
  };

  /** Baileys' documented moment to ask for a code: the socket is up and would show a QR. */
  const requestPairingCode = (current: Session): void => {
    const pairing = current.pairing;
    if (!pairing || pairing.requested) return;
    pairing.requested = true;
    current.sock.requestPairingCode(pairing.phone.replace(/\D/g, '')).then(
      (code) => {
        if (session === current) emitter.emit('connection', { state: 'pairing-code', code, phone: pairing.phone });
      },
      (error: unknown) => {
        if (session !== current) return;
        warn(`Could not get a pairing code: ${(error as Error).message}`);
        // Closing through Baileys gives the usual close event.
        void current.sock.end(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };

  /** Upserts of our own messages and messages.update both carry a status; one place maps it. */
  const emitStatus = (id: string, remoteJid: string, remoteJidAlt: string | null | undefined, code: number): void => {
    const status = STATUS[code];
    if (status) emitter.emit('message-status', { id, chatJid: preferPhoneJid(remoteJid, remoteJidAlt), status });
  };

  const emitMapped = <E extends MappedEvent>({ event, payload }: Mapped<E>): void => emitter.emit(event, payload);

  const onUpsert = (current: Session, { messages, type }: BaileysEventMap['messages.upsert']): void => {
    const offline = type !== 'notify';
    const me = meOf(current);
    for (const msg of messages) {
      const key = msg.key;
      // Baileys merges receipts that arrive while it buffers into the upserted message.
      if (
        key.fromMe &&
        key.id &&
        key.remoteJid &&
        typeof msg.status === 'number' &&
        msg.status >= WAMessageStatus.SERVER_ACK
      ) {
        emitStatus(key.id, key.remoteJid, key.remoteJidAlt, msg.status);
      }
      if (key.id && current.sentIds.delete(key.id)) continue;
      const mapped = mapMessage(msg, offline, me, clock.now());
      if (mapped) emitMapped(mapped);
    }
  };

  /** What the phone sends after linking (and on demand): stored as history, never answered. */
  const onHistory = (current: Session, batch: BaileysEventMap['messaging-history.set']): void => {
    const messages = mapHistory(batch.messages, meOf(current), clock.now());
    if (messages.length === 0 && batch.progress == null) return;
    emitter.emit('history', { messages, progress: batch.progress ?? null });
  };

  const onUpdate = (updates: BaileysEventMap['messages.update']): void => {
    for (const { key, update } of updates) {
      if (!key.fromMe || !key.id || !key.remoteJid || typeof update.status !== 'number') continue;
      emitStatus(key.id, key.remoteJid, key.remoteJidAlt, update.status);
    }
  };

  const attach = (current: Session): (() => void) => {
    const { sock } = current;
    // Listeners never throw into Baileys: a failure here must not break its frame handling.
    const guard =
      <A>(name: string, fn: (arg: A) => void) =>
      (arg: A): void => {
        try {
          fn(arg);
        } catch (error) {
          logger.error({ err: error }, `handling ${name} failed`);
          warn(`Handling ${name} failed: ${(error as Error).message}`);
        }
      };
    const connection = guard('connection.update', (u: BaileysEventMap['connection.update']) =>
      onConnectionUpdate(current, u),
    );
    const creds = guard('creds.update', () => current.saveCreds());
    const upsert = guard('messages.upsert', (u: BaileysEventMap['messages.upsert']) => onUpsert(current, u));
    const update = guard('messages.update', onUpdate);
    const history = guard('messaging-history.set', (h: BaileysEventMap['messaging-history.set']) =>
      onHistory(current, h),
    );
    const frame = () => (lastFrameAt = clock.now());
    sock.ev.on('connection.update', connection);
    sock.ev.on('creds.update', creds);
    sock.ev.on('messages.upsert', upsert);
    sock.ev.on('messages.update', update);
    sock.ev.on('messaging-history.set', history);
    sock.ws?.on('frame', frame);
    const detachGroups = attachGroups(
      sock,
      (event, payload) => emitter.emit(event, payload),
      warn,
      () => clock.now(),
    );
    return () => {
      detachGroups();
      sock.ev.off('connection.update', connection);
      sock.ev.off('creds.update', creds);
      sock.ev.off('messages.upsert', upsert);
      sock.ev.off('messages.update', update);
      sock.ev.off('messaging-history.set', history);
      sock.ws?.off('frame', frame);
    };
  };

  const openSession = (): Session => {
    if (!session?.open) throw new Error('Not connected to WhatsApp.');
    return session;
  };

  // Async, so that "not connected" is a rejected promise like every other send failure.
  const send = async (jid: string, content: AnyMessageContent, sendOptions: SendOptions): Promise<SentMessage> =>
    sendOn(openSession(), jid, content, sendOptions, clock);

  return {
    on: (event, listener) => emitter.on(event, listener),

    async connect(connectOptions = {}): Promise<void> {
      if (session) throw new Error('Already connected.');
      // Baileys stores `me` as soon as a pairing code is requested; an attempt that never
      // completed leaves creds it would try (and fail) to log in with. Start that bot afresh.
      if (!authStore.hasSession() && authStore.readCredsJson() !== null) authStore.clear();
      const linked = authStore.hasSession();
      const { state, saveCreds } = createSqliteAuthState(authStore);
      // This socket's own session, for its getMessage; set as soon as the session exists.
      let made: Session | null = null;
      // Captures the AsyncLocalStorage makeWASocket constructs, to release it in finish(), and
      // the handshake's ephemeral key pair, to check the server with (server-auth.ts).
      const {
        value: { value: sock, keyPairs },
        storages,
      } = captureAsyncStorages(() =>
        captureKeyPairs(() =>
          withoutRecentMessages(
            makeSocket(
              socketConfig({
                auth: state,
                logger,
                browser,
                ...(options.waWebSocketUrl === undefined ? {} : { waWebSocketUrl: options.waWebSocketUrl }),
                ...(options.findMessage === undefined ? {} : { findMessage: options.findMessage }),
                session: () => made,
              }),
            ),
          ),
        ),
      );
      const pairingPhone = connectOptions.pairingPhone;
      const current: Session = {
        sock,
        saveCreds,
        creds: state.creds,
        detach: () => undefined,
        open: false,
        connecting: false,
        pairing: !linked && pairingPhone !== undefined ? { phone: pairingPhone, requested: false } : null,
        sentIds: new Set(),
        storages,
        guard: null,
      };
      current.detach = attach(current);
      made = current;
      session = current;
      // A test's fake socket makes no keys and has no handshake; a real one is always checked.
      if (options.makeSocket === undefined || keyPairs.length > 0) {
        current.guard = guardServerHello(sock, {
          keyPairs,
          root: rootKey,
          now: () => clock.now(),
          onRefused: (detail) => finish(current, 'server-unverified', null, detail),
        });
      }
      lastFrameAt = clock.now();
      await Promise.resolve();
    },

    async close(): Promise<void> {
      const current = session;
      if (!current) return;
      finish(current, 'closed-by-app', null, null);
      await endSocket(current.sock);
    },

    async logout(): Promise<void> {
      const current = session;
      if (current) {
        // Our close comes first, so the 401 close Baileys reports after logging out is never seen.
        finish(current, 'closed-by-app', null, null);
        let timer: ReturnType<Clock['setTimeout']> | null = null;
        try {
          await Promise.race([
            current.sock.logout(),
            new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, END_TIMEOUT_MS))),
          ]);
        } catch (error) {
          warn(`Could not tell WhatsApp to unlink this device: ${(error as Error).message}`);
        } finally {
          clock.clearTimeout(timer);
        }
        await endSocket(current.sock);
      }
      authStore.clear();
    },

    lastActivityAt: () => lastFrameAt,

    async sendPresence(jid: string, state: 'composing' | 'paused'): Promise<void> {
      await openSession().sock.sendPresenceUpdate(state, jid);
    },

    async isOnWhatsApp(jid: string): Promise<boolean> {
      const found = await openSession().sock.onWhatsApp(jid);
      return found?.some((entry) => entry.exists) ?? false;
    },

    async markRead(chatJid: string, messages: { id: string; senderJid: string }[]): Promise<void> {
      const current = session;
      if (!current?.open || messages.length === 0) return;
      const group = isJidGroup(chatJid);
      await current.sock.readMessages(
        messages.map((m) => ({
          remoteJid: chatJid,
          id: m.id,
          fromMe: false,
          ...(group ? { participant: m.senderJid } : {}),
        })),
      );
    },

    sendText: (jid: string, text: string, sendOptions: SendOptions = {}): Promise<SentMessage> =>
      send(
        jid,
        forwardedIf(sendOptions, sendOptions.mentions?.length ? { text, mentions: sendOptions.mentions } : { text }),
        sendOptions,
      ),

    sendMedia: (jid: string, media: OutgoingMedia, sendOptions: SendOptions = {}): Promise<SentMessage> =>
      send(jid, forwardedIf(sendOptions, contentFor(media)), sendOptions),

    async sendReaction(chatJid: string, target: ReactionTarget, emoji: string | null): Promise<void> {
      const current = openSession();
      // WhatsApp takes an empty text as "reaction removed".
      await current.sock
        .sendMessage(chatJid, {
          react: {
            text: emoji ?? '',
            key: {
              remoteJid: chatJid,
              id: target.id,
              fromMe: target.fromMe,
              ...(isJidGroup(chatJid) && !target.fromMe ? { participant: target.senderJid } : {}),
            },
          },
        })
        .catch((error: unknown) => {
          throw asSendError(error);
        });
    },

    downloadMedia: (ref: string): Promise<Uint8Array> => downloadMediaRef(ref, MEDIA_DOWNLOAD_MAX_BYTES),

    async groupMetadata(jid: string): Promise<GroupInfo> {
      return mapGroup(await openSession().sock.groupMetadata(jid));
    },

    ...groupAdminActions(() => {
      const current = openSession();
      return { sock: current.sock, me: meOf(current) };
    }),
  };
};
