import sharp from 'sharp';
import { expect, test } from './fixtures';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

const ANA = '+447911123601';
const ANA_TITLE = '+44 7911 123601';

test('formatting, links, the unread divider and drafts behave as in WhatsApp, and survive a reload', async ({
  bots,
  host,
  page,
}, testInfo) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();

  // Three messages arrive while the chat is closed, one of them formatted with a link in it.
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Hello there' });
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Is the *big* cake _still_ ~10~ 12 pounds?' });
  await call(host, 'demo:receive', { botId, from: ANA, text: 'The menu: https://shop.example/menu_2024. Thanks' });
  await expect(chats.unread(ANA_TITLE)).toHaveText('3');

  // Opening it shows where the unread part starts; the count is gone from the list.
  await chats.openChat(ANA_TITLE);
  const divider = page.getByTestId('unread-divider');
  await expect(divider).toHaveText('3 unread messages');
  await expect(chats.unread(ANA_TITLE)).toHaveCount(0);
  const first = chats.message('Hello there');
  // As in WhatsApp: the day's label, then the bar, then the first unread message.
  await expect(first.locator('[data-testid="day-separator"] ~ [data-testid="unread-divider"]')).toHaveCount(1);

  // WhatsApp's markers become bold, italic and struck text; the link opens outside the app.
  const cake = chats.message(/big/).locator('.bubble-text');
  await expect(cake.locator('strong')).toHaveText('big');
  await expect(cake.locator('em')).toHaveText('still');
  await expect(cake.locator('s')).toHaveText('10');
  await expect(cake).toContainText('Is the big cake still 10 12 pounds?');
  const link = chats.message(/menu/).getByRole('link', { name: 'https://shop.example/menu_2024' });
  await expect(link).toHaveAttribute('href', 'https://shop.example/menu_2024');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

  // While the chat stays open the divider stays where it was, even as more comes in.
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Also, do you deliver?' });
  await expect(chats.message('Also, do you deliver?')).toBeVisible();
  await expect(divider).toHaveText('3 unread messages');
  await page.screenshot({ path: testInfo.outputPath('unread-divider.png') });

  // A draft is kept per chat; the address names the open chat.
  await chats.composer().fill('Yes, we deliver on *Fridays*');
  await expect(page).toHaveURL(/#\/chats\/\d+$/);
  await page.reload();
  await expect(chats.headerTitle()).toHaveText(ANA_TITLE);
  await expect(chats.composer()).toHaveValue('Yes, we deliver on *Fridays*');
  // Everything was read before the reload: no divider now.
  await expect(chats.message('Also, do you deliver?')).toBeVisible();
  await expect(divider).toHaveCount(0);

  // Sent: the draft is gone, after a reload too, and the bubble shows it formatted.
  await chats.composer().press('Enter');
  await expect(chats.message(/Yes, we deliver on/).locator('strong')).toHaveText('Fridays');
  await page.reload();
  await expect(chats.headerTitle()).toHaveText(ANA_TITLE);
  await expect(chats.message(/Yes, we deliver on/)).toBeVisible();
  await expect(chats.composer()).toHaveValue('');
});

