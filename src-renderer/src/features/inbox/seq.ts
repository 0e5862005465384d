/**
 * One counter for request generations and chat changes. A reply carries the generation of its
 * request: a newer request makes it stale, and it does not overwrite a chat that an event changed
 * after the request left (a mark-read would otherwise come back as unread).
 */
let clock = 0;
const touched = new Map<number, number>();

export const nextSeq = (): number => ++clock;

export const touchChat = (chatId: number): void => {
  touched.set(chatId, ++clock);
};

export const chatChangedSince = (chatId: number, seq: number): boolean => (touched.get(chatId) ?? 0) > seq;

export const forgetTouches = (): void => touched.clear();
