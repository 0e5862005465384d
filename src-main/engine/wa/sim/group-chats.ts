import type { Clock } from '../../clock';
import type { GroupInfo, GroupParticipantsEvent, GroupRole } from '../transport';
import { jidOfPhone } from './threads';

/**
 * Groups on the simulated network: who is in them and who runs them, changed only as WhatsApp
 * allows (only admins add, remove, promote or rename; the creator cannot be demoted). Every change
 * is reported to the bots in the group as a real socket reports it: the whole group when a bot is
 * added or it is renamed, a participants event otherwise.
 */

type SimGroup = {
  jid: string;
  subject: string;
  description: string | null;
  owner: string;
  announce: boolean;
  /** Phone (E.164) → role, in joining order. */
  members: Map<string, GroupRole>;
};

export type SimGroupNotice =
  { type: 'group'; info: GroupInfo } | { type: 'participants'; event: GroupParticipantsEvent };

export type SimGroupsDeps = {
  clock: Clock;
  /** Digits for a new group's id. */
  nextGroupId(): string;
  /** Tells one bot number about a change (delivered now, or queued until it logs in). */
  notify(phone: string, notice: SimGroupNotice): void;
  /** Whether a number is a bot's (one that can hear about groups). */
  isBot(phone: string): boolean;
};

export class SimGroups {
  private readonly groups = new Map<string, SimGroup>();

  constructor(private readonly deps: SimGroupsDeps) {}

  create(args: {
    creator: string;
    subject: string;
    members: string[];
    admins?: string[];
    description?: string | null;
    announce?: boolean;
  }): GroupInfo {
    const subject = args.subject.trim();
    if (!subject) throw new Error('A group needs a subject.');
    const group: SimGroup = {
      jid: `120363${this.deps.nextGroupId()}@g.us`,
      subject,
      description: args.description ?? null,
      owner: args.creator,
      announce: args.announce ?? false,
      members: new Map([[args.creator, 'superadmin']]),
    };
    for (const phone of args.members) {
      if (!group.members.has(phone)) group.members.set(phone, args.admins?.includes(phone) ? 'admin' : 'member');
    }
    this.groups.set(group.jid, group);
    for (const phone of group.members.keys()) if (this.deps.isBot(phone)) this.deps.notify(phone, this.notice(group));
    return this.info(group.jid);
  }

  info(jid: string): GroupInfo {
    const group = this.get(jid);
    return {
      jid: group.jid,
      subject: group.subject,
      description: group.description,
      ownerJid: jidOfPhone(group.owner),
      announce: group.announce,
      members: [...group.members].map(([phone, role]) => ({ jid: jidOfPhone(phone), role })),
    };
  }

  /** The groups a number is in (a bot's, for its first link and the demo). */
  groupsOf(phone: string): GroupInfo[] {
    return [...this.groups.values()].filter((g) => g.members.has(phone)).map((g) => this.info(g.jid));
  }

  /** Whether the network knows the group (it forgets them all when the app restarts). */
  has(jid: string): boolean {
    return this.groups.has(jid);
  }

  /** The bot numbers in a group: each hears what is said there. */
  botsIn(jid: string): string[] {
    return [...(this.groups.get(jid)?.members.keys() ?? [])].filter((phone) => this.deps.isBot(phone));
  }

  isMember(jid: string, phone: string): boolean {
    return this.groups.get(jid)?.members.has(phone) ?? false;
  }

  /** Why `phone` may not write in the group, or null when it may. */
  refusesWriter(jid: string, phone: string): string | null {
    const group = this.groups.get(jid);
    if (!group) return `There is no group ${jid}.`;
    const role = group.members.get(phone);
    if (!role) return `${phone} is not a member of “${group.subject}”.`;
    if (group.announce && role === 'member') return `Only admins can send messages to “${group.subject}”.`;
    return null;
  }

