import { RE2JS } from 're2js';
import { toLinearRegex } from '../../../../src-shared/regex';

/** Longer messages are tested on their first part only: a pattern never gets an unbounded input. */
export const INPUT_MAX = 2_000;
/**
 * The longest one message's regex work holds the event loop before it yields. RE2 is linear, but
 * a fresh DFA meeting new kinds of text, or a legal pattern that meets a new DFA state at every
 * character, costs up to ~20 ms on 2,000 characters; 200 of them would add up.
 */
export const SLICE_MS = 20;
/**
 * Regex time one message may use in all, in slices. Past it the untested patterns do not match
 * that message; real rule sets use a few ms, so only patterns built to be slow get here.
 */
export const MESSAGE_BUDGET_MS = 100;
/** A rule is blamed for an overrun only if it took this long itself: timers and GC are noisy. */
const BLAME_FLOOR_MS = 2;
/** Blamed on this many messages, a rule is paused: one slow message could be a GC pause. */
const STRIKES = 2;
/**
 * Memory each rule's lazy DFA may hold (re2js's default is 8 MB: 500 rules could take 4 GB). A
 * DFA that fills up starts again, and falls back to re2js's NFA if that happens too often.
 */
export const DFA_MEMORY = 256 * 1024;

export type RegexGuardOptions = {
  sliceMs?: number;
  budgetMs?: number;
  /** A monotonic clock in ms; tests pass a fake one. */
  now?: () => number;
  /** The pattern kept taking more than its share of a message's budget and is switched off. */
  onPaused?: (index: number) => void;
  /** The pattern cannot run at all (a stored rule from before a syntax was refused). */
  onSkipped?: (index: number, problem: string) => void;
};

/** One message's matching: patterns by index, sharing that message's slices and budget. */
export type MessageRun = {
  /** Whether pattern `index` matches; false if it is paused or the message's budget is spent. */
  test(index: number): boolean;
  /** Whether to yield to the event loop before testing `index`: it would overrun the slice. */
  shouldYield(index: number): boolean;
  /** Starts a new slice, after the caller has yielded. */
  resume(): void;
};

type Dfa = ReturnType<RE2JS['re2']>['dfa'];
/** re2js does not export its DFA class; the constructor is reachable, and typed, through an instance. */
const DfaClass = RE2JS.compile('x').re2().dfa.constructor as new (prog: unknown, maxMem: number) => Dfa;

const compile = (pattern: string): RE2JS | string => {
  const linear = toLinearRegex(pattern);
  if (!linear.ok) return linear.problem;
  try {
    const program = RE2JS.compile(linear.source, RE2JS.CASE_INSENSITIVE);
    const re2 = program.re2();
    re2.lazyDFA = new DfaClass(re2.prog, DFA_MEMORY);
    return program;
  } catch (error) {
    return `Wren cannot run this pattern: ${(error as Error).message}`;
  }
};

/**
 * A bot's regular expressions, compiled once for RE2 (re2js): linear-time matching, so no
 * message can make a pattern backtrack. A message's patterns run in slices of at most about
 * SLICE_MS, the caller yielding between them, within a budget for the whole message; a pattern
 * that took more than its share of two overrun budgets is paused and reported. The auto-reply
 * stage and the test panel match through the same instance.
 */
export class RegexGuard {
  private readonly programs: (RE2JS | null)[];
  private readonly strikes: number[];
  /** What each pattern took the last time it ran, to yield before a slow one, not in it. */
  private readonly lastMs: number[];
  private readonly sliceMs: number;
  private readonly budgetMs: number;
  private readonly now: () => number;
  /** Patterns that cannot run, by index, with the reason. */
  readonly skipped = new Map<number, string>();
  /** Messages that spent their whole budget (some patterns went untested): for the bench. */
  overruns = 0;

  constructor(
    sources: readonly string[],
    private readonly options: RegexGuardOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.budgetMs = options.budgetMs ?? MESSAGE_BUDGET_MS;
    this.now = options.now ?? (() => performance.now());
    this.programs = sources.map((source, index) => {
      const compiled = compile(source);
      if (typeof compiled !== 'string') return compiled;
      this.skipped.set(index, compiled);
      options.onSkipped?.(index, compiled);
      return null;
    });
    this.strikes = sources.map(() => 0);
    this.lastMs = sources.map(() => 0);
  }

  get size(): number {
    return this.programs.length;
  }

  /** Whether the pattern at `index` still runs (compiled and not paused). */
  runs(index: number): boolean {
    return this.programs[index] != null;
  }

  forMessage(text: string): MessageRun {
    const input = text.slice(0, INPUT_MAX);
    const costs = new Map<number, number>();
    let spent = 0;
    let slice = 0;
    let over = false;
    return {
      test: (index) => {
        const program = this.programs[index];
        if (!program || over) return false;
        const started = this.now();
        const hit = program.test(input);
        const ms = this.now() - started;
        costs.set(index, ms);
        this.lastMs[index] = ms;
        spent += ms;
        slice += ms;
        if (spent >= this.budgetMs) {
          over = true;
          this.overruns++;
          this.blame(costs);
        }
        return hit;
      },
      shouldYield: (index) =>
        !over && this.runs(index) && slice > 0 && slice + (this.lastMs[index] ?? 0) > this.sliceMs,
      resume: () => {
        slice = 0;
      },
    };
  }

  /** After an overrun: who took more than an even share of the budget gets a strike. */
  private blame(costs: ReadonlyMap<number, number>): void {
    const running = this.programs.filter((p) => p !== null).length;
    const share = Math.max(this.budgetMs / Math.max(1, running), BLAME_FLOOR_MS);
    for (const [index, ms] of costs) {
      if (ms <= share) continue;
      this.strikes[index] = (this.strikes[index] ?? 0) + 1;
      if ((this.strikes[index] ?? 0) < STRIKES) continue;
      this.programs[index] = null; // frees its DFA too
      this.options.onPaused?.(index);
    }
  }
}
