/** A choice kept across visits (the bot a page showed last). Storage may be refused: then it is not kept. */
export const recall = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

export const remember = (key: string, value: string | null): void => {
  if (!value) return;
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the choice just is not remembered.
  }
};
