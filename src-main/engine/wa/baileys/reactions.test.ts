import { beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '../transport';
import { connectedOverFakeSocket, type FakeSocket } from './fake-socket';

/** The bot's reactions and forwards over Baileys, against a fake socket: the content WhatsApp is sent. */

const ME = { id: '447700900123:12@s.whatsapp.net', lid: '98765432101234:12@lid' };
const ANA = '447700900555@s.whatsapp.net';
const GROUP = '120363012345678901@g.us';

let sock: FakeSocket;
let transport: Transport;

beforeEach(async () => {
  ({ sock, transport } = await connectedOverFakeSocket(ME));
});

describe('Baileys transport: reactions and forwards', () => {
  it('reacts to a message by its key, naming the sender in a group, and removes with an empty text', async () => {
    await transport.sendReaction(ANA, { id: 'IN1', fromMe: false, senderJid: ANA }, '👍');
    await transport.sendReaction(GROUP, { id: 'IN2', fromMe: false, senderJid: ANA }, '❤️');
    await transport.sendReaction(ANA, { id: 'OUT1', fromMe: true, senderJid: ME.id }, null);
    expect(sock.sent.map((s) => [s.jid, s.content])).toEqual([
      [ANA, { react: { text: '👍', key: { remoteJid: ANA, id: 'IN1', fromMe: false } } }],
      [GROUP, { react: { text: '❤️', key: { remoteJid: GROUP, id: 'IN2', fromMe: false, participant: ANA } } }],
      [ANA, { react: { text: '', key: { remoteJid: ANA, id: 'OUT1', fromMe: true } } }],
    ]);
  });

  it('marks a forwarded text as WhatsApp clients do', async () => {
    await transport.sendText(ANA, 'See below', { id: '3EB0FWD', forwarded: true });
    expect(sock.sent.at(-1)?.content).toEqual({
      text: 'See below',
      contextInfo: { isForwarded: true, forwardingScore: 1 },
    });
  });
});
