import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock';
import { silentLogger } from '../log/logger';
import { BROADCAST_GAP_MS, Broadcaster } from './broadcaster';

describe('the owner’s broadcast', () => {
  it('sends one message at a time, a fixed gap apart, and stops with the engine', async () => {
    const clock = new FakeClock();
    const sent: [number, number][] = [];
    const start = clock.now();
    const broadcaster = new Broadcaster(clock, silentLogger(), (chatId) => {
      sent.push([chatId, clock.now() - start]);
      return Promise.resolve();
    });
    broadcaster.enqueue('bot', [1, 2, 3, 4], 'New menu!');
    await clock.advance(0);
    expect(sent).toEqual([[1, 0]]);
    await clock.advance(BROADCAST_GAP_MS * 2);
    expect(sent.map(([, at]) => at)).toEqual([0, BROADCAST_GAP_MS, BROADCAST_GAP_MS * 2]);
    expect(broadcaster.pending('bot')).toBe(1);
    broadcaster.stop();
    await clock.advance(BROADCAST_GAP_MS * 5);
    expect(sent).toHaveLength(3);
  });
});
