import { expect, test } from './fixtures';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

const ANA = '+447911123601';
const BEN = '+447911123602';

test('a message’s menu reacts, stars, forwards, copies and deletes, and the bubble says who sent it', async ({
  bots,
  host,
  page,
}, testInfo) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  // The name the business gave Ana wins over her number (and any WhatsApp name) everywhere.
  await call(host, 'contacts:save', {
    botId,
    contact: { phone: ANA, name: 'Anabel Brookes', tags: [], fields: {}, notes: '' },
  });
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Do you have oat milk?' });
  await call(host, 'demo:receive', { botId, from: BEN, text: 'Hello' });
  const chats = new ChatsPage(page);
  await chats.open();
  await chats.openChat('Anabel Brookes');

  // React from the menu's quick row: the bot's reaction shows under the bubble as mine.
  await chats.messageAction('Do you have oat milk?', 'React 👍');
  const question = chats.message('Do you have oat milk?');
  await expect(question.getByTestId('reactions').locator('.reaction-mine')).toHaveText('👍');
  await chats.messageAction('Do you have oat milk?', 'Remove 👍');
  await expect(question.getByTestId('reactions')).toHaveCount(0);

  // Right-click opens the same menu; Star marks the bubble, and the header lists it.
  await question.locator('.bubble').click({ button: 'right' });
  await page.screenshot({ path: testInfo.outputPath('message-menu.png') });
  await page.getByTestId('message-menu').getByRole('menuitem', { name: 'Star', exact: true }).click();
  await expect(question.getByTestId('starred-mark')).toBeVisible();
  await chats.chatMenu('Starred messages');
  const starred = page.getByTestId('starred-panel');
  await expect(starred.getByTestId('starred-item')).toHaveText(/Do you have oat milk\?/);
  await page.screenshot({ path: testInfo.outputPath('starred.png') });
  await starred.getByTestId('starred-item').click();
  await expect(question.locator('.bubble')).toHaveAttribute('data-highlighted', 'true');
  await starred.getByRole('button', { name: 'Close starred messages' }).click();

  // Copy puts the text on the clipboard.
  await chats.messageAction('Do you have oat milk?', 'Copy');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('Do you have oat milk?');

  // Sent from Wren: the meta line says so; the bot's own message can be deleted for everyone.
  await call(host, 'demo:receive', { botId, from: ANA, text: '.ping' });
  await expect(chats.message(/pong/i).getByTestId('origin')).toHaveAttribute('title', 'Sent by the bot — command');
  await chats.send('Yes, oat and soy');
  const answer = chats.message('Yes, oat and soy');
  await expect(answer.getByTestId('origin')).toHaveAttribute('title', 'Sent from Wren');
  await chats.expectStatus('Yes, oat and soy', 'read');
  await chats.messageAction('Yes, oat and soy', 'Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete message?' });
  await page.screenshot({ path: testInfo.outputPath('delete-dialog.png') });
  await dialog.getByRole('button', { name: 'Delete for everyone' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(chats.messages().filter({ hasText: 'This message was deleted' })).toHaveCount(1);

  // A customer's message offers only "Delete for me", and it leaves the thread.
  await chats.messageAction('Do you have oat milk?', 'Delete');
  await expect(dialog.getByRole('button', { name: 'Delete for everyone' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Delete for me' }).click();
  await expect(chats.message('Do you have oat milk?')).toHaveCount(0);

  // Forward: pick another chat; the copy arrives there marked forwarded.
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Table for two at 8?' });
  await chats.messageAction('Table for two at 8?', 'Forward');
  const forward = page.getByRole('dialog', { name: 'Forward message to' });
  await forward.getByLabel('Find a chat').fill('123602');
  await forward.getByRole('checkbox').first().check();
  await page.screenshot({ path: testInfo.outputPath('forward-dialog.png') });
  await forward.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(forward).toHaveCount(0);
  // A name imported while the list is open replaces the bare number at once.
  await call(host, 'contacts:import', {
    botId,
    csv: `phone,name,tags\n${BEN},Benedict Ode,\n`,
    mapping: { phone: 0, name: 1, tags: 2, fields: {} },
    tags: [],
  });
  await chats.openChat('Benedict Ode');
  const copy = chats.message('Table for two at 8?');
  await expect(copy.locator('.bubble-forwarded')).toHaveText(/Forwarded/);
  await expect(copy.getByTestId('origin')).toHaveText('Wren');
  // On a narrow window the menu stays inside it.
  await page.setViewportSize({ width: 900, height: 700 });
  const menu = await chats.messageMenu('Table for two at 8?');
  const box = await menu.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(900);
  await page.screenshot({ path: testInfo.outputPath('message-menu-900.png') });
});
