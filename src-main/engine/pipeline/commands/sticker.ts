import sharp from 'sharp';
import type { CommandSpec } from '../registry';

/** WhatsApp's sticker format: a 512×512 WebP with transparent padding, at most ~100 KB. */
export const toSticker = async (image: Buffer): Promise<Buffer> =>
  sharp(image)
    .rotate()
    .resize(512, 512, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .webp({ quality: 80 })
    .toBuffer();

export const stickerCommand: CommandSpec = {
  name: 'sticker',
  aliases: ['s'],
  summary: 'Turns a photo into a sticker (send it with the command, or reply to one)',
  usage: 'sticker',
  permission: 'everyone',
  scope: 'both',
  cooldownMs: 10_000,
  feature: 'stickers',
  run: async (ctx) => {
    const image = await ctx.world.imageForSticker();
    if (!image)
      return `Send a photo with ${ctx.prefix}sticker as its caption, or reply to a photo with ${ctx.prefix}sticker.`;
    let sticker: Buffer;
    try {
      sticker = await toSticker(image);
    } catch {
      return 'I could not read that image. Try another photo.';
    }
    await ctx.world.reply('', { sticker });
    return null;
  },
};
