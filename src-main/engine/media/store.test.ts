import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaStore } from './store';

let dir: string;
let store: MediaStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wren-media-'));
  store = new MediaStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

describe('the media store', () => {
  it('names a file by its content and keeps one copy however often it is stored', async () => {
    const bytes = Buffer.from('a photo');
    const first = await store.put(bytes);
    expect(await store.put(Buffer.from('a photo'))).toBe(first);
    expect(first).toBe(MediaStore.hashOf(bytes));
    expect(files().map((f) => f.name)).toEqual([first]);
    expect(await store.get(first)).toEqual(bytes);
  });

  it('reads a damaged or missing file as missing, and refuses names that are not hashes', async () => {
    const hash = await store.put(Buffer.from('original'));
    writeFileSync(store.pathOf(hash), 'tampered');
    expect(await store.get(hash)).toBeNull();
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/Not a media hash/);
  });
});
