import type { FlowNode } from '../../../../src-shared/automations';
import { fold } from '../compiled';

/**
 * What a customer inside a menu meant when they did not send a number: the option they named,
 * one they nearly named (a typo, one word of it), or nothing, in which case the message is not an
 * answer to the menu at all.
 */

/** Edits between two short words, giving up past `limit` (labels are at most 60 characters). */
const distance = (a: string, b: string, limit: number): number => {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
};

const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The option whose label is the whole message ("Prices", "opening hours!"), as its index. */
export const optionNamed = (node: FlowNode, said: string): number | null => {
  const bare = words(said).join(' ');
  if (!bare) return null;
  const index = node.options.findIndex((option) => words(fold(option.label)).join(' ') === bare);
  return index === -1 ? null : index;
};

/**
 * The option a one-word message nearly names: "price" or "prises" for "Prices", "hours" for
 * "Opening hours". Longer messages are questions of their own, not attempts at an option.
 */
export const optionNearly = (node: FlowNode, said: string): number | null => {
  const typed = words(said);
  const word = typed[0];
  if (typed.length !== 1 || !word || word.length < 3 || word.length > 30) return null;
  const limit = word.length >= 6 ? 2 : 1;
  const index = node.options.findIndex((option) =>
    words(fold(option.label)).some(
      (part) =>
        part.length >= 3 && (part.startsWith(word) || word.startsWith(part) || distance(word, part, limit) <= limit),
    ),
  );
  return index === -1 ? null : index;
};
