import { describe, expect, it } from 'vitest';
import { runRegexBench } from '../../../bench/regex.bench';

// vitest does not collect bench/, so the regex bench is run here at a tiny size: a bench that no
// longer builds valid rules or no longer runs fails CI instead of the next person who runs it.
describe('the regex bench', () => {
  it('runs every rule set on every kind of message', async () => {
    const result = await runRegexBench({ rules: 20, length: 300, rounds: 1 });
    expect(result.messages).toBe(10);
    for (const set of [result.chains, result.keywords, result.pathological]) {
      expect(set.worstBlockMs).toBeGreaterThanOrEqual(set.medianBlockMs);
      expect(set.worstMessageMs).toBeGreaterThanOrEqual(set.worstBlockMs * 0.5);
      expect(set.compileMs).toBeGreaterThan(0);
    }
    expect(result.keywords.paused).toBe(0);
  });
});
