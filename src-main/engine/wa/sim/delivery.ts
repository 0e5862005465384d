import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { SendError } from '../transport';

/** One message the network accepted, as the journal keeps it. */
export type SimAccepted = { from: string; to: string; id: string };

/**
 * What WhatsApp's servers decide about a send before anyone receives it: a message id they already
 * have is the same message (kept once, acked again), a number without an account or a contact who
 * blocked the bot is refused, and a number sending too much is told to slow down. With a journal
 * file the accepted ids outlive the app, as WhatsApp's servers do: the crash test restarts the
 * engine against the same network memory.
 */
export class SimDelivery {
  private readonly accepted = new Map<string, number>();
  /** Phones with no WhatsApp account. */
  readonly notOnWhatsApp = new Set<string>();
  /** Contacts (phones) who blocked the bots. */
  readonly blocking = new Set<string>();
  /** Phones that take messages but never confirm them (switched off for good): one tick forever. */
  readonly unreachable = new Set<string>();
  private readonly refusals: { code: number; message: string }[] = [];
  /** "typing…" shown to contacts: which bot, to whom, when. */
  readonly presences: { from: string; to: string; state: 'composing' | 'paused'; ts: number }[] = [];

  constructor(private readonly journal: string | null = null) {
    if (journal && existsSync(journal)) {
      for (const line of readFileSync(journal, 'utf8').split('\n')) {
        const [from, , id] = line.split(' ');
        if (from && id) this.accepted.set(`${from} ${id}`, 0);
      }
    }
  }

  /** The next sends (of any bot) are refused with these WhatsApp codes, one each (tests). */
  refuseNext(code: number, message = `WhatsApp refused the message (${code}).`, times = 1): void {
    for (let i = 0; i < times; i += 1) this.refusals.push({ code, message });
  }

  /** Throws the refusal WhatsApp would give, or returns whether the id was already accepted. */
  admit(from: string, toPhone: string | null, id: string): 'new' | 'duplicate' {
    if (this.accepted.has(`${from} ${id}`)) return 'duplicate';
    const refusal = this.refusals.shift();
    if (refusal) throw new SendError(refusal.message, refusal.code);
    if (toPhone !== null && this.notOnWhatsApp.has(toPhone))
      throw new SendError('That number is not on WhatsApp.', 404);
    if (toPhone !== null && this.blocking.has(toPhone)) {
      throw new SendError('The contact cannot receive messages from this number.', 403);
    }
    return 'new';
  }

  record(accepted: SimAccepted, ts: number): void {
    this.accepted.set(`${accepted.from} ${accepted.id}`, ts);
    // appendFileSync returns once the kernel has the bytes: a SIGKILL right after cannot lose them.
    if (this.journal) appendFileSync(this.journal, `${accepted.from} ${accepted.to} ${accepted.id}\n`);
  }

  acceptedAt(from: string, id: string): number | undefined {
    return this.accepted.get(`${from} ${id}`);
  }
}

/** Reads a journal back: every accepted message, in order (the crash test's ground truth). */
export const readSimJournal = (journal: string): SimAccepted[] =>
  existsSync(journal)
    ? readFileSync(journal, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => {
          const [from = '', to = '', id = ''] = line.split(' ');
          return { from, to, id };
        })
    : [];
