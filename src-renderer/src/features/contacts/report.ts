import type { ImportResult } from '../../../../src-shared/contacts';

type Problem = ImportResult['skipped'][number];

/** "Line 7: …": the engine's reason with the line it is about. */
export const problemLine = (problem: Problem): string => `Line ${problem.line}: ${problem.reason}`;

/** The text of "Download report": the counts, then every skipped row. */
export const reportOf = (result: ImportResult): string =>
  [
    `Added: ${result.added}`,
    `Updated: ${result.updated}`,
    `Skipped: ${result.skipped.length}`,
    '',
    ...result.skipped.map(problemLine),
    '',
  ].join('\n');
