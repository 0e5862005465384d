import type Database from 'better-sqlite3';
import type { BotHealth, CampaignDraft } from '../../../src-shared/campaigns';
import { storedDraft, type CampaignRow } from './store';
import { capFor, daysBetween, warmupSentence } from './throttle';
import { localTime } from '../local-time';
import { nextOpen, openMinutesPerDay } from './window';

const WEEK_MS = 7 * 24 * 60 * 60_000;

/**
 * What the number has done and may still do: sends per local day (the daily cap and warm-up),
 * replies, and the health figures and finish estimate built from them.
 */
export const sendingRules = (sqlite: Database.Database) => {
  const q = {
    count: sqlite.prepare<[string, string]>(
      'INSERT INTO send_days (bot_id, day, sent) VALUES (?, ?, 1) ON CONFLICT (bot_id, day) DO UPDATE SET sent = sent + 1',
    ),
    sentOn: sqlite.prepare<[string, string], { sent: number }>(
      'SELECT sent FROM send_days WHERE bot_id = ? AND day = ?',
    ),
    // When the bot's current number first came online on it (bots.linked_at); a bot not linked
    // yet counts from its creation, so its first day is today at the latest.
    addedAt: sqlite.prepare<[string], { created_at: number }>(
      'SELECT coalesce(linked_at, created_at) AS created_at FROM bots WHERE id = ?',
    ),
    // Runs for every private message a bot receives: by the (jid, sent_at) index, never a scan.
    reply: sqlite.prepare<[number, string, string, number]>(
      `UPDATE campaign_recipients SET replied_at = ? WHERE id = (
         SELECT r.id FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
          WHERE r.jid = ? AND c.bot_id = ? AND r.sent_at > ? AND r.replied_at IS NULL
          ORDER BY r.sent_at DESC LIMIT 1)`,
    ),
    latest: sqlite.prepare<[string], CampaignRow>(
      "SELECT * FROM campaigns WHERE bot_id = ? AND status != 'draft' ORDER BY coalesce(started_at, created_at) DESC LIMIT 1",
    ),
  };

  /** Days since the number was added, in `timeZone`'s calendar: 0 on that day. */
  const dayIndex = (botId: string, timeZone: string, now: number) => {
    const addedAt = q.addedAt.get(botId)?.created_at ?? now;
    return Math.max(0, daysBetween(localTime(addedAt, timeZone).date, localTime(now, timeZone).date));
  };

  const today = (botId: string, draft: CampaignDraft, now: number) => {
    const day = localTime(now, draft.window.timeZone).date;
    const { cap, stage } = capFor(draft.throttle, dayIndex(botId, draft.window.timeZone, now));
    return { day, sent: q.sentOn.get(botId, day)?.sent ?? 0, cap, stage };
  };

  return {
    countSend: (botId: string, day: string) => q.count.run(botId, day),
    today,

    /** The newest message a campaign sent this person got an answer. */
    reply(botId: string, jid: string, now: number) {
      q.reply.run(now, jid, botId, now - WEEK_MS);
    },

    health(botId: string, now: number, lastWarning: BotHealth['lastWarning']): BotHealth {
      const latest = q.latest.get(botId);
      const draft = latest ? storedDraft(latest).draft : null;
      const figures = draft
        ? today(botId, draft, now)
        : { sent: q.sentOn.get(botId, localTime(now, 'UTC').date)?.sent ?? 0, cap: 200, stage: null };
      const week = sqlite
        .prepare(
          `SELECT sum(r.sent_at IS NOT NULL) AS sent, sum(r.replied_at IS NOT NULL) AS replied, sum(r.status = 'failed') AS failed
             FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
            WHERE c.bot_id = ? AND c.created_at > ? AND r.attempts > 0`,
        )
        .get(botId, now - 4 * WEEK_MS) as { sent: number | null; replied: number | null; failed: number | null };
      const sent = week.sent ?? 0;
      const failed = week.failed ?? 0;
      const warning =
        lastWarning ??
        (latest?.status === 'paused' && latest.note
          ? { at: latest.finished_at ?? latest.created_at, message: latest.note }
          : null);
      return {
        botId,
        sentToday: figures.sent,
        capToday: figures.cap,
        warmupStage: figures.stage,
        warmup: warmupSentence(draft?.throttle ?? null, dayIndex(botId, draft?.window.timeZone ?? 'UTC', now)),
        linkedAt: q.addedAt.get(botId)?.created_at ?? null,
        replyRate: sent === 0 ? 0 : (week.replied ?? 0) / sent,
        failureRate: sent + failed === 0 ? 0 : failed / (sent + failed),
        lastWarning: warning,
      };
    },

    /**
     * When the last message should go: the mean gap (with pauses and typing) over what is left,
     * limited by the cap and the window's hours each day. An estimate: it says "about".
     */
    expectedFinish(campaign: CampaignRow, now: number): number | null {
      if (campaign.status !== 'scheduled' && campaign.status !== 'running') return null;
      const stored = storedDraft(campaign);
      if (stored.issues) return null; // it is not sent until it is fixed
      const { draft } = stored;
      const { throttle } = draft;
      const left = (
        sqlite
          .prepare(
            "SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND status IN ('queued', 'sending')",
          )
          .get(campaign.id) as { n: number }
      ).n;
      if (left === 0) return now;
      const gapMs =
        ((throttle.delayMinSeconds + throttle.delayMaxSeconds) / 2) * 1000 * campaign.slowdown +
        (throttle.pauseMinutes * 60_000) / throttle.pauseEvery +
        (throttle.typing ? 2500 : 0);
      const perDay = Math.max(
        1,
        Math.min(throttle.dailyCap, Math.floor((openMinutesPerDay(draft.window) * 60_000) / gapMs)),
      );
      let at = Math.max(now, campaign.next_send_at, draft.startAt ?? 0);
      const opens = nextOpen(draft.window, at);
      if (opens === null) return null;
      at = opens;
      const { sent, cap } = today(campaign.bot_id, draft, at);
      const todayRoom = Math.max(0, Math.min(cap - sent, perDay));
      if (left <= todayRoom) return at + left * gapMs;
      const days = Math.ceil((left - todayRoom) / perDay);
      return at + days * 24 * 60 * 60_000 + ((left - todayRoom) % perDay || perDay) * gapMs;
    },
  };
};

export type SendingRules = ReturnType<typeof sendingRules>;
