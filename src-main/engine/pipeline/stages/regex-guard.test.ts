import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { DFA_MEMORY, INPUT_MAX, RegexGuard } from './regex-guard';

/** A clock that moves only while a pattern runs, by the time the test gives that pattern. */
const fakeTime = () => {
  let t = 0;
  return {
    now: () => t,
    cost(guard: RegexGuard, ms: Record<number, number>) {
      const programs = (guard as unknown as { programs: (RE2JS | null)[] }).programs;
      programs.forEach((program, index) => {
        if (!program) return;
        const test = program.test.bind(program);
        program.test = (input) => {
          t += ms[index] ?? 0;
          return test(input);
        };
      });
    },
  };
};

describe('the regex guard', () => {
  it('matches every pattern on the linear-time engine, quantifier chains included', () => {
    const guard = new RegexGuard(['.*order.*status.*', 'a*a*a*b', '(x+x+)+y', '\\w+\\s+\\w+\\s+\\w+@', '^(a+)+$']);
    const programs = (guard as unknown as { programs: unknown[] }).programs;
    expect(programs.every((p) => p instanceof RE2JS)).toBe(true);
    const all = (text: string) => {
      const run = guard.forMessage(text);
      return [0, 1, 2, 3, 4].map((i) => run.test(i));
    };
    // Each of these backtracks for minutes in JavaScript's engine.
    expect(all('a'.repeat(900))).toEqual([false, false, false, false, true]);
    expect(all(`${'a'.repeat(1_999)}!`)).toEqual([false, false, false, false, false]);
    expect(all(`${'x'.repeat(1_999)}y`)).toEqual([false, false, true, false, false]);
    expect(all(`${'word '.repeat(399)}@`)).toEqual([false, false, false, false, false]);
    expect(all(`Order 12: STATUS? ${'a'.repeat(1_981)}b`)).toEqual([true, true, false, false, false]);
  });

  it('tests the first 2,000 characters only', () => {
    const guard = new RegexGuard(['b$', 'b']);
    const run = guard.forMessage(`${'a'.repeat(INPUT_MAX)}b`);
    expect([run.test(0), run.test(1)]).toEqual([false, false]);
  });

  it('keeps each pattern’s DFA to a bounded memory', () => {
    const guard = new RegexGuard(['[ab]*a[ab]{20}x']);
    const [program] = (guard as unknown as { programs: RE2JS[] }).programs;
    expect(program?.re2().dfa.maxMem).toBe(DFA_MEMORY);
  });

  it('skips a pattern that cannot run and reports why', () => {
    const skipped: [number, string][] = [];
    const guard = new RegexGuard(['(?<=#)\\d+', '\\d+'], { onSkipped: (i, why) => skipped.push([i, why]) });
    expect(skipped).toEqual([[0, expect.stringMatching(/^Look-behind/) as string]]);
    expect(guard.runs(0)).toBe(false);
    const run = guard.forMessage('#12');
    expect([run.test(0), run.test(1)]).toEqual([false, true]);
  });

  it('asks for a yield before a pattern that would overrun the slice', () => {
    const time = fakeTime();
    const guard = new RegexGuard(['one', 'two', 'three', 'slow'], { sliceMs: 20, budgetMs: 100, now: time.now });
    time.cost(guard, { 0: 8, 1: 8, 2: 8, 3: 15 });
    const first = guard.forMessage('one two three slow');
    expect([first.shouldYield(0), first.test(0), first.shouldYield(1), first.test(1)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(first.shouldYield(2)).toBe(false); // its cost is not known yet: 16 ms so far, under 20
    expect(first.test(2)).toBe(true);
    expect(first.shouldYield(3)).toBe(true); // 24 ms already
    first.resume();
    expect([first.shouldYield(3), first.test(3)]).toEqual([false, true]);
    // Next message: the costs are known, so a slice ends before a pattern that would overrun it.
    const second = guard.forMessage('one two three slow');
    second.test(0);
    expect(second.shouldYield(1)).toBe(false); // 8 + 8
    second.test(1);
    expect(second.shouldYield(2)).toBe(true); // 16 + 8
    second.resume();
    second.test(2);
    expect(second.shouldYield(3)).toBe(true); // 8 + 15: the slow one gets a slice of its own
  });

  it('stops testing a message past its budget, and pauses a pattern slow on two messages', () => {
    const time = fakeTime();
    const paused: number[] = [];
    const guard = new RegexGuard(['slow', 'fine', 'late'], {
      budgetMs: 20,
      now: time.now,
      onPaused: (i) => paused.push(i),
    });
    time.cost(guard, { 0: 25, 1: 1, 2: 1 });
    const all = () => {
      const run = guard.forMessage('slow fine late');
      return [0, 1, 2].map((i) => run.test(i));
    };
    expect(all()).toEqual([true, false, false]); // over budget after the first
    expect(paused).toEqual([]); // one slow message could be a GC pause
    expect(all()).toEqual([true, false, false]);
    expect(paused).toEqual([0]);
    expect(all()).toEqual([false, true, true]);
    expect(guard.overruns).toBe(2);
  });

  it('blames only patterns that took more than their share of an overrun', () => {
    const time = fakeTime();
    const paused: number[] = [];
    const sources = Array.from({ length: 10 }, (_, i) => `word${i}`);
    const guard = new RegexGuard(sources, { budgetMs: 20, now: time.now, onPaused: (i) => paused.push(i) });
    // Nine patterns at 1.5 ms and one at 9 ms: over budget at the ninth, and only the slow one took
    // more than its share (the 20 ms budget over ten patterns, but at least 2 ms).
    time.cost(guard, Object.fromEntries(sources.map((_, i) => [i, i === 3 ? 9 : 1.5])));
    for (let n = 0; n < 3; n++) {
      const run = guard.forMessage('word9');
      sources.forEach((_, i) => run.test(i));
    }
    expect(paused).toEqual([3]);
  });
});
