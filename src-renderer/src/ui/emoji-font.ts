import twemojiUrl from 'twemoji-colr-font/twemoji.woff2?url';

/**
 * The emoji font bundled with Wren: Twemoji as a COLR font (twemoji-colr-font, font OFL-1.1,
 * graphics CC-BY 4.0 by Twitter), one 0.5 MB file. COLR draws in colour in every Chromium, old
 * FreeType builds included, where COLRv1 fonts (Noto Color Emoji's web build) draw nothing.
 *
 * Its unicode-range covers emoji only, so it can lead the font stack (--font in base.css): emoji
 * always come from it, on every PC, while letters, digits, ©, ® and ™ keep the text font. The
 * browser fetches the file the first time an emoji is on screen.
 */
export const EMOJI_FONT_FAMILY = 'Wren Emoji';

export const EMOJI_UNICODE_RANGE = [
  'U+200D', // zero-width joiner: families, professions, flags of sequences
  'U+203C',
  'U+2049',
  'U+20E3', // keycap
  'U+2139',
  'U+2194-2199',
  'U+21A9-21AA',
  'U+231A-231B',
  'U+2328',
  'U+23CF',
  'U+23E9-23F3',
  'U+23F8-23FA',
  'U+24C2',
  'U+25AA-25AB',
  'U+25B6',
  'U+25C0',
  'U+25FB-25FE',
  'U+2600-27BF',
  'U+2934-2935',
  'U+2B05-2B07',
  'U+2B1B-2B1C',
  'U+2B50',
  'U+2B55',
  'U+3030',
  'U+303D',
  'U+3297',
  'U+3299',
  'U+FE0F', // "draw as emoji"
  'U+1F000-1FAFF',
  'U+E0020-E007F', // tags: the flags of England, Scotland, Wales
].join(', ');

/** Registers the font once; nothing is downloaded until an emoji is drawn. */
export const installEmojiFont = (fonts: FontFaceSet = document.fonts): void => {
  // Chromium reports a family with a space in quotes.
  for (const face of fonts) if (face.family.replace(/"/g, '') === EMOJI_FONT_FAMILY) return;
  fonts.add(
    new FontFace(EMOJI_FONT_FAMILY, `url(${twemojiUrl}) format('woff2')`, {
      unicodeRange: EMOJI_UNICODE_RANGE,
      display: 'swap',
    }),
  );
};
