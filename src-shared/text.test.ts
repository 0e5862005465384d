import { describe, expect, it } from 'vitest';
import { hasVisibleText, visibleName } from './text';

describe('visible names', () => {
  it.each([
    '\u200B',
    '\u200B\u200C\u200D',
    '\u2060\uFEFF',
    '\u00AD',
    '\u200E\u200F',
    '\u3164',
    '\u2800\u2800',
    '\u0301',
    ' \t ',
  ])('sees nothing in %j', (text) => expect(hasVisibleText(text)).toBe(false));

  it.each(['Ana', '\u200BAna', '李', '٣', '👍', 'a\u0301'])('sees %j', (text) =>
    expect(hasVisibleText(text)).toBe(true),
  );

  it('refuses a name of blank characters with what to change, keeps real ones', () => {
    const schema = visibleName('bot', 60);
    const blank = schema.safeParse('\u200B\u200D');
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0]?.message).toMatch(/letters or digits you can see/);
    expect(schema.parse('  Shop  ')).toBe('Shop');
    expect(schema.safeParse('   ').error?.issues[0]?.message).toBe('Give the bot a name.');
  });
});
