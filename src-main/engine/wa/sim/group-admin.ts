import type { Clock } from '../../clock';
import type { GroupMemberAction, MessageDeleteEvent } from '../transport';
import type { SimUpdate } from './contacts';
import type { SimGroups } from './group-chats';
import { phoneOfJid as phoneOf, type SimThreads } from './threads';

type Message = { id: string; fromMe: boolean; senderJid: string };

/**
 * What a bot's socket may do to a group and its messages, with WhatsApp's rules: only admins act
 * on members or settings, nobody touches the creator, and only admins delete others' messages.
 * Every change is told to the bots in the group by SimGroups, queued for those offline.
 */
export class SimGroupAdmin {
  constructor(
    private readonly deps: {
      groups: SimGroups;
      threads: SimThreads;
      clock: Clock;
      toBot(phone: string, update: SimUpdate): void;
    },
  ) {}

  /**
   * Adds, removes, promotes or demotes members. Every member is checked before any is changed,
   * so a refusal leaves the group as it was.
   */
  updateMembers(botPhone: string, groupJid: string, memberJids: readonly string[], action: GroupMemberAction): void {
    const { groups } = this.deps;
    const info = groups.info(groupJid);
    if (!groups.isAdmin(groupJid, botPhone)) throw new Error('The bot is not an admin of this group.');
    const phones = [...new Set(memberJids.map(phoneOf))];
    for (const phone of phones) {
      const member = groups.isMember(groupJid, phone);
      if (action === 'add' && member) throw new Error(`${phone} is in “${info.subject}” already.`);
      if (action !== 'add' && !member) throw new Error(`${phone} is not in “${info.subject}”.`);
      if ((action === 'remove' || action === 'demote') && phone === phoneOf(info.ownerJid ?? '')) {
        throw new Error('WhatsApp does not let anyone remove or demote the group’s creator.');
      }
    }
    for (const phone of phones) {
      if (action === 'add') groups.join({ group: groupJid, phone, byPhone: botPhone });
      else if (action === 'remove') groups.leave({ group: groupJid, phone, byPhone: botPhone });
      // The creator is an admin already: promoting them changes nothing.
      else if (!(action === 'promote' && phone === phoneOf(info.ownerJid ?? ''))) {
        const role = action === 'promote' ? 'admin' : 'member';
        groups.setRole({ group: groupJid, phone, role, byPhone: botPhone });
      }
    }
  }

  /** Only admins may send (`announce`), or everyone may. */
  setAnnounce(botPhone: string, groupJid: string, announce: boolean): void {
    this.deps.groups.info(groupJid);
    if (!this.deps.groups.isAdmin(groupJid, botPhone)) throw new Error('The bot is not an admin of this group.');
    this.deps.groups.setAnnounce({ group: groupJid, announce, byPhone: botPhone });
  }

  /** A bot deletes a message for everyone: its own anywhere, another member's only as a group admin. */
  deleteForEveryone(botPhone: string, chatJid: string, message: Message): void {
    const isGroup = chatJid.endsWith('@g.us');
    if (!message.fromMe && !(isGroup && this.deps.groups.isAdmin(chatJid, botPhone))) {
      throw new Error(
        isGroup ? 'Only group admins can delete other people’s messages.' : 'You can only delete your own messages.',
      );
    }
    const senderPhone = message.fromMe ? botPhone : phoneOf(message.senderJid);
    const now = this.deps.clock.now();
    // Every bot in the chat hears it (each keeps its own copy); in a private chat, the bot itself.
    const hearers = isGroup ? this.deps.groups.botsIn(chatJid) : [botPhone];
    for (const phone of hearers) {
      const copy = this.deps.threads.find(phone, chatJid, message.id);
      if (copy) copy.deletedAt = now;
      const event: MessageDeleteEvent = { id: message.id, chatJid, fromMe: phone === senderPhone, ts: now };
      this.deps.toBot(phone, { type: 'delete', event });
    }
  }
}
