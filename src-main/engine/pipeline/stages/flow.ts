import type { FlowNode, MenuFlow } from '../../../../src-shared/automations';
import type { Clock } from '../../clock';
import { fold } from '../compiled';
import { optionNamed, optionNearly } from './flow-guess';
import type { Stage, StageContext } from './stage';

type Session = {
  flowId: string;
  path: number[];
  expiresAt: number;
  /** The customer was already told how to answer this step: the next miss closes the menu. */
  hinted: boolean;
};

/** Where each conversation is in a menu. Expired ones are dropped, so memory follows who is active. */
export class FlowSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: Clock) {}

  get(key: string): Session | undefined {
    const session = this.sessions.get(key);
    if (session && session.expiresAt <= this.clock.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  set(key: string, session: Session): void {
    this.sessions.set(key, session);
  }

  end(key: string): void {
    this.sessions.delete(key);
  }

  sweep(): void {
    const now = this.clock.now();
    for (const [key, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(key);
  }

  get size(): number {
    return this.sessions.size;
  }
}

const nodeAt = (flow: MenuFlow, path: readonly number[]): FlowNode | undefined =>
  path.reduce<FlowNode | undefined>((node, index) => node?.options[index], flow.root);

/** A menu as WhatsApp users know it: the message, then "1. Prices" lines, and "0. Back" below the top. */
export const menuText = (node: FlowNode, nested: boolean): string => {
  const lines = node.options.map((option, i) => `${i + 1}. ${option.label}`);
  if (nested) lines.push('0. Back');
  return [node.reply, '', ...lines].join('\n').trim();
};

const HANDOFF_REPLY = 'Thanks! A person will answer you here soon.';

const choices = (node: FlowNode, nested: boolean) =>
  `a number from 1 to ${node.options.length}, or 0 to ${nested ? 'go back' : 'close the menu'}`;

/**
 * Numbered menus. A trigger word opens a flow; a digit (or an option's label typed out) picks an
 * option: a sub-menu opens, an answer is sent and the menu stays, or the chat is handed to a
 * person; 0 goes back, and at the top closes the menu. A menu left alone for the flow timeout
 * closes by itself.
 *
 * A menu never traps anyone: a reply that looks like a try at an option (a number it does not
 * have, a word close to a label) gets one hint; anything else, or a second miss, closes the menu
 * and the message goes on to commands and auto-replies as if no menu had been open.
 */
export const createFlowStage =
  (sessions: FlowSessions): Stage =>
  async (ctx) => {
    const { input, world, compiled, clock } = ctx;
    if (!world.featureOn('autoReply')) return null;
    const key = `${input.botId}|${input.chatId}|${input.senderJid}`;
    const timeout = compiled.config.flowTimeoutMinutes * 60_000;
    const said = fold(ctx.text);
    const trigger = compiled.flowsByTrigger.get(said);
    const inScope = (flow: MenuFlow) => flow.scope === 'both' || (flow.scope === 'groups') === input.isGroup;

    if (trigger && inScope(trigger)) {
      sessions.set(key, { flowId: trigger.id, path: [], expiresAt: clock.now() + timeout, hinted: false });
      await world.reply(menuText(trigger.root, false));
      return { stage: 'flow', detail: `Opened the menu “${trigger.name}”` };
    }
    const session = sessions.get(key);
    const flow = session ? compiled.flowsById.get(session.flowId) : undefined;
    if (!session || !flow?.enabled) {
      if (session) sessions.end(key);
      return null;
    }
    const node = nodeAt(flow, session.path);
    if (!node) {
      sessions.end(key); // the flow was edited under this conversation
      return null;
    }
    const nested = session.path.length > 0;
    const number = /^\d{1,2}$/.test(said) ? Number(said) : null;
    const named = number === null ? optionNamed(node, said) : null;
    const choice = number ?? (named === null ? null : named + 1);
    const miss = async (hint: string, detail: string) => {
      if (session.hinted) {
        sessions.end(key);
        return null; // a second miss: not an answer to the menu, so the rest of the pipeline has it
      }
      session.hinted = true;
      session.expiresAt = clock.now() + timeout;
      await world.reply(hint);
      return { stage: 'flow' as const, detail };
    };

    if (choice === null) {
      const near = optionNearly(node, said);
      if (near === null) {
        sessions.end(key);
        return null;
      }
      const option = node.options[near];
      return miss(
        `Did you mean ${near + 1}. ${option?.label ?? ''}? Reply with ${choices(node, nested)}.`,
        `The menu “${flow.name}” asked whether “${ctx.text.trim().slice(0, 40)}” meant option ${near + 1}`,
      );
    }
    if (choice === 0) return back(ctx, sessions, key, session, flow);
    const option = node.options[choice - 1];
    if (!option) {
      return miss(
        `There is no option ${choice}. Reply with ${choices(node, nested)}.`,
        `The menu “${flow.name}” has no option ${choice}`,
      );
    }
    session.expiresAt = clock.now() + timeout;
    session.hinted = false;
    if (option.handoff) {
      sessions.end(key);
      await world.reply(option.reply || HANDOFF_REPLY);
      world.handOff();
      return { stage: 'flow', detail: `“${option.label}”: handed the chat to a person` };
    }
    if (option.options.length > 0) {
      session.path.push(choice - 1);
      await world.reply(menuText(option, true));
      return { stage: 'flow', detail: `Opened “${option.label}” in the menu “${flow.name}”` };
    }
    await world.reply(option.reply || option.label);
    return { stage: 'flow', detail: `Answered “${option.label}” from the menu “${flow.name}”` };
  };

/** 0: one level up, or at the top the menu closes. */
const back = async (ctx: StageContext, sessions: FlowSessions, key: string, session: Session, flow: MenuFlow) => {
  session.hinted = false;
  session.expiresAt = ctx.clock.now() + ctx.compiled.config.flowTimeoutMinutes * 60_000;
  if (session.path.length === 0) {
    sessions.end(key);
    await ctx.world.reply('Menu closed. Send the menu word again any time.');
    return { stage: 'flow' as const, detail: `Closed the menu “${flow.name}”` };
  }
  session.path.pop();
  const parent = nodeAt(flow, session.path) ?? flow.root;
  await ctx.world.reply(menuText(parent, session.path.length > 0));
  return { stage: 'flow' as const, detail: `Went back in the menu “${flow.name}”` };
};
