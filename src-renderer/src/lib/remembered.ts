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

/** The part of Web Storage a remembered list needs (a fake stands in for it in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const browserStorage = (): KeyValueStore | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

/**
 * Texts kept per key across reloads (the composer's drafts), at most `max` of them: the one
 * written longest ago is dropped first. Each text has its own storage entry, so a keystroke writes
 * that one text (and the short order list only when another text was the newest).
 */
export const rememberedTexts = (prefix: string, max: number, storage: () => KeyValueStore | null = browserStorage) => {
  const orderKey = `${prefix}:order`;
  const entryKey = (key: string) => `${prefix}:${key}`;

  const readOrder = (store: KeyValueStore): string[] => {
    try {
      const parsed: unknown = JSON.parse(store.getItem(orderKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  };

  return {
    get(key: string): string | null {
      try {
        return storage()?.getItem(entryKey(key)) ?? null;
      } catch {
        return null;
      }
    },

    /** An empty text forgets the key (a sent or cleared draft). */
    set(key: string, text: string): void {
      const store = storage();
      if (!store) return;
      try {
        const order = readOrder(store);
        const rest = order.filter((k) => k !== key);
        if (!text) {
          store.removeItem(entryKey(key));
          if (rest.length !== order.length) store.setItem(orderKey, JSON.stringify(rest));
          return;
        }
        store.setItem(entryKey(key), text);
        if (order[order.length - 1] === key) return;
        const next = [...rest, key];
        for (const dropped of next.splice(0, Math.max(0, next.length - max))) store.removeItem(entryKey(dropped));
        store.setItem(orderKey, JSON.stringify(next));
      } catch {
        // Storage full or refused: the draft stays in memory for this visit only.
      }
    },
  };
};
