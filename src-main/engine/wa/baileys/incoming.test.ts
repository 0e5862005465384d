import { cleanMessage, proto, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { mapHistory, mapMessage, type Me } from './incoming';

const ME: Me = { jid: '447700900123@s.whatsapp.net', lid: '98765432101234@lid' };
const ME_DEVICE = { id: '447700900123:12@s.whatsapp.net', lid: '98765432101234:12@lid' };
const ANA = '447700900555@s.whatsapp.net';
const ANA_LID = '5550001@lid';
const NOW = 1_767_600_000_000;

const from = (message: proto.IMessage, extra: Partial<WAMessage> = {}): WAMessage => ({
  key: { remoteJid: ANA, fromMe: false, id: 'M1' },
  message,
  messageTimestamp: 1_767_603_600,
  pushName: 'Ana',
  ...extra,
});

/** What Baileys' messages-recv does to every received message before upserting it. */
const received = (msg: WAMessage): WAMessage => {
  cleanMessage(msg, ME_DEVICE.id, ME_DEVICE.lid);
  return msg;
};

const map = (msg: WAMessage, offline = false) => mapMessage(msg, offline, ME, NOW);
const payloadOf = (msg: WAMessage) => map(msg)?.payload;

describe('incoming messages: kinds and text', () => {
  it('maps a plain text with every field the inbox stores', () => {
    expect(map(from({ conversation: 'hello' }))).toEqual({
      event: 'message',
      payload: {
        id: 'M1',
        chatJid: ANA,
        chatAltJid: null,
        senderJid: ANA,
        senderName: 'Ana',
        fromMe: false,
        ts: 1_767_603_600_000,
        text: 'hello',
        kind: 'text',
        quoted: null,
        forwarded: false,
        offline: false,
      },
    });
  });

  it.each([
    [{ extendedTextMessage: { text: 'a link https://x.test' } }, 'text', 'a link https://x.test'],
    [{ imageMessage: { caption: 'our shop', mimetype: 'image/jpeg' } }, 'image', 'our shop'],
    [{ imageMessage: { mimetype: 'image/jpeg' } }, 'image', null],
    [{ imageMessage: { caption: '' } }, 'image', null],
    [{ videoMessage: { caption: 'tour' } }, 'video', 'tour'],
    [{ ptvMessage: { seconds: 3 } }, 'video', null],
    [{ audioMessage: { ptt: true, seconds: 4 } }, 'audio', null],
    [{ audioMessage: { seconds: 180 } }, 'audio', null],
    [{ documentMessage: { fileName: 'menu.pdf' } }, 'document', null],
    [
      { documentWithCaptionMessage: { message: { documentMessage: { fileName: 'menu.pdf', caption: 'the menu' } } } },
      'document',
      'the menu',
    ],
    [{ stickerMessage: { isAnimated: false } }, 'sticker', null],
    [{ locationMessage: { degreesLatitude: 51.5, degreesLongitude: -0.1, name: 'Shop' } }, 'location', 'Shop'],
    [{ liveLocationMessage: { degreesLatitude: 51.5, degreesLongitude: -0.1 } }, 'location', null],
    [{ contactMessage: { displayName: 'Bo', vcard: 'BEGIN:VCARD' } }, 'contact', 'Bo'],
    [{ contactsArrayMessage: { displayName: '2 contacts', contacts: [] } }, 'contact', '2 contacts'],
    [{ pollCreationMessage: { name: 'Open sunday?', options: [{ optionName: 'yes' }] } }, 'poll', 'Open sunday?'],
    [{ pollCreationMessageV3: { name: 'Which day?', options: [] } }, 'poll', 'Which day?'],
    [{ buttonsResponseMessage: { selectedButtonId: 'b1', selectedDisplayText: 'Menu' } }, 'other', 'Menu'],
    [{ groupInviteMessage: { groupName: 'Friends' } }, 'other', null],
    [{ viewOnceMessageV2: { message: { imageMessage: { caption: 'once' } } } }, 'image', 'once'],
    [{ ephemeralMessage: { message: { conversation: 'disappearing' } } }, 'text', 'disappearing'],
  ] as [proto.IMessage, string, string | null][])('%j → %s', (message, kind, text) => {
    expect(payloadOf(from(message))).toMatchObject({ kind, text });
  });

  it('reads the content past what rides along with it (sender keys, context info)', () => {
    const msg = from({
      senderKeyDistributionMessage: { groupId: '1203630@g.us' },
      messageContextInfo: { messageSecret: new Uint8Array([1]) },
      imageMessage: { caption: 'group photo' },
    });
    expect(payloadOf(msg)).toMatchObject({ kind: 'image', text: 'group photo' });
  });

  it('decodes what arrives on the wire the same way', () => {
    const bytes = proto.Message.encode({ imageMessage: { caption: 'wire' } }).finish();
    expect(payloadOf(from(proto.Message.decode(bytes)))).toMatchObject({ kind: 'image', text: 'wire' });
  });

  it('skips what is not a message in a thread', () => {
    const skipped: WAMessage[] = [
      from({ conversation: 'story' }, { key: { remoteJid: 'status@broadcast', participant: ANA, id: 'S' } }),
      from({ conversation: 'news' }, { key: { remoteJid: '123@newsletter', id: 'N' } }),
      // Not decrypted yet: Baileys retries and upserts the real message under the same id.
      from({}, { message: null, messageStubType: 2, messageStubParameters: ['No session'] }),
      from({ senderKeyDistributionMessage: { groupId: '1203630@g.us' } }),
      from({ pollUpdateMessage: { pollCreationMessageKey: { id: 'P' } } }),
      from({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION } }),
      from({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.EPHEMERAL_SETTING, key: { id: 'X' } } }),
      from({ keepInChatMessage: { key: { id: 'K' } } }),
    ];
    expect(skipped.map((m) => map(m))).toEqual(skipped.map(() => null));
  });
});

