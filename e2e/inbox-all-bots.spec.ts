import { expect, test } from './fixtures';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

test('"All bots" lists every bot’s chats labelled with their bot, and a reply goes out from the chat’s own bot', async ({
  bots,
  host,
  page,
}, testInfo) => {
  const shop = await createLinkedDemoBot(bots, 'Corner Shop');
  const cafe = await createLinkedDemoBot(bots, 'Sunny Cafe');
  await call(host, 'demo:receive', { botId: shop, from: '+447911123601', text: 'Is the shop open on Sunday?' });
  await call(host, 'demo:receive', { botId: cafe, from: '+447911123602', text: 'A table for two at 8?' });

  const chats = new ChatsPage(page);
  await chats.open();
  await chats.chooseBot('All bots');
  await expect(page.getByTestId('chats-bot-status')).toHaveText('2 of 2 online');

  // Both bots' chats in one list, newest first, each row naming its bot.
  await expect(chats.botLabel('+44 7911 123601')).toHaveText('Corner Shop');
  await expect(chats.botLabel('+44 7911 123602')).toHaveText('Sunny Cafe');
  await expect(chats.rows().first()).toHaveAttribute(
    'data-chat-id',
    (await chats.row('+44 7911 123602').getAttribute('data-chat-id')) ?? '',
  );
  await expect(chats.unread('+44 7911 123601')).toHaveText('1');
  await expect(chats.sidebarUnread()).toHaveText('2');

  // Live: a new chat of either bot joins the list at the top, labelled.
  await call(host, 'demo:receive', { botId: shop, from: '+447911123603', text: 'Do you sell stamps?' });
  await expect(chats.rows().first()).toContainText('+44 7911 123603');
  await expect(chats.botLabel('+44 7911 123603')).toHaveText('Corner Shop');
  await page.screenshot({ path: testInfo.outputPath('chats-all-bots.png') });

  // Opening a chat works as with one bot; the reply goes out from that chat's bot.
  await chats.openChat('+44 7911 123602');
  await expect(chats.message('A table for two at 8?')).toBeVisible();
  await expect(chats.unread('+44 7911 123602')).toHaveCount(0);
  await chats.send('Yes, see you at 8');
  await chats.expectStatus('Yes, see you at 8', 'read');
  await expect(chats.preview('+44 7911 123602')).toContainText('Yes, see you at 8');
  await expect(chats.rows().first()).toContainText('+44 7911 123602');
  const thread = await call(host, 'messages:page', {
    chatId: Number(await chats.row('+44 7911 123602').getAttribute('data-chat-id')),
  });
  expect(thread.items[0]).toMatchObject({ botId: cafe, fromMe: true, text: 'Yes, see you at 8' });

  // Names and numbers are found across bots; messages are searched one bot at a time.
  await chats.searchBox().fill('123601');
  await expect(chats.rows()).toHaveCount(1);
  await expect(chats.botLabel('+44 7911 123601')).toHaveText('Corner Shop');
  await expect(page.getByTestId('search-messages-hint')).toHaveText('Pick a bot to search its messages');
  await page.screenshot({ path: testInfo.outputPath('chats-all-bots-search.png') });
  await chats.searchBox().fill('');

  // A new chat asks which bot writes.
  await page.getByRole('button', { name: 'New chat' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('From bot').selectOption({ label: 'Corner Shop' });
  await dialog.getByLabel('Phone number').fill('+44 7911 123604');
  await page.screenshot({ path: testInfo.outputPath('chats-all-bots-new-chat.png') });
  await dialog.getByRole('button', { name: 'Start chat' }).click();
  await expect(chats.headerTitle()).toHaveText('+44 7911 123604');
  await expect(chats.botLabel('+44 7911 123604')).toHaveText('Corner Shop');
  await page.screenshot({ path: testInfo.outputPath('chats-all-bots-open.png') });

  // The choice is remembered like a bot's.
  await page.reload();
  await chats.open();
  await expect(page.getByLabel('Bot', { exact: true })).toHaveValue('all-bots');
  await expect(chats.botLabel('+44 7911 123601')).toHaveText('Corner Shop');
});
