import { Boom } from '@hapi/boom';
import type { GroupMetadata, WAMessage } from '@whiskeysockets/baileys';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '../transport';
import { connectedOverFakeSocket, type FakeSocket, upsert, type Recorded } from './fake-socket';

/** A bot acting as a group admin over Baileys, against a fake socket: the calls made, the refusals explained. */

const ME = { id: '447700900123:12@s.whatsapp.net', lid: '98765432101234:12@lid' };
const ANA = '447700900555@s.whatsapp.net';
const BEN = '447911123404@s.whatsapp.net';
const GROUP = '120363012345678901@g.us';

const groupWithBotAs = (admin: 'admin' | null): GroupMetadata => ({
  id: GROUP,
  subject: 'Regulars',
  owner: '11111111111111@lid',
  participants: [
    { id: '11111111111111@lid', phoneNumber: '447700900999@s.whatsapp.net', admin: 'superadmin' },
    { id: '98765432101234@lid', phoneNumber: '447700900123@s.whatsapp.net', admin },
    { id: '22222222222222@lid', phoneNumber: ANA, admin: null },
  ],
});

let sock: FakeSocket;
let transport: Transport;
let seen: Recorded;

beforeEach(async () => {
  ({ sock, transport, seen } = await connectedOverFakeSocket(ME));
});

describe('Baileys transport: members and settings', () => {
  it('asks WhatsApp to add, remove, promote and demote, and to mute and open the group', async () => {
    for (const action of ['add', 'remove', 'promote', 'demote'] as const) {
      await transport.updateGroupMembers(GROUP, [ANA, BEN], action);
    }
    expect(sock.groupParticipantsUpdate.mock.calls).toEqual([
      [GROUP, [ANA, BEN], 'add'],
      [GROUP, [ANA, BEN], 'remove'],
      [GROUP, [ANA, BEN], 'promote'],
      [GROUP, [ANA, BEN], 'demote'],
    ]);
    await transport.setGroupAnnounce(GROUP, true);
    await transport.setGroupAnnounce(GROUP, false);
    expect(sock.groupSettingUpdate.mock.calls).toEqual([
      [GROUP, 'announcement'],
      [GROUP, 'not_announcement'],
    ]);
  });

  it('says in plain words which members WhatsApp refused, and why', async () => {
    sock.memberStatus.set(BEN, '403');
    await expect(transport.updateGroupMembers(GROUP, [ANA, BEN], 'demote')).rejects.toThrow(
      'Could not demote +447911123404: WhatsApp does not allow it (the bot must be an admin, and nobody can remove or demote the group’s creator).',
    );
    await expect(transport.updateGroupMembers(GROUP, [BEN], 'add')).rejects.toThrow(
      'Could not add +447911123404: their privacy settings do not let others add them; send them the group’s invite link instead.',
    );
    sock.memberStatus.set(ANA, '404');
    await expect(transport.updateGroupMembers(GROUP, [ANA], 'remove')).rejects.toThrow(
      'Could not remove +447700900555: they are not in the group.',
    );
    sock.memberStatus.set(ANA, '409');
    await expect(transport.updateGroupMembers(GROUP, [ANA], 'add')).rejects.toThrow(
      'Could not add +447700900555: they are in the group already.',
    );
  });

  it('names the member it asked about when WhatsApp answers with an anonymous id', async () => {
    sock.groupParticipantsUpdate.mockResolvedValueOnce([{ jid: '22222222222222@lid', status: '403' }]);
    await expect(transport.updateGroupMembers(GROUP, [ANA], 'remove')).rejects.toThrow(
      /^Could not remove \+447700900555:/,
    );
  });

  it('turns a request WhatsApp refuses as a whole into a plain reason', async () => {
    sock.groupSettingUpdate.mockRejectedValueOnce(new Boom('not-authorized', { data: 401 }));
    await expect(transport.setGroupAnnounce(GROUP, true)).rejects.toThrow('The bot is not an admin of this group.');
    sock.groupParticipantsUpdate.mockRejectedValueOnce(new Boom('forbidden', { data: 403 }));
    await expect(transport.updateGroupMembers(GROUP, [ANA], 'remove')).rejects.toThrow(
      'The bot is not an admin of this group.',
    );
    sock.groupSettingUpdate.mockRejectedValueOnce(new Boom('item-not-found', { data: 404 }));
    await expect(transport.setGroupAnnounce(GROUP, true)).rejects.toThrow(/does not know this group/);
  });

  it('refuses while not connected', async () => {
    await transport.close();
    await expect(transport.updateGroupMembers(GROUP, [ANA], 'remove')).rejects.toThrow('Not connected to WhatsApp.');
    await expect(transport.setGroupAnnounce(GROUP, true)).rejects.toThrow('Not connected to WhatsApp.');
    expect(sock.groupParticipantsUpdate).not.toHaveBeenCalled();
  });
});

