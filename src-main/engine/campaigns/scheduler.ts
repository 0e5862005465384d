import type Database from 'better-sqlite3';
import { checkAttachment } from '../../../src-shared/attachments';
import type { BotHealth } from '../../../src-shared/campaigns';
import type { Clock, TimerId } from '../clock';
import type { Logger } from '../log/logger';
import type { Random } from '../random';
import { SendError, type IncomingMessage, type Transport } from '../wa/transport';
import { sendingRules, type SendingRules } from './rules';
import { draftOf, storedDraft, type CampaignRow, type RecipientRow } from './store';
import { MAX_ATTEMPTS, RETRY_BACKOFF_MS, delayMs, pauseMs } from './throttle';
import { localTime } from '../local-time';
import { describeMoment, isOpen, nextOpen } from './window';

export type CampaignScheduler = {
  start(): void;
  stop(): void;
  wake(): void;
  tick(): Promise<void>;
  attach(botId: string, transport: Transport): void;
  onIncoming(botId: string, message: IncomingMessage): void;
  health(botId: string): BotHealth;
  expectedFinish(campaignId: number): number | null;
  idle(): Promise<void>;
};

export type SchedulerDeps = {
  sqlite: Database.Database;
  clock: Clock;
  random: Random;
  logger: Logger;
  onlineTransport(botId: string): Transport | null;
  recordSent(
    botId: string,
    jid: string,
    sent: { waId: string; text: string; ts: number; origin: `campaign:${number}` },
  ): void;
  mediaBytes(sha256: string): Promise<Uint8Array>;
  progress(campaignId: number): void;
  note(botId: string, message: string): void;
  /** Commits the open batch of live changes (db/write-batch.ts): a claim is on disk before its send. */
  flushWrites?(): void;
};

const TICK_MS = 1000;
/** The longest a tick sleeps while campaigns are active: notes and windows stay fresh. */
const IDLE_MS = 60_000;
const RATE_LIMIT_WAIT_MS = 10 * 60_000;
const FAIL_STREAK_PAUSE = 5;
const MAX_SLOWDOWN = 8;
const DELIVERY_LAG_MS = 15 * 60_000;
/** A slowed campaign goes back one step (half the slowdown) after each hour without trouble. */
const EASE_AFTER_MS = 60 * 60_000;

/**
 * Sends planned campaign messages, one at a time per bot, only inside the window, under the
 * throttle and the daily cap, and never twice: a row is `sending` only between the commit that
 * claims it and the transport's answer, and its message id was fixed when it was planned.
 */
