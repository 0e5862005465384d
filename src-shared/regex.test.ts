import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { regexProblem } from './automations';
import { CATEGORIES, PROPERTIES, SCRIPTS } from './regex-names';
import { REGEX_SIZE_MAX, toLinearRegex } from './regex';

/** How the engine runs a pattern (regex-guard.ts): RE2 syntax, case-insensitive. */
const re2 = (pattern: string) => {
  const linear = toLinearRegex(pattern);
  if (!linear.ok) throw new Error(linear.problem);
  return RE2JS.compile(linear.source, RE2JS.CASE_INSENSITIVE);
};

describe('patterns Wren refuses', () => {
  const refusals: [string, RegExp][] = [
    ['(?<=order )\\d+', /^Look-behind \(\?<=…\) is not supported: .*linear time.*Match the words themselves/],
    ['(?<!#)\\d{4}', /^Negative look-behind \(\?<!…\) is not supported: .*\(\?:\^\|\[\^#\]\)/],
    ['price(?=\\s*\\d)', /^Look-ahead \(\?=…\) is not supported: .*Make what follows part of the pattern/],
    ['order(?!s)', /^Negative look-ahead \(\?!…\) is not supported: .*order\(\?:\[\^s\]\|\$\)/],
    ['(ha)\\1', /^Back-references like \\1 or \\k<name> are not supported: .*\(\?:ha\)\{2,\}/],
    ['(?<laugh>ha)\\k<laugh>', /^Back-references/],
    ['(?>abc)', /^Atomic groups \(\?>…\) are not supported and not needed: write \(\?:…\)/],
    ['a*+b', /^Possessive repeats like a\*\+ are not supported and not needed: write a\*/],
    ['(?i)hello', /^Inline flags like \(\?i\) are not supported: every pattern already ignores case/],
    ['(?P<n>x)', /^Write a named group as \(\?<name>…\)/],
    ['\\Ahi', /^Use \^ for the start of the message/],
    ['[[:alpha:]]+', /^POSIX classes .* write \\p\{L\} for letters/],
    ['\\pL+', /^Write Unicode classes with braces: \\p\{L\}/],
    [
      '\\p{Script=Grek}',
      /^\\p\{Script=Grek\} is not supported: write the script's full name, e\.g\. \\p\{Script=Greek\}/,
    ],
    ['\\p{scx=Greek}', /^\\p\{scx=Greek\} is not supported\. Use a category like \\p\{L\}/],
    ['\\p{Ideographic}', /^\\p\{Ideographic\} is not supported/],
    ['a{1001}', /^Repeat counts go up to 1000: use \+ or \* instead of \{1001\}/],
    ['(?:(?:a{10}){10}){11}', /^Repeats inside repeats multiply: these make 1100, over 1000/],
    [
      '\\w{1,200}',
      new RegExp(`^This pattern is too big to check quickly: .* over ${REGEX_SIZE_MAX}\\. Use \\+ or \\*`),
    ],
    ['\\uD83D', /^\\ud83d is half of a character/],
    ['(unclosed', /^That pattern is not a valid regular expression: Unterminated group/],
  ];

  it.each(refusals)('refuses %s, saying what to write instead', (pattern, message) => {
    expect(regexProblem(pattern)).toMatch(message);
  });

  it('takes what RE2 runs, JavaScript spellings included', () => {
    for (const pattern of [
      'order\\s*#?\\d{4}',
      '^(hi|hello)\\b',
      '(?<word>\\w+)@(?<host>\\w+)\\.com',
      '\\u{1F600}|\\uD83D\\uDE00|😀',
      '\\p{Letter}+\\p{Script=Greek}\\p{gc=Lu}\\P{N}\\p{Emoji}\\p{ASCII}',
      '[^]|[]|[\\b\\cA\\0\\-\\]]|\\/',
      '.*order.*status.*',
      'a*a*a*b',
      '\\w{1,100}',
    ]) {
      expect([pattern, regexProblem(pattern)]).toEqual([pattern, null]);
      expect(() => re2(pattern)).not.toThrow();
    }
  });

  it('lists only Unicode names the engine knows', () => {
    const names = [...new Set([...Object.values(CATEGORIES), ...Object.values(PROPERTIES), ...SCRIPTS])];
    for (const name of names) expect(() => RE2JS.compile(`\\p{${name}}`)).not.toThrow();
  });
});

describe('the translation to RE2', () => {
  it('keeps JavaScript’s meaning of ., \\s, \\u and [^]', () => {
    expect(re2('a.b').test('a\rb')).toBe(false); // RE2's own . would match \r
    expect(re2('a\\sb').test('a\u00a0b')).toBe(true); // RE2's own \s is ASCII only
    expect(re2('a[\\S]b').test('a\u3000b')).toBe(false);
    expect(re2('\\u00e9').test('É')).toBe(true);
    expect(re2('x[^]y').test('x\ny')).toBe(true);
    expect(re2('x[]').test('x')).toBe(false);
  });

  it('drops an unanchored .* at either end, which changes no answer', () => {
    expect(toLinearRegex('.*order.*status.*')).toMatchObject({
      ok: true,
      source: 'order[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]*status',
    });
    expect(toLinearRegex('^.*x.*$')).toMatchObject({
      ok: true,
      source: '^[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]*x[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]*$',
    });
  });

  it('estimates a pattern’s size no lower than the program RE2 builds', () => {
    for (const pattern of [
      'order\\s*#?\\d{4}',
      '\\w{1,100}',
      '(?:a|bc|d){3,7}x',
      '[a-z]+@[a-z]+\\.(?:com|org)',
      'x{2,}',
    ]) {
      const linear = toLinearRegex(pattern);
      expect(linear.ok && linear.size + 8 >= re2(pattern).programSize()).toBe(true);
    }
  });

  // Small patterns and texts over characters where the two engines could differ: case folding
  // (K/K, s/ſ, é/É), line breaks, Unicode spaces, astral characters.
  const CHARS = [
    'a',
    'b',
    'A',
    'k',
    '\u212a',
    's',
    'ſ',
    'é',
    'É',
    '\n',
    '\r',
    '\u2028',
    ' ',
    '\u00a0',
    '\t',
    '1',
    '_',
    '😀',
    'α',
    'Ω',
    '.',
  ];
  const ATOMS = [
    'a',
    'b',
    'k',
    's',
    'é',
    '\\.',
    '.',
    '\\b',
    '\\B',
    '\\s',
    '\\S',
    '\\d',
    '\\w',
    '\\W',
    '^',
    '$',
    '[ab]',
    '[^a\\s]',
    '[a-k]',
    '[\\S]',
    '[^]',
    '\\p{L}',
    '\\p{Lu}',
    '\\P{L}',
    '\\p{Script=Greek}',
    '\\u00e9',
    '\\u{1F600}',
    '😀',
    '\\n',
    '\\x41',
    '[😀-😂]',
  ];
  const QUANTIFIERS = ['', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?'];
  const item = (inner: fc.Arbitrary<string>) =>
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS))
        .map(([a, q]) => (a === '^' || a === '$' ? a : a + q)),
      fc
        .tuple(fc.constantFrom('(', '(?:'), inner, fc.constantFrom(...QUANTIFIERS))
        .map(([open, re, q]) => `${open}${re})${q}`),
    );
  const alternation = (inner: fc.Arbitrary<string>) =>
    fc
      .array(
        fc.array(item(inner), { minLength: 1, maxLength: 3 }).map((items) => items.join('')),
        { minLength: 1, maxLength: 2 },
      )
      .map((alts) => alts.join('|'));
  // Two levels of groups: enough to mix every construct, small enough for JavaScript's backtracking.
  const pattern = alternation(alternation(fc.constantFrom(...ATOMS)));
  const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 10 }).map((chars) => chars.join(''));

  it('answers as JavaScript’s engine does, on random patterns and texts', () => {
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 5 }), (source, texts) => {
        const linear = toLinearRegex(source);
        if (!linear.ok) return;
        const ours = RE2JS.compile(linear.source, RE2JS.CASE_INSENSITIVE);
        const theirs = new RegExp(source, 'iu');
        for (const t of texts) {
          // The one known difference: JavaScript's \b, under `iu`, counts K (Kelvin) and ſ (long s)
          // as word characters because they fold to k and s; RE2's \b is plain ASCII.
          if (/\\[bB]/.test(source) && /[\u212aſ]/.test(t)) continue;
          expect([source, t, ours.test(t)]).toEqual([source, t, theirs.test(t)]);
        }
      }),
      { seed: 20_261_202, numRuns: 1_000, endOnFailure: true },
    );
  });
});
