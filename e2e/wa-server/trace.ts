import type { BinaryNode } from './baileys';

export type TraceEntry = {
  at: number;
  /** Which socket: `#3` before login, `15550001111:1` once a device logged in. */
  who: string;
  direction: 'in' | 'out' | 'error' | 'event';
  summary: string;
};

/** Every stanza both ways, kept in a ring so a long test cannot grow it without bound. */
export class Trace {
  private readonly entries: TraceEntry[] = [];
  /** Handler failures: a test ends by asserting this is empty, and the entry names the stanza. */
  readonly errors: TraceEntry[] = [];

  constructor(
    private readonly limit = 5_000,
    private readonly echo = false,
  ) {}

  record(who: string, direction: TraceEntry['direction'], summary: string): void {
    const entry = { at: Date.now(), who, direction, summary };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    if (direction === 'error') this.errors.push(entry);
    if (this.echo) console.log(formatEntry(entry));
  }

  node(who: string, direction: 'in' | 'out', node: BinaryNode): void {
    this.record(who, direction, summarize(node));
  }

  list(): readonly TraceEntry[] {
    return this.entries;
  }

  format(last = 200): string {
    return this.entries.slice(-last).map(formatEntry).join('\n');
  }
}

const formatEntry = (e: TraceEntry): string =>
  `${new Date(e.at).toISOString().slice(11, 23)} ${e.who.padEnd(18)} ${arrow[e.direction]} ${e.summary}`;

const arrow: Record<TraceEntry['direction'], string> = { in: '→', out: '←', error: '!!', event: '··' };

/** `<iq id=1 type=get xmlns=encrypt><count/></iq>`, with binary content shown by length only. */
export const summarize = (node: BinaryNode, depth = 0): string => {
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}=${v}`)
    .join('');
  const { content } = node;
  let inner = '';
  if (Array.isArray(content)) {
    inner =
      depth > 2
        ? `…${content.length}`
        : content
            .slice(0, 6)
            .map((c) => summarize(c, depth + 1))
            .join('');
    if (content.length > 6) inner += `…+${content.length - 6}`;
  } else if (content instanceof Uint8Array) {
    inner = `[${content.length} bytes]`;
  } else if (typeof content === 'string') {
    inner = content.length > 40 ? `${content.slice(0, 40)}…` : content;
  }
  return inner ? `<${node.tag}${attrs}>${inner}</${node.tag}>` : `<${node.tag}${attrs}/>`;
};
