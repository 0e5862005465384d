import { renderTemplate } from '../../../../src-shared/template';
import type { Clock } from '../../clock';
import { fold, type CompiledRule } from '../compiled';
import { containsPhrase, isPhrase, startsWithPhrase } from './phrase-match';
import type { MessageRun } from './regex-guard';
import { isOpen } from './hours';
import { replyValues, type Stage, type StageContext } from './stage';

/** When each rule last answered each contact, dropped once no cooldown can need it. */
export class Cooldowns {
  private readonly last = new Map<string, { at: number; until: number }>();

  constructor(private readonly clock: Clock) {}

  ready(key: string): boolean {
    const entry = this.last.get(key);
    return !entry || entry.until <= this.clock.now();
  }

  start(key: string, ms: number): void {
    if (ms <= 0) return;
    const now = this.clock.now();
    this.last.set(key, { at: now, until: now + ms });
  }

  sweep(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.last) if (entry.until <= now) this.last.delete(key);
  }

  get size(): number {
    return this.last.size;
  }
}

/** Lets other messages, timers and I/O run between two slices of one message's regex work. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const PHRASE_TEST = {
  exact: isPhrase,
  contains: containsPhrase,
  'starts-with': startsWithPhrase,
} as const;

/** What made the rule match: the word or phrase as the rule has it, '' for the kinds without one; null: no match. */
const matches = (rule: CompiledRule, folded: string, ctx: StageContext, regex: MessageRun | null): string | null => {
  switch (rule.match) {
    case 'exact':
    case 'contains':
    case 'starts-with': {
      const test = PHRASE_TEST[rule.match];
      return rule.phrases.find((phrase) => test(folded, phrase.folded))?.typed ?? null;
    }
    case 'regex':
      return rule.regexIndex !== null && regex !== null && regex.test(rule.regexIndex) ? '' : null;
    case 'first-message':
      return ctx.world.firstMessage ? '' : null;
    case 'any':
      return '';
  }
};

/**
 * Keyword auto-replies, highest priority first; the first rule that matches, is in scope, in its
 * hours and not cooling down for this contact answers. If none does and the business is closed,
 * a private chat gets the away message (once per contact per away cooldown).
 */
export const createAutoReplyStage =
  (cooldowns: Cooldowns): Stage =>
  async (ctx) => {
    const { input, compiled, clock, world } = ctx;
    if (!world.featureOn('autoReply')) return null;
    const config = compiled.config;
    const open = isOpen(config.hours, config.timeZone, clock.now());
    const folded = fold(ctx.text);
    // Each regex runs only when its rule is reached, in slices that let the event loop breathe.
    let regex: MessageRun | null = null;
    const contact = `${input.chatId}|${input.senderJid}`;
    for (const rule of compiled.rules) {
      if (rule.scope !== 'both' && (rule.scope === 'groups') !== input.isGroup) continue;
      if ((rule.hours === 'open' && !open) || (rule.hours === 'closed' && open)) continue;
      if (rule.regexIndex !== null) {
        regex ??= compiled.regex.forMessage(ctx.text);
        if (regex.shouldYield(rule.regexIndex)) {
          await nextTurn();
          regex.resume();
        }
      }
      // Matching first: most rules do not match, and a cooldown key is a string built per rule.
      const matched = matches(rule, folded, ctx, regex);
      if (matched === null) continue;
      const key = `${rule.id}|${contact}`;
      if (!cooldowns.ready(key)) continue;
      cooldowns.start(key, rule.cooldownMinutes * 60_000);
      await world.reply(renderTemplate(rule.reply, replyValues(ctx)));
      const title = rule.name || rule.phrases[0]?.typed || rule.pattern || rule.match;
      return {
        stage: 'auto-reply',
        detail: `Answered by the auto-reply rule “${title}”`,
        ...(matched ? { matched } : {}),
      };
    }
    if (!open && !input.isGroup && config.hours.awayReply) {
      const key = `away|${input.botId}|${contact}`;
      if (!cooldowns.ready(key)) return null;
      cooldowns.start(key, config.hours.awayCooldownMinutes * 60_000);
      await world.reply(renderTemplate(config.hours.awayReply, replyValues(ctx)));
      return { stage: 'away', detail: 'Outside business hours: sent the away message' };
    }
    return null;
  };
