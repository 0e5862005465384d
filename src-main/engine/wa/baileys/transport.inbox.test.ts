import { cleanMessage, proto, WAMessageStubType, type WAMessage } from '@whiskeysockets/baileys';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '../transport';
import { connectedOverFakeSocket, type FakeSocket, upsert, type Recorded } from './fake-socket';

/** What the inbox needs from the Baileys transport beyond plain texts, against a fake socket. */

const ME = { id: '447700900123:12@s.whatsapp.net', lid: '98765432101234:12@lid' };
const ANA = '447700900555@s.whatsapp.net';
const { REVOKE, MESSAGE_EDIT } = proto.Message.ProtocolMessage.Type;

let sock: FakeSocket;
let transport: Transport;
let seen: Recorded;

beforeEach(async () => {
  ({ sock, transport, seen } = await connectedOverFakeSocket(ME));
});

/** A message from Ana as Baileys upserts it: cleaned from the bot's point of view first. */
const fromAna = (id: string, message: proto.IMessage): WAMessage => {
  const msg: WAMessage = { key: { remoteJid: ANA, fromMe: false, id }, message, messageTimestamp: 1_767_603_600 };
  cleanMessage(msg, ME.id, ME.lid);
  return msg;
};

describe('Baileys transport: edits, deletions and reactions', () => {
  it('reports each once, from the upsert, though Baileys then re-emits them as updates', () => {
    upsert(sock, 'notify', fromAna('A1', { conversation: 'see you at 4' }));
    upsert(
      sock,
      'notify',
      fromAna('E1', {
        protocolMessage: {
          type: MESSAGE_EDIT,
          key: { remoteJid: ME.id, fromMe: true, id: 'A1' },
          editedMessage: { conversation: 'see you at 5' },
          timestampMs: 1_767_603_610_000,
        },
      }),
    );
    // What processMessage emits next for that edit (Utils/process-message.js).
    sock.ev.emit('messages.update', [
      {
        key: { remoteJid: ANA, fromMe: false, id: 'A1' },
        update: { message: { editedMessage: { message: { conversation: 'see you at 5' } } } },
      },
    ]);
    const reaction = fromAna('R1', {
      reactionMessage: { key: { remoteJid: ME.id, fromMe: false, id: 'BOT1' }, text: '🙏' },
    });
    upsert(sock, 'notify', reaction);
    sock.ev.emit('messages.reaction', [
      { key: reaction.message?.reactionMessage?.key ?? {}, reaction: reaction.message?.reactionMessage ?? {} },
    ]);
    upsert(
      sock,
      'notify',
      fromAna('D1', { protocolMessage: { type: REVOKE, key: { remoteJid: ME.id, fromMe: true, id: 'A1' } } }),
    );
    sock.ev.emit('messages.update', [
      {
        key: { remoteJid: ANA, fromMe: false, id: 'A1' },
        update: { message: null, messageStubType: WAMessageStubType.REVOKE },
      },
    ]);

    expect(seen.message.map((m) => [m.id, m.text])).toEqual([['A1', 'see you at 4']]);
    expect(seen['message-edit']).toEqual([{ id: 'A1', chatJid: ANA, text: 'see you at 5', ts: 1_767_603_610_000 }]);
    expect(seen.reaction).toEqual([
      { id: 'BOT1', chatJid: ANA, targetFromMe: true, senderJid: ANA, emoji: '🙏', ts: 1_767_603_600_000 },
    ]);
    expect(seen['message-delete']).toEqual([{ id: 'A1', chatJid: ANA, fromMe: false, ts: 1_767_603_600_000 }]);
    expect(seen['message-status']).toEqual([]);
  });

  it('an edit Baileys absorbed while buffering (offline catch-up) still ends with the new text', () => {
    sock.ev.buffer();
    upsert(sock, 'append', fromAna('A1', { conversation: 'see you at 4' }));
    upsert(
      sock,
      'append',
      fromAna('E1', {
        protocolMessage: { type: MESSAGE_EDIT, key: { id: 'A1' }, editedMessage: { conversation: 'at 5' } },
      }),
    );
    sock.ev.emit('messages.update', [
      {
        key: { remoteJid: ANA, fromMe: false, id: 'A1' },
        update: { message: { editedMessage: { message: { conversation: 'at 5' } } } },
      },
    ]);
    sock.ev.flush();
    expect(seen.message.map((m) => [m.id, m.text, m.offline])).toEqual([['A1', 'at 5', true]]);
    expect(seen['message-edit'].map((e) => [e.id, e.text])).toEqual([['A1', 'at 5']]);
  });
});

