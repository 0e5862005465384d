import { CATEGORIES, PROPERTIES, SCRIPTS } from './regex-names';

/**
 * Users write JavaScript regular expressions; the engine runs them on RE2 (re2js), which takes
 * time linear in the message whatever the pattern, so no customer's message can stall a bot.
 * This file is the bridge, shared so the Automations page checks a pattern as the engine will:
 * it refuses what RE2 cannot run (look-arounds, back-references…) with what to write instead,
 * and translates the rest into RE2 syntax with the meaning JavaScript gives it (`.`, `\s`, `\u`
 * and `\p{…}` differ). Pure string work: no engine, cheap enough for a live check per keystroke.
 */

/** RE2's own limit on a repeat count, and on counts multiplied through nested repeats. */
export const REPEAT_MAX = 1000;
/**
 * Steps (RE2 instructions) a pattern may expand to. Checking time grows with it, and counts blow it
 * up (`\w{1,500}` is 1,000 steps), so a cap keeps the slowest single rule well inside a message's
 * time budget; real patterns need a few dozen.
 */
export const REGEX_SIZE_MAX = 250;

export type LinearRegex = { ok: true; source: string; size: number } | { ok: false; problem: string };

const WHY = 'Wren checks patterns in linear time, so no message can stall the bot';
const INLINE_FLAGS = 'Inline flags like (?i) are not supported: every pattern already ignores case.';

