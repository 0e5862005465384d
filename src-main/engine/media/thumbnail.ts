import sharp from 'sharp';

/** Thumbnails fit in this box: sharp enough for a chat bubble, small enough to send with every page. */
const THUMB_BOX = 320;
const THUMB_QUALITY = 60;

export type ImageFacts = { width: number | null; height: number | null; thumb: Buffer | null };

/**
 * Size and a small JPEG thumbnail of an image (or a sticker), made with sharp. Anything sharp
 * cannot read yields no thumbnail rather than an error: the message still shows as a file.
 */
export const imageFacts = async (bytes: Uint8Array): Promise<ImageFacts> => {
  try {
    const image = sharp(bytes, { failOn: 'none', limitInputPixels: 100_000_000 });
    const meta = await image.metadata();
    // EXIF orientation: a phone photo taken upright is stored sideways with a flag.
    const swap = (meta.orientation ?? 1) >= 5;
    const thumb = await image
      .rotate()
      .resize(THUMB_BOX, THUMB_BOX, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: THUMB_QUALITY, mozjpeg: true })
      .toBuffer();
    return {
      width: (swap ? meta.height : meta.width) ?? null,
      height: (swap ? meta.width : meta.height) ?? null,
      thumb,
    };
  } catch {
    return { width: null, height: null, thumb: null };
  }
};
