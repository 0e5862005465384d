/**
 * The parent side of the WhatsApp benches (wa-sessions, wa-reconnects): a local protocol server,
 * simulated contacts, and measured child processes (bench/wa-child.ts) driven over IPC.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Contact } from '../e2e/wa-server/contact';
import { WaServer } from '../e2e/wa-server/server';
import type { ChildMessage, ChildMode, ChildRequest, Memory } from './wa-child';
import { IpcChild } from './child-ipc';

export type { ChildMode, Memory };

const CHILD = fileURLToPath(new URL('./wa-child.ts', import.meta.url));

/**
 * For memory readings: V8's young generation pinned at 1 MB semi-spaces. By default it grows to
 * 2 × 16 MB in a burst (a link's prekey generation) and V8 keeps or discards those pages at moments
 * no read can choose: measured, the same idle process read 15–30 MB apart, more than ten sessions
 * cost. Settled memory (after a full collection) does not depend on it. Times do, a little (more
 * scavenges, each paying for every root): link and send times are still comparable between the
 * two populations, but timings compared across a change of the heap (the reconnect workload) are
 * taken in a process with V8's defaults (DEFAULT_V8).
 */
export const PINNED_YOUNG_GEN = ['--min-semi-space-size=1', '--max-semi-space-size=1'];
export const DEFAULT_V8: string[] = [];

/** One measured process: `call` sends a command and resolves with its answer. */
export class WaChild extends IpcChild<ChildRequest, ChildMessage, { qr: [number, string]; online: [number] }> {
  private constructor(proc: ChildProcess) {
    super(proc, (message) => {
      if (message.event === 'qr') this.emit('qr', message.i, message.qr);
      if (message.event === 'online') this.emit('online', message.i);
    });
  }

  static spawn(mode: ChildMode, server: WaServer, v8Flags = PINNED_YOUNG_GEN): Promise<WaChild> {
    return IpcChild.start(
      [...v8Flags, '--import', 'tsx', CHILD, mode, server.url, server.rootPublicKeyHex],
      mode,
      (proc) => new WaChild(proc),
    );
  }

  /** Resolves when session `i` next comes online. */
  nextOnline(i: number): Promise<void> {
    return new Promise((resolve) => {
      const listener = (j: number) => {
        if (j !== i) return;
        this.off('online', listener);
        resolve();
      };
      this.on('online', listener);
    });
  }

  /** Starts session `i`, has `phone` scan its QR, and returns ms from the scan request to online. */
  async link(server: WaServer, i: number, phone: string): Promise<number> {
    let scannedAt = NaN;
    let scan: Promise<unknown> = Promise.resolve();
    const onQr = (j: number, qr: string) => {
      if (j !== i) return;
      this.off('qr', onQr);
      scannedAt = performance.now();
      scan = server.scanQr(qr, phone, `Bench ${phone.slice(-4)}`);
    };
    this.on('qr', onQr);
    try {
      await this.call({ cmd: 'link', i });
    } finally {
      this.off('qr', onQr);
    }
    const onlineAt = performance.now();
    await scan;
    return onlineAt - scannedAt;
  }
}

export const startServer = (): Promise<WaServer> => WaServer.start();

let phonesHandedOut = 0;
/**
 * Phones never used before in this server: a phone that scanned twice would be one account with
 * two devices, and every text to it would be encrypted and queued for the dead one as well.
 */
export const freshPhones = (count: number): string[] =>
  Array.from({ length: count }, () => `1556${String(phonesHandedOut++).padStart(6, '0')}`);

/** `count` contacts linked in this process, the senders of the message phases. */
export const linkContacts = async (server: WaServer, count: number): Promise<Contact[]> => {
  const contacts: Contact[] = [];
  for (let k = 0; k < count; k++) {
    contacts.push(await Contact.link(server, `1555900${String(k).padStart(4, '0')}`, `Sender ${k + 1}`));
  }
  return contacts;
};

/**
 * `perSession` texts to each phone, round r coming from contact r mod K, so every session hears
 * from every contact. Each contact awaits its own sends; the contacts send concurrently.
 */
export const sendRounds = async (contacts: Contact[], phones: string[], perSession: number): Promise<void> => {
  const queues: string[][] = contacts.map(() => []);
  for (let r = 0; r < perSession; r++) {
    for (const phone of phones) queues[r % contacts.length]?.push(phone);
  }
  await Promise.all(
    queues.map(async (queue, k) => {
      const contact = contacts[k];
      if (!contact) return;
      let n = 0;
      for (const phone of queue) await contact.sendText(phone, `bench message ${++n} from ${contact.phone}`);
    }),
  );
};

/** Fails loudly (after printing them) if the server recorded handler errors. */
export const checkTrace = (server: WaServer): boolean => {
  if (server.trace.errors.length === 0) {
    console.log('\nServer trace: no errors.');
    return true;
  }
  console.log(`\nServer trace: ${server.trace.errors.length} error(s):`);
  for (const e of server.trace.errors) {
    console.log(`  ${new Date(e.at).toISOString().slice(11, 23)} ${e.who} !! ${e.summary}`);
  }
  console.log('\nLast 60 trace lines:');
  console.log(server.trace.format(60));
  return false;
};

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const mb = (bytes: number) => bytes / 1024 / 1024;
export const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
