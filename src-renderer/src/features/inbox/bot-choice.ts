const BOT_KEY = 'wren.chats.botId';

/** The bot last chosen on the Chats page, across reloads; null when storage is unavailable. */
export const rememberedBot = (): string | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(BOT_KEY);
  } catch {
    return null; // storage can be off (private windows, policies): the first bot is shown then
  }
};

export const rememberBot = (botId: string): void => {
  try {
    localStorage.setItem(BOT_KEY, botId);
  } catch {
    // Remembered for this page only.
  }
};
