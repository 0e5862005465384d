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
  // Anti-link starts on: it is what a business running groups wants by default.
  const antiLink = p.getByRole('switch', { name: 'Anti-link' });
  await expect(antiLink).toHaveAttribute('aria-checked', 'true');
  await antiLink.click();
  await expect(antiLink).toHaveAttribute('aria-checked', 'false');
  await page.reload();
  await bots.select('Corner Shop');
  await expect(p.getByRole('switch', { name: 'Anti-link' })).toHaveAttribute('aria-checked', 'false');

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
  await expect(rows.filter({ hasText: 'Online as +44' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'Session cleared; linking again.' })).toHaveCount(1);
  await expect(
    rows.filter({ hasText: 'Anti-link' }).or(rows.filter({ hasText: 'antiLink turned off' })),
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

test('an online Demo bot sends a test message and its log follows the receipts', async ({ bots, page }, testInfo) => {
  await bots.create('Test Sender', 'Demo');
  await bots.select('Test Sender');
  const form = bots.sendTestForm();
  const to = form.getByLabel('To', { exact: true });
  const message = form.getByLabel('Message', { exact: true });
  const send = form.getByRole('button', { name: 'Send test message' });

  // Not online yet: Send is off and the form says what to do.
  await expect(send).toBeDisabled();
  await expect(form.getByText('Link the bot to send a test message.')).toBeVisible();
  await page
    .getByRole('region', { name: 'Send a test message' })
    .screenshot({ path: testInfo.outputPath('send-test-offline.png') });

  await bots.action('Link').click();
  await bots.dialog().getByRole('button', { name: 'Simulate scan' }).click();
  await bots.expectStatus('Test Sender', 'online');
  await expect(bots.dialog()).toHaveCount(0, { timeout: 15_000 });
  await expect(send).toBeEnabled();

  // A number without its country code: the engine's words under To; the text stays for a retry.
  await bots.sendTestMessage('12345', 'Hello from Wren');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAccessibleDescription(/^"12345" has no country code\. Start it with \+/);
  await expect(message).toHaveValue('Hello from Wren');
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('send-test-error.png') });

  // A good number: a toast, the text cleared and the number kept for the next one.
  await bots.sendTestMessage('+447911123456', 'Hello from Wren');
  const toast = page.getByRole('status').filter({ hasText: 'Sent to +447911123456' });
  await expect(toast).toBeVisible();
  await expect(message).toHaveValue('');
  await expect(to).toHaveValue('+447911123456');
  await expect(to).toHaveAttribute('aria-invalid', 'false');
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);
  // Tall enough for the whole panel: the detail pane scrolls, so a full-page shot would cut it.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await message.fill('See you at 8?');
  await page.getByRole('heading', { name: 'Test Sender', exact: true }).scrollIntoViewIfNeeded();
  await page
    .getByRole('region', { name: 'Bot details' })
    .screenshot({ path: testInfo.outputPath('bot-panel-send-test.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The log tells what happened to it: sent, then delivered and read, by message id.
  await page.getByRole('tab', { name: 'Event log' }).click();
  const rows = bots.eventRows();
  const sent = rows.filter({ hasText: /Sent message \S+ to \+447911123456: Hello from Wren$/ });
  await expect(sent).toHaveCount(1);
  await expect(sent).toHaveAttribute('data-kind', 'message');
  const messageId = /Sent message (\S+) to/.exec(await sent.innerText())?.[1] ?? 'missing';
  const receipt = (step: string) => rows.filter({ hasText: `Message ${messageId} to +447911123456: ${step}.` });
  await expect(receipt('delivered')).toHaveCount(1, { timeout: 15_000 });
  await expect(receipt('read')).toHaveCount(1, { timeout: 15_000 });
  // The number without a country code was never sent.
  await expect(rows.filter({ hasText: 'Sent message' })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('send-test-log.png') });
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
