import { ContractError } from '../../src-shared/contract';
import type { BotService } from './bots/service';
import { normalizePhone } from './bots/phone';
import type { InboxService } from './inbox/service';
import { phoneOfJid } from './inbox/jid';
import { pick, type Random } from './random';
import { DEMO_CUSTOMERS } from './wa/sim/demo-activity';
import type { SimNetwork } from './wa/sim/network';

/**
 * What a user (or a test) can make the simulated network do to a Demo bot's groups, to try group
 * features without a phone: someone joins or leaves.
 */
export type DemoControls = ReturnType<typeof createDemoControls>;

export const createDemoControls = (deps: {
  network: SimNetwork;
  inbox: InboxService;
  bots: BotService;
  random: Random;
}) => ({
  groupChange(chatId: number, action: 'join' | 'leave', phoneInput: string | null): { phone: string } {
    const chat = deps.inbox.chat(chatId);
    if (chat.kind !== 'group') throw new ContractError('invalid_input', 'Choose a group chat.');
    if (deps.bots.get(chat.botId).kind !== 'demo') {
      throw new ContractError('invalid_state', 'Only Demo bots have simulated groups. Real people join real groups.');
    }
    const members = new Set(
      deps.network
        .groupInfo(chat.jid)
        .members.map((m) => phoneOfJid(m.jid))
        .filter((p): p is string => p !== null),
    );
    let phone: string;
    if (phoneInput !== null) phone = normalizePhone(phoneInput);
    else {
      const botPhone = deps.bots.get(chat.botId).phone;
      const candidates =
        action === 'join'
          ? DEMO_CUSTOMERS.map((c) => c.phone).filter((p) => !members.has(p))
          : [...members].filter((p) => p !== botPhone);
      if (candidates.length === 0) {
        throw new ContractError(
          'invalid_state',
          action === 'join' ? 'Every demo customer is in this group already.' : 'Nobody but the bot is left to leave.',
        );
      }
      phone = pick(deps.random, candidates);
    }
    try {
      if (action === 'join') deps.network.joinGroup({ group: chat.jid, phone });
      else deps.network.leaveGroup({ group: chat.jid, phone });
    } catch (error) {
      throw new ContractError('invalid_state', (error as Error).message);
    }
    return { phone };
  },

  /** A member (a random one who is not the bot, without `phone`) writes in the group. */
  groupSay(chatId: number, phoneInput: string | null, text: string): { phone: string } {
    const chat = deps.inbox.chat(chatId);
    if (chat.kind !== 'group') throw new ContractError('invalid_input', 'Choose a group chat.');
    const bot = deps.bots.get(chat.botId);
    if (bot.kind !== 'demo' || !bot.phone) {
      throw new ContractError('invalid_state', 'Only linked Demo bots have simulated groups.');
    }
    const members = deps.network
      .groupInfo(chat.jid)
      .members.map((m) => phoneOfJid(m.jid))
      .filter((p): p is string => p !== null && p !== bot.phone);
    // Demo customers use drama numbers (07700 900…) that are not valid for libphonenumber.
    const phone =
      phoneInput === null
        ? pick(deps.random, members)
        : members.includes(phoneInput.trim())
          ? phoneInput.trim()
          : normalizePhone(phoneInput);
    try {
      deps.network.receive({ from: phone, to: bot.phone, text, chatJid: chat.jid });
    } catch (error) {
      throw new ContractError('invalid_state', (error as Error).message);
    }
    return { phone };
  },
});
