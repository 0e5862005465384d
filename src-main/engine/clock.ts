/**
 * Time as the engine sees it. Schedulers, backoff and watchdogs take a Clock so tests drive them
 * with a fake one instead of sleeping.
 */
export type TimerId = { readonly __timer: unique symbol };

export type Clock = {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | null | undefined): void;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending retry or watchdog must never keep the process alive on its own.
    handle.unref();
    return handle as unknown as TimerId;
  },
  clearTimeout: (id) => {
    if (id) clearTimeout(id as unknown as NodeJS.Timeout);
  },
};

/** A clock tests move by hand. `advance` fires due timers in time order and lets promises settle. */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = ++this.seq;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fn });
    return id as unknown as TimerId;
  }

  clearTimeout(id: TimerId | null | undefined): void {
    if (id !== null && id !== undefined) this.timers.delete(id as unknown as number);
  }

  pending(): number {
    return this.timers.size;
  }

  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      let nextId: number | null = null;
      let next: { at: number; fn: () => void } | null = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && (next === null || timer.at < next.at)) {
          nextId = id;
          next = timer;
        }
      }
      if (next === null || nextId === null) break;
      this.timers.delete(nextId);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
    await settle();
  }
}

/** Lets queued promise callbacks run, several rounds deep. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
