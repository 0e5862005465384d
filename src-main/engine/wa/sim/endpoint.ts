import type {
  CloseReason,
  GroupInfo,
  GroupParticipantsEvent,
  HistoryEvent,
  IncomingMessage,
  MessageDeleteEvent,
  MessageEditEvent,
  MessageStatus,
  ReactionEvent,
} from '../transport';
import type { SimUpdate } from './contacts';

/** One linked device of a simulated phone, as its stored session names it. */
export type SimSession = { phone: string; deviceId: number };

/** What the network needs from a connected device (implemented by SimTransport). */
export type SimEndpoint = {
  readonly botId: string;
  deliver(message: IncomingMessage): void;
  edited(event: MessageEditEvent): void;
  deleted(event: MessageDeleteEvent): void;
  reacted(event: ReactionEvent): void;
  history(event: HistoryEvent): void;
  status(id: string, chatJid: string, status: MessageStatus): void;
  groupUpdated(info: GroupInfo): void;
  participantsChanged(event: GroupParticipantsEvent): void;
  kick(reason: Exclude<CloseReason, 'closed-by-app'>, code: number): void;
  /** The device was linked: persist the session and restart (like WhatsApp's 515). */
  linked(session: SimSession): void;
};

/** Hands one update to a connected device; `offline` marks messages that waited for its login. */
export const deliverTo = (endpoint: SimEndpoint, update: SimUpdate, offline: boolean): void => {
  if (update.type === 'message') endpoint.deliver(offline ? { ...update.message, offline: true } : update.message);
  else if (update.type === 'edit') endpoint.edited(update.event);
  else if (update.type === 'delete') endpoint.deleted(update.event);
  else if (update.type === 'reaction') endpoint.reacted(update.event);
  else if (update.type === 'group') endpoint.groupUpdated(update.info);
  else endpoint.participantsChanged(update.event);
};
