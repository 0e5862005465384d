import vm from 'node:vm';

/** Longer messages are tested on their first part only: a pattern never gets an unbounded input. */
const INPUT_MAX = 2_000;

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
  private readonly disabled = new Set<number>();

  constructor(
    sources: readonly string[],
    private readonly timeoutMs = 50,
    private readonly onDisabled: (index: number) => void = () => {},
  ) {
    this.patterns = sources.map((source) => new RegExp(source, 'iu'));
  }

  get size(): number {
    return this.patterns.length;
  }

  /** Which patterns match `text` (by index); a pattern that ran out of time never matches again. */
  matches(text: string): boolean[] {
    if (this.patterns.length === 0) return [];
    const input = text.slice(0, INPUT_MAX);
    const live = this.patterns.map((p, i) => (this.disabled.has(i) ? /$^/ : p));
    try {
      return this.run(live, input);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      return live.map((pattern, index) => {
        if (this.disabled.has(index)) return false;
        try {
          return this.run([pattern], input)[0] ?? false;
        } catch {
          this.disabled.add(index);
          this.onDisabled(index);
          return false;
        }
      });
    }
  }

  private run(patterns: RegExp[], text: string): boolean[] {
    for (const p of patterns) p.lastIndex = 0;
    this.context.patterns = patterns;
    this.context.text = text;
    return this.script.runInContext(this.context, { timeout: this.timeoutMs }) as boolean[];
  }
}
