import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Releases the AsyncLocalStorage instances a Baileys socket creates.
 *
 * Why: Baileys 7 (Utils/auth-utils.js `addTransactionCapability`) makes one `new AsyncLocalStorage()`
 * per socket for key-store transactions and never disables it. In Node's async_hooks-based
 * implementation (Node 20, and 22 without AsyncContextFrame) an enabled instance (`_enable`) sits in a
 * process-wide list, and while that list is non-empty an async hook copies every listed instance's
 * store (a property keyed by the instance's own symbol) onto every new promise, timer and other async
 * resource. `disable()` takes the instance off the list and turns the hook off when the list is empty.
 * Without it each reconnect leaves one more instance behind and every async operation in the process
 * gets slower and bigger.
 *
 * How instances are found: Baileys keeps the instance in a closure, and on Node 20 enables it only at
 * the first transaction (e.g. the pre-key upload after login), long after makeWASocket returned (later
 * Node 22 releases enable it in the constructor). So neither patching `_enable` nor the returned key
 * store can attribute it to a socket reliably. Its construction, however, happens synchronously inside
 * makeWASocket, and Node's constructor does the plain assignment `this.enabled = false`. An accessor
 * named `enabled` on AsyncLocalStorage.prototype therefore sees every new instance exactly once: its
 * setter turns the value into an ordinary own property of the instance (later reads and writes never
 * touch the accessor again) and hands the instance to the capture scope that is running, if any.
 * Instances made outside a scope are left alone. Where the implementation does not fit (no `_enable`,
 * or the constructor does not assign `enabled`, as with Node 24's AsyncContextFrame, which has no
 * per-resource copying and so not this cost) the accessor is not kept and capturing does nothing.
 *
 * Enabled only while in use: even one enabled instance makes every promise in the process several
 * times slower (measured: 200k awaited promises 3.4× slower with one, ~10× with ten), and a live
 * socket needs its store only inside a key-store transaction. So a captured instance counts its `run`
 * calls until the callback's promise settles and disables itself whenever none is in flight; the next
 * `run` enables it again (Node's own `run` does). An idle linked bot thus costs the process nothing,
 * and release() after the socket ends only makes sure. Refusing to re-enable would lose a
 * transaction's context (its nested transactions would wait on the mutex their parent holds).
 * Not covered: `enterWith`/`exit` (Baileys uses neither) would leave an instance enabled.
 */

type Storage = AsyncLocalStorage<unknown>;

type Hook = {
  /** Receives each instance constructed while a capture scope runs. */
  collect: ((storage: Storage) => void) | null;
  supported: boolean;
};

type Tracked = { storage: Storage; running: number; released: boolean };

export type CapturedStorages = {
  /** How many AsyncLocalStorage instances were constructed during the capture. */
  readonly size: number;
  /** Disables them now, or each as soon as its `run` calls in flight settle. Safe to call again. */
  release(): void;
};

/** Shared by every copy of this module in the process (test isolation, bundling), installed once. */
const HOOK_KEY = Symbol.for('wren.engine.asyncStorageCapture');

const installHook = (): Hook => {
  const holder = globalThis as { [HOOK_KEY]?: Hook };
  const installed = holder[HOOK_KEY];
  if (installed) return installed;
  const hook: Hook = { collect: null, supported: false };
  holder[HOOK_KEY] = hook;
  const proto = AsyncLocalStorage.prototype as unknown as Record<string, unknown>;
  const fits =
    typeof proto._enable === 'function' &&
    typeof proto.disable === 'function' &&
    Object.getOwnPropertyDescriptor(proto, 'enabled') === undefined;
  if (!fits) return hook;
  Object.defineProperty(proto, 'enabled', {
    configurable: true,
    get: () => false,
    set(this: Storage, value: unknown) {
      Object.defineProperty(this, 'enabled', { value, writable: true, enumerable: true, configurable: true });
      hook.collect?.(this);
    },
  });
  let seen = false;
  hook.collect = () => (seen = true);
  try {
    // Later Node 22 releases enable an instance in its constructor: do not leave the probe enabled.
    new AsyncLocalStorage().disable();
  } finally {
    hook.collect = null;
  }
  if (seen) hook.supported = true;
  else delete proto.enabled;
  return hook;
};

const track = (storage: Storage): Tracked => {
  const tracked: Tracked = { storage, running: 0, released: false };
  const run = storage.run.bind(storage);
  const settle = (): void => {
    tracked.running -= 1;
    if (tracked.running === 0) storage.disable();
  };
  // An own property on this instance only: other AsyncLocalStorage users are not affected.
  Object.defineProperty(storage, 'run', {
    configurable: true,
    writable: true,
    value: (...args: Parameters<Storage['run']>): unknown => {
      tracked.running += 1;
      let result: unknown;
      try {
        result = Reflect.apply(run, undefined, args);
      } catch (error) {
        settle();
        throw error;
      }
      if (result instanceof Promise) result.then(settle, settle);
      else settle();
      return result;
    },
  });
  return tracked;
};

/**
 * Runs `create` (e.g. makeWASocket) and returns its result with the AsyncLocalStorage instances
 * constructed synchronously while it ran. If `create` throws they are released at once.
 */
export const captureAsyncStorages = <T>(create: () => T): { value: T; storages: CapturedStorages } => {
  const hook = installHook();
  const tracked: Tracked[] = [];
  const storages: CapturedStorages = {
    get size() {
      return tracked.length;
    },
    release() {
      for (const entry of tracked) {
        entry.released = true;
        if (entry.running === 0) entry.storage.disable();
      }
    },
  };
  if (!hook.supported) return { value: create(), storages };
  const outer = hook.collect;
  hook.collect = (storage) => {
    tracked.push(track(storage));
  };
  try {
    return { value: create(), storages };
  } catch (error) {
    storages.release();
    throw error;
  } finally {
    hook.collect = outer;
  }
};
