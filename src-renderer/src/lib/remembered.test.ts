import { describe, expect, it } from 'vitest';
import { rememberedTexts, type KeyValueStore } from './remembered';

const fakeStorage = (): KeyValueStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
};

describe('rememberedTexts', () => {
  it('keeps a text per key and forgets it when emptied', () => {
    const storage = fakeStorage();
    const drafts = rememberedTexts('drafts', 200, () => storage);
    drafts.set('12', 'Hello Ana');
    drafts.set('13', 'See you');
    expect(drafts.get('12')).toBe('Hello Ana');
    // A new visit (a reload) reads the same storage.
    expect(rememberedTexts('drafts', 200, () => storage).get('13')).toBe('See you');
    drafts.set('12', '');
    expect(drafts.get('12')).toBeNull();
    expect(JSON.parse(storage.data.get('drafts:order') ?? '')).toEqual(['13']);
  });

  it('keeps at most `max`, dropping the one written longest ago', () => {
    const storage = fakeStorage();
    const drafts = rememberedTexts('d', 3, () => storage);
    drafts.set('a', '1');
    drafts.set('b', '2');
    drafts.set('c', '3');
    drafts.set('a', '1 again'); // a is now the newest
    drafts.set('d', '4');
    expect(drafts.get('b')).toBeNull();
    expect(['a', 'c', 'd'].map((k) => drafts.get(k))).toEqual(['1 again', '3', '4']);
    expect(storage.data.size).toBe(4); // three texts and the order
  });

  it('never throws when storage is refused or holds junk', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const drafts = rememberedTexts('d', 3, () => refusing);
    expect(() => drafts.set('a', 'x')).not.toThrow();
    expect(drafts.get('a')).toBeNull();
    const junk = fakeStorage();
    junk.data.set('d:order', '{not json');
    rememberedTexts('d', 3, () => junk).set('a', 'x');
    expect(JSON.parse(junk.data.get('d:order') ?? '')).toEqual(['a']);
    expect(rememberedTexts('d', 3, () => null).get('a')).toBeNull();
  });
});
