/**
 * How a person's avatar looks, the same wherever they appear: the colour comes from who they are
 * (their number, whichever way it is written), never from the name a view happens to show, and
 * the initials only from letters, so "<Sam>" reads "S" and "+44 7700…" gets the person icon.
 */

/** WhatsApp-like muted tones. */
export const TONES = ['#00a884', '#53bdeb', '#7f66ff', '#ff8a8c', '#ffbc38', '#009de2', '#a5b337', '#fc9775'] as const;

/**
 * One key per person: "+447700900501", "447700900501@s.whatsapp.net" and its device form
 * "447700900501:3@s.whatsapp.net" are all "447700900501"; anything else (a group's JID, a bot's
 * id) is its own key.
 */
export const personKey = (seed: string): string => {
  const trimmed = seed.trim();
  const jid = /^(\d{6,15})(?::\d+)?@s\.whatsapp\.net$/.exec(trimmed);
  if (jid?.[1]) return jid[1];
  if (/^\+?[\d\s().-]{6,}$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length >= 6 && digits.length <= 15) return digits;
  }
  return trimmed;
};

export const toneFor = (seed: string): string => {
  let hash = 0;
  for (const ch of personKey(seed)) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return TONES[hash % TONES.length] ?? TONES[0];
};

/** The n-th tone: things listed in a fixed order (bots) look apart for the first eight. */
export const toneAt = (index: number): string => TONES[index % TONES.length] ?? TONES[0];

/** A word's first letter with its combining marks, after any leading punctuation, symbols or emoji. */
const LEADING = /^[^\p{L}\p{N}]*(\p{L}\p{M}*)?/u;

/**
 * Up to two initials: the first letter of each of the first two words that start with one (after
 * any brackets, quotes or emoji), in any script; words that start with a digit ("1st", "+44") are
 * skipped. Empty when no word qualifies (the avatar then shows the person icon).
 */
export const initialsOf = (name: string): string =>
  name
    .split(/\s+/u)
    .map((word) => LEADING.exec(word)?.[1] ?? '')
    .filter(Boolean)
    .slice(0, 2)
    .map((letter) => letter.toLocaleUpperCase())
    .join('');
