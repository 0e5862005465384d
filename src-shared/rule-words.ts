/**
 * The words and phrases of a "contains", "is exactly" or "starts with" auto-reply rule, read the
 * same way by the engine (which matches them) and the Automations page (which edits them).
 */

/** The match kinds that answer to words or phrases (any of a list), rather than a pattern or nothing. */
export const WORD_MATCHES: readonly string[] = ['contains', 'exact', 'starts-with'];

/** "price, cost ,, Price" → ["price", "cost"]: trimmed, no blanks, no repeats (ignoring case). */
export const splitPhrases = (text: string): string[] => {
  const seen = new Set<string>();
  const phrases: string[] = [];
  for (const part of text.split(',')) {
    const phrase = part.trim().replace(/\s+/g, ' ');
    const key = phrase.toLowerCase();
    if (!phrase || seen.has(key)) continue;
    seen.add(key);
    phrases.push(phrase);
  }
  return phrases;
};

/**
 * What a word rule answers to: its list, or (a rule saved before rules had lists, or sent by an
 * API client in the old shape) its pattern read as a comma-separated list, so "price" stays one
 * phrase and "price, cost" becomes two. Other kinds of rule have none.
 */
export const ruleWords = (rule: { match: string; pattern: string; words: readonly string[] }): string[] => {
  if (!WORD_MATCHES.includes(rule.match)) return [];
  if (rule.words.length > 0) return [...rule.words];
  const phrases = splitPhrases(rule.pattern);
  // A pattern of commas alone was one (odd) phrase before; it stays one rather than none.
  return phrases.length > 0 || !rule.pattern.trim() ? phrases : [rule.pattern.trim()];
};