test('the chat list filters to unread chats or groups, and keeps the filter in the address', async ({
  bots,
  host,
  page,
}) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();
  await expect(chats.rows().first()).toBeVisible();
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Anyone there?' });
  await expect(chats.unread(ANA_TITLE)).toHaveText('1');

  const chip = (name: string) => page.getByRole('group', { name: 'Show' }).getByRole('button', { name });
  await expect(chip('All')).toHaveAttribute('aria-pressed', 'true');
  await chip('Unread').click();
  await expect(chip('Unread')).toHaveAttribute('aria-pressed', 'true');
  await expect(chats.row(ANA_TITLE)).toBeVisible();
  // Every chat listed has something unread.
  await expect(chats.rows().filter({ hasNot: page.getByTestId('chat-unread') })).toHaveCount(0);

  // Opening it reads it, and it stays in the list until the list is read again, as in WhatsApp.
  await chats.openChat(ANA_TITLE);
  await expect(chats.unread(ANA_TITLE)).toHaveCount(0);
  await expect(chats.row(ANA_TITLE)).toBeVisible();
  await expect(page).toHaveURL(/#\/chats\/\d+\?filter=unread$/);

  // A reload comes back to the same chat and filter; read now, the chat is no longer listed.
  await page.reload();
  await expect(chats.headerTitle()).toHaveText(ANA_TITLE);
  await expect(chip('Unread')).toHaveAttribute('aria-pressed', 'true');
  await expect(chats.row(ANA_TITLE)).toHaveCount(0);
  await expect(page.getByTestId('chat-list-empty')).toHaveText('No unread chats. You are all caught up.');

  // Groups only: every row is a group.
  await chip('Groups').click();
  await expect(chats.rows().first()).toBeVisible();
  await expect(chats.rows().filter({ hasNot: page.getByRole('img', { name: 'Group' }) })).toHaveCount(0);
  await chip('All').click();
  await expect(chats.row(ANA_TITLE)).toBeVisible();
  await expect(page).toHaveURL(/#\/chats\/\d+$/);
});

test('a file whose contents do not match its name is caught when picked, before Send', async ({ bots, host, page }) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Send me the price list please' });
  await chats.openChat(ANA_TITLE);
  const attach = page.getByTestId('attach-input');
  const problem = page.getByTestId('attachment-problem');

  await attach.setInputFiles({ name: 'prices.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00') });
  await expect(page.getByTestId('attachment-preview')).toContainText('prices.pdf');
  await expect(problem).toHaveText(
    '“prices.pdf” is not a real PDF document: its contents do not match its name. Save it again in that format, or rename it to what it really is.',
  );

  // The real thing replaces it without a word of complaint.
  await attach.setInputFiles({ name: 'prices.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
  await expect(page.getByTestId('attachment-preview')).toContainText('prices.pdf');
  await expect(problem).toHaveCount(0);
});

test('one-to-one chats open a contact card from the header; avatars never show symbols', async ({
  bots,
  host,
  page,
}, testInfo) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const longName = `Ana${'Souza'.repeat(14)}`;
  await call(host, 'contacts:save', {
    botId,
    contact: { phone: ANA, name: longName, tags: ['vip', 'cakes'], notes: 'Prefers mornings.' },
  });
  const chats = new ChatsPage(page);
  await chats.open();
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Hi, it is Ana 🎂' });
  await call(host, 'demo:receive', { botId, from: '+447911123602', text: 'STOP' });

  // A number alone gets the person icon, never "+4"; a name its first letter.
  const unnamed = chats.row('+44 7911 123602').locator('.avatar');
  await expect(unnamed).toHaveAttribute('data-initials', '');
  await expect(chats.row(longName).locator('.avatar')).toHaveAttribute('data-initials', 'A');

  await page.setViewportSize({ width: 900, height: 700 });
  await chats.openChat(longName);
  // The long name is cut, with all of it in the tooltip, and the menu stays on screen.
  await expect(chats.headerTitle()).toHaveAttribute('title', longName);
  const menu = page.getByRole('button', { name: 'Chat menu' });
  const box = await menu.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(900);

  await chats.headerTitle().getByRole('button').click();
  const card = page.getByTestId('contact-info');
  await expect(card.getByTestId('contact-info-name')).toHaveText(longName);
  await expect(card.getByTestId('contact-info-phone')).toHaveText(ANA_TITLE);
  await expect(card.getByRole('list', { name: 'Tags' })).toHaveText(/vip.*cakes|cakes.*vip/);
  await expect(card.getByTestId('contact-info-notes')).toHaveText('Prefers mornings.');
  await expect(card.getByTestId('contact-info-optout')).toContainText('Subscribed');
  const closeBox = await card.getByRole('button', { name: 'Close contact info' }).boundingBox();
  expect(closeBox && closeBox.x + closeBox.width).toBeLessThanOrEqual(900);
  await page.screenshot({ path: testInfo.outputPath('contact-info-900.png') });

  // Someone who sent STOP shows as opted out, with when.
  await chats.openChat('+44 7911 123602');
  await chats.chatMenu('Contact info');
  await expect(card.getByTestId('contact-info-optout')).toContainText('Opted out');

  await card.getByRole('link', { name: 'Edit in Contacts' }).click();
  await expect(page).toHaveURL(/#\/contacts$/);
});

test('emoji are drawn in colour by the bundled font, on a PC that has no emoji font', async ({
  bots,
  host,
  page,
}, testInfo) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const fetched: string[] = [];
  page.on('response', (response) => {
    if (/twemoji.*\.woff2$/.test(response.url()) && response.ok()) fetched.push(response.url());
  });
  const chats = new ChatsPage(page);
  await chats.open();
  await call(host, 'demo:receive', { botId, from: ANA, text: 'Thank you 🎉🍕❤️' });
  await chats.openChat(ANA_TITLE);
  const bubble = chats.message(/Thank you/).locator('.bubble-text');
  await expect(bubble).toBeVisible();
  type Fonts = { fonts: Iterable<{ family: string; status: string }> & { ready: Promise<unknown> } };
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const { fonts } = (globalThis as unknown as { document: Fonts }).document;
        await fonts.ready;
        return [...fonts].some((f) => f.family.replace(/"/g, '') === 'Wren Emoji' && f.status === 'loaded');
      }),
    )
    .toBe(true);
  expect(fetched).toHaveLength(1);
  // This machine has no emoji font of its own: coloured pixels in the bubble come from Wren's.
  // Text and the bubble are greys and greens; the party popper, pizza and heart are not.
  const { data, info } = await sharp(await bubble.screenshot())
    .raw()
    .toBuffer({ resolveWithObject: true });
  let vivid = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
    if (r > 180 && g < 120 && b < 120) vivid += 1; // red or orange
  }
  expect(vivid).toBeGreaterThan(30);
  await page.getByRole('button', { name: 'Emoji', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Emoji' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('emoji.png') });
});

test('long unbroken names are cut with a tooltip and never push buttons off screen', async ({
  bots,
  page,
}, testInfo) => {
  const longBot = `Corner${'Shop'.repeat(13)}`; // 58 characters, no space to break at
  await createLinkedDemoBot(bots, longBot);
  const chats = new ChatsPage(page);
  for (const width of [1366, 900]) {
    await page.setViewportSize({ width, height: 760 });
    const within = async (locator: ReturnType<typeof page.getByRole>) => {
      const box = await locator.boundingBox();
      expect(box, 'on screen').not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
    };
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Bots/ }).click();
    const name = page.getByTestId('bot-card').locator('.bot-card-name');
    await expect(name).toHaveAttribute('title', longBot);
    const card = await page.getByTestId('bot-card').boundingBox();
    const nameBox = await name.boundingBox();
    expect((nameBox?.x ?? 0) + (nameBox?.width ?? 0)).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0));

    await chats.open();
    await chats.openChat('Regulars');
    await within(page.getByRole('button', { name: 'Chat menu' }));
    await chats.chatMenu('Group info');
    await within(page.getByRole('button', { name: 'Close group info' }));
    await page.screenshot({ path: testInfo.outputPath(`group-info-${width}.png`) });
    await page.getByRole('button', { name: 'Close group info' }).click();
  }
});
