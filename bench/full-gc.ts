import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full collection for the benches: --expose-gc's gc(), or the same function fetched at run
 * time (V8 hands it to contexts made after the flag is set); undefined where neither works.
 */
export const fullGc = ((): (() => void) | undefined => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as (() => void) | undefined;
})();
