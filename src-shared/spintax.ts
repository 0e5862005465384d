/**
 * Spintax: `{Hi|Hello|Hey} {{name}}` sends each recipient one of the choices, so a campaign's
 * messages are not all identical. Choices may nest (`{Hi|{Good morning|Morning}}`); `{{…}}` is a
 * template variable, never spintax.
 */

type Node = string | Node[][];

const parse = (text: string): { nodes: Node[]; problem: string | null } => {
  let i = 0;
  const group = (depth: number): { nodes: Node[]; closed: boolean } => {
    const nodes: Node[] = [];
    let literal = '';
    const flush = () => {
      if (literal) nodes.push(literal);
      literal = '';
    };
    while (i < text.length) {
      const ch = text[i] ?? '';
      if (ch === '{' && text[i + 1] === '{') {
        const end = text.indexOf('}}', i + 2);
        const stop = end === -1 ? text.length : end + 2;
        literal += text.slice(i, stop);
        i = stop;
      } else if (ch === '{') {
        flush();
        i += 1;
        const choices: Node[][] = [];
        for (;;) {
          const choice = group(depth + 1);
          choices.push(choice.nodes);
          if (!choice.closed) return { nodes, closed: false };
          if (text[i - 1] === '}') break;
        }
        nodes.push(choices);
      } else if (depth > 0 && (ch === '|' || ch === '}')) {
        flush();
        i += 1;
        return { nodes, closed: true };
      } else {
        literal += ch;
        i += 1;
      }
    }
    flush();
    return { nodes, closed: depth === 0 };
  };
  const top = group(0);
  if (!top.closed) return { nodes: [], problem: 'A “{” has no matching “}”. Close every {choice|choice}.' };
  return { nodes: top.nodes, problem: null };
};

/** What is wrong with the spintax of a text, or null. */
export const spintaxProblem = (text: string): string | null => {
  const { problem } = parse(text);
  if (problem) return problem;
  // A lone "}" outside any group (and not part of "}}") is a typo too.
  const stripped = text.replace(/\{\{[^}]*\}\}/g, '');
  let depth = 0;
  for (const ch of stripped) {
    if (ch === '{') depth += 1;
    if (ch === '}') depth -= 1;
    if (depth < 0) return 'A “}” has no matching “{”. Write choices as {Hi|Hello}.';
  }
  return null;
};

// A plan spins the same few variant texts for every recipient: parse each once, not 100,000 times.
const parsedTexts = new Map<string, ReturnType<typeof parse>>();
const parsedOnce = (text: string): ReturnType<typeof parse> => {
  let parsed = parsedTexts.get(text);
  if (!parsed) {
    if (parsedTexts.size >= 32) parsedTexts.clear();
    parsed = parse(text);
    parsedTexts.set(text, parsed);
  }
  return parsed;
};

/** One of the text's variations, choosing with `random` (0 ≤ r < 1). */
export const spin = (text: string, random: () => number): string => {
  const { nodes, problem } = parsedOnce(text);
  if (problem) return text;
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        if (typeof node === 'string') return node;
        const choice = node[Math.min(node.length - 1, Math.floor(random() * node.length))] ?? [];
        return render(choice);
      })
      .join('');
  return render(nodes);
};

/** A small seeded generator (mulberry32): the same seed gives the same choices. */
export const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
