/**
 * The pipeline bench's profile of its slow turns (WREN_BENCH_PIPELINE_TRACE=1, bench/pipeline.bench.ts):
 * what ran inside every turn over 8 ms (commits, GC pauses, statements over 2 ms, the rest), and
 * the engine's own time per message for each tenth of the run. It keeps every span it sees, so a
 * traced run's heap figure means nothing.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** A turn is a message handed over, until the driver has yielded once. */
type Span = { at: number; ms: number };
const slowStatements: (Span & { sql: string })[] = [];
/** Times every statement prepared from now on and keeps those over 2 ms; call before the engine starts. */
export const timeStatements = (): void => {
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, sql: string) {
    const statement = prepare.call(this, sql);
    for (const method of ['run', 'get', 'all'] as const) {
      const call = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          const at = performance.now();
          const result = call(...args);
          const took = performance.now() - at;
          if (took > 2) slowStatements.push({ at, ms: took, sql: sql.replace(/\s+/g, ' ').slice(0, 90) });
          return result;
        },
      });
    }
    return statement;
  } as typeof prepare;
};

/** Bytes and calls of write(2) by this process so far (Linux; zeros elsewhere). */
const written = (): { bytes: number; calls: number } => {
  try {
    const io = readFileSync('/proc/self/io', 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? 0);
    return { bytes: field('wchar'), calls: field('syscw') };
  } catch {
    return { bytes: 0, calls: 0 };
  }
};

/**
 * Which b-trees the frames in the WAL belong to: the frames written since the WAL last started
 * over (those with the header's salt), by table or index (SQLite's dbstat), most first.
 */
const walPages = (sqlite: Database.Database, walFile: string): string => {
  let wal: Buffer;
  try {
    wal = readFileSync(walFile);
  } catch {
    return 'no WAL';
  }
  if (wal.length < 32) return 'empty WAL';
  const pageSize = wal.readUInt32BE(8);
  const salt = wal.readUInt32BE(16);
  const owner = new Map<number, string>(
    (sqlite.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]).map((r) => [
      r.pageno,
      r.name,
    ]),
  );
  const counts = new Map<string, number>();
  let frames = 0;
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt) continue;
    frames++;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
    const name = owner.get(wal.readUInt32BE(at)) ?? '(free or new)';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return (
    `${frames} frames in ${commits} commits (${(frames / Math.max(1, commits)).toFixed(1)} a commit): ` +
    top.map(([name, n]) => `${name} ${((n / frames) * 100).toFixed(0)}%`).join(', ')
  );
};

export const startTrace = (sqlite: Database.Database, walFile: string) => {
  const writtenAtStart = written();
  const commits: Span[] = [];
  const gcs: (Span & { kind: number })[] = [];
  const long: { i: number; at: number; ms: number }[] = [];
  const busy: number[] = [];
  let busyNow = 0;
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (sql: string) => {
    if (sql !== 'COMMIT') return exec(sql);
    const at = performance.now();
    const result = exec(sql);
    commits.push({ at, ms: performance.now() - at });
    return result;
  };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push({
        at: e.startTime,
        ms: e.duration,
        kind: (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0,
      });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    turn(i: number, at: number, ms: number) {
      busyNow += ms;
      if (ms > 8) long.push({ i, at, ms });
    },
    tenth() {
      busy.push(busyNow);
      busyNow = 0;
    },
    report(readEvery: number, messages: number) {
      observer.disconnect();
      // The WAL's frames and the checkpoint worker's copies back, both this process's.
      const io = written();
      console.log(
        `trace: written ${((io.bytes - writtenAtStart.bytes) / messages / 1024).toFixed(1)} KB and ` +
          `${((io.calls - writtenAtStart.calls) / messages).toFixed(1)} write calls per message (WAL and checkpoints)`,
      );
      console.log(`trace: the WAL's pages, ${walPages(sqlite, walFile)}`);
      const within = <T extends Span>(spans: T[], at: number, ms: number) =>
        spans.filter((s) => s.at >= at && s.at < at + ms);
      const sum = (spans: Span[]) => spans.reduce((a, s) => a + s.ms, 0);
      console.log(
        `\ntrace: engine time per message, each tenth: ${busy.map((b) => (b / readEvery).toFixed(3)).join(' ')} ms`,
      );
      const byCause = { commit: 0, gc: 0, statements: 0, other: 0 };
      let total = 0;
      for (const t of long) {
        const c = sum(within(commits, t.at, t.ms));
        const g = sum(within(gcs, t.at, t.ms));
        const q = sum(within(slowStatements, t.at, t.ms));
        total += t.ms;
        byCause.commit += c;
        byCause.gc += g;
        byCause.statements += q;
        byCause.other += Math.max(0, t.ms - c - g - q);
      }
      console.log(
        `trace: ${long.length} turns over 8 ms, ${total.toFixed(0)} ms in all: commits ${byCause.commit.toFixed(0)} ms, ` +
          `GC ${byCause.gc.toFixed(0)} ms, statements over 2 ms ${byCause.statements.toFixed(0)} ms, other ${byCause.other.toFixed(0)} ms`,
      );
      const commitSorted = commits.map((c) => c.ms).sort((a, b) => a - b);
      const q = (a: number[], f: number) => a[Math.min(a.length - 1, Math.floor(f * a.length))] ?? NaN;
      console.log(
        `trace: ${commits.length} commits, median ${q(commitSorted, 0.5).toFixed(2)} ms, p99 ${q(commitSorted, 0.99).toFixed(2)} ms, max ${q(commitSorted, 1).toFixed(2)} ms`,
      );
      const gcByKind = new Map<number, number[]>();
      for (const g of gcs) {
        const list = gcByKind.get(g.kind);
        if (list) list.push(g.ms);
        else gcByKind.set(g.kind, [g.ms]);
      }
      for (const [kind, list] of gcByKind) {
        list.sort((a, b) => a - b);
        console.log(
          `trace: GC kind ${kind}: ${list.length}, median ${q(list, 0.5).toFixed(2)} ms, max ${q(list, 1).toFixed(2)} ms`,
        );
      }
      // On the monotonic clock a --cpu-prof profile's sample times use, to find a turn in it.
      const monoUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
      for (const t of [...long].sort((a, b) => b.ms - a.ms).slice(0, 25)) {
        const c = within(commits, t.at, t.ms);
        const g = within(gcs, t.at, t.ms);
        const q = within(slowStatements, t.at, t.ms);
        console.log(
          `  message ${t.i} (at ${Math.round(t.at * 1000 + monoUs)} µs): ${t.ms.toFixed(1)} ms; commits ${c.map((x) => x.ms.toFixed(1)).join('+') || '-'}; GC ${g.map((x) => `${x.kind}:${x.ms.toFixed(1)}`).join('+') || '-'}` +
            q.map((x) => `\n      ${x.ms.toFixed(1)} ms ${x.sql}`).join(''),
        );
      }
    },
  };
};
