import { groupSettingsSchema, type GroupSettings } from '../../../src-shared/automations';
import type { GroupFacts, Role, World } from '../pipeline/world';
import type { GroupRole } from '../wa/transport';
import { digitsOf } from '../pipeline/stages/stage';

/** The test panel's pretend customer and group members. */
export const TRY_SENDER = '447700900999@s.whatsapp.net';
const TRY_BOT = '447700900000@s.whatsapp.net';
const TRY_MEMBERS = ['447700900111@s.whatsapp.net', '447700900222@s.whatsapp.net'];

/** What a bot's test conversation remembers between tries (until Reset). */
export type TrySession = {
  tries: number;
  handedOff: boolean;
  optedOut: boolean;
  settings: GroupSettings;
  warnings: Map<string, number>;
};

export const newTrySession = (): TrySession => ({
  tries: 0,
  handedOff: false,
  optedOut: false,
  settings: groupSettingsSchema.parse({}),
  warnings: new Map(),
});

const show = (jid: string) => `+${digitsOf(jid)}`;

/**
 * A World where nothing leaves the app: replies are collected, and every action (delete, remove,
 * mute, hand-off, opt-out…) becomes a line saying what the bot would do. Group tries happen in a
 * pretend group where the bot is an admin and the tester has the chosen role.
 */
export const createTryWorld = (args: {
  session: TrySession;
  where: 'private' | 'group';
  role: Role | 'everyone';
  replies: string[];
  actions: string[];
  premiumList: string[];
  privateChats: number;
  stats: string[];
  featureOn: World['featureOn'];
}): World => {
  const { session, actions } = args;
  const isGroup = args.where === 'group';
  const members = new Map<string, GroupRole>([
    [TRY_BOT, 'admin'],
    [TRY_SENDER, args.role === 'admin' ? 'admin' : 'member'],
    ...TRY_MEMBERS.map((jid) => [jid, 'member'] as const),
  ]);
  const group: GroupFacts | null = isGroup ? { subject: 'Test group', members, botIsAdmin: true } : null;
  const roles = new Set<Role>(args.role === 'everyone' ? [] : [args.role]);
  if (!isGroup) roles.delete('admin');
  return {
    roles,
    featureOn: args.featureOn,
    botJid: TRY_BOT,
    group,
    groupSettings: isGroup ? session.settings : null,
    firstMessage: session.tries === 0,
    handedOff: session.handedOff,
    reply: (text, extra) => {
      if (extra?.sticker) actions.push('Would send a sticker');
      else args.replies.push(text);
      if (extra?.image) actions.push(`Would attach the image “${extra.image.name}”`);
      return Promise.resolve();
    },
    deleteMessage: () => {
      actions.push('Would delete the message for everyone');
      return Promise.resolve();
    },
    updateMembers: (jids, action) => {
      const verb = { add: 'add', remove: 'remove', promote: 'promote', demote: 'demote' }[action];
      actions.push(`Would ${verb} ${jids.map(show).join(', ')}`);
      return Promise.resolve();
    },
    setAnnounce: (announce) => {
      actions.push(announce ? 'Would let only admins send messages' : 'Would let everyone send messages');
      return Promise.resolve();
    },
    saveGroupSettings: (patch) => {
      session.settings = groupSettingsSchema.parse({ ...session.settings, ...patch });
      actions.push('Changed the test group’s settings (your real groups are not touched)');
      return session.settings;
    },
    handOff: () => {
      session.handedOff = true;
      actions.push('Would pause automation in this chat and mark it “Needs you”');
    },
    optOut: () => {
      const fresh = !session.optedOut;
      session.optedOut = true;
      if (fresh) actions.push('Would mark this contact opted out of campaigns');
      return fresh;
    },
    optIn: () => {
      const was = session.optedOut;
      session.optedOut = false;
      if (was) actions.push('Would take this contact back into campaigns');
      return was;
    },
    warnings: (jid, change) => {
      const current = session.warnings.get(jid) ?? 0;
      const next = change === 'reset' ? 0 : Math.max(0, current + change.delta);
      session.warnings.set(jid, next);
      return next;
    },
    premium: (action, jid) => {
      actions.push(
        `Would ${action === 'add' ? 'make' : 'stop'} ${show(jid)} ${action === 'add' ? 'premium' : 'being premium'}`,
      );
      return true;
    },
    premiumList: () => args.premiumList,
    imageForSticker: () => Promise.resolve(null),
    stats: () => args.stats,
    broadcast: (text) => {
      actions.push(`Would send “${text.slice(0, 40)}” to ${args.privateChats} private chats, a few seconds apart`);
      return args.privateChats;
    },
    note: (action) => actions.push(action),
  };
};
