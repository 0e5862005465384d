import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock';
import { SenderLimiter } from './rate-limit';

describe('the per-sender command limit', () => {
  it('allows ten a minute, warns once, then stays silent until the window has room', async () => {
    const clock = new FakeClock();
    const limiter = new SenderLimiter(clock, 10, 60_000);
    const verdicts = Array.from({ length: 13 }, () => limiter.check('ana'));
    expect(verdicts).toEqual([...Array<string>(10).fill('ok'), 'warn', 'silent', 'silent']);
    expect(limiter.check('ben')).toBe('ok');
    await clock.advance(60_001);
    expect(limiter.check('ana')).toBe('ok');
  });

  it('forgets senders who went quiet', async () => {
    const clock = new FakeClock();
    const limiter = new SenderLimiter(clock);
    for (let i = 0; i < 100; i++) limiter.check(`sender-${i}`);
    await clock.advance(61_000);
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});
