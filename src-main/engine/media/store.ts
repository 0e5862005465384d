import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Files of messages, stored once by content: each is named by its SHA-256 (`ab/abcdef…`), so the
 * same photo received in ten chats, or sent again, takes the space of one. A write goes to a
 * temporary name first and is renamed into place, so a crash never leaves half a file under a
 * real name.
 */
export class MediaStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  static hashOf(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a media hash: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Stores the bytes (once) and returns their hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = MediaStore.hashOf(bytes);
    const path = this.pathOf(sha256);
    // Already there (same name, same length): nothing to write. A truncated copy is replaced.
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile() && existing.size === bytes.byteLength) return sha256;
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const temp = `${path}.${randomBytes(4).toString('hex')}.part`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return sha256;
  }

  async has(sha256: string): Promise<boolean> {
    const info = await stat(this.pathOf(sha256)).catch(() => null);
    return info?.isFile() ?? false;
  }

  /** The stored bytes, checked against their name: a damaged file reads as missing. */
  async get(sha256: string): Promise<Buffer | null> {
    const bytes = await readFile(this.pathOf(sha256)).catch(() => null);
    if (!bytes || MediaStore.hashOf(bytes) !== sha256) return null;
    return bytes;
  }
}
