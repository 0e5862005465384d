/**
 * Settled resident memory, the one way every session bench reads it (wa-child.ts, machine-child.ts),
 * so their MB compare.
 */
import { Session } from 'node:inspector';
import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The collection V8 does on a low-memory notification (the inspector's HeapProfiler.collectGarbage,
 * in process, no port): full GCs that also give freed pages back to the system. After a plain gc()
 * V8 keeps them (tens of MB after a link) until its memory reducer runs some idle seconds later, at
 * no predictable moment, so two reads of the same idle process could differ by more than ten
 * sessions cost.
 */
const collectAll = () =>
  new Promise<void>((resolve, reject) => {
    const session = new Session();
    session.connect();
    session.post('HeapProfiler.collectGarbage', (error) => {
      // Disconnecting inside the callback never returns (Node 20): do it on the next turn.
      setImmediate(() => session.disconnect());
      if (error) reject(error);
      else resolve();
    });
  });

export type Resident = { rss: number; rssAnon: number; rssFile: number };

/** The kernel's view of this process's resident memory (/proc/self/status), in bytes. */
export const residentNow = (): Resident => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), rssAnon: kb('RssAnon'), rssFile: kb('RssFile') };
};

/**
 * 1.5 s quiet, then three rounds of a full collection, 500 ms (V8 unmaps the pages it gave up on
 * a background thread: a read right after the collection still counts them), and a read. The
 * median read.
 */
export const settledResident = async (): Promise<Resident> => {
  await sleep(1_500);
  const reads: Resident[] = [];
  for (let i = 0; i < 3; i++) {
    await collectAll();
    await sleep(500);
    reads.push(residentNow());
  }
  return [...reads].sort((a, b) => a.rss - b.rss)[1] ?? residentNow();
};
