/**
 * The IPC both measured children of the session benches speak (wa-child.ts, machine-child.ts):
 * the parent sends `{ id, cmd, … }`, the child answers `{ id, ok, value | error }`, and tells the
 * parent of things unasked as `{ event, … }` (first of them `ready`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
type Unasked = { event: string };
export type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Child side: answers every request with `handle`'s result, exits after answering `exit`. */
export const serveRequests = <Request extends { id: number; cmd: string }>(
  handle: (request: Request) => Promise<unknown>,
): void => {
  const send = (message: Reply | Unasked) => process.send?.(message);
  process.on('message', (request: Request) => {
    handle(request).then(
      (value) => {
        const reply: Reply = { id: request.id, ok: true, value };
        if (request.cmd === 'exit') process.send?.(reply, () => process.exit(0));
        else send(reply);
      },
      (error: unknown) => send({ id: request.id, ok: false, error: (error as Error).stack ?? String(error) }),
    );
  });
  send({ event: 'ready' });
};

/** Parent side: one measured process; `call` sends a command and resolves with its answer. */
export class IpcChild<
  Request extends { cmd: string },
  Message extends Reply | Unasked,
  Events extends Record<string, unknown[]>,
> extends EventEmitter<Events> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited: Error | null = null;

  protected constructor(
    private readonly proc: ChildProcess,
    onEvent: (message: Extract<Message, Unasked>) => void,
  ) {
    super();
    proc.on('message', (message: Message) => {
      if ('event' in message) {
        onEvent(message as Extract<Message, Unasked>);
        return;
      }
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(`child: ${message.error}`));
    });
    proc.on('exit', (code, signal) => {
      this.exited = new Error(`The measured child exited (code ${code}, signal ${signal}).`);
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Starts `node args…` with an IPC channel; `make` wraps it; resolves once the child is ready. */
  protected static async start<C>(args: string[], label: string, make: (proc: ChildProcess) => C): Promise<C> {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const child = make(proc);
    await new Promise<void>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`The ${label} child exited before it was ready (code ${code}).`)));
      proc.on('message', (message: Unasked) => {
        if ('event' in message && message.event === 'ready') resolve();
      });
    });
    return child;
  }

  call<T>(command: Distribute<Request>): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.proc.send({ ...command, id });
    });
  }

  async exit(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    await this.call({ cmd: 'exit' } as Distribute<Request>).catch(() => undefined);
    await gone;
  }
}
