/**
 * The real WhatsApp path through the real app: the headless host's bot runs Baileys against the
 * local protocol server (e2e/wa-server), whose simulated phone scans the QR shown on the page,
 * and the customer on the other side is a Baileys client too.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test as base } from './fixtures';
import { startHost, type RunningHost } from './host';
import { BotsPage } from './pages/bots-page';
import { Contact } from './wa-server/contact';
import { WaServer } from './wa-server/server';

const BOT_PHONE = '447911123401';
const CUSTOMER_PHONE = '447911123402';

/** The host of one test, which the test may restart on the same data dir. */
type HostControl = { current: RunningHost; restart(): Promise<RunningHost>; stop(): Promise<void> };

type Fixtures = {
  wa: WaServer;
  hostControl: HostControl;
  /** Restarts the host and opens the app again; returns the new page object. */
  restartHost: () => Promise<BotsPage>;
  linkContact: (phone: string, name: string) => Promise<Contact>;
};

const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  wa: async ({}, use, testInfo) => {
    const server = await WaServer.start();
    await use(server);
    await server.close();
    await testInfo.attach('protocol-trace.txt', { body: server.trace.format(400), contentType: 'text/plain' });
    expect(server.trace.errors).toEqual([]);
  },
  hostControl: async ({ wa }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wren-e2e-wa-'));
    const env = { WREN_WA_URL: wa.url, WREN_WA_ROOT_KEY: wa.rootPublicKeyHex };
    const control: HostControl = {
      current: await startHost({ dataDir, env }),
      async restart() {
        await control.current.stop();
        control.current = await startHost({ dataDir, env });
        return control.current;
      },
      stop: () => control.current.stop(),
    };
    await use(control);
    await control.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  host: async ({ hostControl }, use) => {
    await use(hostControl.current);
  },
  restartHost: async ({ hostControl, page }, use) => {
    await use(async () => {
      const host = await hostControl.restart();
      await page.goto(host.url);
      const bots = new BotsPage(page);
      await bots.waitReady();
      return bots;
    });
  },
  linkContact: async ({ wa }, use) => {
    const linked: Contact[] = [];
    await use(async (phone, name) => {
      const contact = await Contact.link(wa, phone, name);
      linked.push(contact);
      return contact;
    });
    await Promise.all(linked.map((c) => c.close()));
  },
});