export const createCampaignScheduler = (deps: SchedulerDeps): CampaignScheduler => {
  const { sqlite, clock } = deps;
  const rules: SendingRules = sendingRules(sqlite);
  const inflight = new Map<string, Promise<void>>();
  const lastRateLimit = new Map<number, number>();
  /** When a slowed campaign last changed pace (first seen after a restart counts as now). */
  const paceSince = new Map<number, number>();
  const warnings = new Map<string, { at: number; message: string }>();
  let timer: TimerId | null = null;
  let running = false;

  const q = {
    active: sqlite.prepare<[], CampaignRow>(
      "SELECT * FROM campaigns WHERE status IN ('scheduled', 'running') ORDER BY bot_id, id",
    ),
    nextDueAt: sqlite.prepare<[number], { at: number | null }>(
      "SELECT min(due_at) AS at FROM campaign_recipients WHERE campaign_id = ? AND status = 'queued'",
    ),
    nextDue: sqlite.prepare<[number, number], RecipientRow>(
      "SELECT * FROM campaign_recipients WHERE campaign_id = ? AND status = 'queued' AND due_at <= ? ORDER BY due_at, id LIMIT 1",
    ),
    anyLeft: sqlite.prepare<[number], { n: number }>(
      "SELECT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = ? AND status IN ('queued', 'sending')) AS n",
    ),
    setNote: sqlite.prepare<[string | null, number, string | null]>(
      'UPDATE campaigns SET note = ? WHERE id = ? AND note IS NOT ?',
    ),
    claim: sqlite.prepare<[number]>(
      "UPDATE campaign_recipients SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'queued'",
    ),
    row: sqlite.prepare<[number], RecipientRow>('SELECT * FROM campaign_recipients WHERE id = ?'),
    finishRow: sqlite.prepare<[string, string | null, number | null, number, number]>(
      "UPDATE campaign_recipients SET status = ?, error = ?, sent_at = coalesce(sent_at, ?), due_at = ? WHERE id = ? AND status = 'sending'",
    ),
    campaign: sqlite.prepare<[number], CampaignRow>('SELECT * FROM campaigns WHERE id = ?'),
    // Rows of a campaign are planned together, so its newest sends are the nearest ids below.
    recentDelivery: sqlite.prepare<[number, number, number], { n: number; d: number | null }>(
      `SELECT count(*) AS n, sum(delivered_at IS NOT NULL) AS d FROM (
         SELECT delivered_at FROM campaign_recipients
          WHERE id <= ? AND campaign_id = ? AND sent_at IS NOT NULL AND sent_at < ? ORDER BY id DESC LIMIT 50)`,
    ),
    // Every receipt of the bot comes here (most are not campaign messages): by the wa_id index.
    receipt: sqlite.prepare<[number, number, number, number, string], { campaign_id: number }>(
      `UPDATE campaign_recipients SET
         status = CASE WHEN ? = 1 THEN 'read' WHEN status = 'read' THEN 'read' ELSE 'delivered' END,
         delivered_at = coalesce(delivered_at, ?), read_at = CASE WHEN ? = 1 THEN coalesce(read_at, ?) ELSE read_at END
       WHERE wa_id = ? AND status IN ('sent', 'delivered', 'read', 'sending')
       RETURNING campaign_id`,
    ),
    optedOut: sqlite.prepare<[number], { opted_out_at: number | null }>(
      'SELECT opted_out_at FROM contacts WHERE id = ?',
    ),
  };

  const setNote = (campaign: CampaignRow, note: string | null) => {
    if (q.setNote.run(note, campaign.id, note).changes > 0) deps.progress(campaign.id);
  };

  /** Sleeps until the next moment something may be due (never longer than IDLE_MS), or stops ticking. */
  const schedule = (inMs: number | null) => {
    clock.clearTimeout(timer);
    timer = running && inMs !== null ? clock.setTimeout(() => void tick(), Math.min(IDLE_MS, inMs)) : null;
  };

  const warn = (campaign: CampaignRow, message: string, pause: boolean) => {
    warnings.set(campaign.bot_id, { at: clock.now(), message });
    deps.note(campaign.bot_id, `Campaign “${campaign.name}”: ${message}`);
    if (pause)
      sqlite.prepare("UPDATE campaigns SET status = 'paused', note = ? WHERE id = ?").run(message, campaign.id);
    else sqlite.prepare('UPDATE campaigns SET note = ? WHERE id = ?').run(message, campaign.id);
  };

  /**
   * Receipts falling behind: of the last 50 messages sent over 15 minutes ago, fewer than 30%
   * delivered means WhatsApp is holding them back (or the numbers are dead): stop before a ban.
   */
  const checkDelivery = (campaign: CampaignRow, rowId: number, now: number) => {
    const { n, d } = q.recentDelivery.get(rowId, campaign.id, now - DELIVERY_LAG_MS) ?? { n: 0, d: 0 };
    if (n >= 20 && (d ?? 0) / n < 0.3) {
      warn(
        campaign,
        `Only ${d ?? 0} of the last ${n} messages sent more than 15 minutes ago were delivered. Paused to protect the number; check the numbers and resume later.`,
        true,
      );
    }
  };

  /** Sleeps for the typing pause; false when the scheduler stopped meanwhile (the app is closing). */
  const sleepers = new Set<() => void>();
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const wake = () => {
        sleepers.delete(wake);
        clock.clearTimeout(id);
        resolve(running);
      };
      const id = clock.setTimeout(wake, ms);
      sleepers.add(wake);
    });

  /** Puts a claimed row back untouched: it goes out, with the same id, when sending resumes. */
  const unclaim = (row: RecipientRow) =>
    sqlite
      .prepare(
        "UPDATE campaign_recipients SET status = 'queued', attempts = max(0, attempts - 1) WHERE id = ? AND status = 'sending'",
      )
      .run(row.id);

  /** Claims a row in one transaction: the row, today's count, the throttle's next gap. */
  const claim = (campaign: CampaignRow, row: RecipientRow, now: number): boolean => {
    const draft = draftOf(campaign);
    return sqlite.transaction(() => {
      if (q.claim.run(row.id).changes === 0) return false;
      rules.countSend(campaign.bot_id, localTime(now, draft.window.timeZone).date);
      const sincePause = campaign.since_pause + 1;
      const pause = pauseMs(draft.throttle, sincePause);
      sqlite
        .prepare(
          `UPDATE campaigns SET next_send_at = ?, since_pause = ?, status = 'running',
             started_at = coalesce(started_at, ?), note = NULL WHERE id = ?`,
        )
        .run(
          now + delayMs(draft.throttle, campaign.slowdown, deps.random) + pause,
          pause > 0 ? 0 : sincePause,
          now,
          campaign.id,
        );
      return true;
    })();
  };

  const failed = (campaign: CampaignRow, row: RecipientRow, error: unknown, transport: Transport) => {
    const now = clock.now();
    const kind = error instanceof SendError ? error.kind : 'transient';
    const reason = error instanceof Error ? error.message : String(error);
    if (!deps.onlineTransport(campaign.bot_id) || deps.onlineTransport(campaign.bot_id) !== transport) {
      // The connection went mid-send: the same message goes again when the bot is back.
      unclaim(row);
      return;
    }
    if (kind === 'rate-limit') {
      const slowdown = Math.min(MAX_SLOWDOWN, campaign.slowdown * 2);
      paceSince.set(campaign.id, now);
      const again = (lastRateLimit.get(campaign.id) ?? -Infinity) > now - 60 * 60_000;
      lastRateLimit.set(campaign.id, now);
      sqlite.transaction(() => {
        sqlite.prepare("UPDATE campaign_recipients SET status = 'queued', error = ? WHERE id = ?").run(reason, row.id);
        sqlite
          .prepare('UPDATE campaigns SET slowdown = ?, next_send_at = ? WHERE id = ?')
          .run(slowdown, now + RATE_LIMIT_WAIT_MS * slowdown, campaign.id);
        if (again || slowdown >= MAX_SLOWDOWN) {
          warn(
            campaign,
            `${reason} It happened again, so the campaign paused to protect the number. Resume later.`,
            true,
          );
        } else warn(campaign, `${reason} Sending more slowly.`, false);
      })();
      return;
    }
    const retry = kind === 'transient' && row.attempts < MAX_ATTEMPTS;
    sqlite.transaction(() => {
      q.finishRow.run(
        retry ? 'queued' : 'failed',
        reason,
        null,
        retry ? now + (RETRY_BACKOFF_MS[row.attempts - 1] ?? RETRY_BACKOFF_MS[1]) : 0,
        row.id,
      );
      const streak = campaign.fail_streak + 1;
      sqlite.prepare('UPDATE campaigns SET fail_streak = ? WHERE id = ?').run(streak, campaign.id);
      if (streak >= FAIL_STREAK_PAUSE) {
        warn(
          campaign,
          `${streak} messages in a row failed (last: ${reason}) Paused to protect the number; check the report and resume.`,
          true,
        );
      }
    })();
  };

  /** An hour of sends without a rate limit since the pace last changed: one step faster again. */
  const ease = (campaign: CampaignRow, now: number) => {
    // The row read for this send: only a rate limit changes the pace, and that is not a success.
    const { slowdown } = campaign;
    if (slowdown <= 1) return;
    const since = paceSince.get(campaign.id);
    if (since === undefined) paceSince.set(campaign.id, now);
    if (since === undefined || now - since < EASE_AFTER_MS) return;
    const next = Math.max(1, slowdown / 2);
    sqlite.prepare('UPDATE campaigns SET slowdown = ? WHERE id = ?').run(next, campaign.id);
    paceSince.set(campaign.id, now);
    deps.note(
      campaign.bot_id,
      `Campaign “${campaign.name}”: an hour without trouble, ${next === 1 ? 'back to the normal pace' : 'sending a little faster again'}.`,
    );
  };

  const sendOne = async (campaign: CampaignRow, row: RecipientRow, transport: Transport): Promise<void> => {
    const draft = draftOf(campaign);
    const variant = draft.variants[row.variant] ?? draft.variants[0];
    const claimed = q.row.get(row.id);
    if (!claimed) return;
    try {
      if (draft.throttle.typing) {
        await transport.sendPresence(row.jid, 'composing').catch(() => undefined);
        // Closing the app does not wait out the typing pause; nothing was sent yet.
        if (!(await wait(1000 + Math.min(3000, row.text.length * 30)))) {
          unclaim(claimed);
          return;
        }
      }
      if (row.contact_id !== null && q.optedOut.get(row.contact_id)?.opted_out_at) {
        sqlite
          .prepare("UPDATE campaign_recipients SET status = 'cancelled', error = ? WHERE id = ? AND status = 'sending'")
          .run('Opted out after the campaign was planned.', row.id);
        return;
      }
      if (claimed.attempts === 1 && !(await transport.isOnWhatsApp(row.jid))) {
        throw new SendError('That number is not on WhatsApp.', 404);
      }
      const options = { id: row.wa_id };
      if (variant?.media) {
        const bytes = await deps.mediaBytes(variant.media.sha256);
        const check = checkAttachment(variant.media.name, bytes.byteLength);
        const mime = check.ok ? check.type.mime : 'application/octet-stream';
        await transport.sendMedia(
          row.jid,
          { kind: variant.media.kind, bytes, mime, fileName: variant.media.name, caption: row.text },
          options,
        );
      } else {
        await transport.sendText(row.jid, row.text, options);
      }
      const now = clock.now();
      sqlite.transaction(() => {
        q.finishRow.run('sent', null, now, 0, row.id);
        sqlite.prepare('UPDATE campaigns SET fail_streak = 0 WHERE id = ?').run(campaign.id);
      })();
      ease(campaign, now);
      try {
        deps.recordSent(campaign.bot_id, row.jid, {
          waId: row.wa_id,
          text: row.text,
          ts: now,
          origin: `campaign:${campaign.id}`,
        });
      } catch (error) {
        // The message went; only its copy in the chat is missing. Not a failed send.
        deps.logger.error({ err: error, campaignId: campaign.id }, 'campaigns: a sent message is not in its chat');
      }
      if (row.id % 10 === 0) checkDelivery(campaign, row.id, now);
    } catch (error) {
      failed(q.campaign.get(campaign.id) ?? campaign, claimed, error, transport);
    } finally {
      deps.progress(campaign.id);
    }
  };

  /** Finishes a campaign with nothing left to send. */
  const finish = (campaign: CampaignRow) => {
    const counts = sqlite
      .prepare(
        `SELECT sum(status IN ('sent', 'delivered', 'read')) AS sent, sum(status = 'failed') AS failed
           FROM campaign_recipients WHERE campaign_id = ?`,
      )
      .get(campaign.id) as { sent: number | null; failed: number | null };
    sqlite
      .prepare("UPDATE campaigns SET status = 'done', finished_at = ?, note = ? WHERE id = ?")
      .run(clock.now(), `Sent ${counts.sent ?? 0}, failed ${counts.failed ?? 0}.`, campaign.id);
    deps.progress(campaign.id);
  };

  /**
   * One campaign's turn: sends its next message when everything allows, else notes why it waits.
   * Returns how long until it needs looking at again (the tick sleeps that long when idle).
   */
  const step = (campaign: CampaignRow, waitingBehind: CampaignRow | null): number => {
    const now = clock.now();
    const draft = draftOf(campaign);
    if (waitingBehind) {
      setNote(campaign, `Waiting for “${waitingBehind.name}” to finish.`);
      return IDLE_MS;
    }
    if (campaign.status === 'scheduled' && draft.startAt !== null && now < draft.startAt) return draft.startAt - now;
    const transport = deps.onlineTransport(campaign.bot_id);
    if (!transport) {
      setNote(campaign, 'Waiting for the bot to be online.');
      return IDLE_MS; // and woken when it is
    }
    if (!isOpen(draft.window, now)) {
      const next = nextOpen(draft.window, now);
      setNote(
        campaign,
        `Outside the sending window; ${next === null ? 'it never opens' : `next opens ${describeMoment(next, draft.window.timeZone)}`}.`,
      );
      return next === null ? IDLE_MS : next - now;
    }
    if (now < campaign.next_send_at) return campaign.next_send_at - now;
    const today = rules.today(campaign.bot_id, draft, now);
    if (today.sent >= today.cap) {
      setNote(campaign, `Today’s cap of ${today.cap} is reached; sending goes on tomorrow.`);
      return IDLE_MS;
    }
    const row = q.nextDue.get(campaign.id, now);
    if (!row) {
      if (q.anyLeft.get(campaign.id)?.n === 0) finish(campaign);
      const due = q.nextDueAt.get(campaign.id)?.at;
      return due === null || due === undefined ? IDLE_MS : due - now;
    }
    if (!claim(campaign, row, now)) return TICK_MS;
    deps.flushWrites?.(); // the daily cap counts this send even if the app dies during it
    deps.progress(campaign.id);
    const sending = sendOne(campaign, row, transport).finally(() => {
      inflight.delete(campaign.bot_id);
      wakeSoon(); // the throttle's next gap starts now
    });
    inflight.set(campaign.bot_id, sending);
    return IDLE_MS;
  };

  const tick = async (): Promise<void> => {
    await Promise.resolve();
    let sleep = IDLE_MS;
    let active = false;
    try {
      const byBot = new Map<string, CampaignRow>();
      for (const campaign of q.active.all()) {
        // Stored settings it cannot use (an older version's bad time zone): it waits, flagged on
        // its card, for an edit, and holds up neither its bot's other campaigns nor anyone else's.
        if (storedDraft(campaign).issues) continue;
        active = true;
        const first = byBot.get(campaign.bot_id);
        if (!first) byBot.set(campaign.bot_id, campaign);
        if (inflight.has(campaign.bot_id) && !first) continue;
        try {
          sleep = Math.min(sleep, step(campaign, first ?? null));
        } catch (error) {
          deps.logger.error({ err: error, campaignId: campaign.id }, 'campaigns: a campaign’s turn failed');
        }
      }
    } catch (error) {
      deps.logger.error({ err: error }, 'campaigns: a tick failed');
    }
    schedule(active || inflight.size > 0 ? Math.max(TICK_MS / 10, sleep) : null);
  };

  const wakeSoon = () => {
    if (!running) return;
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void tick(), 0);
  };

  return {
    start() {
      // A crash left these mid-send: the same message (same id) goes again.
      sqlite.prepare("UPDATE campaign_recipients SET status = 'queued' WHERE status = 'sending'").run();
      running = true;
      wakeSoon();
    },
    stop() {
      running = false;
      clock.clearTimeout(timer);
      timer = null;
      for (const wake of [...sleepers]) wake();
    },
    wake: () => wakeSoon(),
    tick,
    attach(_botId, transport) {
      transport.on('message-status', (event) => {
        if (event.status === 'pending' || event.status === 'failed' || event.status === 'sent') return;
        const read = event.status === 'read' || event.status === 'played' ? 1 : 0;
        const now = clock.now();
        const changed = q.receipt.all(read, now, read, now, event.id);
        for (const { campaign_id } of changed) deps.progress(campaign_id);
      });
    },

    onIncoming(botId, message) {
      if (message.fromMe || message.offline || message.chatJid.endsWith('@g.us')) return;
      rules.reply(botId, message.chatJid, clock.now());
    },
    health: (botId) => rules.health(botId, clock.now(), warnings.get(botId) ?? null),
    expectedFinish: (campaignId) => {
      const campaign = q.campaign.get(campaignId);
      return campaign ? rules.expectedFinish(campaign, clock.now()) : null;
    },
    async idle() {
      while (inflight.size > 0) await Promise.all([...inflight.values()]);
    },
  };
};