  /** Someone joins (by link: `byPhone` absent) or is added by an admin. */
  join(args: { group: string; phone: string; byPhone?: string }): void {
    const group = this.get(args.group);
    if (group.members.has(args.phone)) throw new Error(`${args.phone} is in “${group.subject}” already.`);
    if (args.byPhone !== undefined) this.requireAdmin(group, args.byPhone);
    // Told before the bot itself is in the list: a bot that is added hears the whole group.
    group.members.set(args.phone, 'member');
    this.broadcast(group, 'add', args.phone, args.byPhone ?? null, args.phone);
    if (this.deps.isBot(args.phone)) this.deps.notify(args.phone, this.notice(group));
  }

  /** Someone leaves, or an admin removes them. The owner cannot be removed. */
  leave(args: { group: string; phone: string; byPhone?: string }): void {
    const group = this.get(args.group);
    if (!group.members.has(args.phone)) throw new Error(`${args.phone} is not in “${group.subject}”.`);
    if (args.byPhone !== undefined) {
      this.requireAdmin(group, args.byPhone);
      if (args.phone === group.owner) throw new Error('The group’s creator cannot be removed.');
    }
    // The one who leaves hears it too (a bot learns it was removed).
    this.broadcast(group, 'remove', args.phone, args.byPhone ?? null, null);
    group.members.delete(args.phone);
  }

  setRole(args: { group: string; phone: string; role: 'admin' | 'member'; byPhone: string }): void {
    const group = this.get(args.group);
    this.requireAdmin(group, args.byPhone);
    const current = group.members.get(args.phone);
    if (!current) throw new Error(`${args.phone} is not in “${group.subject}”.`);
    if (current === 'superadmin') throw new Error('The group’s creator is always an admin.');
    if (current === args.role) return;
    group.members.set(args.phone, args.role);
    this.broadcast(group, args.role === 'admin' ? 'promote' : 'demote', args.phone, args.byPhone, null);
  }

  /** Only admins may send (announce), or everyone may; an admin's change, told to every bot. */
  setAnnounce(args: { group: string; announce: boolean; byPhone: string }): void {
    const group = this.get(args.group);
    this.requireAdmin(group, args.byPhone);
    group.announce = args.announce;
    for (const phone of group.members.keys()) if (this.deps.isBot(phone)) this.deps.notify(phone, this.notice(group));
  }

  /** Whether `phone` runs the group (admin or its creator). */
  isAdmin(jid: string, phone: string): boolean {
    const role = this.groups.get(jid)?.members.get(phone);
    return role === 'admin' || role === 'superadmin';
  }

  rename(args: { group: string; subject: string; byPhone: string }): void {
    const group = this.get(args.group);
    this.requireAdmin(group, args.byPhone);
    const subject = args.subject.trim();
    if (!subject) throw new Error('A group needs a subject.');
    group.subject = subject;
    for (const phone of group.members.keys()) if (this.deps.isBot(phone)) this.deps.notify(phone, this.notice(group));
  }

  private broadcast(
    group: SimGroup,
    action: GroupParticipantsEvent['action'],
    phone: string,
    byPhone: string | null,
    skip: string | null,
  ): void {
    const event: GroupParticipantsEvent = {
      jid: group.jid,
      action,
      members: [jidOfPhone(phone)],
      byJid: byPhone === null ? null : jidOfPhone(byPhone),
      ts: this.deps.clock.now(),
    };
    for (const member of group.members.keys()) {
      if (member !== skip && this.deps.isBot(member)) this.deps.notify(member, { type: 'participants', event });
    }
  }

  private notice(group: SimGroup): SimGroupNotice {
    return { type: 'group', info: this.info(group.jid) };
  }

  private requireAdmin(group: SimGroup, phone: string): void {
    const role = group.members.get(phone);
    if (role !== 'admin' && role !== 'superadmin') throw new Error(`Only an admin of “${group.subject}” can do that.`);
  }

  private get(jid: string): SimGroup {
    const group = this.groups.get(jid);
    if (!group) throw new Error(`There is no group ${jid}.`);
    return group;
  }
}
