import type { BotEventKind, BotStatus, LinkState } from '../../../src-shared/bots';
import type { Clock, TimerId } from '../clock';
import type { Random } from '../random';
import type { AuthStore, CloseReason, ConnectionEvent, Transport } from '../wa/transport';
import { decide, REASONS, STABLE_AFTER_MS } from './reconnect-policy';
import { isNetworkUnreachable } from '../wa/network-errors';

/** How often the watchdog looks, and how long a silent socket may stay before it counts as dead. */
export const WATCHDOG_INTERVAL_MS = 15_000;
export const DEAD_AFTER_MS = 90_000;

export type RunnerState = {
  status: BotStatus;
  statusReason: string | null;
  link: LinkState | null;
  nextRetryAt: number | null;
};

export type RunnerDeps = {
  transport: Transport;
  auth: AuthStore;
  clock: Clock;
  random: Random;
  /** Called on every state change; the service persists it and tells the UI. */
  onState(state: RunnerState, extra: { phone?: string; jid?: string; onlineAt?: number }): void;
  log(kind: BotEventKind, level: 'info' | 'warn' | 'error', message: string): void;
};

const ACTIVE: ReadonlySet<BotStatus> = new Set(['connecting', 'linking', 'online', 'reconnecting', 'offline']);

/**
 * One bot's connection lifecycle: created → linking → online ↔ reconnecting → stopped, with
 * logged-out and failed as resting states. It owns the reconnect loop and the liveness watchdog;
 * the transport only reports what happened to each socket.
 */
