import type { InboxService } from '../inbox/service';
import type { Dispatcher } from './dispatcher';

/** Binds the message menu's calls (react, forward, star, delete) and the chat's contact card to the inbox. */
export const registerMessageActionHandlers = (dispatcher: Dispatcher, inbox: InboxService): void => {
  const { handle } = dispatcher;
  handle('messages:react', ({ messageId, emoji }) => inbox.react(messageId, emoji));
  handle('messages:forward', ({ messageId, chatIds }) => inbox.forward(messageId, chatIds));
  handle('messages:star', ({ messageId, starred }) => inbox.star(messageId, starred));
  handle('messages:starred', (input) => inbox.starred(input));
  handle('messages:delete', ({ messageId, for: scope }) => inbox.delete(messageId, scope));
  handle('chats:contact', ({ chatId }) => inbox.contact(chatId));
};
