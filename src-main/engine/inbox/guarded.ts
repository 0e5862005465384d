import type { Logger } from '../log/logger';

/**
 * Wraps a transport listener so a failure to store one event is logged and never thrown into the
 * transport (which would break its frame handling, or the simulated network's delivery loop).
 */
export const guardedBy =
  (logger: Logger) =>
  <A>(what: string, fn: (arg: A) => void) =>
  (arg: A): void => {
    try {
      fn(arg);
    } catch (error) {
      logger.error({ err: error }, `inbox: storing ${what} failed`);
    }
  };
