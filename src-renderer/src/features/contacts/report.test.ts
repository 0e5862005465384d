import { describe, expect, it } from 'vitest';
import { problemLine, reportOf } from './report';

describe('import report', () => {
  it('names each skipped line with its reason', () => {
    expect(problemLine({ line: 3, reason: 'No phone number.' })).toBe('Line 3: No phone number.');
  });

  it('lists the counts and every skipped row', () => {
    const text = reportOf({ added: 2, updated: 1, skipped: [{ line: 4, reason: 'No phone number.' }] });
    expect(text.split('\n')).toEqual(['Added: 2', 'Updated: 1', 'Skipped: 1', '', 'Line 4: No phone number.', '']);
  });
});
