import { afterEach, beforeEach, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/engine-harness';
import { EVENTS_KEPT } from './service';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.dispose();
});

it('keeps the newest lines of a busy bot’s log and drops the oldest, leaving other bots alone', async () => {
  const busy = await h.call('bots:create', { name: 'Busy', kind: 'demo' });
  const quiet = await h.call('bots:create', { name: 'Quiet', kind: 'demo' });
  h.engine.bots.note(quiet.id, 'Quiet line');
  const total = EVENTS_KEPT + 2_500;
  // One transaction for the lot: the test is about what is kept, not about commit speed.
  h.engine.db.sqlite.transaction(() => {
    for (let i = 0; i < total; i++) {
      h.engine.bots.note(busy.id, `Line ${i}`);
    }
  })();
  const count = (botId: string) =>
    (h.engine.db.sqlite.prepare('SELECT count(*) AS n FROM bot_events WHERE bot_id = ?').get(botId) as { n: number }).n;
  // Pruned every 100 lines down to the bound, so never 100 over it.
  expect(count(busy.id)).toBeGreaterThanOrEqual(EVENTS_KEPT);
  expect(count(busy.id)).toBeLessThan(EVENTS_KEPT + 100);
  const page = await h.call('bots:events', { botId: busy.id, limit: 1 });
  expect(page.items[0]?.message).toBe(`Line ${total - 1}`);
  const oldest = h.engine.db.sqlite
    .prepare('SELECT message FROM bot_events WHERE bot_id = ? ORDER BY ts, id LIMIT 1')
    .get(busy.id) as { message: string };
  expect(Number(oldest.message.slice(5))).toBeGreaterThan(total - EVENTS_KEPT - 100);
  expect((await h.call('bots:events', { botId: quiet.id, limit: 10 })).items.map((e) => e.message)).toContain(
    'Quiet line',
  );
});
