import {
  jidNormalizedUser,
  type BaileysEventMap,
  type GroupMetadata,
  type GroupParticipant,
} from '@whiskeysockets/baileys';
import type { GroupInfo, GroupRole, TransportEvents } from '../transport';

/**
 * Groups as Baileys reports them (GroupMetadata, participant updates), normalized for the engine.
 * Members are named by phone JID when WhatsApp tells it (v7 groups address people by LID), so a
 * member is the same person as in their private chat.
 */

const roleOf = (p: GroupParticipant): GroupRole =>
  p.admin === 'superadmin' || p.isSuperAdmin ? 'superadmin' : p.admin === 'admin' || p.isAdmin ? 'admin' : 'member';

const personJid = (p: Pick<GroupParticipant, 'id' | 'phoneNumber'>): string => jidNormalizedUser(p.phoneNumber ?? p.id);

export const mapGroup = (meta: GroupMetadata): GroupInfo => ({
  jid: meta.id,
  subject: meta.subject,
  description: meta.desc ?? null,
  ownerJid: meta.ownerPn ?? meta.owner ?? null,
  announce: meta.announce === true,
  members: meta.participants.map((p) => ({ jid: personJid(p), role: roleOf(p) })),
});

export type GroupSocket = {
  ev: {
    on<E extends 'groups.upsert' | 'groups.update' | 'group-participants.update'>(
      event: E,
      listener: (arg: BaileysEventMap[E]) => void,
    ): unknown;
    off<E extends 'groups.upsert' | 'groups.update' | 'group-participants.update'>(
      event: E,
      listener: (arg: BaileysEventMap[E]) => void,
    ): unknown;
  };
  groupMetadata(jid: string): Promise<GroupMetadata>;
};

type Emit = <E extends 'group' | 'group-participants'>(event: E, payload: TransportEvents[E]) => void;

/** Listens for a socket's group events; returns the way to stop. */
export const attachGroups = (
  sock: GroupSocket,
  emit: Emit,
  warn: (message: string) => void,
  now: () => number,
): (() => void) => {
  const upsert = (groups: BaileysEventMap['groups.upsert']) => {
    for (const meta of groups) emit('group', mapGroup(meta));
  };
  // An update carries only what changed: the whole group is asked for again.
  const update = (changes: BaileysEventMap['groups.update']) => {
    for (const change of changes) {
      if (!change.id) continue;
      sock.groupMetadata(change.id).then(
        (meta) => emit('group', mapGroup(meta)),
        (error: unknown) => warn(`Could not read the changed group ${change.id}: ${(error as Error).message}`),
      );
    }
  };
  const participants = (u: BaileysEventMap['group-participants.update']) => {
    // 'modify' is a member's number change, which the LID-keyed member list does not need.
    if (u.action === 'modify') return;
    const members = u.participants.map(personJid);
    const author = u.authorPn ?? u.author;
    const by = author ? jidNormalizedUser(author) : null;
    emit('group-participants', {
      jid: u.id,
      action: u.action,
      members,
      // Joining or leaving by oneself names oneself as the author.
      byJid: by && !members.includes(by) ? by : null,
      ts: now(),
    });
  };
  sock.ev.on('groups.upsert', upsert);
  sock.ev.on('groups.update', update);
  sock.ev.on('group-participants.update', participants);
  return () => {
    sock.ev.off('groups.upsert', upsert);
    sock.ev.off('groups.update', update);
    sock.ev.off('group-participants.update', participants);
  };
};
