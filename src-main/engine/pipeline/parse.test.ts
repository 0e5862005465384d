import { describe, expect, it } from 'vitest';
import { parseCommand, splitArgs } from './parse';

describe('command lines', () => {
  it('finds the prefix, the name (any case) and the arguments', () => {
    expect(parseCommand('.Warn @447911123402 spam links')).toEqual({
      prefix: '.',
      name: 'warn',
      args: ['@447911123402', 'spam', 'links'],
      rest: '@447911123402 spam links',
    });
    expect(parseCommand('  /ping')).toMatchObject({ prefix: '/', name: 'ping', args: [] });
  });

  it('keeps quoted words together, with straight or curly quotes', () => {
    expect(splitArgs('set "Welcome to {{group}}!" now')).toEqual(['set', 'Welcome to {{group}}!', 'now']);
    expect(splitArgs('set “hello there” ‘x y’')).toEqual(['set', 'hello there', 'x y']);
    expect(splitArgs('a "" b')).toEqual(['a', '', 'b']);
    expect(splitArgs('say "unclosed words')).toEqual(['say', 'unclosed words']);
  });

  it('is not a command without a prefix, or with nothing after it', () => {
    expect(parseCommand('menu please')).toBeNull();
    expect(parseCommand('.')).toBeNull();
    expect(parseCommand('. ping')).toBeNull();
    expect(parseCommand('!!ping', ['!', '!!'])).toMatchObject({ prefix: '!!', name: 'ping' });
  });
});
