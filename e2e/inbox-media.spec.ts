import sharp from 'sharp';
import { expect, test } from './fixtures';
import { call, ChatsPage, createLinkedDemoBot } from './pages/chats-page';

const CUSTOMER = '+447911123502';
const CUSTOMER_TITLE = '+44 7911 123502';

const signPng = () =>
  sharp({ create: { width: 640, height: 420, channels: 3, background: '#e76f51' } })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="420"><rect x="80" y="90" width="480" height="240" rx="30" fill="#264653"/><circle cx="320" cy="210" r="70" fill="#e9c46a"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();

test('a photo arrives with its thumbnail and opens full size; a photo and a document go out with ticks', async ({
  bots,
  host,
  page,
}, testInfo) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();

  // A customer sends a photo with a caption: the chat list says so, the thread shows the picture.
  await call(host, 'demo:receive', { botId, from: CUSTOMER, text: 'Is this one still available?', photo: true });
  await expect(chats.preview(CUSTOMER_TITLE)).toHaveText('📷 Photo: Is this one still available?');
  await chats.openChat(CUSTOMER_TITLE);
  const photo = chats.message('Is this one still available?');
  const thumb = photo.locator('.media-visual img');
  await expect(thumb).toHaveAttribute('src', /^data:image\/jpeg;base64,/);

  // Clicking it opens the viewer with the full picture, which can be saved under its name.
  await photo.getByRole('button', { name: 'Open photo' }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.locator('img')).toHaveJSProperty('naturalWidth', 960);
  const download = page.waitForEvent('download');
  await viewer.getByRole('button', { name: 'Save' }).click();
  expect((await download).suggestedFilename()).toMatch(/^image-.+\.jpg$/);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // The user attaches a photo and writes a caption: a preview first, then the bubble with ticks.
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'new-sign.png', mimeType: 'image/png', buffer: await signPng() });
  await expect(page.getByTestId('attachment-preview')).toContainText('new-sign.png');
  await expect(chats.composer()).toHaveAttribute('placeholder', 'Add a caption');
  await chats.send('Our new sign 👆');
  await expect(page.getByTestId('attachment-preview')).toHaveCount(0);
  const sent = chats.message('Our new sign 👆');
  await expect(sent.locator('.media-visual img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await chats.expectStatus('Our new sign 👆', 'read');

  // A document without a caption: the Send button sends it; it shows as a file card.
  await page.getByTestId('attach-input').setInputFiles({
    name: 'price-list.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const card = chats.messages().last().locator('.media-file');
  await expect(card).toContainText('price-list.pdf');
  await expect(card).toContainText('PDF · 48 B');
  await expect(chats.messages().last()).toHaveAttribute('data-status', /^(sent|delivered|read)$/, { timeout: 15_000 });
  await expect(chats.preview(CUSTOMER_TITLE)).toHaveText('📄 Document');
  await page.screenshot({ path: testInfo.outputPath('chat-media.png') });
});

test('an oversized or wrong-type attachment shows a clear error and nothing is sent', async ({ bots, host, page }) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  const chats = new ChatsPage(page);
  await chats.open();
  await call(host, 'demo:receive', { botId, from: CUSTOMER, text: 'Can you send the catalogue?' });
  await chats.openChat(CUSTOMER_TITLE);
  await expect(chats.messages()).toHaveCount(1);
  const error = page.getByRole('alert').filter({ hasText: /.+/ }).first();
  const attach = page.getByTestId('attach-input');

  // Too big: refused before it is read.
  await attach.setInputFiles({
    name: 'catalogue.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(17 * 1024 * 1024, 1),
  });
  await expect(error).toContainText('“catalogue.pdf” is 17.0 MB; files can be at most 16.0 MB');
  await expect(page.getByTestId('attachment-preview')).toHaveCount(0);

  // A program: refused by its type.
  await attach.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(error).toContainText('“setup.exe” cannot be sent');

  // Named like a picture but is not one: the engine reads it and refuses it; nothing is sent.
  await attach.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  await expect(page.getByTestId('attachment-preview')).toContainText('photo.png');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(error).toContainText('“photo.png” is not a real PNG image');
  await expect(chats.messages()).toHaveCount(1);
  const thread = await call(host, 'messages:page', {
    chatId: Number(await page.getByTestId('chat-pane').getAttribute('data-chat-id')),
  });
  expect(thread.items.map((m) => m.text)).toEqual(['Can you send the catalogue?']);
});
