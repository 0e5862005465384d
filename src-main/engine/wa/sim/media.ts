import sharp from 'sharp';
import type { IncomingMedia } from '../transport';

/**
 * The simulated network's media server. Files bots send are kept by reference, so the contact
 * "has" them; photos simulated contacts send are drawn on demand (a seeded, product-like picture),
 * so demo mode shows real images without shipping any.
 */

const PHOTO_REF = 'sim-photo:';
const FILE_REF = 'sim-file:';
const PHOTO_WIDTH = 960;
const PHOTO_HEIGHT = 720;

/** Warm, shop-window colours: background and two accents per picture. */
const PALETTES: [string, string, string][] = [
  ['#f4e1c1', '#c8553d', '#588b8b'],
  ['#dde7c7', '#6a994e', '#bc4749'],
  ['#f2d0a9', '#7f5539', '#e6ccb2'],
  ['#cde7f0', '#1d3557', '#e76f51'],
  ['#f7d6e0', '#b23a48', '#fcb9b2'],
  ['#e9e3d5', '#3d405b', '#e07a5f'],
];

const seedOf = (text: string): number => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

/** An SVG still life (a plate, a box and a tag) in one palette: clearly a photo, never the same twice. */
const photoSvg = (seed: number): string => {
  const [bg, a, b] = PALETTES[seed % PALETTES.length] ?? ['#eeeeee', '#555555', '#999999'];
  const x = 260 + (seed % 200);
  const y = 300 + ((seed >> 3) % 120);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PHOTO_WIDTH}" height="${PHOTO_HEIGHT}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <rect y="${PHOTO_HEIGHT * 0.68}" width="100%" height="${PHOTO_HEIGHT * 0.32}" fill="${b}" opacity="0.55"/>
  <ellipse cx="${x}" cy="${y + 150}" rx="210" ry="46" fill="#000" opacity="0.12"/>
  <circle cx="${x}" cy="${y}" r="150" fill="${a}"/>
  <circle cx="${x - 45}" cy="${y - 50}" r="38" fill="#fff" opacity="0.35"/>
  <rect x="${x + 190}" y="${y - 40}" width="230" height="190" rx="18" fill="${b}"/>
  <rect x="${x + 260}" y="${y - 40}" width="30" height="190" fill="${a}" opacity="0.7"/>
</svg>`;
};

export const simPhotoMedia = (messageId: string): IncomingMedia => ({
  mime: 'image/jpeg',
  fileName: null,
  size: null,
  width: PHOTO_WIDTH,
  height: PHOTO_HEIGHT,
  seconds: null,
  ref: `${PHOTO_REF}${messageId}`,
});

export type SimFile = { bytes: Uint8Array; mime: string; fileName: string | null };

export class SimMediaServer {
  private readonly files = new Map<string, SimFile>();
  private readonly gone = new Set<string>();

  /** Keeps a file a bot sent; returns what its message carries (the reference to download it by). */
  upload(messageId: string, file: SimFile): IncomingMedia {
    const ref = `${FILE_REF}${messageId}`;
    this.files.set(ref, file);
    const size = file.bytes.byteLength;
    return { mime: file.mime, fileName: file.fileName, size, width: null, height: null, seconds: null, ref };
  }

  file(ref: string): SimFile | undefined {
    return this.files.get(ref);
  }

  /** WhatsApp keeps media for a limited time; tests make a file expire early. */
  expire(ref: string): void {
    this.gone.add(ref);
  }

  async download(ref: string): Promise<Uint8Array> {
    if (this.gone.has(ref)) throw new Error('This file is no longer available on WhatsApp (it expired).');
    const file = this.files.get(ref);
    if (file) return file.bytes;
    if (ref.startsWith(PHOTO_REF)) {
      return sharp(Buffer.from(photoSvg(seedOf(ref.slice(PHOTO_REF.length)))))
        .jpeg({ quality: 80 })
        .toBuffer();
    }
    throw new Error('This file is no longer available on WhatsApp.');
  }
}
