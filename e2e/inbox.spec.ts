import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { startHost } from './host';
import { call, ChatsPage, createLinkedDemoBot, slowSentAcks } from './pages/chats-page';

test('a customer writes, the chat shows it unread, and the reply goes out with its ticks', async ({
  bots,
  host,
  page,
}, testInfo) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  await slowSentAcks(page);
  const chats = new ChatsPage(page);
  await chats.open();
  // Linking synced the demo phone's history: a few earlier chats are listed already.
  await expect(chats.rows().first()).toBeVisible();

  // A simulated customer writes: the chat appears at once with its unread count and preview.
  await call(host, 'demo:receive', { botId, from: '+447911123501', text: 'Hi! Are you open today?' });
  await expect(chats.unread('+44 7911 123501')).toHaveText('1');
  await expect(chats.preview('+44 7911 123501')).toHaveText('Hi! Are you open today?');
  await expect(chats.sidebarUnread()).toHaveText('1');

  // Opening it reads it.
  await chats.openChat('+44 7911 123501');
  await expect(chats.unread('+44 7911 123501')).toHaveCount(0);
  await expect(chats.sidebarUnread()).toHaveCount(0);
  await expect(chats.message('Hi! Are you open today?')).toBeVisible();

  // Enter sends: the clock first, then two grey ticks, then two blue ones.
  await chats.send('Yes, until 8 pm');
  await chats.expectStatus('Yes, until 8 pm', 'pending', 2_000);
  await expect(chats.message('Yes, until 8 pm').getByTestId('ticks')).toHaveAttribute('title', 'Waiting to send');
  await chats.expectStatus('Yes, until 8 pm', 'delivered');
  await chats.expectStatus('Yes, until 8 pm', 'read');
  await expect(chats.preview('+44 7911 123501')).toHaveText('Yes, until 8 pm');

  // The customer writes again while the chat is open: it arrives live and is read at once.
  await call(host, 'demo:receive', { botId, from: '+447911123501', text: 'Do you deliver to Marylebone?' });
  await expect(chats.message('Do you deliver to Marylebone?')).toBeVisible();
  await expect(chats.unread('+44 7911 123501')).toHaveCount(0);

  // A reply to one message carries its quote.
  await chats.replyTo('Do you deliver to Marylebone?');
  await chats.composer().fill('Yes, every weekday');
  await chats.composer().press('Enter');
  const answer = chats.message('Yes, every weekday');
  await expect(answer.getByTestId('quote')).toContainText('Do you deliver to Marylebone?');
  await expect(page.getByTestId('reply-preview')).toHaveCount(0);

  // Shift+Enter starts a new line instead of sending.
  await chats.composer().fill('Opening hours:');
  await chats.composer().press('Shift+Enter');
  await chats.composer().pressSequentially('Mon–Fri 9–20');
  await expect(chats.composer()).toHaveValue('Opening hours:\nMon–Fri 9–20');
  await chats.composer().press('Enter');
  await expect(chats.message('Opening hours:').locator('.bubble-text')).toHaveText(/^Opening hours:\nMon–Fri 9–20/);
  await chats.expectStatus('Opening hours:', 'read');
  await page.screenshot({ path: testInfo.outputPath('chats-thread.png') });

  // A second customer, so search has somewhere to jump from.
  await call(host, 'demo:receive', { botId, from: '+447911123502', text: 'Can I book a table for Saturday?' });
  await expect(chats.unread('+44 7911 123502')).toHaveText('1');
  await chats.openChat('+44 7911 123502');

  // Search a word: highlighted snippets; a click opens the chat at that message.
  const hits = await chats.searchMessages('marylebone');
  await expect(hits).toHaveCount(1);
  await expect(hits.first().locator('mark')).toHaveText('Marylebone');
  await page.screenshot({ path: testInfo.outputPath('chats-search.png') });
  await hits.first().click();
  await expect(chats.headerTitle()).toHaveText('+44 7911 123501');
  const target = chats.message('Do you deliver to Marylebone?').first();
  await expect(target.locator('.bubble')).toHaveAttribute('data-highlighted', 'true');
  await expect(target.locator('.bubble')).not.toHaveAttribute('data-highlighted', 'true', { timeout: 5_000 });
});

test('a message written while the bot is stopped waits with the clock and goes out when it starts', async ({
  bots,
  host,
  page,
}) => {
  const botId = await createLinkedDemoBot(bots, 'Night Shift');
  await call(host, 'demo:receive', { botId, from: '+447911123503', text: 'Are you still open?' });
  await bots.select('Night Shift');
  await bots.action('Stop').click();
  await bots.expectStatus('Night Shift', 'stopped');

  const chats = new ChatsPage(page);
  await chats.open();
  await chats.openChat('+44 7911 123503');
  await expect(page.getByTestId('bot-notice')).toContainText('Night Shift is not online');
  await chats.send('We open again at 8 tomorrow');
  await chats.expectStatus('We open again at 8 tomorrow', 'pending');

  // It is in the outbox, not only on screen: still waiting after a reload.
  await page.reload();
  await chats.openChat('+44 7911 123503');
  await chats.expectStatus('We open again at 8 tomorrow', 'pending');

  await page.getByTestId('bot-notice').getByRole('button', { name: 'Start it' }).click();
  await expect(page.getByTestId('bot-notice')).toHaveCount(0, { timeout: 15_000 });
  await chats.expectStatus('We open again at 8 tomorrow', 'delivered');
  await chats.expectStatus('We open again at 8 tomorrow', 'read');
});