describe('incoming messages: addresses, quotes and forwards', () => {
  it('keys a LID-addressed chat by the phone JID and keeps the LID as the alternative', () => {
    const msg = from({ conversation: 'hi' }, { key: { remoteJid: ANA_LID, remoteJidAlt: ANA, id: 'L1' } });
    expect(payloadOf(msg)).toMatchObject({ chatJid: ANA, chatAltJid: ANA_LID, senderJid: ANA });
    const pn = from({ conversation: 'hi' }, { key: { remoteJid: ANA, remoteJidAlt: ANA_LID, id: 'P1' } });
    expect(payloadOf(pn)).toMatchObject({ chatJid: ANA, chatAltJid: ANA_LID });
  });

  it('names a group sender by phone, the chat by the group, and the bot as sender of its own', () => {
    const group = from(
      { conversation: 'in a group' },
      {
        key: {
          remoteJid: '1203630@g.us',
          participant: '5550002@lid',
          participantAlt: '447700900666@s.whatsapp.net',
          id: 'G1',
        },
      },
    );
    expect(payloadOf(group)).toMatchObject({
      chatJid: '1203630@g.us',
      chatAltJid: null,
      senderJid: '447700900666@s.whatsapp.net',
    });
    const own = from({ conversation: 'from the phone' }, { key: { remoteJid: ANA, fromMe: true, id: 'O1' } });
    expect(payloadOf(own)).toMatchObject({ fromMe: true, senderJid: ME.jid, senderName: null });
  });

  it('reads the quoted message of a reply, naming its author by phone where the message tells', () => {
    const reply = from(
      {
        extendedTextMessage: {
          text: 'yes please',
          contextInfo: { stanzaId: 'BOT1', participant: ME.lid, quotedMessage: { conversation: 'want a table?' } },
        },
      },
      { key: { remoteJid: ANA_LID, remoteJidAlt: ANA, id: 'R1' } },
    );
    expect(payloadOf(reply)).toMatchObject({
      text: 'yes please',
      quoted: { id: 'BOT1', text: 'want a table?', senderJid: ME.jid },
    });
    const ofOwn = from({
      imageMessage: {
        caption: 'this one',
        contextInfo: {
          stanzaId: 'A0',
          participant: ANA_LID,
          quotedMessage: { imageMessage: { caption: 'two shoes' } },
        },
      },
    });
    ofOwn.key.remoteJidAlt = ANA_LID;
    expect(payloadOf(ofOwn)).toMatchObject({ kind: 'image', quoted: { id: 'A0', text: 'two shoes', senderJid: ANA } });
  });

  it('places a live message within its whole second at the receive time, so it sorts after what the bot just sent', () => {
    const msg = () => from({ conversation: 'quick reply' });
    const start = 1_767_603_600_000;
    expect(mapMessage(msg(), false, ME, start + 420)?.payload).toMatchObject({ ts: start + 420 });
    expect(mapMessage(msg(), false, ME, start + 60_000)?.payload).toMatchObject({ ts: start + 999 });
    expect(mapMessage(msg(), false, ME, start - 5_000)?.payload).toMatchObject({ ts: start });
    expect(mapMessage(msg(), true, ME, start + 420)?.payload).toMatchObject({ ts: start });
    expect(mapMessage(from({ conversation: 'x' }, { messageTimestamp: 0 }), true, ME, 77)?.payload).toMatchObject({
      ts: 77,
    });
  });

  it('marks forwarded messages', () => {
    const msg = from({ extendedTextMessage: { text: 'fwd', contextInfo: { isForwarded: true, forwardingScore: 1 } } });
    expect(payloadOf(msg)).toMatchObject({ forwarded: true, quoted: null });
  });
});

