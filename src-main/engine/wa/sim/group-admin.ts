import type { GroupMemberAction, MessageDeleteEvent } from '../transport';
import type { SimUpdate } from './contacts';
import type { SimGroups } from './group-chats';
import type { SimThreads } from './threads';

const phoneOf = (jid: string): string => `+${jid.split('@')[0]?.split(':')[0] ?? ''}`;

type AdminDeps = {
  groups: SimGroups;
  threads: SimThreads;
  now(): number;
  toBot(phone: string, update: SimUpdate): void;
};

/**
 * What a bot's socket may do to a group and its messages, with WhatsApp's rules: only admins act
 * on members or settings, nobody touches the creator, and only admins delete others' messages.
 */
export const updateMembers = (
  deps: AdminDeps,
  botPhone: string,
  groupJid: string,
  memberJids: readonly string[],
  action: GroupMemberAction,
): void => {
  if (!deps.groups.isAdmin(groupJid, botPhone)) throw new Error('The bot is not an admin of this group.');
  for (const jid of memberJids) {
    const phone = phoneOf(jid);
    if (action === 'add') deps.groups.join({ group: groupJid, phone, byPhone: botPhone });
    else if (action === 'remove') deps.groups.leave({ group: groupJid, phone, byPhone: botPhone });
    else
      deps.groups.setRole({
        group: groupJid,
        phone,
        role: action === 'promote' ? 'admin' : 'member',
        byPhone: botPhone,
      });
  }
};

export const setAnnounce = (deps: AdminDeps, botPhone: string, groupJid: string, announce: boolean): void => {
  if (!deps.groups.isAdmin(groupJid, botPhone)) throw new Error('The bot is not an admin of this group.');
  deps.groups.setAnnounce({ group: groupJid, announce, byPhone: botPhone });
};

/** A bot deletes a message for everyone: its own anywhere, another member's only as a group admin. */
export const deleteForEveryone = (
  deps: AdminDeps,
  botPhone: string,
  chatJid: string,
  message: { id: string; fromMe: boolean; senderJid: string },
): void => {
  const isGroup = chatJid.endsWith('@g.us');
  const senderPhone = message.fromMe ? botPhone : phoneOf(message.senderJid);
  if (!message.fromMe && !(isGroup && deps.groups.isAdmin(chatJid, botPhone))) {
    throw new Error(
      isGroup ? 'Only group admins can delete other people’s messages.' : 'You can only delete your own messages.',
    );
  }
  const now = deps.now();
  // Everyone in the chat who is a bot hears it; in a private chat, the bot itself.
  const hearers = isGroup ? deps.groups.botsIn(chatJid) : [botPhone];
  for (const phone of hearers) {
    const copy = deps.threads.find(phone, chatJid, message.id);
    if (copy) copy.deletedAt = now;
    const event: MessageDeleteEvent = { id: message.id, chatJid, fromMe: phone === senderPhone, ts: now };
    deps.toBot(phone, { type: 'delete', event });
  }
};