/** Syntax from other regex dialects that JavaScript refuses: a hint beats the parser's message. */
const HABITS: readonly [RegExp, string][] = [
  [/\(\?>/, 'Atomic groups (?>…) are not supported and not needed: write (?:…) instead.'],
  [/[*+?}]\+/, 'Possessive repeats like a*+ are not supported and not needed: write a* instead.'],
  [/\(\?P</, 'Write a named group as (?<name>…), or simply (…).'],
  [/\(\?[a-zA-Z-]+[):]/, INLINE_FLAGS],
  [/\\[AzZ]/, 'Use ^ for the start of the message and $ for its end, not \\A or \\z.'],
  [/\[\[:\w+:\]/, 'POSIX classes like [[:alpha:]] are not supported: write \\p{L} for letters, \\d for digits.'],
  [/\\[pP][A-Za-z]/, 'Write Unicode classes with braces: \\p{L}, not \\pL.'],
  [/\\x\{/, 'Write a character code as \\u{1F600} or \\xE9, not \\x{…}.'],
];

/** JavaScript's `\s`: every Unicode space and line break (RE2's `\s` is ASCII only). */
const SPACES: readonly [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const MAX_CODE = 0x10ffff;
const complement = (ranges: readonly [number, number][]): [number, number][] => {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE) out.push([next, MAX_CODE]);
  return out;
};
const hex = (code: number) => `\\x{${code.toString(16)}}`;
const body = (ranges: readonly [number, number][]) =>
  ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
const SPACE = body(SPACES);
const NOT_SPACE = body(complement(SPACES));
const ASCII = body([[0, 0x7f]]);
const NOT_ASCII = body([[0x80, MAX_CODE]]);
/** JavaScript's `.`: anything but a line break (RE2's stops at \n only). */
const DOT = `[^${body([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
])}]`;
const CONTROL: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
/** RE2 escapes any ASCII punctuation with a backslash; everything else stays or becomes \x{…}. */
const literal = (code: number): string => {
  if (code < 0x80 && /[\p{P}\p{S}]/u.test(String.fromCharCode(code))) return `\\${String.fromCharCode(code)}`;
  if (code <= 0x20 || code === 0x7f) return hex(code);
  return String.fromCodePoint(code);
};

/** One thing a quantifier can follow, in RE2 syntax, with its size and nested repeat count. */
type Item = { text: string; size: number; reps: number; dot?: boolean; dotStar?: boolean };
type Frame = { alternatives: Item[][]; items: Item[] };

class Refusal extends Error {}
const refuse = (problem: string): never => {
  throw new Refusal(problem);
};

/** `\p{…}` in RE2's terms: the name, or a whole class for ASCII (which RE2 spells differently). */
const property = (spec: string, negated: boolean, inClass: boolean): string => {
  const [key = '', value] = spec.includes('=') ? spec.split('=') : ['', spec];
  let name: string | undefined;
  if (key === '' || key === 'gc' || key === 'General_Category') name = CATEGORIES[value ?? ''];
  if (key === '' && !name) name = PROPERTIES[value ?? ''];
  if ((key === 'sc' || key === 'Script') && SCRIPTS.has(value ?? '')) name = value;
  if (key === '' && value === 'ASCII') {
    const inner = negated ? NOT_ASCII : ASCII;
    return inClass ? inner : `[${inner}]`;
  }
  if (!name) {
    const shown = `\\${negated ? 'P' : 'p'}{${spec}}`;
    return refuse(
      key === 'sc' || key === 'Script'
        ? `${shown} is not supported: write the script's full name, e.g. \\p{Script=Greek} or \\p{Script=Arabic}.`
        : `${shown} is not supported. Use a category like \\p{L} (letters), \\p{Lu} or \\p{N}, a script like \\p{Script=Latin}, or \\p{Emoji}.`,
    );
  }
  return `\\${negated ? 'P' : 'p'}{${name}}`;
};

/**
 * Reads a pattern JavaScript has accepted with the `iu` flags, so its syntax is known to be well
 * formed: every `{` starts a repeat, every `[` a class that a `]` closes, escapes are complete.
 */
class Translator {
  private i = 0;
  private readonly stack: Frame[] = [{ alternatives: [], items: [] }];

  constructor(private readonly src: string) {}

  run(): { source: string; size: number } {
    while (this.i < this.src.length) this.token();
    const top = this.stack[0] as Frame;
    let items = top.items;
    if (top.alternatives.length === 0) {
      // An unanchored `.*` at either end changes nothing about whether a match exists, and
      // costs the matcher states on every message.
      let start = 0;
      let end = items.length;
      while (start < end && items[start]?.dotStar) start++;
      while (end > start && items[end - 1]?.dotStar) end--;
      items = items.slice(start, end);
    }
    const group = this.close({ alternatives: top.alternatives, items }, false);
    return { source: group.text, size: group.size };
  }

  private get frame(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private next(): number {
    const code = this.src.codePointAt(this.i) ?? 0;
    this.i += code > 0xffff ? 2 : 1;
    return code;
  }

  private token(): void {
    const ch = this.src[this.i] ?? '';
    if (ch === '\\') return this.atom(this.escape(false));
    if (ch === '[') return this.atom({ text: this.charClass(), size: 1, reps: 1 });
    if (ch === '(') return this.open();
    if (ch === ')') {
      this.i++;
      const frame = this.stack.pop() as Frame;
      return this.atom(this.close(frame, true));
    }
    if (ch === '|') {
      this.i++;
      this.frame.alternatives.push(this.frame.items);
      this.frame.items = [];
      return;
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') return this.quantifier();
    if (ch === '.') {
      this.i++;
      return this.atom({ text: DOT, size: 1, reps: 1, dot: true });
    }
    if (ch === '^' || ch === '$') {
      this.i++;
      return this.atom({ text: ch, size: 1, reps: 1 });
    }
    this.atom({ text: literal(this.next()), size: 1, reps: 1 });
  }

  private atom(item: Item): void {
    this.frame.items.push(item);
  }

  private close(frame: Frame, group: boolean): Item {
    const alternatives = [...frame.alternatives, frame.items];
    const text = alternatives.map((items) => items.map((item) => item.text).join('')).join('|');
    const size = alternatives.reduce((sum, items) => sum + items.reduce((s, item) => s + item.size, 0), 0);
    const reps = Math.max(1, ...alternatives.flatMap((items) => items.map((item) => item.reps)));
    // Every group becomes non-capturing: nothing reads captures, and RE2 runs faster without them.
    return { text: group ? `(?:${text})` : text, size: size + alternatives.length - 1, reps };
  }

  private open(): void {
    const rest = this.src.slice(this.i);
    if (rest.startsWith('(?<=')) {
      refuse(
        `Look-behind (?<=…) is not supported: ${WHY}. Match the words themselves instead, e.g. order\\s*#?\\d+ rather than (?<=order\\s*#?)\\d+.`,
      );
    }
    if (rest.startsWith('(?<!')) {
      refuse(
        `Negative look-behind (?<!…) is not supported: ${WHY}. Spell out what may come before, e.g. (?:^|[^#])\\d{4} rather than (?<!#)\\d{4}, or give the case to leave out its own rule with a higher priority.`,
      );
    }
    if (rest.startsWith('(?=')) {
      refuse(
        `Look-ahead (?=…) is not supported: ${WHY}. Make what follows part of the pattern, e.g. price\\s*\\d rather than price(?=\\s*\\d).`,
      );
    }
    if (rest.startsWith('(?!')) {
      refuse(
        `Negative look-ahead (?!…) is not supported: ${WHY}. Spell out what may follow, e.g. order(?:[^s]|$) rather than order(?!s), or give the case to leave out its own rule with a higher priority.`,
      );
    }
    const named = /^\(\?<[^>]*>/.exec(rest);
    if (rest.startsWith('(?:')) this.i += 3;
    else if (named) this.i += named[0].length;
    else if (rest.startsWith('(?'))
      refuse(INLINE_FLAGS); // (?i:…), which newer engines accept
    else this.i += 1;
    this.stack.push({ alternatives: [], items: [] });
  }

  private quantifier(): void {
    const match = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(this.src.slice(this.i)) ?? refuse('Nothing to repeat.');
    this.i += match[0].length;
    const item = this.frame.items.pop() ?? refuse('Nothing to repeat.');
    const op = match[0][0];
    let size = item.size + 1;
    let reps = item.reps;
    if (op === '{') {
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
      const count = Number.isFinite(max) ? max : min;
      if (count > REPEAT_MAX) refuse(`Repeat counts go up to ${REPEAT_MAX}: use + or * instead of {${count}}.`);
      reps = item.reps * Math.max(1, count);
      if (reps > REPEAT_MAX) {
        refuse(`Repeats inside repeats multiply: these make ${reps}, over ${REPEAT_MAX}. Use + or * instead.`);
      }
      size = Number.isFinite(max) ? min * item.size + (max - min) * (item.size + 1) : Math.max(min, 1) * item.size + 1;
    }
    this.atom({ text: item.text + match[0], size, reps, dotStar: item.dot === true && op === '*' });
  }

  /** An escape; inside a class it yields class members (no brackets) rather than an atom. */
  private escape(inClass: boolean): Item {
    this.i++; // the backslash
    const ch = this.src[this.i] ?? '';
    const one = (text: string, length = 1): Item => {
      this.i += length;
      return { text, size: 1, reps: 1 };
    };
    if ('dDwW'.includes(ch)) return one(`\\${ch}`);
    if (ch === 's') return one(inClass ? SPACE : `[${SPACE}]`);
    if (ch === 'S') return one(inClass ? NOT_SPACE : `[${NOT_SPACE}]`);
    if (ch === 'b' || ch === 'B') return one(inClass ? hex(8) : `\\${ch}`);
    if (ch === 'p' || ch === 'P') {
      const end = this.src.indexOf('}', this.i);
      return one(property(this.src.slice(this.i + 2, end), ch === 'P', inClass), end + 1 - this.i);
    }
    if (ch === 'k' || (ch >= '1' && ch <= '9')) {
      refuse(
        `Back-references like \\1 or \\k<name> are not supported: ${WHY}. Write the repeated text out, e.g. (?:ha){2,} rather than (ha)\\1+.`,
      );
    }
    const code = this.escapedCode();
    return one(inClass ? hex(code) : literal(code), 0);
  }

  /** The character an escape such as \n, \x41, \u00e9, \u{1F600} or \. stands for. */
  private escapedCode(): number {
    const ch = this.src[this.i] ?? '';
    const read = (length: number) => {
      const digits = this.src.slice(this.i + 1, this.i + 1 + length);
      this.i += 1 + length;
      return parseInt(digits, 16);
    };
    const control = CONTROL[ch] ?? (ch === '0' ? 0 : undefined);
    if (control !== undefined) {
      this.i++;
      return control;
    }
    if (ch === 'c') {
      this.i += 2;
      return this.src.charCodeAt(this.i - 1) % 32;
    }
    if (ch === 'x') return read(2);
    if (ch === 'u' && this.src[this.i + 1] === '{') {
      const end = this.src.indexOf('}', this.i);
      const code = parseInt(this.src.slice(this.i + 2, end), 16);
      this.i = end + 1;
      return this.whole(code);
    }
    if (ch === 'u') {
      const high = read(4);
      if (high >= 0xd800 && high < 0xdc00 && /^\\u[dD][c-fC-F]/.test(this.src.slice(this.i))) {
        this.i++; // the backslash of the low half
        return 0x10000 + ((high - 0xd800) << 10) + (read(4) - 0xdc00);
      }
      return this.whole(high);
    }
    return this.next();
  }

  private whole(code: number): number {
    if (code >= 0xd800 && code <= 0xdfff) {
      refuse(`\\u${code.toString(16)} is half of a character: write the whole character, or \\u{1F600} for an emoji.`);
    }
    return code;
  }

  private charClass(): string {
    this.i++; // [
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const members: string[] = [];
    while (this.src[this.i] !== ']' && this.i < this.src.length) {
      const from = this.member();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && from.code !== null) {
        this.i++;
        const to = this.member();
        members.push(`${from.text}-${to.text}`);
      } else members.push(from.text);
    }
    this.i++; // ]
    // JavaScript's [] matches nothing and [^] anything; RE2 reads both as unclosed.
    if (members.length === 0) return negated ? `[${body([[0, MAX_CODE]])}]` : `[^${body([[0, MAX_CODE]])}]`;
    return `[${negated ? '^' : ''}${members.join('')}]`;
  }

  private member(): { text: string; code: number | null } {
    if (this.src[this.i] !== '\\') {
      const code = this.next();
      return { text: hex(code), code };
    }
    const ch = this.src[this.i + 1] ?? '';
    if ('dDwWsSpP'.includes(ch)) return { text: this.escape(true).text, code: null };
    this.i++; // the backslash
    let code: number;
    if (ch === 'b' || ch === '-') {
      this.i++;
      code = ch === 'b' ? 8 : 0x2d;
    } else code = this.escapedCode();
    return { text: hex(code), code };
  }
}

/**
 * A user's pattern as the engine runs it (RE2 syntax, case-insensitive at compile time), or why it
 * cannot run. The same answer in the renderer (live check) and the engine (save, start).
 */
export const toLinearRegex = (pattern: string): LinearRegex => {
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    const habit = HABITS.find(([shape]) => shape.test(pattern));
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '');
    return { ok: false, problem: habit?.[1] ?? `That pattern is not a valid regular expression: ${reason}` };
  }
  try {
    const { source, size } = new Translator(pattern).run();
    if (size > REGEX_SIZE_MAX) {
      return {
        ok: false,
        problem: `This pattern is too big to check quickly: its repeats expand it to ${size} steps, over ${REGEX_SIZE_MAX}. Use + or * instead of large counts like {1,100}.`,
      };
    }
    return { ok: true, source, size };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message };
    throw error;
  }
};
