import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, createEngine } from '../index';
import { seededRandom } from '../random';
import { runKillableChild, type ChildOutcome } from '../testing/kill-child';

const CHILD = join(import.meta.dirname, 'crash', 'child.ts');
/** Contacts the bot has before the import; the import updates these and adds the rest. */
const KNOWN = 300;
const ROWS = 20_000;
const KILLS = 6;
/** Change it to replay other moments; a failure names the seed and the moments it used. */
const SEED = Number(process.env.WREN_CRASH_SEED ?? 20_260_312);

/** `killed`: the kill landed (before the import answered, or after, while the engine closed). */
const runChild = (args: string[], killAfterMs: number | null): Promise<ChildOutcome> =>
  runKillableChild({ script: CHILD, args, marker: 'WRITING', killAfterMs });

/** What the data folder holds, read by a fresh engine (which first undoes an interrupted import). */
const stateOf = async (dataDir: string) => {
  const engine = createEngine({ dataDir, mode: 'headless', version: 'crash-check' });
  try {
    const rows = engine.db.sqlite
      .prepare(
        `SELECT c.phone_jid, c.name, c.fields, (SELECT json_group_array(tag) FROM
           (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag)) AS tags
         FROM contacts c ORDER BY c.phone_jid`,
      )
      .all() as { phone_jid: string; name: string; fields: string; tags: string }[];
    const pending = engine.db.sqlite.prepare('SELECT count(*) AS n FROM contact_imports').get() as { n: number };
    return { rows, pending: pending.n };
  } finally {
    await engine.close();
  }
};

/** Whether a killed process left an import half written on disk (read without undoing it). */
const halfWritten = (dataDir: string): boolean => {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true });
  try {
    const slices = db.prepare('SELECT count(*) AS n FROM contact_import_undo').get() as { n: number };
    return slices.n > 0;
  } finally {
    db.close();
  }
};

const root = mkdtempSync(join(tmpdir(), 'wren-import-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a contacts import killed at random moments', () => {
  it('leaves everything or nothing, never part of it', { timeout: 300_000 }, async () => {
    const pristine = join(root, 'pristine');
    const setup = await runChild(['setup', pristine, String(KNOWN)], null);
    expect(setup.said, setup.said).toContain('READY');
    const nothing = await stateOf(pristine);
    expect(nothing.rows).toHaveLength(KNOWN);

    // Once without a kill: what "everything" looks like, and how long the writing takes here.
    const whole = join(root, 'whole');
    cpSync(pristine, whole, { recursive: true });
    const done = await runChild(['import', whole, String(ROWS)], null);
    const [, writingAt] = /WRITING (\d+)/.exec(done.said) ?? [];
    const [, doneAt, added, updated] = /DONE (\d+) (\d+) (\d+)/.exec(done.said) ?? [];
    expect([added, updated], done.said).toEqual([String(ROWS - KNOWN), String(KNOWN)]);
    const everything = await stateOf(whole);
    expect(everything.rows).toHaveLength(ROWS);
    const writeMs = Number(doneAt) - Number(writingAt);

    const random = seededRandom(SEED);
    const moments: number[] = [];
    let midWrite = 0;
    for (let round = 0; round < KILLS; round += 1) {
      const dataDir = join(root, `kill-${round}`);
      cpSync(pristine, dataDir, { recursive: true });
      // Anywhere in the writing, and a little past it (a kill after the last step).
      const moment = Math.floor(random() * writeMs * 1.2);
      moments.push(moment);
      const outcome = await runChild(['import', dataDir, String(ROWS)], moment);
      const context = `seed ${SEED}, kills at ${moments.join(', ')} ms of ${writeMs} ms of writing:\n${outcome.said}`;
      if (!outcome.killed) expect(outcome.code, context).toBe(0);
      if (outcome.killed && halfWritten(dataDir)) midWrite += 1;
      const after = await stateOf(dataDir);
      expect(after.pending, context).toBe(0);
      if (after.rows.length === KNOWN) expect(after, context).toEqual(nothing);
      else expect(after, context).toEqual(everything);
    }
    expect(midWrite, `kills at ${moments.join(', ')} ms of ${writeMs} ms (seed ${SEED})`).toBeGreaterThan(0);
  });
});
