const BOT_KEY = 'wren.chats.botId';

/** The "All bots" choice: every bot's chats in one list. Bot ids are UUIDs, so it names no bot. */
export const ALL_BOTS = 'all-bots';

/** What the Chats page shows: one bot's chats (its id) or every bot's (`ALL_BOTS`). */
export type BotChoice = string;

/** The bot (or "All bots") last chosen on the Chats page, across reloads; null when storage is unavailable. */
export const rememberedBot = (): BotChoice | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(BOT_KEY);
  } catch {
    return null; // storage can be off (private windows, policies): the first bot is shown then
  }
};

export const rememberBot = (choice: BotChoice): void => {
  try {
    localStorage.setItem(BOT_KEY, choice);
  } catch {
    // Remembered for this page only.
  }
};
