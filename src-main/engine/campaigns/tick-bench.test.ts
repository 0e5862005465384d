import { describe, expect, it } from 'vitest';
import { runTickBench } from '../../../bench/campaign-tick.bench';

// vitest does not collect bench/: the scheduler bench runs here at a tiny size, so a bench that
// stops sending (it once paused itself for want of delivery receipts) fails CI, not `npm run bench`.
describe('the campaign tick bench', () => {
  it('sends a message on (nearly) every tick at both sizes', async () => {
    const result = await runTickBench({ base: 300, big: 1_200, ticks: 200 });
    expect(result.base.median).toBeGreaterThan(0);
    expect(result.big.p99).toBeGreaterThanOrEqual(result.big.median);
    expect(Number.isFinite(result.ratio)).toBe(true);
  });
});
