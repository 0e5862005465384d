import { MessageRetryManager } from '@whiskeysockets/baileys';
import Database from 'better-sqlite3';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock';
import { migrate } from '../../db/migrate';
import { createWaMessageLookup } from '../../inbox/wa-message-lookup';
import { InboxWriter } from '../../inbox/writer';
import { createAuthStore } from '../auth-store';
import { FakeSocket } from './fake-socket';
import { storeGetMessage } from './get-message';
import { withoutRecentMessages } from './socket-config';
import { createBaileysTransport } from './transport';

const BOT = 'bot-1';
const OTHER_BOT = 'bot-2';
const ME = '447911000001@s.whatsapp.net';
const DANA = '447911123402@s.whatsapp.net';
const DANA_LID = '100000000000002@lid';
const GROUP = '120363000000000001@g.us';

let sqlite: Database.Database;
let writer: InboxWriter;

beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  for (const id of [BOT, OTHER_BOT]) {
    sqlite
      .prepare(
        "INSERT INTO bots (id, name, kind, status, auto_start, created_at, updated_at) VALUES (?, 'B', 'whatsapp', 'online', 0, 0, 0)",
      )
      .run(id);
  }
  writer = new InboxWriter(sqlite);
});

/** Dana writes first (so her chat exists), then the bot's message goes out as the outbox stores it. */
const botSays = (
  botId: string,
  id: string,
  text: string | null,
  extra: { quoted?: { id: string; text: string; senderJid: string }; forwarded?: boolean; chatJid?: string } = {},
) => {
  const chatJid = extra.chatJid ?? DANA;
  writer.ingest(
    botId,
    [
      {
        id: `in-${id}`,
        chatJid,
        senderJid: DANA,
        senderName: 'Dana',
        fromMe: false,
        ts: 1_000,
        text: 'hi',
        offline: false,
      },
    ],
    true,
    1_000,
  );
  const chatId = writer.chatForJid(botId, chatJid, null, null, 1_000);
  writer.insertOutgoing(
    botId,
    chatId,
    {
      id,
      senderJid: ME,
      ts: 2_000,
      text,
      quoted: extra.quoted ?? null,
      ...(extra.forwarded ? { forwarded: true } : {}),
    },
    'person',
  );
  return chatId;
};

const getMessageOf = (botId: string, phoneForLid?: (lid: string) => Promise<string | null>) => {
  const find = createWaMessageLookup(sqlite);
  return storeGetMessage({
    find: (key) => find(botId, key),
    me: () => ME,
    ...(phoneForLid ? { phoneForLid } : {}),
  });
};