describe('Baileys transport: history', () => {
  it('reports a history batch with its progress, thread messages only', () => {
    sock.ev.emit('messaging-history.set', {
      chats: [],
      contacts: [],
      messages: [
        { key: { remoteJid: ANA, fromMe: false, id: 'H1' }, message: { conversation: 'old' }, messageTimestamp: 1 },
        {
          key: { remoteJid: ANA, fromMe: true, id: 'H2' },
          message: { reactionMessage: { key: { id: 'H1' }, text: '👍' } },
        },
        { key: { remoteJid: ANA, fromMe: true, id: 'H3' }, message: { stickerMessage: {} }, messageTimestamp: 2 },
      ],
      progress: 40,
      syncType: proto.HistorySync.HistorySyncType.RECENT,
    });
    sock.ev.emit('messaging-history.set', { chats: [], contacts: [], messages: [] });
    expect(seen.history).toHaveLength(1);
    expect(seen.history[0]?.progress).toBe(40);
    expect(seen.history[0]?.messages.map((m) => [m.id, m.kind, m.fromMe, m.offline, m.ts])).toEqual([
      ['H1', 'text', false, true, 1_000],
      ['H3', 'sticker', true, true, 2_000],
    ]);
    expect(seen.message).toEqual([]);
  });
});

describe('Baileys transport: replies and read receipts', () => {
  it('sends a reply with the quoted message as Baileys builds its context from', async () => {
    await transport.sendText(ANA, 'yes, 10 to 4', {
      id: 'WREN2',
      quoted: { id: 'A1', fromMe: false, senderJid: ANA, text: 'open sunday?' },
    });
    await transport.sendText('1203630@g.us', 'noted', {
      quoted: { id: 'G1', fromMe: false, senderJid: '447700900666@s.whatsapp.net', text: null },
    });
    await transport.sendText(ANA, 'as I said', { quoted: { id: 'WREN1', fromMe: true, senderJid: ME.id, text: 'hi' } });
    expect(sock.sent.map((s) => s.options?.quoted)).toEqual([
      { key: { remoteJid: ANA, id: 'A1', fromMe: false }, message: { conversation: 'open sunday?' } },
      {
        key: { remoteJid: '1203630@g.us', id: 'G1', fromMe: false, participant: '447700900666@s.whatsapp.net' },
        message: { conversation: '' },
      },
      { key: { remoteJid: ANA, id: 'WREN1', fromMe: true }, message: { conversation: 'hi' } },
    ]);
    expect(sock.sent[0]?.options?.messageId).toBe('WREN2');
  });

  it('marks messages read with keys addressed as Baileys expects, and nothing while offline', async () => {
    await transport.markRead(ANA, [{ id: 'A1', senderJid: ANA }]);
    await transport.markRead('1203630@g.us', [{ id: 'G1', senderJid: '447700900666@s.whatsapp.net' }]);
    await transport.markRead(ANA, []);
    expect(sock.readMessages.mock.calls).toEqual([
      [[{ remoteJid: ANA, id: 'A1', fromMe: false }]],
      [[{ remoteJid: '1203630@g.us', id: 'G1', fromMe: false, participant: '447700900666@s.whatsapp.net' }]],
    ]);
    await transport.close();
    await transport.markRead(ANA, [{ id: 'A2', senderJid: ANA }]);
    expect(sock.readMessages).toHaveBeenCalledTimes(2);
  });
});

