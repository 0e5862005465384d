/**
 * Regex figures (issue 12): the worst event-loop block for one customer message against a bot's
 * 200 auto-reply rules, on 2,000-character adversarial messages. Each message goes through the
 * real pipeline (compileConfig, every stage, the auto-reply stage's regex guard on re2js); nothing
 * else runs meanwhile, so a message's wall time is the longest its handling can hold the loop.
 *
 * Three rule sets, each 200 rules, each measured on the same messages:
 * - chains: regex rules built on quantifier chains (`.*a.*b.*`, `a*a*a*b`, `(x+x+)+y`,
 *   `\w+\s+\w+\s+\w+@`, `^(a+)+$`…) and everyday patterns (order numbers, e-mails, phones, prices).
 *   Target: worst message ≤ 50 ms, the first message after compiling included.
 * - keywords: plain `contains` rules, the baseline the chains are printed against.
 * - pathological: legal patterns built to defeat RE2's DFA (`[ab]*a[ab]{40}x`: a new state at
 *   every character). No engine makes 200 of these fast; the per-message budget bounds them, and
 *   rules that keep overrunning are paused. Printed with the same target, for the bound.
 *
 * Messages (seeded, a fresh variant each time so no DFA sees the same text twice): one letter
 * repeated, near misses of the chains ('order order …' without 'status', 'x…x' without 'y',
 * words without '@'), random a/b, random ASCII, random Unicode (CJK, emoji, combining marks),
 * digits and punctuation. None of them is answered by the chain rules, so every rule is tried.
 *
 *   node --import tsx bench/regex.bench.ts        WREN_BENCH_REGEX_ROUNDS=6 (fresh variants each)
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { AutomationPatch } from '../src-shared/automations';
import { testPipeline } from '../src-main/engine/pipeline/testing';
import { seededRandom } from '../src-main/engine/random';
import { judge } from './verdict';

export type RegexBenchSize = { rules: number; length: number; rounds: number };
export type SetFigures = {
  /** The longest the event loop was held while one message was handled. */
  worstBlockMs: number;
  medianBlockMs: number;
  /** Wall time from a message to its outcome, slices and the turns between them included. */
  worstMessageMs: number;
  medianMessageMs: number;
  /** The first message after compiling, when every DFA is empty. */
  firstBlockMs: number;
  compileMs: number;
  paused: number;
  /** Messages that spent their whole regex budget: some rules went untested. */
  overruns: number;
};
export type RegexBenchResult = { chains: SetFigures; keywords: SetFigures; pathological: SetFigures; messages: number };

export const TARGET_MS = 50;

