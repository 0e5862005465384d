import { initials } from '../lib/format';

/** WhatsApp-like muted tones; a name always gets the same one. */
const TONES = ['#00a884', '#53bdeb', '#7f66ff', '#ff8a8c', '#ffbc38', '#009de2', '#a5b337', '#fc9775'];

/** The n-th tone: things listed in a fixed order (bots) look apart for the first eight. */
export const toneAt = (index: number): string => TONES[index % TONES.length] ?? '#00a884';

const toneFor = (seed: string): string => {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return TONES[hash % TONES.length] ?? '#00a884';
};

export const Avatar = ({ name, seed, size = 49 }: { name: string; seed: string; size?: number }) => (
  <span
    className="avatar"
    aria-hidden="true"
    style={{ width: size, height: size, fontSize: Math.round(size * 0.38), background: toneFor(seed) }}
  >
    {initials(name)}
  </span>
);
