import { expect, test } from './fixtures';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

test('group info turns on anti-link, welcome and mute; the bot moderates the group', async ({
  bots,
  host,
  page,
}, testInfo) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();
  await chats.rows().filter({ hasText: 'Regulars' }).click();
  const chatId = Number(await page.getByTestId('chat-pane').getAttribute('data-chat-id'));
  await chats.headerTitle().getByRole('button').click();
  const info = page.getByTestId('group-info');

  await info.getByRole('switch', { name: 'Anti-link' }).click();
  await expect(info.getByRole('switch', { name: 'Anti-link' })).toHaveAttribute('aria-checked', 'true');
  await info.getByRole('switch', { name: /Welcome/ }).click();
  await expect(info.getByRole('switch', { name: /Welcome/ })).toHaveAttribute('aria-checked', 'true');

  // A member who is not an admin posts a link: it is deleted and they are warned.
  const group = await call(host, 'groups:get', { chatId });
  const member = group.members.find((m) => m.role === 'member' && !m.isBot);
  if (!member?.phone) throw new Error('The demo group needs a plain member');
  await call(host, 'demo:group', { chatId, action: 'say', phone: member.phone, text: 'deals at www.spam.shop' });
  await expect(chats.message(/links are not allowed in this group\. Warning 1\/3/)).toBeVisible();
  // Deleted for everyone; Anti-delete keeps what it said for the shop.
  await expect(page.getByTestId('kept-text').filter({ hasText: 'deals at www.spam.shop' })).toBeVisible();

  // Someone joins: the bot welcomes them with the group's name.
  await call(host, 'demo:group', { chatId, action: 'join', phone: '+447911123509' });
  await expect(chats.message(/Welcome to Regulars, @447911123509!/)).toBeVisible();

  // Mute: only admins may write now, on WhatsApp itself.
  const mute = info.getByRole('switch', { name: 'Only admins can send messages' });
  await mute.click();
  await expect(mute).toHaveAttribute('aria-checked', 'true');
  await expect(
    call(host, 'demo:group', { chatId, action: 'say', phone: member.phone, text: 'hello?' }),
  ).rejects.toThrow(/Only admins can send messages/);
  await page.screenshot({ path: testInfo.outputPath('group-moderation.png') });
});