/** Creates a WhatsApp bot and links it as a user would, the phone scanning the QR on screen. */
const createAndLink = async (bots: BotsPage, wa: WaServer, page: Page, name: string): Promise<void> => {
  await bots.create(name, 'WhatsApp');
  await page.getByRole('button', { name: 'Link now' }).click();
  const qr = bots.dialog().getByTestId('link-qr');
  await expect(qr).toHaveAttribute('data-qr', /^https:\/\/wa\.me\/settings\/linked_devices#/);
  await wa.scanQr((await qr.getAttribute('data-qr')) ?? '', BOT_PHONE, `${name} phone`);
  await bots.expectStatus(name, 'online');
  await expect(bots.dialog()).toHaveCount(0, { timeout: 15_000 });
  await expect(bots.card(name)).toContainText('123401');
};

const openLog = async (page: Page): Promise<void> => {
  await page.getByRole('tab', { name: 'Event log' }).click();
};

test('a WhatsApp bot links by QR, chats through real Baileys, survives a restart and catches up', async ({
  bots,
  page,
  wa,
  linkContact,
  restartHost,
}, testInfo) => {
  let links = 0;
  wa.on('linked', (device) => {
    if (device.account.phone === BOT_PHONE) links++;
  });
  await bots.create('Front Desk', 'WhatsApp');
  await page.getByRole('button', { name: 'Link now' }).click();
  const qr = bots.dialog().getByTestId('link-qr');
  await expect(qr).toHaveAttribute('data-qr', /^https:\/\/wa\.me\/settings\/linked_devices#/);
  await page.screenshot({ path: testInfo.outputPath('whatsapp-linking-dialog.png') });
  await wa.scanQr((await qr.getAttribute('data-qr')) ?? '', BOT_PHONE, 'Front Desk phone');
  await bots.expectStatus('Front Desk', 'online');
  await expect(bots.dialog()).toHaveCount(0, { timeout: 15_000 });
  await expect(bots.card('Front Desk')).toContainText('123401');

  // A customer writes in; the bot's log shows it.
  const dana = await linkContact(CUSTOMER_PHONE, 'Dana');
  await bots.select('Front Desk');
  await dana.sendText(BOT_PHONE, 'Do you deliver on Sundays?');
  await openLog(page);
  await expect(
    bots.eventRows().filter({ hasText: 'Message from Dana (+447911123402): Do you deliver on Sundays?' }),
  ).toHaveCount(1);

  // The bot answers; Dana's Baileys client decrypts exactly that text; receipts come back.
  await bots.sendTestMessage('+44 7911 123402', 'Yes, every day from 9 to 5 ☀️');
  const answer = await dana.waitForText((m) => m.text === 'Yes, every day from 9 to 5 ☀️');
  expect(answer.fromJid).toBe(`${BOT_PHONE}@s.whatsapp.net`);
  await openLog(page);
  await expect(bots.eventRows().filter({ hasText: `Message ${answer.id} to +447911123402: delivered.` })).toHaveCount(
    1,
  );
  await dana.markRead([answer.id]);
  await expect(bots.eventRows().filter({ hasText: `Message ${answer.id} to +447911123402: read.` })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('whatsapp-bot-log.png'), fullPage: true });

  // The host restarts: the bot comes back online from its SQLite session, with no new QR.
  const again = await restartHost();
  await again.expectStatus('Front Desk', 'online');
  await expect(again.dialog()).toHaveCount(0);
  expect(links).toBe(1);

  // Stopped, it misses nothing: what Dana sends meanwhile arrives when it starts again.
  await again.select('Front Desk');
  await again.action('Stop').click();
  await again.expectStatus('Front Desk', 'stopped');
  const routed = once(wa, 'message');
  await dana.sendText(BOT_PHONE, 'Are you open right now?');
  await routed;
  expect(wa.queued(BOT_PHONE)).toBe(1);
  await again.action('Start').click();
  await again.expectStatus('Front Desk', 'online');
  await openLog(page);
  await expect(
    again.eventRows().filter({ hasText: 'Received while offline from Dana (+447911123402): Are you open right now?' }),
  ).toHaveCount(1);
});

test('a dropped socket comes back; replaced elsewhere and logged out from the phone stop and say so', async ({
  bots,
  page,
  wa,
}) => {
  await createAndLink(bots, wa, page, 'Orders');
  let logins = 0;
  wa.on('login', () => logins++);

  // The network drops: the bot reconnects with backoff and is online again.
  wa.dropConnections(BOT_PHONE);
  await bots.expectStatus('Orders', 'reconnecting');
  await bots.expectStatus('Orders', 'online');
  expect(logins).toBe(1);

  // Another client takes the session (440): failed, no reconnect loop; Start brings it back.
  wa.streamError(BOT_PHONE, 440);
  await bots.expectStatus('Orders', 'failed');
  await expect(bots.card('Orders')).toContainText(/another|elsewhere|replaced/i);
  expect(logins).toBe(1);
  await bots.select('Orders');
  await bots.action('Start').click();
  await bots.expectStatus('Orders', 'online');

  // The phone removes the device (401): logged out, nothing retried, linking offered.
  const loginsBefore = logins;
  wa.streamError(BOT_PHONE, 401);
  await bots.expectStatus('Orders', 'logged_out');
  await expect(bots.action('Link')).toBeVisible();
  expect(logins).toBe(loginsBefore);
  expect(wa.account(BOT_PHONE).devices.size).toBe(0);
});
