import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../random';
import { DEMO_MAX_GAP_MS, pickBehaviour, startDemoActivity } from './demo-activity';
import { SIM_HISTORY_BATCH_GAP_MS, SIM_HISTORY_DELAY_MS } from './network';
import { DEMO_CUSTOMERS } from './script';
import { linkSimBot, simWorld } from './testing';

const HOUR = 3_600_000;

describe('demo activity', () => {
  it('mostly sends plain texts, and now and then every other thing a customer does', () => {
    const random = seededRandom(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const behaviour = pickBehaviour(random);
      counts.set(behaviour, (counts.get(behaviour) ?? 0) + 1);
    }
    expect(counts.get('text')).toBeGreaterThan(5_000);
    for (const rare of ['photo', 'reply', 'react', 'forward', 'edit', 'delete', 'group']) {
      expect(counts.get(rare)).toBeGreaterThan(200);
      expect(counts.get(rare)).toBeLessThan(1_200);
    }
    // People join or leave the group now and then, not every few minutes.
    expect(counts.get('join-leave')).toBeGreaterThan(50);
    expect(counts.get('join-leave')).toBeLessThan(400);
  });

  it('makes an online demo bot hear texts, photos, replies, reactions, forwards, edits and deletes', async () => {
    const { clock, network } = simWorld(2);
    const bot = await linkSimBot(network, clock);
    await clock.advance(SIM_HISTORY_DELAY_MS + 4 * SIM_HISTORY_BATCH_GAP_MS);
    const demo = startDemoActivity({ network, clock, random: seededRandom(9), onlineDemoPhones: () => [bot.phone] });
    await clock.advance(4 * HOUR);
    demo.stop();

    const messages = bot.of('message');
    const known = new Set([...bot.of('history').flatMap((b) => b.messages), ...messages].map((m) => m.id));
    expect(messages.length).toBeGreaterThan((4 * HOUR) / DEMO_MAX_GAP_MS);
    expect(messages.every((m) => DEMO_CUSTOMERS.some((c) => m.senderName === c.name))).toBe(true);
    expect(messages.filter((m) => !m.kind && !m.quoted && !m.forwarded).length).toBeGreaterThan(messages.length / 2);
    expect(messages.some((m) => m.kind === 'image')).toBe(true);
    expect(messages.some((m) => m.forwarded)).toBe(true);
    // The regulars write in their group too, each as a member, and people come and go.
    const inGroup = messages.filter((m) => m.chatJid.endsWith('@g.us'));
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((m) => m.senderJid !== m.chatJid)).toBe(true);
    expect(bot.of('group-participants').length).toBeGreaterThan(0);
    // Replies quote what the bot's phone said (the history is all it said here).
    const replies = messages.filter((m) => m.quoted);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((m) => known.has(m.quoted?.id ?? '') && m.quoted?.senderJid !== m.senderJid)).toBe(true);

    const edits = bot.of('message-edit');
    const deletes = bot.of('message-delete');
    const reactions = bot.of('reaction');
    expect(edits.length).toBeGreaterThan(0);
    expect(deletes.length).toBeGreaterThan(0);
    expect(reactions.some((r) => r.emoji !== null)).toBe(true);
    for (const event of [...edits, ...deletes, ...reactions]) expect(known.has(event.id)).toBe(true);
    expect(deletes.every((d) => !d.fromMe)).toBe(true);
    expect(reactions.every((r) => r.targetFromMe)).toBe(true);
    // An edit fixes the typo the customer sent moments before.
    const edited = messages.find((m) => m.id === edits[0]?.id);
    expect(edits[0]?.ts).toBeGreaterThan(edited?.ts ?? Infinity);
    expect(edits[0]?.text).not.toBe(edited?.text);

    // Stopped means stopped, follow-ups included.
    const heard = bot.reported.length;
    await clock.advance(HOUR);
    expect(bot.reported).toHaveLength(heard);
  });

  it('leaves offline bots alone', async () => {
    const { clock, network } = simWorld(2);
    const bot = await linkSimBot(network, clock);
    await clock.advance(SIM_HISTORY_DELAY_MS + 4 * SIM_HISTORY_BATCH_GAP_MS);
    const demo = startDemoActivity({ network, clock, random: seededRandom(9), onlineDemoPhones: () => [] });
    await clock.advance(HOUR);
    demo.stop();
    expect(bot.of('message')).toEqual([]);
  });
});
