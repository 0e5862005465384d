import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/engine-harness';

let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.dispose();
});

const failure = async (name: Parameters<Harness['call']>[0], input: unknown) => {
  const reply = await h.engine.dispatch(name, input);
  if (reply.ok) throw new Error(`${name} succeeded`);
  return reply.error;
};

describe('templates', () => {
  it('keeps every earlier text as a numbered version when edited', async () => {
    const first = await h.call('templates:save', { name: 'Welcome', text: 'Hi {{name|there}}', media: null });
    expect(first.version).toBe(1);
    await h.clock.advance(60_000);
    const second = await h.call('templates:save', { id: first.id, name: 'Welcome', text: 'Hello {{name|there}}' });
    await h.call('templates:save', { id: first.id, name: 'Welcome back', text: '{Hey|Hi} {{first_name|you}}' });
    expect(second.version).toBe(2);
    const [latest] = await h.call('templates:list', {});
    expect(latest).toMatchObject({ name: 'Welcome back', version: 3, text: '{Hey|Hi} {{first_name|you}}' });
    const versions = await h.call('templates:versions', { id: first.id });
    expect(versions.map((v) => [v.version, v.text])).toEqual([
      [2, 'Hello {{name|there}}'],
      [1, 'Hi {{name|there}}'],
    ]);
    expect(versions[1]?.savedAt).toBe(first.updatedAt);
    await h.call('templates:delete', { id: first.id });
    expect(await h.call('templates:list', {})).toEqual([]);
    expect((await failure('templates:versions', { id: first.id })).message).toBe(
      'That template does not exist any more.',
    );
  });

  it('refuses a variable no contact has, and unbalanced spintax, saying what to change', async () => {
    const unknown = await failure('templates:save', { name: 'Shoes', text: 'Your size: {{shoe_size}}' });
    expect(unknown).toMatchObject({ code: 'invalid_input' });
    expect(unknown.message).toContain('{{shoe_size}} is not a field any contact has');
    expect(unknown.message).toContain('give it a fallback');
    const braces = await failure('templates:save', { name: 'Hi', text: '{Hi|Hello there' });
    expect(braces.message).toBe('A “{” has no matching “}”. Close every {choice|choice}.');
    // With a fallback it is fine.
    await h.call('templates:save', { name: 'Shoes', text: 'Your size: {{shoe_size|your size}}' });
    expect(await h.call('templates:list', {})).toHaveLength(1);
  });

  it('keeps a picture or a document, and refuses other files', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const picture = await h.call('templates:upload', { name: 'sale.png', data: png.toString('base64') });
    expect(picture).toMatchObject({ name: 'sale.png', kind: 'image' });
    expect(picture.sha256).toMatch(/^[0-9a-f]{64}$/);
    const doc = await h.call('templates:upload', {
      name: 'prices.txt',
      data: Buffer.from('Spring prices\n').toString('base64'),
    });
    expect(doc.kind).toBe('document');
    const saved = await h.call('templates:save', { name: 'With picture', text: 'Look!', media: picture });
    expect(saved.media).toEqual(picture);
    const refused = await failure('templates:upload', { name: 'tool.exe', data: Buffer.from('MZ').toString('base64') });
    expect(refused.code).toBe('invalid_input');
  });
});