describe('incoming messages: edits, deletions and reactions', () => {
  const { REVOKE, MESSAGE_EDIT } = proto.Message.ProtocolMessage.Type;

  it('turns an edit into message-edit with the new text and the edit time', () => {
    // As Baileys sends it: sendMessage(jid, { text, edit: key }) (Utils/messages.js).
    const edit = from(
      {
        protocolMessage: {
          type: MESSAGE_EDIT,
          key: { remoteJid: ME.jid, fromMe: true, id: 'A1' },
          editedMessage: { conversation: 'see you at 5' },
          timestampMs: 1_767_603_700_123,
        },
      },
      { key: { remoteJid: ANA, fromMe: false, id: 'EDIT1' } },
    );
    expect(map(edit)).toEqual({
      event: 'message-edit',
      payload: { id: 'A1', chatJid: ANA, text: 'see you at 5', ts: 1_767_603_700_123 },
    });
    // Newer clients wrap the protocol message in editedMessage; captions can be edited too.
    const wrapped = from({
      editedMessage: {
        message: {
          protocolMessage: {
            type: MESSAGE_EDIT,
            key: { id: 'A2' },
            editedMessage: { imageMessage: { caption: 'new caption' } },
          },
        },
      },
    });
    expect(map(wrapped)).toEqual({
      event: 'message-edit',
      payload: { id: 'A2', chatJid: ANA, text: 'new caption', ts: 1_767_603_600_000 },
    });
  });

  it('turns a delete for everyone into message-delete, telling whose message it was', () => {
    const revoke = (target: proto.IMessageKey, key: WAMessage['key']) =>
      map(from({ protocolMessage: { type: REVOKE, key: target } }, { key }));
    // The contact deleted their own message: their key says fromMe, which is not the bot.
    expect(revoke({ remoteJid: ME.jid, fromMe: true, id: 'A1' }, { remoteJid: ANA, id: 'DEL1' })).toEqual({
      event: 'message-delete',
      payload: { id: 'A1', chatJid: ANA, fromMe: false, ts: 1_767_603_600_000 },
    });
    // A group admin deleted the bot's message.
    expect(
      revoke(
        { remoteJid: '1203630@g.us', fromMe: false, participant: ME.lid, id: 'B1' },
        { remoteJid: '1203630@g.us', participant: '5550009@lid', id: 'DEL2' },
      )?.payload,
    ).toMatchObject({ id: 'B1', chatJid: '1203630@g.us', fromMe: true });
    // The bot's own phone deleted one of the bot's messages.
    expect(
      revoke({ remoteJid: ANA, fromMe: true, id: 'B2' }, { remoteJid: ANA, fromMe: true, id: 'DEL3' })?.payload,
    ).toMatchObject({ id: 'B2', fromMe: true });
  });

  it('reports a reaction on the bot message as targetFromMe, after Baileys turned the key around', () => {
    // The contact's client names the bot's message from its own side: not its own, in the chat with the bot.
    const onBots = received(
      from(
        {
          reactionMessage: {
            key: { remoteJid: ME.jid, fromMe: false, id: 'BOT1' },
            text: '❤️',
            senderTimestampMs: 1_767_603_650_000,
          },
        },
        { key: { remoteJid: ANA, fromMe: false, id: 'RX1' } },
      ),
    );
    expect(map(onBots)).toEqual({
      event: 'reaction',
      payload: {
        id: 'BOT1',
        chatJid: ANA,
        targetFromMe: true,
        senderJid: ANA,
        emoji: '❤️',
        ts: 1_767_603_650_000,
      },
    });
    // On their own message; and an empty text takes the reaction away.
    const onOwn = received(
      from(
        { reactionMessage: { key: { remoteJid: ME.jid, fromMe: true, id: 'A1' }, text: '' } },
        { key: { remoteJid: ANA, fromMe: false, id: 'RX2' } },
      ),
    );
    expect(map(onOwn)?.payload).toMatchObject({ id: 'A1', targetFromMe: false, emoji: null });
    // The bot's own phone reacting: the key is already the bot's.
    const mine = received(
      from(
        { reactionMessage: { key: { remoteJid: ANA, fromMe: false, id: 'A1' }, text: '👍' } },
        { key: { remoteJid: ANA, fromMe: true, id: 'RX3' } },
      ),
    );
    expect(map(mine)?.payload).toMatchObject({ id: 'A1', targetFromMe: false, senderJid: ME.jid, emoji: '👍' });
  });

  it('keeps only thread messages in a history batch, marked offline', () => {
    const messages = mapHistory(
      [
        from({ conversation: 'old' }, { key: { remoteJid: ANA, id: 'H1' } }),
        from({ reactionMessage: { key: { id: 'H1' }, text: '👍' } }, { key: { remoteJid: ANA, id: 'H2' } }),
        from({ protocolMessage: { type: REVOKE, key: { id: 'H0' } } }, { key: { remoteJid: ANA, id: 'H3' } }),
        from({ imageMessage: {} }, { key: { remoteJid: ANA, fromMe: true, id: 'H4' } }),
      ],
      ME,
      NOW,
    );
    expect(messages.map((m) => [m.id, m.kind, m.text, m.fromMe, m.offline])).toEqual([
      ['H1', 'text', 'old', false, true],
      ['H4', 'image', null, true, true],
    ]);
  });
});
