import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/engine-harness';
import { SIM_QR_COUNT, SIM_QR_FIRST_MS, SIM_QR_NEXT_MS } from '../wa/sim/transport';
import { BACKOFF_CAP_MS, OFFLINE_RETRY_CAP_MS, REASONS } from './reconnect-policy';
import { DEAD_AFTER_MS, WATCHDOG_INTERVAL_MS } from './runner';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.dispose();
});

const linkedDemoBot = async (name = 'Shop') => {
  const bot = await h.call('bots:create', { name, kind: 'demo' });
  await h.call('bots:start', { botId: bot.id });
  await h.call('demo:simulate-scan', { botId: bot.id });
  return h.waitForStatus(bot.id, 'online');
};

const logMessages = async (botId: string) =>
  (await h.call('bots:events', { botId, limit: 200 })).items.map((e) => e.message);

describe('creating and linking a bot', () => {
  it('creates a bot that is not linked yet, with default features', async () => {
    const bot = await h.call('bots:create', { name: '  Corner Shop ', kind: 'demo' });
    expect(bot).toMatchObject({ name: 'Corner Shop', kind: 'demo', status: 'created', phone: null });
    expect(bot.features).toMatchObject({ antiDelete: true, antiLink: true, campaigns: true });
    expect(await h.call('bots:list', {})).toHaveLength(1);
  });

  it('shows a QR that rotates, then goes online as the phone that scanned it', async () => {
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    const linking = await h.call('bots:start', { botId: bot.id });
    expect(linking.status).toBe('linking');
    const first = h.engine.bots.get(bot.id).link?.qr;
    expect(first).toMatch(/^wren-sim:\/\/link\?/);
    await h.clock.advance(SIM_QR_FIRST_MS);
    const second = h.engine.bots.get(bot.id).link?.qr;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);

    h.engine.network.scanQr(second ?? '', '+447700900777');
    const online = await h.waitForStatus(bot.id, 'online');
    expect(online).toMatchObject({ phone: '+447700900777', link: null, statusReason: null });
    expect(await logMessages(bot.id)).toContain('Online as +447700900777.');
  });

  it('goes back to "not linked" with a reason when nobody scans any QR', async () => {
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    await h.call('bots:start', { botId: bot.id });
    await h.clock.advance(SIM_QR_FIRST_MS + SIM_QR_NEXT_MS * SIM_QR_COUNT);
    expect(h.engine.bots.get(bot.id)).toMatchObject({ status: 'created', statusReason: REASONS.qrExpired, link: null });
  });

  it('links by pairing code for a valid number, and refuses a bad one clearly', async () => {
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    const bad = await h.engine.dispatch('bots:request-pairing-code', { botId: bot.id, phone: '12345' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/country code/) },
    });

    await h.call('bots:request-pairing-code', { botId: bot.id, phone: '+44 7911 123456' });
    const link = h.engine.bots.get(bot.id).link;
    expect(link).toMatchObject({ pairingPhone: '+447911123456', qr: null });
    expect(link?.pairingCode).toMatch(/^[A-Z0-9]{8}$/);
    await h.call('demo:simulate-scan', { botId: bot.id });
    expect(await h.waitForStatus(bot.id, 'online')).toMatchObject({ phone: '+447911123456' });
  });

  it('refuses a simulated scan for a bot that is not linking', async () => {
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    const reply = await h.engine.dispatch('demo:simulate-scan', { botId: bot.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });
});