const WORDS = ['order', 'status', 'price', 'refund', 'deliver', 'parcel', 'invoice', 'stock', 'size', 'colour'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const pick = (list: readonly string[] | string, i: number) => list[i % list.length] ?? 'a';

/** Twenty shapes, each in ten spellings. */
const CHAIN_SHAPES: ((i: number) => string)[] = [
  (i) => `.*${pick(WORDS, i)}.*${pick(WORDS, i + 3)}.*`,
  (i) => `${pick(LETTERS, i)}*${pick(LETTERS, i)}*${pick(LETTERS, i)}*${pick(LETTERS, i + 1)}`,
  (i) => `(${pick(LETTERS, i)}+${pick(LETTERS, i)}+)+${pick(LETTERS, i + 2)}`,
  (i) => `\\w+\\s+\\w+\\s+\\w+@${pick(LETTERS, i)}`,
  (i) => `^(${pick(LETTERS, i)}+)+$`,
  (i) => `(${pick(LETTERS, i)}|${pick(LETTERS, i)}${pick(LETTERS, i)})+${pick(LETTERS, i + 5)}`,
  (i) => `.*${pick(LETTERS, i)}.*${pick(LETTERS, i + 1)}.*${pick(LETTERS, i + 2)}.*@`,
  (i) => `(\\w+\\s?)+${pick(LETTERS, i)}!`,
  (i) => `${pick(WORDS, i)}\\s*#?\\d{4}`,
  (i) => `\\b(hi|hello|hey)\\b.*${pick(WORDS, i)}`,
  (i) => `[a-z0-9._%+-]+@[a-z0-9.-]+\\.(?:com|org|${pick(LETTERS, i)}${pick(LETTERS, i + 1)})`,
  (i) => `\\+?\\d{1,3}[\\s-]?\\(?\\d{3}\\)?[\\s-]?\\d{3}[\\s-]?\\d{${3 + (i % 3)}}`,
  (i) => `(?:${pick(WORDS, i)}|${pick(WORDS, i + 1)}|${pick(WORDS, i + 2)})s?\\b#`,
  (i) => `${pick(WORDS, i)}.{0,40}\\d+%`,
  (i) => `\\d+[.,]\\d{2}\\s*(?:€|eur|usd|\\$)${pick(LETTERS, i)}`,
  (i) => `(${pick(LETTERS, i)}*)*${pick(LETTERS, i + 7)}`,
  (i) => `(.*${pick(LETTERS, i)}){5}${pick(LETTERS, i)}!`,
  (i) => `\\p{L}+\\s+\\p{N}{3,}${pick(LETTERS, i)}`,
  (i) => `${pick(LETTERS, i)}{2,}${pick(LETTERS, i + 1)}{2,}${pick(LETTERS, i)}+@`,
  (i) => `(?:${pick(WORDS, i)}\\W+){2,}${pick(WORDS, i + 1)}\\d`,
];

/** Legal, and each makes RE2's DFA meet a new state at nearly every character of a/b text. */
const PATHOLOGICAL_SHAPES: ((i: number) => string)[] = [
  (i) => `[ab]*a[ab]{${20 + (i % 40)}}x`,
  (i) => `(?:a|b|ab|ba){${10 + (i % 15)}}x`,
  (i) => `(?:.*a){${20 + (i % 30)}}x`,
  (i) => `(?:\\w+\\s?){${30 + (i % 30)}}@`,
  (i) => `\\p{L}{${50 + (i % 50)}}\\d`,
  (i) => `.{0,${60 + (i % 40)}}x${pick(LETTERS, i)}`,
];

const rulesOf = (patterns: string[], match: 'regex' | 'contains'): AutomationPatch => ({
  rules: patterns.map((pattern, i) => ({
    id: `r${i}`,
    name: `rule ${i}`,
    match,
    pattern,
    words: [],
    reply: 'answer',
    scope: 'private' as const,
    priority: 0,
    cooldownMinutes: 0,
    hours: 'always' as const,
    enabled: true,
  })),
});

export const chainPatterns = (n: number) =>
  Array.from({ length: n }, (_, i) => (CHAIN_SHAPES[i % 20] ?? CHAIN_SHAPES[0])!(Math.floor(i / 20) + i));
export const pathologicalPatterns = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    (PATHOLOGICAL_SHAPES[i % PATHOLOGICAL_SHAPES.length] ?? PATHOLOGICAL_SHAPES[0])!(i),
  );
/** Keywords nobody says in the messages below: every rule is tried, as in the chains set. */
const keywordPatterns = (n: number) => Array.from({ length: n }, (_, i) => `${pick(WORDS, i)}${i}zq`);