describe('Baileys transport: deleting for everyone', () => {
  it('deletes its own message with its key, in a private chat and in a group', async () => {
    await transport.deleteForEveryone(ANA, { id: 'OWN1', fromMe: true, senderJid: ME.id });
    await transport.deleteForEveryone(GROUP, { id: 'OWN2', fromMe: true, senderJid: ME.id });
    expect(sock.sent).toEqual([
      { jid: ANA, content: { delete: { remoteJid: ANA, fromMe: true, id: 'OWN1' } } },
      { jid: GROUP, content: { delete: { remoteJid: GROUP, fromMe: true, id: 'OWN2' } } },
    ]);
    expect(sock.groupMetadata).not.toHaveBeenCalled();
  });

  it('deletes a member’s message as an admin, naming its author', async () => {
    sock.groups.set(GROUP, groupWithBotAs('admin'));
    await transport.deleteForEveryone(GROUP, { id: 'M1', fromMe: false, senderJid: ANA });
    expect(sock.sent.map((s) => s.content)).toEqual([
      { delete: { remoteJid: GROUP, fromMe: false, id: 'M1', participant: ANA } },
    ]);
  });

  it('refuses to delete others’ messages unless WhatsApp would do it', async () => {
    sock.groups.set(GROUP, groupWithBotAs(null));
    await expect(transport.deleteForEveryone(GROUP, { id: 'M1', fromMe: false, senderJid: ANA })).rejects.toThrow(
      'Only group admins can delete other people’s messages.',
    );
    await expect(transport.deleteForEveryone(ANA, { id: 'M2', fromMe: false, senderJid: ANA })).rejects.toThrow(
      'You can only delete your own messages.',
    );
    expect(sock.sent).toEqual([]);
  });
});

describe('Baileys transport: mentions and stickers', () => {
  it('sends the mentions with the text, and no mentions field when there are none', async () => {
    await transport.sendText(GROUP, 'Hi @447700900555', { mentions: [ANA] });
    await transport.sendText(GROUP, 'Hi all', { mentions: [] });
    expect(sock.sent.map((s) => s.content)).toEqual([
      { text: 'Hi @447700900555', mentions: [ANA] },
      { text: 'Hi all' },
    ]);
  });

  it('sends a sticker as one', async () => {
    const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46]);
    await transport.sendMedia(GROUP, { kind: 'sticker', bytes, mime: 'image/webp', fileName: 's.webp', caption: null });
    expect(sock.sent.map((s) => s.content)).toEqual([{ sticker: Buffer.from(bytes) }]);
  });

  it('reports whom a text or a caption mentions, the bot by its phone number', () => {
    const text: WAMessage = {
      key: { remoteJid: GROUP, fromMe: false, id: 'T1', participant: ANA },
      message: {
        extendedTextMessage: {
          text: '.kick @447911123404',
          contextInfo: { mentionedJid: [BEN, '98765432101234@lid'] },
        },
      },
      messageTimestamp: 1_767_603_600,
    };
    const photo: WAMessage = {
      key: { remoteJid: GROUP, fromMe: false, id: 'P1', participant: ANA },
      message: { imageMessage: { caption: 'look @447911123404', contextInfo: { mentionedJid: [BEN] } } },
      messageTimestamp: 1_767_603_601,
    };
    const plain: WAMessage = {
      key: { remoteJid: GROUP, fromMe: false, id: 'N1', participant: ANA },
      message: { conversation: 'no one' },
      messageTimestamp: 1_767_603_602,
    };
    upsert(sock, 'notify', text, photo, plain);
    expect(seen.message.map((m) => [m.id, m.mentions])).toEqual([
      ['T1', [BEN, '447700900123@s.whatsapp.net']],
      ['P1', [BEN]],
      ['N1', undefined],
    ]);
  });
});
