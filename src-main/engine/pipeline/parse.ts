/**
 * A command line as people type it on WhatsApp: a prefix, a name, then arguments separated by
 * spaces, where "quoted words" (straight or curly quotes, as phones type them) stay one argument.
 */

export const DEFAULT_PREFIXES = ['.', '!', '/'] as const;

export type ParsedCommand = {
  prefix: string;
  /** Lower case, as commands are looked up. */
  name: string;
  args: string[];
  /** Everything after the name, as typed (for commands that take free text, like broadcast). */
  rest: string;
};

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“', "'": "'", '‘': '’' };

/** Splits arguments, keeping quoted parts together; an unclosed quote runs to the end. */
export const splitArgs = (input: string): string[] => {
  const args: string[] = [];
  let current = '';
  let quote: string | null = null;
  let quoted = false;
  for (const ch of input) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch in QUOTES && current === '') {
      quote = QUOTES[ch] ?? ch;
      quoted = true;
    } else if (/\s/.test(ch)) {
      if (current !== '' || quoted) args.push(current);
      current = '';
      quoted = false;
    } else current += ch;
  }
  if (current !== '' || quoted) args.push(current);
  return args;
};

/** The command in a message, or null when it is not one (no prefix, or nothing after it). */
export const parseCommand = (text: string, prefixes: readonly string[] = DEFAULT_PREFIXES): ParsedCommand | null => {
  const trimmed = text.trimStart();
  // Longest prefix first, so "!!" wins over "!" when both are configured.
  const prefix = [...prefixes].sort((a, b) => b.length - a.length).find((p) => p !== '' && trimmed.startsWith(p));
  if (prefix === undefined) return null;
  const body = trimmed.slice(prefix.length);
  const match = /^(\S+)\s*([\s\S]*)$/.exec(body);
  if (!match?.[1]) return null;
  const rest = (match[2] ?? '').trim();
  return { prefix, name: match[1].toLowerCase(), args: splitArgs(rest), rest };
};