describe('a linked bot', () => {
  it('stops and starts again from its session, without a new QR', async () => {
    const bot = await linkedDemoBot();
    expect((await h.call('bots:stop', { botId: bot.id })).status).toBe('stopped');
    const statuses: string[] = [];
    h.engine.events.on('bot:status', ({ bot: b }) => statuses.push(b.status));
    await h.call('bots:start', { botId: bot.id });
    expect(await h.waitForStatus(bot.id, 'online')).toMatchObject({ phone: bot.phone, link: null });
    expect(statuses).toContain('connecting');
    expect(statuses).not.toContain('linking');
  });

  it('comes back online with the app, from its SQLite session', async () => {
    const bot = await linkedDemoBot();
    await h.restart();
    expect(await h.waitForStatus(bot.id, 'online')).toMatchObject({ phone: bot.phone });
  });

  it('stays stopped across an app restart when the user stopped it', async () => {
    const bot = await linkedDemoBot();
    await h.call('bots:stop', { botId: bot.id });
    await h.restart();
    await h.clock.advance(10_000);
    expect(h.engine.bots.get(bot.id).status).toBe('stopped');
  });

  it('reconnects with growing, capped delays after dropped sockets, and resets after a stable minute', async () => {
    const bot = await linkedDemoBot();
    const phone = bot.phone ?? '';
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      h.engine.network.dropConnection(phone);
      const reconnecting = h.engine.bots.get(bot.id);
      expect(reconnecting.status).toBe('reconnecting');
      expect(reconnecting.statusReason).toBe(REASONS.connectionLost);
      delays.push((reconnecting.nextRetryAt ?? 0) - h.clock.now());
      await h.waitForStatus(bot.id, 'online', BACKOFF_CAP_MS * 1.3);
    }
    for (let i = 1; i < 6; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    expect(delays[0]).toBeLessThanOrEqual(1_200);

    await h.clock.advance(61_000);
    h.engine.network.dropConnection(phone);
    expect((h.engine.bots.get(bot.id).nextRetryAt ?? 0) - h.clock.now()).toBeLessThanOrEqual(1_200);
    expect((await logMessages(bot.id)).some((m) => /Reconnect attempt 8 in/.test(m))).toBe(true);
  });

  it('on a PC with no internet says so (never "reconnecting"), retries gently, and shows the QR once it can', async () => {
    h.engine.network.setReachable(false);
    const bot = await h.call('bots:create', { name: 'Shop', kind: 'demo' });
    await h.call('bots:start', { botId: bot.id });
    await h.clock.advance(0);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const now = h.engine.bots.get(bot.id);
      expect(now).toMatchObject({ status: 'offline', statusReason: REASONS.offline, link: null });
      seen.push(now.status);
      const wait = (now.nextRetryAt ?? 0) - h.clock.now();
      expect(wait).toBeLessThanOrEqual(OFFLINE_RETRY_CAP_MS);
      await h.clock.advance(wait);
    }
    expect(seen.every((s) => s === 'offline')).toBe(true);
    expect((await logMessages(bot.id)).join('\n')).not.toMatch(/Lost the connection/);

    h.engine.network.setReachable(true);
    await h.clock.advance(OFFLINE_RETRY_CAP_MS);
    expect(h.engine.bots.get(bot.id)).toMatchObject({ status: 'linking', statusReason: null });
    expect(h.engine.bots.get(bot.id).link?.qr).toMatch(/^wren-sim:/);
  });

  it('a linked bot whose PC goes offline says so, and comes back online when the internet does', async () => {
    const bot = await linkedDemoBot();
    h.engine.network.setReachable(false);
    expect(h.engine.bots.get(bot.id)).toMatchObject({ status: 'offline', statusReason: REASONS.offline });
    h.engine.network.setReachable(true);
    await h.waitForStatus(bot.id, 'online', OFFLINE_RETRY_CAP_MS * 1.3);
  });

  it('treats a socket that goes silent as dead and reconnects', async () => {
    const bot = await linkedDemoBot();
    const statuses: string[] = [];
    h.engine.events.on('bot:status', ({ bot: b }) => statuses.push(b.status));
    h.engine.network.silence(bot.phone ?? '');
    await h.clock.advance(DEAD_AFTER_MS - WATCHDOG_INTERVAL_MS);
    expect(statuses).toEqual([]);
    await h.clock.advance(2 * WATCHDOG_INTERVAL_MS);
    expect(statuses[0]).toBe('reconnecting');
    const log = await logMessages(bot.id);
    expect(log.some((m) => /Nothing received for \d+ s; treating the connection as dead/.test(m))).toBe(true);
    expect(log.some((m) => /No answer from WhatsApp for too long. Reconnect attempt 1/.test(m))).toBe(true);
    h.engine.network.silence(bot.phone ?? '', false);
    await h.waitForStatus(bot.id, 'online', 5_000);
  });

  it('shows logged out, clears the session and stops reconnecting when the phone logs it out', async () => {
    const bot = await linkedDemoBot();
    h.engine.network.logOutFromPhone(bot.phone ?? '');
    expect(h.engine.bots.get(bot.id)).toMatchObject({ status: 'logged_out', statusReason: REASONS.loggedOut });
    await h.clock.advance(10 * 60_000);
    expect(h.engine.bots.get(bot.id).status).toBe('logged_out');
    await h.restart();
    expect(h.engine.bots.get(bot.id).status).toBe('logged_out');
    // Starting again has no session: it links anew.
    expect((await h.call('bots:start', { botId: bot.id })).status).toBe('linking');
  });

  it('fails without a loop when another session takes over, or the number is banned', async () => {
    const a = await linkedDemoBot('A');
    const b = await linkedDemoBot('B');
    h.engine.network.replaceSession(a.phone ?? '');
    h.engine.network.ban(b.phone ?? '');
    await h.clock.advance(10 * 60_000);
    expect(h.engine.bots.get(a.id)).toMatchObject({ status: 'failed', statusReason: REASONS.replaced });
    expect(h.engine.bots.get(b.id)).toMatchObject({ status: 'failed', statusReason: REASONS.banned });
    const attempts = (await logMessages(a.id)).filter((m) => /Reconnect attempt/.test(m));
    expect(attempts).toEqual([]);
  });

  it('relinks: logs out, clears the session, and shows a new QR', async () => {
    const bot = await linkedDemoBot();
    const relinking = await h.call('bots:relink', { botId: bot.id });
    expect(relinking).toMatchObject({ status: 'linking', phone: null });
    expect(h.engine.bots.get(bot.id).link?.qr).toMatch(/^wren-sim:/);
    // The old device no longer exists on the phone's side.
    h.engine.network.scan(bot.id);
    expect((await h.waitForStatus(bot.id, 'online')).phone).toBeTruthy();
  });

  it('logs messages from contacts, including ones sent while it was stopped', async () => {
    const bot = await linkedDemoBot();
    const phone = bot.phone ?? '';
    h.engine.network.receive({ from: '+447700900501', fromName: 'Ana', to: phone, text: 'Are you open?' });
    await h.call('bots:stop', { botId: bot.id });
    h.engine.network.receive({ from: '+447700900502', to: phone, text: 'Sent while you were away' });
    await h.call('bots:start', { botId: bot.id });
    await h.waitForStatus(bot.id, 'online');
    const log = await logMessages(bot.id);
    expect(log).toContain('Message from Ana (+447700900501): Are you open?');
    expect(log).toContain('Received while offline from +447700900502: Sent while you were away');
  });

  it('deletes a bot with its session, features and log', async () => {
    const bot = await linkedDemoBot();
    await h.call('bots:delete', { botId: bot.id });
    const sqlite = h.engine.db.sqlite;
    for (const table of ['bots', 'bot_features', 'bot_events', 'wa_auth']) {
      const column = table === 'bots' ? 'id' : 'bot_id';
      expect(sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(bot.id)).toEqual({ n: 0 });
    }
    expect(await h.engine.dispatch('bots:get', { botId: bot.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(h.engine.network.isOnline(bot.phone ?? '')).toBe(false);
  });
});