export class BotRunner {
  private state: RunnerState;
  private attempt = 0;
  private immediateRestarts = 0;
  /** A socket is open or opening (between connect() and its close event). */
  private socketLive = false;
  /** The next close event is one we asked for: the caller already decided what follows. */
  private closeRequested = false;
  private pairingPhone: string | undefined;
  private retryTimer: TimerId | null = null;
  private stableTimer: TimerId | null = null;
  private watchdogTimer: TimerId | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    initial: RunnerState,
    private readonly deps: RunnerDeps,
  ) {
    this.state = { ...initial };
    this.unsubscribe = deps.transport.on('connection', (event) => this.onConnection(event));
  }

  get current(): RunnerState {
    return this.state;
  }

  isActive(): boolean {
    return ACTIVE.has(this.state.status);
  }

  /** Starts the bot: logs in with its session, or starts linking (by QR, or by pairing code for `pairingPhone`). */
  async start(options: { pairingPhone?: string } = {}): Promise<void> {
    const wantsNewPairing = options.pairingPhone !== undefined && options.pairingPhone !== this.pairingPhone;
    if (this.isActive() && !(wantsNewPairing && this.state.status === 'linking')) return;
    await this.endSocket();
    this.clearTimers();
    this.openFresh(options.pairingPhone);
  }

  /** Stops the bot and keeps its session; nothing reconnects until start(). */
  async stop(): Promise<void> {
    this.clearTimers();
    await this.endSocket();
    this.pairingPhone = undefined;
    this.setState({ status: 'stopped', statusReason: null, link: null, nextRetryAt: null });
    this.deps.log('connection', 'info', 'Stopped.');
  }

  /** Logs the device out, forgets the session and starts linking again with a new QR. */
  async relink(): Promise<void> {
    this.clearTimers();
    if (this.socketLive) {
      this.closeRequested = true;
      try {
        await this.deps.transport.logout();
      } catch (error) {
        this.deps.log('error', 'warn', `Logging out before relinking failed: ${(error as Error).message}`);
      }
      await this.endSocket();
    }
    this.deps.auth.clear();
    this.deps.log('connection', 'info', 'Session cleared; linking again.');
    this.openFresh(undefined);
  }

  /** Ends everything without changing the stored status (app shutdown, bot deletion). */
  async dispose(): Promise<void> {
    this.clearTimers();
    await this.endSocket();
    this.unsubscribe();
  }

  /** A start the user asked for: the reconnect counters begin again. */
  private openFresh(pairingPhone: string | undefined): void {
    this.pairingPhone = pairingPhone;
    this.attempt = 0;
    this.immediateRestarts = 0;
    this.openSocket();
  }

  private openSocket(): void {
    const linked = this.deps.auth.hasSession();
    // A PC with no internet stays "offline" while it tries again: it never connected, so
    // "reconnecting" (or a QR panel waiting for a code) would say something untrue.
    const stillOffline = this.attempt > 0 && this.state.status === 'offline';
    this.setState({
      status: stillOffline ? 'offline' : linked ? (this.attempt > 0 ? 'reconnecting' : 'connecting') : 'linking',
      statusReason: this.attempt > 0 ? this.state.statusReason : null,
      link: linked || stillOffline ? null : { qr: null, pairingCode: null, pairingPhone: this.pairingPhone ?? null },
      nextRetryAt: null,
    });
    this.socketLive = true;
    this.closeRequested = false;
    const pairing = linked || this.pairingPhone === undefined ? {} : { pairingPhone: this.pairingPhone };
    this.deps.transport.connect(pairing).catch((error: unknown) => {
      // A socket that could not even open is a lost connection like any other, or no route at all.
      this.deps.log('error', 'warn', `Could not open a connection: ${(error as Error).message}`);
      const reason = isNetworkUnreachable(error) ? 'offline' : 'connection-lost';
      this.onConnection({ state: 'close', reason, code: null, detail: (error as Error).message });
    });
  }

  private async endSocket(): Promise<void> {
    if (!this.socketLive) return;
    this.closeRequested = true;
    try {
      await this.deps.transport.close();
    } finally {
      this.socketLive = false;
    }
  }

  private onConnection(event: ConnectionEvent): void {
    switch (event.state) {
      case 'connecting':
        return;
      case 'qr':
        // A QR means WhatsApp answered: whatever went wrong before (no internet…) is over.
        this.setState({
          ...this.state,
          status: 'linking',
          statusReason: null,
          link: { ...this.linkState(), qr: event.qr },
        });
        return;
      case 'pairing-code':
        this.setState({
          ...this.state,
          status: 'linking',
          statusReason: null,
          link: { qr: null, pairingCode: event.code, pairingPhone: event.phone },
        });
        this.deps.log('connection', 'info', `Pairing code issued for ${event.phone}.`);
        return;
      case 'open':
        this.immediateRestarts = 0;
        this.pairingPhone = undefined;
        this.setState(
          { status: 'online', statusReason: null, link: null, nextRetryAt: null },
          { phone: event.account.phone, jid: event.account.jid, onlineAt: this.deps.clock.now() },
        );
        this.deps.log('connection', 'info', `Online as ${event.account.phone}.`);
        this.armStableTimer();
        this.armWatchdog();
        return;
      case 'close':
        this.socketLive = false;
        this.onClose(event.reason, event.code, event.detail);
        return;
    }
  }

  private onClose(reason: CloseReason, code: number | null, detail: string | null): void {
    this.deps.clock.clearTimeout(this.stableTimer);
    this.deps.clock.clearTimeout(this.watchdogTimer);
    if (this.closeRequested || reason === 'closed-by-app') {
      this.closeRequested = false;
      return;
    }
    const codeText = code === null ? '' : ` (code ${code})`;
    this.deps.log(
      'connection',
      reason === 'restart-required' ? 'info' : 'warn',
      `Connection closed: ${reason}${codeText}${detail ? ` — ${detail}` : ''}.`,
    );
    this.afterClose(reason);
  }

  private afterClose(reason: Exclude<CloseReason, 'closed-by-app'>): void {
    const decision = decide(reason, {
      attempt: this.attempt,
      immediateRestarts: this.immediateRestarts,
      random: this.deps.random,
    });
    switch (decision.action) {
      case 'reconnect-now':
        this.immediateRestarts += 1;
        this.deps.log('reconnect', 'info', decision.note);
        this.openSocket();
        return;
      case 'reconnect-later': {
        this.attempt += 1;
        this.immediateRestarts = 0;
        const at = this.deps.clock.now() + decision.delayMs;
        const seconds = Math.round(decision.delayMs / 100) / 10;
        this.setState({ status: decision.status, statusReason: decision.reason, link: null, nextRetryAt: at });
        this.deps.log('reconnect', 'warn', `${decision.reason} Reconnect attempt ${this.attempt} in ${seconds} s.`);
        this.retryTimer = this.deps.clock.setTimeout(() => {
          this.retryTimer = null;
          this.openSocket();
        }, decision.delayMs);
        return;
      }
      case 'stop':
        if (decision.clearSession) this.deps.auth.clear();
        this.setState({ status: decision.status, statusReason: decision.reason, link: null, nextRetryAt: null });
        this.deps.log(
          decision.status === 'created' ? 'connection' : 'error',
          decision.status === 'created' ? 'info' : 'error',
          decision.reason,
        );
        return;
    }
  }

  private armStableTimer(): void {
    this.deps.clock.clearTimeout(this.stableTimer);
    this.stableTimer = this.deps.clock.setTimeout(() => {
      this.stableTimer = null;
      this.attempt = 0;
    }, STABLE_AFTER_MS);
  }

  /** A socket that receives nothing is dead even if nobody told us: close it and reconnect. */
  private armWatchdog(): void {
    this.deps.clock.clearTimeout(this.watchdogTimer);
    this.watchdogTimer = this.deps.clock.setTimeout(() => {
      this.watchdogTimer = null;
      if (this.state.status !== 'online') return;
      const silentFor = this.deps.clock.now() - this.deps.transport.lastActivityAt();
      if (silentFor < DEAD_AFTER_MS) {
        this.armWatchdog();
        return;
      }
      this.deps.log(
        'error',
        'warn',
        `Nothing received for ${Math.round(silentFor / 1000)} s; treating the connection as dead.`,
      );
      void this.endSocket().then(() => this.afterClose('timed-out'));
    }, WATCHDOG_INTERVAL_MS);
  }

  private linkState(): LinkState {
    return this.state.link ?? { qr: null, pairingCode: null, pairingPhone: null };
  }

  private clearTimers(): void {
    for (const timer of [this.retryTimer, this.stableTimer, this.watchdogTimer]) this.deps.clock.clearTimeout(timer);
    this.retryTimer = this.stableTimer = this.watchdogTimer = null;
  }

  private setState(next: RunnerState, extra: { phone?: string; jid?: string; onlineAt?: number } = {}): void {
    this.state = next;
    this.deps.onState(next, extra);
  }
}

export { REASONS };
