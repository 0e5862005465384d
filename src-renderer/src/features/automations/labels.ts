import type { MatchKind, Permission, PipelineStage, Scope } from '../../../../src-shared/automations';

export const PERMISSION_LABEL: Record<Permission, string> = {
  everyone: 'Everyone',
  premium: 'Premium members',
  admin: 'Group admins',
  owner: 'Owner only',
};

export const SCOPE_LABEL: Record<Scope, string> = {
  both: 'Private chats and groups',
  private: 'Private chats',
  groups: 'Groups',
};

export const MATCH_LABEL: Record<MatchKind, string> = {
  contains: 'Contains',
  exact: 'Is exactly',
  'starts-with': 'Starts with',
  regex: 'Regular expression',
  'first-message': 'First message from a new contact',
  any: 'Any message',
};

export const HOURS_LABEL = { always: 'Always', open: 'Only when open', closed: 'Only when closed' } as const;

export const STAGE_LABEL: Record<PipelineStage, string> = {
  skipped: 'Not for the bot',
  paused: 'Handed to a person',
  moderation: 'Moderation',
  'opt-out': 'Opt-out',
  'opt-in': 'Opt-in',
  flow: 'Menu flow',
  'rate-limit': 'Rate limit',
  command: 'Command',
  'auto-reply': 'Auto-reply',
  away: 'Away message',
  none: 'Nothing answered',
};

/** Template values a reply may use ({{name}}…), offered as buttons under reply fields. */
export const REPLY_VARIABLES = ['name', 'phone', 'group', 'date', 'time', 'args'] as const;

/** Built-in commands grouped by who may run them, in this order. */
export const AUDIENCE_LABEL: Record<Permission, string> = {
  everyone: 'For everyone',
  premium: 'For premium members',
  admin: 'For group admins',
  owner: 'For owners',
};

export const SCOPE_SHORT: Record<Scope, string> = {
  both: 'Chats and groups',
  private: 'Private chats',
  groups: 'Groups',
};
