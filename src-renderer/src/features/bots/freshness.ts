/**
 * Call replies and `bot:status` events race: a reply carries the bot as it was when the engine
 * answered, and events for later changes may already have arrived by then (a demo scan replies
 * "connecting" after "online" went out). The engine emits `bot:status` for every change, so an
 * event that arrived after a call was made is at least as new as that call's reply, and wins.
 */
let clock = 0;
const lastEvent = new Map<string, number>();

export const freshness = {
  /** A mark to take before a call; compare against it when the reply lands. */
  mark: (): number => clock,
  /** Records that the engine told us about this bot just now (status or removal). */
  touch(botId: string): void {
    clock += 1;
    lastEvent.set(botId, clock);
  },
  changedSince: (botId: string, mark: number): boolean => (lastEvent.get(botId) ?? 0) > mark,
};