test('bad numbers, pins and mutes say what is wrong and show in the list', async ({ bots, host, page }) => {
  const botId = await createLinkedDemoBot(bots, 'Desk');
  for (const n of ['01', '02', '03', '04']) {
    await call(host, 'demo:receive', { botId, from: `+4479111236${n}`, text: `Hello ${n}` });
  }
  const chats = new ChatsPage(page);
  await chats.open();
  await expect(chats.rows().filter({ hasText: /Hello 0[1-4]/ })).toHaveCount(4);

  // New chat: the engine's own words under the field for a number without a country code.
  await page.getByRole('button', { name: 'New chat' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Phone number').fill('7911 123699');
  await dialog.getByRole('button', { name: 'Start chat' }).click();
  await expect(dialog.getByRole('alert')).toContainText('country code');
  await dialog.getByLabel('Phone number').fill('+44 7911 123699');
  await dialog.getByRole('button', { name: 'Start chat' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(chats.headerTitle()).toHaveText('+44 7911 123699');

  // Three pins at most; the fourth says why.
  for (const n of ['01', '02', '03']) {
    await chats.openChat(`+44 7911 1236${n}`);
    await chats.chatMenu('Pin chat');
    await expect(chats.row(`+44 7911 1236${n}`).getByTestId('chat-pinned')).toBeVisible();
  }
  await expect(chats.rows().first()).toContainText('+44 7911 123603');
  await chats.openChat('+44 7911 123604');
  await chats.chatMenu('Pin chat');
  await expect(page.getByRole('alert').filter({ hasText: 'up to 3' })).toBeVisible();

  // Muted shows the icon; archived leaves the list for the Archived view.
  await chats.chatMenu('Mute for 8 hours');
  await expect(chats.row('+44 7911 123604').getByTestId('chat-muted')).toBeVisible();
  await chats.chatMenu('Archive chat');
  await expect(chats.row('+44 7911 123604')).toHaveCount(0);
  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  await expect(chats.row('+44 7911 123604')).toBeVisible();
});

test('a 20,000-message chat scrolls back to its first message with a small page', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'wren-e2e-big-'));
  try {
    // First run: a linked Demo bot and a chat with one number, so the database and its rows exist.
    // (No demo message yet: the demo network numbers its messages afresh in each run.)
    const first = await startHost({ dataDir });
    const bot = await call(first, 'bots:create', { name: 'Big Shop', kind: 'demo' });
    await call(first, 'bots:start', { botId: bot.id });
    await call(first, 'demo:simulate-scan', { botId: bot.id });
    await expect.poll(async () => (await call(first, 'bots:get', { botId: bot.id })).status).toBe('online');
    const opened = await call(first, 'chats:open', { botId: bot.id, phone: '+447911123777' });
    await first.stop();

    // 20,000 messages straight into the database, one transaction (FTS triggers included).
    const db = new Database(join(dataDir, 'wren.db'));
    const insert = db.prepare(
      `INSERT INTO messages (bot_id, chat_id, wa_id, from_me, sender_jid, sender_name, ts, kind, text, status)
       VALUES (?, ?, ?, ?, ?, NULL, ?, 'text', ?, ?)`,
    );
    const total = 20_000;
    const newest = Date.now() - 60_000;
    db.transaction(() => {
      let last = 0;
      for (let i = 0; i < total; i++) {
        const mine = i % 3 === 2;
        const text =
          i === 0 ? 'Message 1: the very first' : i === total - 1 ? 'The newest message' : `Message ${i + 1}`;
        const ts = newest - (total - 1 - i) * 60_000;
        const row = insert.run(
          bot.id,
          opened.id,
          `SEED${i}`,
          mine ? 1 : 0,
          mine ? 'me' : opened.jid,
          ts,
          text,
          mine ? 'read' : null,
        );
        last = Number(row.lastInsertRowid);
      }
      db.prepare('UPDATE chats SET last_message_id = ?, last_ts = ? WHERE id = ?').run(last, newest, opened.id);
    })();
    db.close();

    const host = await startHost({ dataDir });
    try {
      await page.goto(host.url);
      const chats = new ChatsPage(page);
      await chats.open();
      await chats.openChat('+44 7911 123777');
      await expect(chats.message('The newest message')).toBeVisible();

      const counts: number[] = [];
      const firstMessage = chats.message('Message 1: the very first');
      for (let step = 0; !(await firstMessage.isVisible()); step++) {
        expect(step, 'scrolled back too many times').toBeLessThan(1_000);
        const moved = await chats.scrollThreadToTop('Message 1: the very first');
        expect(moved, 'scrolling to the top loads older messages').toBe(true);
        if (step % 10 === 0) counts.push(await chats.renderedMessageCount());
      }
      counts.push(await chats.renderedMessageCount());
      await expect(firstMessage).toBeInViewport();
      expect(counts.length).toBeGreaterThan(5);
      expect(Math.max(...counts)).toBeLessThanOrEqual(300);

      // Scrolled far back, a new message does not pull the view down: a pill offers to go there.
      await expect.poll(async () => (await call(host, 'bots:get', { botId: bot.id })).status).toBe('online');
      await call(host, 'demo:receive', { botId: bot.id, from: '+447911123777', text: 'Are you still there?' });
      const pill = page.getByTestId('new-messages');
      await expect(pill).toHaveText('1 new message');
      await expect(firstMessage).toBeInViewport();
      await pill.click();
      await expect(chats.message('Are you still there?')).toBeInViewport();
      await expect(pill).toHaveCount(0);
    } finally {
      await host.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