/** Kinds of adversarial message; each call gives a fresh variant of `length` characters. */
export const messageKinds = (length: number, random: () => number) => {
  const fill = (unit: () => string) => {
    let text = '';
    while (text.length < length) text += unit();
    return text.slice(0, length);
  };
  const one = (chars: string) => () => chars[Math.floor(random() * chars.length)] ?? '';
  const code = (lo: number, hi: number) => () => String.fromCodePoint(lo + Math.floor(random() * (hi - lo)));
  return {
    'one letter': () => pick(LETTERS, Math.floor(random() * 26)).repeat(length - 1) + '!',
    'order, no status': () => fill(() => `${pick(WORDS, Math.floor(random() * 3) * 2)} `),
    'x…x, no y': () => 'x'.repeat(length),
    'words, no @': () => fill(() => `${LETTERS.slice(0, 1 + Math.floor(random() * 8))} `),
    'random a/b': () => fill(one('ab')),
    'random a/b/space': () => fill(one('ab ')),
    'random ASCII': () => fill(code(0x20, 0x7f)),
    'random Unicode': () => fill(() => (random() < 0.1 ? '😀' : random() < 0.2 ? '\u0301' : code(0x20, 0x9fff)())),
    'digits, punctuation': () => fill(one('0123456789 .,-+()#%€$')),
    'mixed case letters': () => fill(one('aAbBxXoOrRdDeEsStTuU ')),
  };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The longest stretch `work` holds the event loop: a setImmediate ticker runs beside it, and every
 * gap between two ticks (or the start, or the end) is time the loop could not serve anyone else.
 */
const longestBlock = async (work: () => Promise<unknown>): Promise<number> => {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return Math.max(longest, performance.now() - last);
};

/** Runs one rule set on `rounds` fresh variants of every message kind. */
const measure = async (patch: AutomationPatch, size: RegexBenchSize): Promise<SetFigures & { messages: number }> => {
  const random = seededRandom(12);
  const kinds = Object.values(messageKinds(size.length, random));
  const started = performance.now();
  const t = testPipeline(patch);
  const compileMs = performance.now() - started;
  const blocks: number[] = [];
  const walls: number[] = [];
  for (let round = 0; round < size.rounds; round++) {
    for (const kind of kinds) {
      const text = kind();
      const at = performance.now();
      blocks.push(await longestBlock(() => t.say(text)));
      walls.push(performance.now() - at);
      await new Promise((resolve) => setImmediate(resolve)); // the last tick, outside the next message
    }
  }
  return {
    worstBlockMs: Math.max(...blocks),
    medianBlockMs: median(blocks),
    worstMessageMs: Math.max(...walls),
    medianMessageMs: median(walls),
    firstBlockMs: blocks[0] ?? 0,
    compileMs,
    paused: t.paused.length,
    overruns: t.compiled.regex.overruns,
    messages: blocks.length,
  };
};

export const runRegexBench = async (size: RegexBenchSize): Promise<RegexBenchResult> => {
  const chains = await measure(rulesOf(chainPatterns(size.rules), 'regex'), size);
  const keywords = await measure(rulesOf(keywordPatterns(size.rules), 'contains'), size);
  const pathological = await measure(rulesOf(pathologicalPatterns(size.rules), 'regex'), size);
  return { chains, keywords, pathological, messages: chains.messages };
};

const main = async () => {
  const rounds = Number(process.env.WREN_BENCH_REGEX_ROUNDS ?? 6);
  const result = await runRegexBench({ rules: 200, length: 2_000, rounds });
  const { chains, keywords, pathological } = result;
  const line = (name: string, f: SetFigures) =>
    `${name.padEnd(13)} block worst ${f.worstBlockMs.toFixed(1)} ms, median ${f.medianBlockMs.toFixed(2)} ms, ` +
    `first message ${f.firstBlockMs.toFixed(1)} ms; message worst ${f.worstMessageMs.toFixed(1)} ms, ` +
    `median ${f.medianMessageMs.toFixed(2)} ms; compile ${f.compileMs.toFixed(1)} ms; ` +
    `over budget ${f.overruns}, paused ${f.paused}`;
  console.log(`${result.messages} messages of 2,000 characters per set, 200 rules each`);
  console.log(line('keywords', keywords));
  console.log(line('chains', chains));
  console.log(line('pathological', pathological));
  console.log(
    `chains / keywords: worst block ${(chains.worstBlockMs / keywords.worstBlockMs).toFixed(1)}×, ` +
      `median ${(chains.medianBlockMs / keywords.medianBlockMs).toFixed(1)}×`,
  );
  judge('worst event-loop block, 200 rules with quantifier chains', chains.worstBlockMs, { atMost: TARGET_MS }, ' ms');
  judge(
    'worst event-loop block, pathological rules (bounded by slices and the budget)',
    pathological.worstBlockMs,
    { atMost: TARGET_MS },
    ' ms',
  );
};

// Run as a script; imported (by the tiny-size test), it only exports.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
