import type { Clock, TimerId } from '../clock';
import type { Logger } from '../log/logger';

/** Seconds between two broadcast messages: slow enough that a broadcast never looks like a burst. */
export const BROADCAST_GAP_MS = 6_000;

/**
 * The owner's broadcast, until campaigns (with their throttle, caps and windows) take it over:
 * one message at a time through the outbox, a fixed gap apart, one queue per bot.
 */
export class Broadcaster {
  private readonly queues = new Map<string, { chatId: number; text: string }[]>();
  private readonly timers = new Map<string, TimerId>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly send: (chatId: number, text: string) => Promise<unknown>,
  ) {}

  enqueue(botId: string, chatIds: readonly number[], text: string): void {
    const queue = this.queues.get(botId) ?? [];
    queue.push(...chatIds.map((chatId) => ({ chatId, text })));
    this.queues.set(botId, queue);
    if (!this.timers.has(botId)) this.next(botId, 0);
  }

  pending(botId: string): number {
    return this.queues.get(botId)?.length ?? 0;
  }

  private next(botId: string, delay: number): void {
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(botId);
      const item = this.queues.get(botId)?.shift();
      if (!item) {
        this.queues.delete(botId);
        return;
      }
      this.send(item.chatId, item.text).catch((error: unknown) =>
        this.logger.warn({ err: error, botId }, 'broadcast: one message could not be queued'),
      );
      if ((this.queues.get(botId)?.length ?? 0) > 0) this.next(botId, BROADCAST_GAP_MS);
      else this.queues.delete(botId);
    }, delay);
    this.timers.set(botId, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.queues.clear();
  }
}
