import type { FlowNode, MenuFlow } from '../../../../src-shared/automations';
import type { Clock } from '../../clock';
import { fold } from '../compiled';
import type { Stage } from './stage';

type Session = { flowId: string; path: number[]; expiresAt: number };

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

/**
 * Numbered menus. A trigger word opens a flow; a digit picks an option (a sub-menu opens, an
 * answer is sent and the menu stays, or the chat is handed to a person); 0 goes back, and at the
 * top closes the menu. A menu left alone for the flow timeout closes by itself.
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
      sessions.set(key, { flowId: trigger.id, path: [], expiresAt: clock.now() + timeout });
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
    // Anything but a number goes on to commands and auto-replies; the hint comes last (see below).
    if (!/^\d{1,2}$/.test(said)) return null;
    const choice = Number(said);
    session.expiresAt = clock.now() + timeout;
    if (choice === 0) {
      if (session.path.length === 0) {
        sessions.end(key);
        await world.reply('Menu closed. Send the menu word again any time.');
        return { stage: 'flow', detail: `Closed the menu “${flow.name}”` };
      }
      session.path.pop();
      const parent = nodeAt(flow, session.path) ?? flow.root;
      await world.reply(menuText(parent, session.path.length > 0));
      return { stage: 'flow', detail: `Went back in the menu “${flow.name}”` };
    }
    const option = node.options[choice - 1];
    if (!option) {
      await world.reply(`There is no option ${choice}. Reply with a number from 1 to ${node.options.length}.`);
      return { stage: 'flow', detail: `The menu “${flow.name}” has no option ${choice}` };
    }
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

/**
 * After commands and auto-replies: a customer inside a menu who wrote something nobody answered
 * is told how to answer it.
 */
export const createFlowHintStage =
  (sessions: FlowSessions): Stage =>
  async (ctx) => {
    const { input, world, compiled } = ctx;
    if (!world.featureOn('autoReply')) return null;
    const key = `${input.botId}|${input.chatId}|${input.senderJid}`;
    const session = sessions.get(key);
    const flow = session ? compiled.flowsById.get(session.flowId) : undefined;
    const node = session && flow ? nodeAt(flow, session.path) : undefined;
    if (!session || !flow || !node) return null;
    const back = session.path.length > 0 ? ', or 0 to go back' : ', or 0 to close the menu';
    await world.reply(`Please reply with the number of an option (1–${node.options.length})${back}.`);
    return { stage: 'flow', detail: `The menu “${flow.name}” asked for a number` };
  };
