/**
 * WhatsApp's text formatting, parsed into a small tree the UI renders as React nodes (never as
 * HTML). The rules follow WhatsApp's own: a marker opens only before non-space text and not in the
 * middle of a word (so snake_case and 2*3*4 stay plain), closes only after non-space text and not
 * before a letter or digit, and inline markers never reach across a line; ```triple backticks```
 * make a monospace block that may span lines and is taken literally, as is `inline code`. Links,
 * email addresses and phone numbers are recognised and never formatted inside.
 */
export type LinkKind = 'url' | 'email' | 'phone';

export type FormattedNode =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic' | 'strike'; children: FormattedNode[] }
  | { type: 'code'; text: string }
  | { type: 'mono'; text: string }
  | { type: 'link'; kind: LinkKind; text: string; href: string };

const STYLE_OF = { '*': 'bold', _: 'italic', '~': 'strike' } as const;
type Marker = keyof typeof STYLE_OF;

const isMarker = (ch: string | undefined): ch is Marker => ch === '*' || ch === '_' || ch === '~';
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** A stretch of a line that formatting must not touch: inline code or a link. */
type Atom = { start: number; end: number; node: FormattedNode };

/** `http(s)://…` or `www.…`, up to the next space; trailing punctuation is trimmed below. */
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** "+44 7700 900123", "+1 (555) 010-0199": a plus, then 7 to 15 digits with the usual separators. */
const PHONE_RE = /\+\d[\d ().-]{5,22}\d/gu;

/** What a sentence puts after a link without meaning it as part of it. */
const TRAILING = /[.,:;!?'"*_~]$/u;

/** Drops trailing punctuation, and a closing bracket the link did not open ("(see www.x.com)"). */
const trimUrl = (raw: string): string => {
  let url = raw;
  for (;;) {
    if (TRAILING.test(url)) url = url.slice(0, -1);
    else if (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
      url = url.slice(0, -1);
    } else return url;
  }
};

const findAll = (line: string, re: RegExp, make: (text: string) => FormattedNode | null): Atom[] => {
  const atoms: Atom[] = [];
  for (const match of line.matchAll(re)) {
    const node = make(match[0]);
    if (node && node.type === 'link') atoms.push({ start: match.index, end: match.index + node.text.length, node });
  }
  return atoms;
};

const urlNode = (raw: string): FormattedNode | null => {
  const text = trimUrl(raw);
  if (/^(?:https?:\/\/|www\.)$/i.test(text)) return null;
  const href = /^www\./i.test(text) ? `https://${text}` : text;
  return { type: 'link', kind: 'url', text, href };
};

const emailNode = (raw: string): FormattedNode => {
  const text = raw.replace(/\.+$/u, '');
  return { type: 'link', kind: 'email', text, href: `mailto:${text}` };
};

const phoneNode = (raw: string): FormattedNode | null => {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return { type: 'link', kind: 'phone', text: raw, href: `tel:+${digits}` };
};

/** Inline code first (nothing inside it is a link), then links, emails and phones, earliest first. */
const atomsOf = (line: string): Atom[] => {
  const taken: Atom[] = [];
  const overlaps = (a: Atom) => taken.some((t) => a.start < t.end && t.start < a.end);
  for (const match of line.matchAll(/`([^`]+)`/gu)) {
    const inner = match[1] ?? '';
    // `` ` x ` `` with spaces hugging the ticks is not code in WhatsApp either.
    if (isSpace(inner[0]) || isSpace(inner[inner.length - 1])) continue;
    taken.push({ start: match.index, end: match.index + match[0].length, node: { type: 'code', text: inner } });
  }
  const links = [
    ...findAll(line, URL_RE, urlNode),
    ...findAll(line, EMAIL_RE, emailNode),
    ...findAll(line, PHONE_RE, phoneNode),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const link of links) {
    // A phone number glued to a word or digit ("ab+4477…") is not one.
    const glued = link.node.type === 'link' && link.node.kind === 'phone' && isWordChar(line[link.start - 1]);
    if (!glued && !overlaps(link)) taken.push(link);
  }
  return taken.sort((a, b) => a.start - b.start);
};

/** Parses line[from, to) with its atoms; markers pair with the nearest closer that may close them. */
const parseInline = (line: string, from: number, to: number, atoms: Atom[]): FormattedNode[] => {
  const nodes: FormattedNode[] = [];
  let text = '';
  const flush = () => {
    if (text) nodes.push({ type: 'text', text });
    text = '';
  };
  const atomAt = (i: number) => atoms.find((a) => a.start === i && a.end <= to);
  const insideAtom = (i: number) => atoms.some((a) => i >= a.start && i < a.end);

  const canOpen = (i: number): boolean => {
    const next = line[i + 1];
    return !isWordChar(line[i - 1]) && i + 1 < to && next !== undefined && !isSpace(next) && next !== line[i];
  };
  const closerFor = (marker: Marker, i: number): number => {
    for (let j = i + 2; j < to; j++) {
      const atom = atomAt(j);
      if (atom) {
        j = atom.end - 1;
        continue;
      }
      if (line[j] === marker && !isSpace(line[j - 1]) && !isWordChar(line[j + 1]) && !insideAtom(j)) return j;
    }
    return -1;
  };

  let i = from;
  while (i < to) {
    const atom = atomAt(i);
    if (atom) {
      flush();
      nodes.push(atom.node);
      i = atom.end;
      continue;
    }
    const ch = line[i];
    if (isMarker(ch) && canOpen(i)) {
      const close = closerFor(ch, i);
      if (close > 0) {
        flush();
        nodes.push({ type: STYLE_OF[ch], children: parseInline(line, i + 1, close, atoms) });
        i = close + 1;
        continue;
      }
    }
    text += ch ?? '';
    i += 1;
  }
  flush();
  return nodes;
};

/** Neighbouring text nodes joined, so the tree stays small and easy to compare in tests. */
const merge = (nodes: FormattedNode[]): FormattedNode[] => {
  const out: FormattedNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text')
      out[out.length - 1] = { type: 'text', text: last.text + node.text };
    else if (node.type !== 'text' || node.text) out.push(node);
  }
  return out;
};

const parseLines = (segment: string): FormattedNode[] =>
  segment.split('\n').flatMap((line, index) => {
    const nodes = parseInline(line, 0, line.length, atomsOf(line));
    return index === 0 ? nodes : [{ type: 'text' as const, text: '\n' }, ...nodes];
  });

/** The whole message: monospace blocks first (taken literally), then each line of the rest. */
export const parseFormatting = (input: string): FormattedNode[] => {
  const nodes: FormattedNode[] = [];
  let rest = 0;
  for (const match of input.matchAll(/```([\s\S]+?)```/gu)) {
    nodes.push(...parseLines(input.slice(rest, match.index)));
    nodes.push({ type: 'mono', text: match[1] ?? '' });
    rest = match.index + match[0].length;
  }
  nodes.push(...parseLines(input.slice(rest)));
  return merge(nodes);
};

/** The text a person reads, markers removed (for previews and tests). */
export const plainText = (nodes: FormattedNode[]): string =>
  nodes.map((n) => ('children' in n ? plainText(n.children) : n.text)).join('');
