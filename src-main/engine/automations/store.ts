import type Database from 'better-sqlite3';
import {
  automationConfigSchema,
  groupSettingsSchema,
  type AutomationConfig,
  type CommandRun,
  type GroupSettings,
} from '../../../src-shared/automations';
import type { Clock } from '../clock';
import { switchOffStaleRegexRules, type SwitchedOff } from './stored-rules';

/** How many command runs a bot keeps; older ones are pruned as new ones arrive. */
export const RUNS_KEPT = 5_000;

/**
 * Where automations live in SQLite: the configuration document, premium members, group settings,
 * warnings and the command run log. Statements are prepared once; each change is one statement
 * or one transaction.
 */
export class AutomationStore {
  private readonly q;
  private runsSincePrune = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: Clock,
  ) {
    const p = sqlite.prepare.bind(sqlite);
    this.q = {
      config: p<[string], { config: string }>('SELECT config FROM automation_configs WHERE bot_id = ?'),
      saveConfig: p<[string, string, number]>(
        `INSERT INTO automation_configs (bot_id, config, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (bot_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
      ),
      premium: p<[string], { jid: string }>('SELECT jid FROM premium_members WHERE bot_id = ? ORDER BY added_at'),
      isPremium: p<[string, string], { one: number }>(
        'SELECT 1 AS one FROM premium_members WHERE bot_id = ? AND jid = ?',
      ),
      addPremium: p<[string, string, number]>(
        'INSERT INTO premium_members (bot_id, jid, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      removePremium: p<[string, string]>('DELETE FROM premium_members WHERE bot_id = ? AND jid = ?'),
      groupSettings: p<[number], { settings: string }>('SELECT settings FROM group_settings WHERE chat_id = ?'),
      saveGroupSettings: p<[number, string, number]>(
        `INSERT INTO group_settings (chat_id, settings, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      ),
      warnings: p<[number, string], { count: number }>('SELECT count FROM warnings WHERE chat_id = ? AND jid = ?'),
      setWarnings: p<[number, string, number, string | null, number]>(
        `INSERT INTO warnings (chat_id, jid, count, last_reason, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (chat_id, jid) DO UPDATE SET count = excluded.count,
           last_reason = coalesce(excluded.last_reason, last_reason), updated_at = excluded.updated_at`,
      ),
      clearWarnings: p<[number, string]>('DELETE FROM warnings WHERE chat_id = ? AND jid = ?'),
      logRun: p<[string, number | null, string, string, string, number, number]>(
        `INSERT INTO command_runs (bot_id, chat_id, sender_jid, command, result, ms, ts) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      runs: p<[string, number], CommandRunRow>(
        `SELECT r.id, r.ts, r.chat_id, r.sender_jid, r.command, r.result, r.ms,
           coalesce(c.title, ct.push_name, '+' || substr(c.jid, 1, instr(c.jid, '@') - 1)) AS title
         FROM command_runs r LEFT JOIN chats c ON c.id = r.chat_id LEFT JOIN contacts ct ON ct.id = c.contact_id
         WHERE r.bot_id = ? ORDER BY r.id DESC LIMIT ?`,
      ),
      pruneRuns: p<[string, string, number]>(
        `DELETE FROM command_runs WHERE bot_id = ? AND id < (
           SELECT id FROM command_runs WHERE bot_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      ),
    };
  }

  /** The stored configuration, with defaults for anything not saved yet. */
  config(botId: string): AutomationConfig {
    return this.load(botId).config;
  }

  /**
   * The stored configuration, and the regex rules in it that were switched off because Wren can no
   * longer run their pattern (see stored-rules.ts); the caller saves and reports them once.
   */
  load(botId: string): { config: AutomationConfig; switchedOff: SwitchedOff[] } {
    const row = this.q.config.get(botId);
    const { doc, switchedOff } = switchOffStaleRegexRules(row ? JSON.parse(row.config) : {});
    const parsed = automationConfigSchema.safeParse(doc);
    // A document written by an older version that no longer parses falls back to defaults
    // rather than stopping the bot; the page shows what is in effect.
    if (!parsed.success) return { config: automationConfigSchema.parse({}), switchedOff: [] };
    return { config: parsed.data, switchedOff };
  }

  saveConfig(botId: string, config: AutomationConfig): void {
    this.q.saveConfig.run(botId, JSON.stringify(config), this.clock.now());
  }

  premiumList(botId: string): string[] {
    return this.q.premium.all(botId).map((r) => r.jid);
  }

  isPremium(botId: string, jid: string): boolean {
    return this.q.isPremium.get(botId, jid) !== undefined;
  }

  /** True when it changed anything. */
  setPremium(botId: string, jid: string, premium: boolean): boolean {
    const result = premium ? this.q.addPremium.run(botId, jid, this.clock.now()) : this.q.removePremium.run(botId, jid);
    return result.changes > 0;
  }

  groupSettings(chatId: number): GroupSettings {
    const row = this.q.groupSettings.get(chatId);
    const parsed = groupSettingsSchema.safeParse(row ? JSON.parse(row.settings) : {});
    return parsed.success ? parsed.data : groupSettingsSchema.parse({});
  }

  saveGroupSettings(chatId: number, patch: Partial<GroupSettings>): GroupSettings {
    const next = groupSettingsSchema.parse({ ...this.groupSettings(chatId), ...patch });
    this.q.saveGroupSettings.run(chatId, JSON.stringify(next), this.clock.now());
    return next;
  }

  /** A member's warnings after the change (never below 0). */
  warnings(chatId: number, jid: string, change: { delta: number; reason?: string } | 'reset'): number {
    if (change === 'reset') {
      this.q.clearWarnings.run(chatId, jid);
      return 0;
    }
    const current = this.q.warnings.get(chatId, jid)?.count ?? 0;
    if (change.delta === 0) return current;
    const next = Math.max(0, current + change.delta);
    if (next === 0) this.q.clearWarnings.run(chatId, jid);
    else this.q.setWarnings.run(chatId, jid, next, change.reason ?? null, this.clock.now());
    return next;
  }

  logRun(run: {
    botId: string;
    chatId: number | null;
    senderJid: string;
    command: string;
    result: string;
    ms: number;
  }) {
    this.q.logRun.run(run.botId, run.chatId, run.senderJid, run.command, run.result, run.ms, this.clock.now());
    // Pruning now and then keeps the log bounded without a delete on every run.
    if (++this.runsSincePrune >= 500) {
      this.runsSincePrune = 0;
      this.q.pruneRuns.run(run.botId, run.botId, RUNS_KEPT - 1);
    }
  }

  runs(botId: string, limit: number): CommandRun[] {
    return this.q.runs.all(botId, limit).map((r) => ({
      id: r.id,
      ts: r.ts,
      chatId: r.chat_id,
      chatTitle: r.title,
      sender: `+${r.sender_jid.split('@')[0] ?? ''}`,
      command: r.command,
      result: r.result,
      ms: Math.round(r.ms * 10) / 10,
    }));
  }
}

type CommandRunRow = {
  id: number;
  ts: number;
  chat_id: number | null;
  title: string | null;
  sender_jid: string;
  command: string;
  result: string;
  ms: number;
};
