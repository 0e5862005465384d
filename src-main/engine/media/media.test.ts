import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/inbox';
import { MEDIA_DIR } from '../index';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
let botId: string;
let botPhone: string;
const CUSTOMER = '+447911123402';

const chatWithCustomer = async () => {
  const chat = await h.call('chats:open', { botId, phone: CUSTOMER });
  return chat.id;
};
const thread = async (chatId: number) => (await h.call('messages:page', { chatId })).items;
const photoFromCustomer = async (caption: string | null = 'Is this one still available?') => {
  const sent = h.engine.network.sendPhoto({ from: CUSTOMER, to: botPhone, caption });
  await h.engine.media.idle();
  const chatId = await chatWithCustomer();
  const message = (await thread(chatId)).find((m) => m.waId === sent.id);
  if (!message) throw new Error('The photo did not reach the inbox.');
  return { sent, message, chatId };
};
const png = (width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: '#2a9d8f' } })
    .png()
    .toBuffer();
const storedFiles = () =>
  readdirSync(join(h.dataDir, MEDIA_DIR), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

beforeEach(async () => {
  h = await createHarness();
  ({ id: botId, phone: botPhone } = await linkDemoBot(h));
});

afterEach(async () => {
  await h.dispose();
});

describe('received files', () => {
  it('downloads a photo as it arrives, with its size and a thumbnail, into the media folder', async () => {
    const { message } = await photoFromCustomer();
    expect(message).toMatchObject({ kind: 'image', text: 'Is this one still available?' });
    expect(message.media).toMatchObject({ mime: 'image/jpeg', state: 'stored', width: 960, height: 720 });
    expect(message.media?.thumb).toMatch(/^data:image\/jpeg;base64,/);
    const thumb = await sharp(Buffer.from(message.media?.thumb?.split(',')[1] ?? '', 'base64')).metadata();
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(320);
    const file = await h.call('media:get', { messageId: message.id });
    expect(file.mime).toBe('image/jpeg');
    expect(message.media?.size).toBe(Buffer.from(file.data, 'base64').byteLength);
    expect(storedFiles()).toHaveLength(1);
  });

  it('with "Download media" off, keeps the file on WhatsApp until it is opened', async () => {
    await h.call('bots:set-feature', { botId, feature: 'autoDownload', enabled: false });
    const { message } = await photoFromCustomer(null);
    expect(message.media).toMatchObject({ state: 'remote', thumb: null });
    expect(existsSync(join(h.dataDir, MEDIA_DIR)) ? storedFiles() : []).toHaveLength(0);
    const upserts: Message[] = [];
    h.engine.events.on('message:upsert', ({ message: m }) => upserts.push(m));
    const file = await h.call('media:get', { messageId: message.id });
    expect((await sharp(Buffer.from(file.data, 'base64')).metadata()).format).toBe('jpeg');
    expect(upserts.at(-1)?.media).toMatchObject({ state: 'stored', thumb: expect.stringMatching(/^data:/) as string });
  });

  it('says plainly when WhatsApp no longer has the file, and shows it as failed', async () => {
    await h.call('bots:set-feature', { botId, feature: 'autoDownload', enabled: false });
    const { sent, message, chatId } = await photoFromCustomer();
    h.engine.network.media.expire(sent.media?.ref ?? '');
    const reply = await h.engine.dispatch('media:get', { messageId: message.id });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/no longer available/) as string },
    });
    expect((await thread(chatId))[0]?.media).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/expired/) as string,
    });
  });

  it('asks for the bot to be started when a file is opened while it is offline', async () => {
    await h.call('bots:set-feature', { botId, feature: 'autoDownload', enabled: false });
    const { message } = await photoFromCustomer();
    await h.call('bots:stop', { botId });
    const reply = await h.engine.dispatch('media:get', { messageId: message.id });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/offline/) as string },
    });
  });

  it('drops the file with the text when a contact deletes the message and anti-delete is off', async () => {
    await h.call('bots:set-feature', { botId, feature: 'antiDelete', enabled: false });
    const { sent, chatId } = await photoFromCustomer();
    h.engine.network.deleteForEveryone({ from: CUSTOMER, to: botPhone, id: sent.id });
    expect((await thread(chatId))[0]).toMatchObject({
      deletedAt: expect.any(Number) as number,
      text: null,
      media: null,
    });
  });
});

describe('attachments', () => {
  it('sends a photo with a caption: stored once, delivered to the contact byte for byte', async () => {
    const chatId = await chatWithCustomer();
    const bytes = await png();
    const data = bytes.toString('base64');
    const sent = await h.call('messages:send', {
      chatId,
      text: 'Our new sign',
      attachment: { name: 'sign.png', data },
    });
    expect(sent).toMatchObject({ kind: 'image', text: 'Our new sign', status: 'pending' });
    expect(sent.media).toMatchObject({
      mime: 'image/png',
      fileName: 'sign.png',
      size: bytes.byteLength,
      width: 40,
      height: 30,
      state: 'stored',
    });
    await h.engine.inbox.idle();
    const [received] = h.engine.network.inboxOfContacts;
    expect(received).toMatchObject({
      text: 'Our new sign',
      media: { kind: 'image', mime: 'image/png', fileName: 'sign.png' },
    });
    expect(Buffer.from(h.engine.network.media.file(received?.media?.ref ?? '')?.bytes ?? [])).toEqual(bytes);
    // The same file again takes no more space.
    await h.call('messages:send', { chatId, text: '', attachment: { name: 'again.png', data } });
    expect(storedFiles()).toHaveLength(1);
  });

  it('holds a document written while offline and sends it after an app restart', async () => {
    const chatId = await chatWithCustomer();
    await h.call('bots:stop', { botId });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await h.call('messages:send', {
      chatId,
      text: 'The price list',
      attachment: { name: 'prices.pdf', data: pdf.toString('base64') },
    });
    await h.restart();
    expect(h.engine.network.inboxOfContacts).toEqual([]);
    await h.call('bots:start', { botId });
    await h.waitForStatus(botId, 'online');
    await h.engine.inbox.idle();
    expect(h.engine.network.inboxOfContacts).toMatchObject([
      { text: 'The price list', media: { kind: 'document', mime: 'application/pdf', fileName: 'prices.pdf' } },
    ]);
    expect((await thread(chatId))[0]).toMatchObject({ kind: 'document', status: 'sent' });
  });

  it.each([
    ['setup.exe', Buffer.from('MZ\x90\x00'), /cannot be sent: attach a photo/],
    ['photo.png', Buffer.from('just some text, not a picture'), /not a real PNG image/],
    ['notes.txt', Buffer.alloc(0), /is empty/],
  ])('refuses %s with a reason and stores nothing', async (name, bytes, reason) => {
    const chatId = await chatWithCustomer();
    const reply = await h.engine.dispatch('messages:send', {
      chatId,
      text: 'here',
      attachment: { name, data: bytes.toString('base64') },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(reason) as string },
    });
    expect(await thread(chatId)).toEqual([]);
  });

  it('refuses a file over 16 MB before reading it', async () => {
    const chatId = await chatWithCustomer();
    const data = Buffer.alloc(16 * 1024 * 1024 + 1, 1).toString('base64');
    const reply = await h.engine.dispatch('messages:send', { chatId, attachment: { name: 'big.pdf', data } });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/at most 16\.0 MB/) as string },
    });
    expect(await thread(chatId)).toEqual([]);
  });
});
