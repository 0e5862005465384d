import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from '../../../src-shared/uploads';
import { createHarness, linkDemoBot, type Harness } from '../testing/engine-harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.dispose();
});

/** Sends a file the way the UI does: begin, then chunks in order. */
const upload = async (purpose: 'csv' | 'file', name: string, bytes: Buffer) => {
  const { uploadId, chunkBytes } = await h.call('uploads:begin', { purpose, name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const data = bytes.subarray(offset, offset + chunkBytes).toString('base64');
    await h.call('uploads:chunk', { uploadId, offset, data });
  }
  return uploadId;
};

const failure = async (name: Parameters<Harness['engine']['dispatch']>[0], input: unknown) => {
  const reply = await h.engine.dispatch(name, input);
  if (reply.ok) throw new Error(`${name} accepted ${JSON.stringify(input).slice(0, 200)}`);
  return reply.error;
};

describe('uploads', () => {
  it('imports a CSV larger than any one frame, sent in chunks, in the encoding Outlook writes', async () => {
    const botId = (await h.call('bots:create', { name: 'Shop', kind: 'demo' })).id;
    const rows = ['Name;Phone'];
    for (let i = 0; i < 60_000; i++) rows.push(`Jos\u00e9 ${i};+447911${100_000 + i}`);
    // Windows-1252: é is one byte, 0xE9, which is not valid UTF-8 on its own.
    const bytes = Buffer.from(rows.join('\r\n'), 'latin1');
    expect(bytes.length).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES);
    const uploadId = await upload('csv', 'outlook.csv', bytes);
    const preview = await h.call('contacts:import-preview', { botId, uploadId });
    expect(preview.rows).toBe(60_000);
    expect(preview.sample[0]?.[0]).toBe('José 0');
    const result = await h.call('contacts:import', { botId, uploadId, mapping: preview.mapping, tags: [] });
    expect(result.added).toBe(60_000);
    // The import used the upload up: it is gone, and its room is free again.
    expect(await failure('contacts:import', { botId, uploadId, mapping: preview.mapping })).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/Choose the file again/),
    });
  });

  it('keeps the upload when an import is refused, so the mapping can be fixed without sending the file again', async () => {
    const botId = (await h.call('bots:create', { name: 'Shop', kind: 'demo' })).id;
    const uploadId = await upload('csv', 'a.csv', Buffer.from('Name,Phone\nAna,+447911123456\n'));
    const preview = await h.call('contacts:import-preview', { botId, uploadId });
    expect(
      await failure('contacts:import', { botId, uploadId, mapping: { ...preview.mapping, phone: 7 } }),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/column 8 does not exist/) });
    expect(await h.call('contacts:import', { botId, uploadId, mapping: preview.mapping })).toMatchObject({ added: 1 });
  });

  it('says a binary file is not a contacts table instead of importing nothing', async () => {
    const botId = (await h.call('bots:create', { name: 'Shop', kind: 'demo' })).id;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const uploadId = await upload('csv', 'photo.png', png);
    expect(await failure('contacts:import-preview', { botId, uploadId })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not a text file/),
    });
    const zip = await upload('csv', 'contacts.xlsx', Buffer.from('PK\u0003\u0004\u0000\u0000rest', 'latin1'));
    expect(await failure('contacts:import-preview', { botId, uploadId: zip })).toMatchObject({
      message: expect.stringMatching(/Save as .*CSV/),
    });
  });

  it('sends a photo attached through an upload', async () => {
    const { id: botId } = await linkDemoBot(h);
    const chat = await h.call('chats:open', { botId, phone: '+447911123402' });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a9d8f' } })
      .png()
      .toBuffer();
    const uploadId = await upload('file', 'sign.png', png);
    const sent = await h.call('messages:send', {
      chatId: chat.id,
      text: 'New sign',
      attachment: { name: 'sign.png', uploadId },
    });
    expect(sent).toMatchObject({ kind: 'image', text: 'New sign', media: { size: png.length, width: 40 } });
  });

  it('refuses chunks out of order, beyond the announced size, or for an unknown upload', async () => {
    const { uploadId } = await h.call('uploads:begin', { purpose: 'csv', name: 'a.csv', size: 6 });
    expect(await failure('uploads:chunk', { uploadId, offset: 3, data: 'YWJj' })).toMatchObject({
      code: 'invalid_state',
      message: 'Expected the chunk at byte 0 of “a.csv”, not 3. Send chunks in order.',
    });
    await h.call('uploads:chunk', { uploadId, offset: 0, data: 'YWJj' });
    const botId = (await h.call('bots:create', { name: 'Shop', kind: 'demo' })).id;
    expect(await failure('contacts:import-preview', { botId, uploadId })).toMatchObject({
      code: 'invalid_state',
      message: expect.stringMatching(/has not fully arrived/),
    });
    expect(await failure('uploads:chunk', { uploadId, offset: 3, data: 'YWJjZA==' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/larger than the 6 B announced/),
    });
    expect(await failure('uploads:chunk', { uploadId, offset: 3, data: 'YWJj' })).toMatchObject({ code: 'not_found' });
    expect(await failure('uploads:chunk', { uploadId: 'up_madeupmadeup', offset: 0, data: 'YQ==' })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses files over the limit, chunks over the frame size, and a file used for the wrong purpose', async () => {
    expect(await failure('uploads:begin', { purpose: 'file', name: 'film.mp4', size: 17 * 1024 * 1024 })).toMatchObject(
      {
        code: 'invalid_input',
        message: expect.stringMatching(/film\.mp4” is 17.0 MB; the most Wren takes here is 16.0 MB/),
      },
    );
    const { uploadId } = await h.call('uploads:begin', { purpose: 'csv', name: 'a.csv', size: 3 * UPLOAD_CHUNK_BYTES });
    const big = Buffer.alloc(UPLOAD_CHUNK_BYTES + 3).toString('base64');
    expect(await failure('uploads:chunk', { uploadId, offset: 0, data: big })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Send chunks of at most 512 KB/),
    });
    const csv = await upload('csv', 'x.csv', Buffer.from('Phone\n+447700900001\n'));
    const chat = await failure('automations:upload-image', { botId: 'b', name: 'x.png', uploadId: csv });
    expect(chat.message).toMatch(/begun for a csv file, not a file one|bot does not exist/);
  });

  it('bounds what open uploads may hold together, and drops one left idle', async () => {
    const begin = (size: number) => h.engine.dispatch('uploads:begin', { purpose: 'csv', name: 'big.csv', size });
    const held = [];
    for (let i = 0; i < 6; i++) held.push(await begin(40 * 1024 * 1024));
    expect(held.filter((r) => r.ok)).toHaveLength(6);
    expect(await begin(40 * 1024 * 1024)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/already receiving 240.0 MB of files/) },
    });
    // Half an hour later nobody sent a byte: the room is free again.
    await h.clock.advance(31 * 60 * 1000);
    expect(await begin(40 * 1024 * 1024)).toMatchObject({ ok: true });
  });
});
