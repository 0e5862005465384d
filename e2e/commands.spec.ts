import { expect, test } from './fixtures';
import { AutomationsPage } from './pages/automations-page';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

test('a customer’s .ping and .menu are answered in the chat', async ({ bots, host, page }) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();
  await call(host, 'demo:receive', { botId, from: '+447911123502', text: '.ping' });
  await chats.openChat('+44 7911 123502');
  const pong = chats.message('pong 🏓');
  await expect(pong).toHaveAttribute('data-mine', 'true');
  // A private chat needs no quote to say whom the bot answers.
  await expect(pong.getByTestId('quote')).toHaveCount(0);

  await call(host, 'demo:receive', { botId, from: '+447911123502', text: '!menu' });
  await expect(chats.message(/Commands/)).toContainText('!ping — Checks that the bot is awake');
  // A plain message gets no answer: the next command's answer follows it directly.
  await call(host, 'demo:receive', { botId, from: '+447911123502', text: 'ping' });
  await call(host, 'demo:receive', { botId, from: '+447911123502', text: '/ping' });
  await expect(chats.message('pong 🏓')).toHaveCount(2);
  const texts = await chats.messages().locator('.bubble-text').allInnerTexts();
  expect(texts.slice(-3).map((t) => t.replace(/\s+\d\d:\d\d.*$/s, '').trim())).toEqual(['ping', '/ping', 'pong 🏓']);
});

test('a custom command named like a built-in is refused under its trigger word, until it is renamed', async ({
  bots,
  page,
}) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const auto = new AutomationsPage(page);
  await auto.open();
  await page.getByRole('button', { name: 'New command' }).click();
  const form = auto.form('Custom command');
  await form.getByLabel('Trigger word').fill('help');
  await form.getByLabel('Reply').fill('Ask us anything.');
  await form.getByRole('button', { name: 'Save command' }).click();
  const error = auto.errorUnder(form, 'Trigger word');
  await expect(error).toHaveText('“help” is the built-in command menu. Choose another trigger word.');
  await expect(form).not.toContainText('commands.0');
  // Editing another field leaves it; fixing this one clears it.
  await form.getByLabel('Menu description').fill('Questions');
  await expect(error).toBeVisible();
  await form.getByLabel('Trigger word').fill('ask');
  await expect(error).toHaveCount(0);
  await form.getByRole('button', { name: 'Save command' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('Ask us anything.')).toBeVisible();
});
