import { expect, test } from './fixtures';
import { AutomationsPage } from './pages/automations-page';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

const CUSTOMER = '+447911123502';

test('configure a command, an auto-reply and a three-level menu, try them, then a customer uses them', async ({
  bots,
  host,
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const auto = new AutomationsPage(page);
  await auto.open();

  // A custom command.
  await page.getByRole('button', { name: 'New command' }).click();
  const commandForm = auto.form('Custom command');
  await commandForm.getByLabel('Trigger word').fill('hours');
  await commandForm.getByLabel('Reply').fill('We open 9–18, {{name}}!');
  await commandForm.getByRole('button', { name: 'Save command' }).click();
  await expect(commandForm).toBeHidden();
  await expect(page.getByText('We open 9–18, {{name}}!')).toBeVisible();

  // An auto-reply; a broken regular expression is refused first, with the reason.
  await auto.tab('Auto-replies');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const ruleForm = auto.form('Auto-reply rule');
  await ruleForm.getByLabel('Name').fill('Prices');
  await ruleForm.getByLabel('Match').selectOption({ label: 'Regular expression' });
  await ruleForm.getByLabel('Pattern').fill('price(');
  await expect(ruleForm.getByRole('alert')).toContainText('not a valid regular expression');
  await expect(ruleForm.getByRole('button', { name: 'Save rule' })).toBeDisabled();
  await ruleForm.getByLabel('Match').selectOption({ label: 'Contains' });
  // Several words or phrases, any of them, as a menu's trigger words are typed.
  await ruleForm.getByLabel('Words or phrases').fill('price, how much');
  await ruleForm.getByLabel('Reply').fill('A coffee is £2.50.');
  await ruleForm.getByRole('button', { name: 'Save rule' }).click();
  await expect(ruleForm).toBeHidden();
  await expect(page.getByText('↳ A coffee is £2.50.')).toBeVisible();

  // A three-level menu: Prices › Coffee › Small, and a hand-over to a person.
  await auto.tab('Menu flows');
  await page.getByRole('button', { name: 'New flow' }).click();
  const flow = auto.form('Menu flow');
  await flow.getByLabel('Flow name').fill('Main menu');
  await flow.getByLabel('Opens with').fill('hi, hello');
  await flow.getByLabel('Opening message').fill('How can we help?');
  await flow.getByRole('button', { name: 'Add option', exact: true }).click();
  await flow.getByLabel('Option 1 label').fill('Prices');
  await flow.getByRole('button', { name: 'Add option', exact: true }).click();
  await flow.getByLabel('Option 2 label').fill('Talk to a person');
  await flow.getByLabel('Option 2 hands over to a person').check();
  await flow.getByRole('button', { name: 'Add a sub-menu to 1' }).click();
  await flow.getByLabel('Option 1 reply').fill('Which one?');
  await flow.getByLabel('Option 1.1 label').fill('Coffee');
  await flow.getByRole('button', { name: 'Add a sub-menu to 1.1' }).click();
  await flow.getByLabel('Option 1.1 reply').fill('Which size?');
  await flow.getByLabel('Option 1.1.1 label').fill('Small');
  await flow.getByLabel('Option 1.1.1 reply').fill('A small coffee is £2.');
  const preview = flow.getByLabel('What the customer sees');
  await expect(preview).toContainText('A small coffee is £2.');
  await flow.getByLabel('Option 1.1 reply').focus();
  await expect(preview).toContainText('Which size?');
  await expect(preview).toContainText('1. Small');
  await expect(preview).toContainText('0. Back');
  await page.screenshot({ path: testInfo.outputPath('automations-flow-editor.png') });
  await flow.getByRole('button', { name: 'Save flow' }).click();
  await expect(flow).toBeHidden();

  // The test panel answers with what the bot would say, and which stage answered.
  let turn = await auto.tryMessage('hi');
  await expect(turn).toContainText('How can we help?');
  await expect(turn.getByTestId('test-stage')).toContainText('Menu flow');
  turn = await auto.tryMessage('1');
  await expect(turn).toContainText('Which one?');
  turn = await auto.tryMessage('1');
  await expect(turn).toContainText('Which size?');
  turn = await auto.tryMessage('1');
  await expect(turn).toContainText('A small coffee is £2.');
  turn = await auto.tryMessage('.hours');
  await expect(turn).toContainText('We open 9–18, Test customer!');
  await expect(turn.getByTestId('test-stage')).toContainText('Command');
  turn = await auto.tryMessage('what is the price?');
  await expect(turn).toContainText('A coffee is £2.50.');
  await expect(turn.getByTestId('test-stage')).toContainText('Auto-reply');
  await expect(turn.getByTestId('test-matched')).toHaveText('· matched price');
  turn = await auto.tryMessage('How much is it?');
  await expect(turn.getByTestId('test-matched')).toHaveText('· matched how much');
  await page.screenshot({ path: testInfo.outputPath('automations-test-panel.png') });

  // A simulated customer triggers each, and the answers are in the chat.
  for (const text of ['.hours', 'price please', 'hello', '1', '1', '1']) {
    await call(host, 'demo:receive', { botId, from: CUSTOMER, text });
  }
  const chats = new ChatsPage(page);
  await chats.open();
  await chats.openChat('+44 7911 123502');
  await expect(chats.message('We open 9–18, +447911123502!')).toBeVisible();
  await expect(chats.message('A coffee is £2.50.')).toBeVisible();
  await expect(chats.message(/How can we help\?/)).toBeVisible();
  await expect(chats.message('A small coffee is £2.')).toBeVisible();

  // Turn a command off: it stops answering (the next command's answer follows it directly).
  await auto.open();
  await auto.tab('Commands');
  const ping = page.getByRole('switch', { name: '.ping' });
  await ping.click();
  await expect(ping).toHaveAttribute('aria-checked', 'false');
  const other = '+447911123503';
  await call(host, 'demo:receive', { botId, from: other, text: '.ping' });
  await call(host, 'demo:receive', { botId, from: other, text: '.hours' });
  await chats.open();
  await chats.openChat('+44 7911 123503');
  await expect(chats.message('We open 9–18, +447911123503!')).toBeVisible();
  const texts = await chats.messages().locator('.bubble-text').allInnerTexts();
  expect(texts.map((t) => t.replace(/\s+\d\d:\d\d.*$/s, '').trim())).toEqual([
    '.ping',
    '.hours',
    'We open 9–18, +447911123503!',
  ]);

  // The menu's hand-over marks the chat for a person, until the bot is resumed.
  await chats.openChat('+44 7911 123502');
  await call(host, 'demo:receive', { botId, from: CUSTOMER, text: 'hi' });
  await call(host, 'demo:receive', { botId, from: CUSTOMER, text: '2' });
  await expect(page.getByTestId('handoff-notice')).toBeVisible();
  await expect(chats.row('+44 7911 123502').getByTestId('chat-handoff')).toHaveText('Needs you');
  await page.screenshot({ path: testInfo.outputPath('automations-handoff.png') });
  await page.getByRole('button', { name: 'Resume bot' }).click();
  await expect(page.getByTestId('handoff-notice')).toBeHidden();

  // Every command run is in the run log.
  await auto.open();
  await auto.tab('Run log');
  await expect(page.getByRole('cell', { name: 'hours' }).first()).toBeVisible();

  // An owner adds a premium member from a chat: the open Settings tab shows it without a reload.
  await auto.tab('Settings');
  await page.getByLabel('New owner number').fill(other);
  await page.getByRole('button', { name: 'Add owner' }).click();
  await expect(page.getByRole('button', { name: 'Remove +44 7911 123503' })).toBeVisible();
  await call(host, 'demo:receive', { botId, from: other, text: '.premium add 447911123504' });
  await expect(page.getByRole('button', { name: 'Remove +44 7911 123504' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('automations-premium.png') });
});

test('a menu gives one hint at most and lets a question through; STOP and START in the test panel', async ({
  bots,
  host,
}) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  await call(host, 'automations:save', {
    botId,
    patch: {
      flows: [
        {
          id: 'f',
          name: 'Main menu',
          triggers: ['menu'],
          root: { reply: 'How can we help?', options: [{ label: 'Prices', reply: 'A coffee is £2.50.' }] },
        },
      ],
      rules: [{ id: 'r', name: 'Booking', match: 'contains', words: ['book', 'table'], reply: 'Call us to book.' }],
    },
  });
  const auto = new AutomationsPage(bots.page);
  await auto.open();

  let turn = await auto.tryMessage('menu');
  await expect(turn).toContainText('1. Prices');
  turn = await auto.tryMessage('7');
  await expect(turn).toContainText('There is no option 7. Reply with a number from 1 to 1, or 0 to close the menu.');
  // A question of its own closes the menu and reaches the auto-replies.
  turn = await auto.tryMessage('Can I book a table for Friday?');
  await expect(turn).toContainText('Call us to book.');
  await expect(turn.getByTestId('test-matched')).toHaveText('· matched book');
  turn = await auto.tryMessage('1');
  await expect(turn.getByTestId('test-stage')).toContainText('Nothing answered');
  await expect(auto.testPanel()).not.toContainText('Please reply with the number');

  turn = await auto.tryMessage('STOP');
  await expect(turn.getByTestId('test-stage')).toContainText('Opt-out');
  turn = await auto.tryMessage('Start');
  await expect(turn).toContainText('Welcome back! You will receive our messages again.');
  await expect(turn.getByTestId('test-stage')).toContainText('Opt-in');
  await expect(turn).toContainText('Would take this contact back into campaigns');
});

test('settings say what to fix under the field, forget it once fixed, and count a long reply', async ({
  bots,
  page,
}) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const auto = new AutomationsPage(page);
  await auto.open();
  await auto.tab('Settings');
  const form = auto.form('Automation settings');
  const optIn = form.getByLabel('Opt-in words', { exact: true });
  await expect(optIn).toHaveValue(/^start, unstop, subscribe/);
  await optIn.fill('start, stop');
  await form.getByRole('button', { name: 'Save settings' }).click();
  const error = auto.errorUnder(form, 'Opt-in words');
  await expect(error).toHaveText('“stop” is an opt-out word too: keep it in one list only.');
  await expect(form).not.toContainText('optOut.');
  await optIn.fill('start');
  await expect(error).toHaveCount(0);

  // A counter appears as the confirmation nears WhatsApp's limit.
  const confirmation = form.getByLabel('Opt-in confirmation', { exact: true });
  const counter = auto.counterUnder(form, 'Opt-in confirmation');
  await expect(counter).toHaveCount(0);
  await confirmation.fill('Welcome back! '.repeat(250));
  await expect(counter).toHaveText('3,500 / 4,096 characters');
  await confirmation.fill('Welcome back!');
  await expect(counter).toHaveCount(0);

  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByText('All changes saved')).toBeVisible();
  await expect(form.locator('.field-error')).toHaveCount(0);
});

test('the tab open last is open again after a reload', async ({ bots, page }) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const automations = new AutomationsPage(page);
  await automations.open();
  await automations.tab('Menu flows');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Menu flows' })).toHaveAttribute('aria-selected', 'true');
});
