import type { Clock } from '../clock';

export type LimitVerdict = 'ok' | 'warn' | 'silent';

/**
 * At most `limit` commands per sender in any `windowMs`. The first one over gets a polite warning,
 * the rest get silence until the window has room again. Senders with nothing in the window are
 * forgotten, so memory follows who is active, not everyone ever seen.
 */
export class SenderLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly clock: Clock,
    readonly limit = 10,
    readonly windowMs = 60_000,
  ) {}

  check(sender: string): LimitVerdict {
    const now = this.clock.now();
    const entry = this.hits.get(sender) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => t > now - this.windowMs);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.warned = false;
      this.hits.set(sender, entry);
      return 'ok';
    }
    this.hits.set(sender, entry);
    if (entry.warned) return 'silent';
    entry.warned = true;
    return 'warn';
  }

  /** Drops senders whose window is empty (called now and then by the pipeline). */
  sweep(): void {
    const now = this.clock.now();
    for (const [sender, entry] of this.hits) {
      if (entry.times.every((t) => t <= now - this.windowMs)) this.hits.delete(sender);
    }
  }

  get size(): number {
    return this.hits.size;
  }
}