describe('Baileys transport: files', () => {
  const mediaKey = Buffer.alloc(32, 7);

  it('reports a received photo with what it is, its inline preview and a reference to fetch it', () => {
    const preview = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    upsert(
      sock,
      'notify',
      fromAna('P1', {
        imageMessage: {
          caption: 'this one?',
          mimetype: 'image/jpeg',
          fileLength: 48_211,
          width: 1280,
          height: 960,
          mediaKey,
          directPath: '/v/t62.7118-24/abc',
          url: 'https://mmg.whatsapp.net/v/t62.7118-24/abc',
          jpegThumbnail: preview,
        },
      }),
    );
    upsert(
      sock,
      'notify',
      fromAna('D1', {
        documentMessage: {
          mimetype: 'application/pdf',
          fileName: 'invoice.pdf',
          fileLength: 9_000,
          mediaKey,
          directPath: '/v/t62.7119-24/def',
        },
      }),
    );
    const [photo, doc] = seen.message;
    expect(photo).toMatchObject({
      kind: 'image',
      text: 'this one?',
      media: { mime: 'image/jpeg', size: 48_211, width: 1280, height: 960, fileName: null },
    });
    expect(Buffer.from(photo?.media?.preview ?? [])).toEqual(preview);
    expect(JSON.parse(photo?.media?.ref ?? '{}')).toEqual({
      type: 'image',
      mediaKey: mediaKey.toString('base64'),
      directPath: '/v/t62.7118-24/abc',
      url: 'https://mmg.whatsapp.net/v/t62.7118-24/abc',
    });
    expect(doc).toMatchObject({ kind: 'document', text: null, media: { fileName: 'invoice.pdf', size: 9_000 } });
  });

  it('sends a photo with its caption and a document with its name, as Baileys takes them', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await transport.sendMedia(
      ANA,
      { kind: 'image', bytes, mime: 'image/png', fileName: 'a.png', caption: 'new sign' },
      { id: 'OUT1' },
    );
    await transport.sendMedia(ANA, {
      kind: 'document',
      bytes,
      mime: 'application/pdf',
      fileName: 'prices.pdf',
      caption: null,
    });
    expect(sock.sent.map((s) => s.content)).toEqual([
      { image: Buffer.from(bytes), mimetype: 'image/png', caption: 'new sign' },
      { document: Buffer.from(bytes), mimetype: 'application/pdf', fileName: 'prices.pdf' },
    ]);
    expect(sock.sent[0]?.options).toMatchObject({ messageId: 'OUT1' });
  });

  it('refuses to download from a damaged reference with a plain reason', async () => {
    await expect(transport.downloadMedia('not json')).rejects.toThrow(/damaged/);
  });
});

describe('Baileys transport: groups', () => {
  const GROUP = '120363012345678901@g.us';
  const meta = {
    id: GROUP,
    subject: 'Regulars',
    desc: 'Offers first',
    owner: '11111111111111@lid',
    ownerPn: '447700900123@s.whatsapp.net',
    announce: true,
    participants: [
      { id: '11111111111111@lid', phoneNumber: '447700900123@s.whatsapp.net', admin: 'superadmin' as const },
      { id: '22222222222222@lid', phoneNumber: ANA, admin: 'admin' as const },
      { id: '33333333333333@lid', admin: null },
    ],
  };

  it('reports a group with members by phone number where WhatsApp tells it, and their roles', () => {
    sock.ev.emit('groups.upsert', [meta]);
    expect(seen.group).toEqual([
      {
        jid: GROUP,
        subject: 'Regulars',
        description: 'Offers first',
        ownerJid: '447700900123@s.whatsapp.net',
        announce: true,
        members: [
          { jid: '447700900123@s.whatsapp.net', role: 'superadmin' },
          { jid: ANA, role: 'admin' },
          { jid: '33333333333333@lid', role: 'member' },
        ],
      },
    ]);
  });

  it('reports joins and removals with who did it, and answers groupMetadata', async () => {
    sock.ev.emit('group-participants.update', {
      id: GROUP,
      author: '22222222222222@lid',
      authorPn: ANA,
      participants: [{ id: '44444444444444@lid', phoneNumber: '447911123404@s.whatsapp.net' }],
      action: 'remove',
    });
    sock.ev.emit('group-participants.update', {
      id: GROUP,
      author: '447911123405@s.whatsapp.net',
      participants: [{ id: '447911123405@s.whatsapp.net' }],
      action: 'add',
    });
    expect(seen['group-participants']).toMatchObject([
      { jid: GROUP, action: 'remove', members: ['447911123404@s.whatsapp.net'], byJid: ANA },
      { jid: GROUP, action: 'add', members: ['447911123405@s.whatsapp.net'], byJid: null },
    ]);
    sock.groups.set(GROUP, meta);
    await expect(transport.groupMetadata(GROUP)).resolves.toMatchObject({ subject: 'Regulars', announce: true });
    await expect(transport.groupMetadata('999@g.us')).rejects.toThrow(/item-not-found/);
  });
});