describe('getMessage from the message store', () => {
  it('rebuilds a known text of the bot as the message itself', async () => {
    botSays(BOT, '3EB0AA', 'Yes, 10 to 4 ✨');
    // A retry receipt names the customer's device; the store keys the chat by the bare JID.
    const key = { remoteJid: '447911123402:3@s.whatsapp.net', fromMe: true, id: '3EB0AA' };
    await expect(getMessageOf(BOT)(key)).resolves.toEqual({ conversation: 'Yes, 10 to 4 ✨' });
  });

  it('answers undefined, never an empty message, for an id it does not know', async () => {
    botSays(BOT, '3EB0AA', 'hello');
    const get = getMessageOf(BOT);
    await expect(get({ remoteJid: DANA, fromMe: true, id: '3EB0ZZ' })).resolves.toBeUndefined();
    // The customer's own message under that id is not the bot's to resend.
    await expect(get({ remoteJid: DANA, fromMe: false, id: '3EB0AA' })).resolves.toBeUndefined();
    await expect(
      get({ remoteJid: '447999999999@s.whatsapp.net', fromMe: true, id: '3EB0AA' }),
    ).resolves.toBeUndefined();
  });

  it("answers undefined for another bot's message", async () => {
    botSays(OTHER_BOT, '3EB0BB', 'from the other bot');
    await expect(getMessageOf(BOT)({ remoteJid: DANA, fromMe: true, id: '3EB0BB' })).resolves.toBeUndefined();
    await expect(getMessageOf(OTHER_BOT)({ remoteJid: DANA, fromMe: true, id: '3EB0BB' })).resolves.toEqual({
      conversation: 'from the other bot',
    });
  });

  it('finds a message in a phone-keyed chat when WhatsApp names the customer by LID', async () => {
    botSays(BOT, '3EB0CC', 'by phone');
    const key = { remoteJid: `${DANA_LID.replace('@', ':2@')}`, fromMe: true, id: '3EB0CC' };
    // The store has never seen Dana's LID: Baileys' own LID mapping tells the phone number.
    await expect(getMessageOf(BOT)(key)).resolves.toBeUndefined();
    const mapped = getMessageOf(BOT, (lid) =>
      Promise.resolve(lid === DANA_LID ? '447911123402:2@s.whatsapp.net' : null),
    );
    await expect(mapped(key)).resolves.toEqual({ conversation: 'by phone' });
    // Once a message paired the two addresses, the store follows the LID itself.
    writer.ingest(
      BOT,
      [
        {
          id: 'L1',
          chatJid: DANA_LID,
          chatAltJid: DANA,
          senderJid: DANA_LID,
          senderName: 'Dana',
          fromMe: false,
          ts: 3_000,
          text: 'x',
          offline: false,
        },
      ],
      true,
      3_000,
    );
    await expect(getMessageOf(BOT)(key)).resolves.toEqual({ conversation: 'by phone' });
  });

  it('keeps a reply, mentions and the forwarded mark in the rebuilt message', async () => {
    botSays(BOT, '3EB0DD', 'see above', { quoted: { id: 'in-3EB0DD', text: 'hi', senderJid: DANA }, forwarded: true });
    await expect(getMessageOf(BOT)({ remoteJid: DANA, fromMe: true, id: '3EB0DD' })).resolves.toEqual({
      extendedTextMessage: {
        text: 'see above',
        contextInfo: {
          stanzaId: 'in-3EB0DD',
          participant: DANA,
          quotedMessage: { conversation: 'hi' },
          isForwarded: true,
          forwardingScore: 1,
        },
      },
    });
  });

  it('finds a group message by the group JID whoever asks', async () => {
    botSays(BOT, '3EB0EE', 'hello group', { chatJid: GROUP });
    const key = { remoteJid: GROUP, participant: '447911123402:1@s.whatsapp.net', fromMe: true, id: '3EB0EE' };
    await expect(getMessageOf(BOT)(key)).resolves.toEqual({ conversation: 'hello group' });
  });

  it('answers undefined for a message deleted for everyone and for a file it cannot rebuild', async () => {
    botSays(BOT, '3EB0FF', 'oops');
    writer.remove(BOT, { id: '3EB0FF', chatJid: DANA, fromMe: true, ts: 3_000 }, false);
    const chatId = botSays(BOT, '3EB100', 'a caption');
    // What a photo leaves in the store: its bytes' hash, never WhatsApp's upload of it.
    sqlite
      .prepare(
        "INSERT INTO media (message_id, mime, state, sha256) SELECT id, 'image/jpeg', 'stored', 'ab' FROM messages WHERE chat_id = ? AND wa_id = '3EB100'",
      )
      .run(chatId);
    const get = getMessageOf(BOT);
    await expect(get({ remoteJid: DANA, fromMe: true, id: '3EB0FF' })).resolves.toBeUndefined();
    await expect(get({ remoteJid: DANA, fromMe: true, id: '3EB100' })).resolves.toBeUndefined();
  });
});

describe('the socket the transport makes', () => {
  it("keeps no message in Baileys' recent-message cache and answers getMessage from the store", async () => {
    botSays(BOT, '3EB0AA', 'from the store');
    const find = createWaMessageLookup(sqlite);
    const sockets: FakeSocket[] = [];
    const transport = createBaileysTransport({
      authStore: createAuthStore(sqlite, BOT),
      clock: new FakeClock(),
      logger: pino({ level: 'silent' }),
      findMessage: (key) => find(BOT, key),
      makeSocket: (config) => {
        const made = new FakeSocket(config);
        sockets.push(made);
        return made;
      },
    });
    await transport.connect();
    const config = sockets[0]?.config;
    // The retry bookkeeping stays on (socket-config.ts); only its message cache is emptied.
    expect(config?.enableRecentMessageCache).toBe(true);
    await expect(config?.getMessage?.({ remoteJid: DANA, fromMe: true, id: '3EB0AA' })).resolves.toEqual({
      conversation: 'from the store',
    });
    await expect(config?.getMessage?.({ remoteJid: DANA, fromMe: true, id: 'nope' })).resolves.toBeUndefined();
    await transport.close();
  });
});

describe('withoutRecentMessages', () => {
  it("leaves Baileys' retry manager with nothing to remember, and its retry counting intact", () => {
    const manager = new MessageRetryManager(pino({ level: 'silent' }), 5);
    withoutRecentMessages({ messageRetryManager: manager });
    manager.addRecentMessage(DANA, '3EB0AA', { conversation: 'kept?' });
    expect(manager.getRecentMessage(DANA, '3EB0AA')).toBeUndefined();
    expect(manager.incrementRetryCount('3EB0AA')).toBe(1);
    // A socket made with the option off has no manager: nothing to do.
    expect(withoutRecentMessages({ messageRetryManager: null })).toEqual({ messageRetryManager: null });
  });
});
