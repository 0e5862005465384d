import vm from 'node:vm';

/** Longer messages are tested on their first part only: a pattern never gets an unbounded input. */
const INPUT_MAX = 2_000;

/**
 * Whether a pattern can backtrack exponentially: a back-reference, or a repeated group that itself
 * repeats or alternates (`(a+)+`, `(a|ab)*`), the shapes behind catastrophic backtracking. Other
 * patterns run in time linear-ish in the input (bounded below), so they need no watchdog.
 */
export const mayBacktrack = (source: string): boolean => {
  if (/\\[1-9]|\\k</.test(source)) return true;
  const groups: boolean[] = []; // per open group: does its body repeat or alternate?
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') groups.push(false);
    else if (ch === '|' && groups.length > 0) groups[groups.length - 1] = true;
    else if (ch === ')') {
      const risky = groups.pop() ?? false;
      const next = source[i + 1];
      const repeated = next === '*' || next === '+' || next === '{';
      if (repeated && risky) return true;
      // A repeated group makes its parent's body repeat too.
      if ((repeated || risky) && groups.length > 0) groups[groups.length - 1] = true;
    } else if ((ch === '*' || ch === '+' || ch === '{') && groups.length > 0) groups[groups.length - 1] = true;
  }
  return false;
};

/**
 * Runs users' regular expressions with a time limit. JavaScript cannot stop a regex from outside,
 * but V8 can stop a script in a vm context, backtracking included; so all of a bot's patterns are
 * tested in one vm call per message (one watchdog, not one per pattern). A pattern that runs out
 * of time is found by testing each alone, then switched off and reported, so it costs one stall of
 * `timeoutMs` and never another.
 */
export class RegexGuard {
  private readonly context = vm.createContext({ patterns: [] as RegExp[], text: '' });
  private readonly script = new vm.Script('patterns.map((p) => p.test(text))');
  private readonly patterns: RegExp[];
  private readonly risky: boolean[];
  private readonly disabled = new Set<number>();

  constructor(
    sources: readonly string[],
    private readonly timeoutMs = 50,
    private readonly onDisabled: (index: number) => void = () => {},
  ) {
    this.patterns = sources.map((source) => new RegExp(source, 'iu'));
    this.risky = sources.map(mayBacktrack);
  }

  get size(): number {
    return this.patterns.length;
  }

  /** Which patterns match `text` (by index); a pattern that ran out of time never matches again. */
  matches(text: string): boolean[] {
    if (this.patterns.length === 0) return [];
    const input = text.slice(0, INPUT_MAX);
    const results = this.patterns.map((p, i) => !this.risky[i] && !this.disabled.has(i) && p.test(input));
    const guarded = this.patterns.flatMap((p, i) => (this.risky[i] && !this.disabled.has(i) ? [i] : []));
    if (guarded.length === 0) return results;
    try {
      this.run(
        guarded.map((i) => this.patterns[i] ?? /$^/),
        input,
      ).forEach((hit, k) => (results[guarded[k] ?? 0] = hit));
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      for (const index of guarded) {
        try {
          results[index] = this.run([this.patterns[index] ?? /$^/], input)[0] ?? false;
        } catch {
          this.disabled.add(index);
          this.onDisabled(index);
          results[index] = false;
        }
      }
    }
    return results;
  }

  private run(patterns: RegExp[], text: string): boolean[] {
    for (const p of patterns) p.lastIndex = 0;
    this.context.patterns = patterns;
    this.context.text = text;
    return this.script.runInContext(this.context, { timeout: this.timeoutMs }) as boolean[];
  }
}
