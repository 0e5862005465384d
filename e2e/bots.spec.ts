import WebSocket from 'ws';
import { expect, test } from './fixtures';

test('a new user creates a Demo bot, links it, runs it and deletes it', async ({ bots, page }, testInfo) => {
  const { page: p } = bots;
  await bots.create('Corner Shop', 'Demo');
  await bots.expectStatus('Corner Shop', 'created');
  await page.screenshot({ path: testInfo.outputPath('bots-page-new.png'), fullPage: true });

  // Link: a QR appears in the linking dialog; the simulated phone scans it.
  const linkNow = page.getByRole('button', { name: 'Link now' });
  if (await linkNow.isVisible()) await linkNow.click();
  else await bots.action('Link').click();
  const dialog = bots.dialog();
  const qr = dialog.getByTestId('link-qr');
  await expect(qr).toHaveAttribute('data-qr', /^wren-sim:\/\/link\?/);
  await page.screenshot({ path: testInfo.outputPath('linking-dialog.png') });
  await dialog.getByRole('button', { name: 'Simulate scan' }).click();
  await expect(dialog.getByText(/Linked as \+44/)).toBeVisible();
  await bots.expectStatus('Corner Shop', 'online');
  await expect(bots.dialog()).toHaveCount(0, { timeout: 15_000 });
  await expect(bots.card('Corner Shop')).toContainText('+44');
  await page.screenshot({ path: testInfo.outputPath('bots-page-online.png'), fullPage: true });

  // Stop and start again from the stored session: no QR this time.
  await bots.select('Corner Shop');
  await bots.action('Stop').click();
  await bots.expectStatus('Corner Shop', 'stopped');
  await bots.action('Start').click();
  await bots.expectStatus('Corner Shop', 'online');

  // A feature switch sticks across a reload (it is stored by the engine).
  const antiLink = p.getByRole('switch', { name: 'Anti-link' });
  await expect(antiLink).toHaveAttribute('aria-checked', 'false');
  await antiLink.click();
  await expect(antiLink).toHaveAttribute('aria-checked', 'true');
  await page.reload();
  await bots.select('Corner Shop');
  await expect(p.getByRole('switch', { name: 'Anti-link' })).toHaveAttribute('aria-checked', 'true');

  // Relink: confirm, a new QR, scan, online again.
  await bots.action('Relink').click();
  await bots.confirm('Relink');
  await expect(bots.dialog().getByTestId('link-qr')).toHaveAttribute('data-qr', /^wren-sim:/);
  await bots.dialog().getByRole('button', { name: 'Simulate scan' }).click();
  await bots.expectStatus('Corner Shop', 'online');
  await expect(bots.dialog()).toHaveCount(0, { timeout: 15_000 });

  // The event log tells the story, newest first, and filters by kind.
  await p.getByRole('tab', { name: 'Event log' }).click();
  const rows = p.getByTestId('event-row');
  await expect(rows.first()).toContainText('Online as +44');
  await expect(rows.filter({ hasText: 'Session cleared; linking again.' })).toHaveCount(1);
  await expect(
    rows.filter({ hasText: 'Anti-link' }).or(rows.filter({ hasText: 'antiLink turned on' })),
  ).not.toHaveCount(0);
  await p.getByRole('button', { name: 'Connection', exact: true }).click();
  await expect(rows.first()).toBeVisible();
  const kinds = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-kind')));
  expect(new Set(kinds)).toEqual(new Set(['connection']));

  // Delete, confirmed.
  await p.getByRole('tab', { name: 'Overview' }).click();
  await bots.action('Delete').click();
  await bots.confirm('Delete bot');
  await expect(bots.card('Corner Shop')).toHaveCount(0);
});

test('bad inputs get clear messages and change nothing', async ({ bots, page }) => {
  const dialog = await bots.openCreate();
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog.getByText('Give the bot a name.')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill('Front desk');
  await dialog.getByRole('radio', { name: /Demo/ }).check();
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(bots.card('Front desk')).toBeVisible();

  const linkNow = page.getByRole('button', { name: 'Link now' });
  if (await linkNow.isVisible()) await linkNow.click();
  else {
    await bots.select('Front desk');
    await bots.action('Link').click();
  }
  const link = bots.dialog();
  await link.getByRole('tab', { name: 'Phone number' }).click();
  await link.getByLabel('Phone number', { exact: true }).fill('12345');
  await link.getByRole('button', { name: 'Get code' }).click();
  await expect(link.getByText(/has no country code/)).toBeVisible();
  await link.getByLabel('Phone number', { exact: true }).fill('+44 12');
  await link.getByRole('button', { name: 'Get code' }).click();
  await expect(link.getByText(/is not a valid phone number/)).toBeVisible();
  await link.getByLabel('Phone number', { exact: true }).fill('+44 7911 123456');
  await link.getByRole('button', { name: 'Get code' }).click();
  await expect(link.getByTestId('pairing-code')).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
});

test('a wrong or missing token is refused', async ({ host, page }) => {
  await page.goto(`${host.origin}/#token=not-the-token`);
  await expect(page.getByTestId('access-refused')).toBeVisible();
  await expect(page.getByTestId('bot-card')).toHaveCount(0);

  const wsUrl = host.origin.replace('http', 'ws');
  const attempt = (url: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => resolve(-1));
    });
  expect(await attempt(`${wsUrl}/ws`)).toBe(401);
  expect(await attempt(`${wsUrl}/ws?token=wrong`)).toBe(401);
  expect(await attempt(`${wsUrl}/ws?token=${host.token}`)).toBe(101);
  const api = await fetch(`${host.origin}/api/session`, { headers: { Authorization: 'Bearer wrong' } });
  expect(api.status).toBe(401);
});
