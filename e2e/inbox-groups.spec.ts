import { expect, test } from './fixtures';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

test('a group shows who wrote what, its members and admins, and joins and leaves as they happen', async ({
  bots,
  host,
  page,
}, testInfo) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();

  // The demo phone's history includes a group of regulars.
  const group = chats.rows().filter({ hasText: 'Regulars' });
  await expect(group).toHaveCount(1);
  await group.click();
  await expect(chats.headerTitle()).toContainText('Regulars');
  const chatId = Number(await page.getByTestId('chat-pane').getAttribute('data-chat-id'));
  // Other people's messages carry their names, as in WhatsApp.
  await expect(page.locator('.bubble-in .bubble-sender').first()).toBeVisible();

  // Clicking the group's name opens its info: members, admins first, the bot as "You".
  await chats.headerTitle().getByRole('button').click();
  const info = page.getByTestId('group-info');
  const members = info.getByTestId('group-member');
  await expect(members.first()).toBeVisible();
  const before = await members.count();
  expect(before).toBeGreaterThanOrEqual(4);
  await expect(info.getByTestId('group-member').filter({ hasText: 'You' })).toContainText('Group admin');
  await expect(info).toContainText(`${before} members`);

  // Someone joins, then someone leaves: notices in the thread, and the list follows.
  await call(host, 'demo:group', { chatId, action: 'join', phone: '+447911123509' });
  await expect(page.getByTestId('system-note').filter({ hasText: '+44 7911 123509 joined' })).toBeVisible();
  await expect(members).toHaveCount(before + 1);
  await call(host, 'demo:group', { chatId, action: 'leave', phone: '+447911123509' });
  await expect(page.getByTestId('system-note').filter({ hasText: '+44 7911 123509 left' })).toBeVisible();
  await expect(members).toHaveCount(before);
  await page.screenshot({ path: testInfo.outputPath('group-info.png') });

  await info.getByRole('button', { name: 'Close group info' }).click();
  await expect(info).toHaveCount(0);
});

test('clicking a quote goes to the message it answers', async ({ bots, host, page }) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();
  await call(host, 'demo:receive', { botId, from: '+447911123502', text: 'Do you sell gift cards?' });
  for (let i = 1; i <= 30; i++) await call(host, 'demo:receive', { botId, from: '+447911123502', text: `filler ${i}` });
  await expect(chats.unread('+44 7911 123502')).toHaveText('31');
  await chats.openChat('+44 7911 123502');
  // The chat opens where its 31 unread messages begin (at this first one), as WhatsApp's does.
  await expect(chats.message('Do you sell gift cards?')).toBeVisible();
  // Reply to the first question, far up the thread.
  await chats.scroller().evaluate((el: { scrollTo(o: { top: number }): void }) => el.scrollTo({ top: 0 }));
  await chats.replyTo('Do you sell gift cards?');
  await chats.composer().fill('Yes, from £10');
  await chats.composer().press('Enter');
  const answer = chats.message('Yes, from £10');
  await expect(answer).toBeVisible();
  await answer.getByTestId('quote').click();
  await expect(chats.message('Do you sell gift cards?')).toBeInViewport();
  await expect(chats.message('Do you sell gift cards?').locator('.bubble')).toHaveAttribute('data-highlighted', 'true');
});
