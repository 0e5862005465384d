import {
  areJidsSameUser,
  isJidGroup,
  type AnyMessageContent,
  type GroupMetadata,
  type WAMessage,
} from '@whiskeysockets/baileys';
import type { GroupMemberAction, Transport } from '../transport';
import type { Me } from './incoming';

/**
 * What a bot does as a group admin over Baileys: change members, mute the group, delete others'
 * messages. WhatsApp answers a refusal with a status code (per member, or for the whole request);
 * each becomes a sentence a shop owner can act on.
 */

export type AdminSocket = {
  sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined>;
  groupMetadata(jid: string): Promise<GroupMetadata>;
  groupParticipantsUpdate(
    jid: string,
    participants: string[],
    action: GroupMemberAction,
  ): Promise<{ status: string; jid: string | undefined }[]>;
  groupSettingUpdate(jid: string, setting: 'announcement' | 'not_announcement'): Promise<void>;
};

const NOT_ADMIN = 'The bot is not an admin of this group.';

/** Why one member was not changed, from WhatsApp's per-member status (Baileys passes its `error` attribute). */
const memberReason = (status: string, action: GroupMemberAction): string => {
  const adding = action === 'add';
  switch (status) {
    case '401':
      return 'the bot is not an admin of the group';
    case '403':
      // Adding: their privacy settings refuse it (WhatsApp offers them an invite instead).
      return adding
        ? 'their privacy settings do not let others add them; send them the group’s invite link instead'
        : 'WhatsApp does not allow it (the bot must be an admin, and nobody can remove or demote the group’s creator)';
    case '404':
      return adding ? 'this number is not on WhatsApp' : 'they are not in the group';
    case '408':
      return 'they left the group recently and cannot be added back yet';
    case '409':
      return 'they are in the group already';
    case '500':
      return adding ? 'the group is full' : 'WhatsApp had a problem; try again later';
    default:
      return `WhatsApp answered ${status}`;
  }
};

/** Names a member by phone number where a JID tells it; a LID (an anonymous id) names no one. */
const nameOf = (jid: string | undefined, asked: readonly string[]): string => {
  const phoneJid = [jid, asked.length === 1 ? asked[0] : undefined].find((j) => j?.endsWith('@s.whatsapp.net'));
  return phoneJid ? `+${phoneJid.split('@')[0]?.split(':')[0] ?? ''}` : 'a member';
};

/** Why some members of a `groupParticipantsUpdate` were not changed, or null when all were. */
export const memberUpdateProblem = (
  results: readonly { status: string; jid: string | undefined }[],
  action: GroupMemberAction,
  asked: readonly string[],
): string | null => {
  const failed = results.filter((r) => r.status !== '200');
  if (failed.length === 0) return null;
  return failed.map((r) => `Could not ${action} ${nameOf(r.jid, asked)}: ${memberReason(r.status, action)}.`).join(' ');
};

/**
 * A whole request WhatsApp refused (Baileys throws its error node as a Boom: the text as message,
 * the code as `data`), in plain words; anything else is passed on as it is.
 */
export const plainGroupError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const code = (error as { data?: unknown }).data;
  if (error.message === 'not-authorized' || error.message === 'forbidden' || code === 401 || code === 403) {
    return new Error(NOT_ADMIN, { cause: error });
  }
  if (error.message === 'item-not-found' || code === 404) {
    return new Error('WhatsApp does not know this group, or the bot is no longer in it.', { cause: error });
  }
  return error;
};

const refusedPlainly = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    throw plainGroupError(error);
  }
};

const isAdminIn = (meta: GroupMetadata, me: Me): boolean =>
  meta.participants.some(
    (p) =>
      (p.admin === 'admin' || p.admin === 'superadmin' || p.isAdmin === true || p.isSuperAdmin === true) &&
      [p.id, p.phoneNumber, p.lid].some(
        (jid) => !!jid && (areJidsSameUser(jid, me.jid ?? undefined) || areJidsSameUser(jid, me.lid ?? undefined)),
      ),
  );

/** The transport's admin actions, on whichever socket is open when each is called. */
export const groupAdminActions = (
  open: () => { sock: AdminSocket; me: Me },
): Pick<Transport, 'updateGroupMembers' | 'setGroupAnnounce' | 'deleteForEveryone'> => ({
  async updateGroupMembers(jid, members, action) {
    const { sock } = open();
    const results = await refusedPlainly(sock.groupParticipantsUpdate(jid, members, action));
    const problem = memberUpdateProblem(results, action, members);
    if (problem) throw new Error(problem);
  },

  async setGroupAnnounce(jid, announce) {
    const { sock } = open();
    await refusedPlainly(sock.groupSettingUpdate(jid, announce ? 'announcement' : 'not_announcement'));
  },

  async deleteForEveryone(chatJid, message) {
    const { sock, me } = open();
    const group = isJidGroup(chatJid) === true;
    if (!message.fromMe) {
      // WhatsApp takes a revoke from anyone and silently ignores one it does not allow: asked
      // first, so the inbox never shows as deleted what everyone can still read.
      if (!group) throw new Error('You can only delete your own messages.');
      if (!isAdminIn(await refusedPlainly(sock.groupMetadata(chatJid)), me)) {
        throw new Error('Only group admins can delete other people’s messages.');
      }
    }
    await sock.sendMessage(chatJid, {
      delete: {
        remoteJid: chatJid,
        fromMe: message.fromMe,
        id: message.id,
        ...(group && !message.fromMe ? { participant: message.senderJid } : {}),
      },
    });
  },
});
