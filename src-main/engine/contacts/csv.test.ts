import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src-shared/csv-cell';
import { csvReader, detectDelimiter, readTable } from './csv';

describe('reading CSV', () => {
  it('counts the lines inside quoted cells, so a reported line is the one an editor shows', async () => {
    const table = await readTable('a,b\r\n"x\r\ny",1\r\n\r\n"say ""hi""",2\n"open quote,3\n');
    expect(table.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\r\ny', '1'] },
      { line: 5, cells: ['say "hi"', '2'] },
      // A quote that never closes is a plain character, not the start of the rest of the file.
      { line: 6, cells: ['"open quote', '3'] },
    ]);
  });

  it('reads the delimiter from the content, respecting quotes', () => {
    expect(detectDelimiter('Nombre;Teléfono;Saldo\nAna;+34 612 345 678;12,50\nBen;+34 612 345 679;3,10\n')).toBe(';');
    expect(detectDelimiter('name,phone,tags\nAna,+447700900001,"vip;spring"\nBen,+447700900002,"a;b;c"\n')).toBe(',');
    // A tab file of "Last, First" names whose trailing empty cells an editor trimmed.
    expect(detectDelimiter('Name\tPhone\tNotes\nSilva, Ana\t1\tx\nLee, Sam\t2\nDiaz, Rosa\t3\n')).toBe('\t');
    expect(detectDelimiter('phone\n+447700900001\n')).toBe(',');
  });

  it('takes Excel’s sep= line as the delimiter and not as a row', async () => {
    const table = await readTable('sep=;\r\nphone;name\r\n+447700900001;Ana, A.\r\n');
    expect(table).toEqual({
      delimiter: ';',
      rows: [
        { line: 2, cells: ['phone', 'name'] },
        { line: 3, cells: ['+447700900001', 'Ana, A.'] },
      ],
    });
  });

  it('keeps a trailing empty cell', () => {
    const reader = csvReader('a,b,', ',');
    expect(reader.next()).toEqual({ line: 1, cells: ['a', 'b', ''] });
    expect(reader.next()).toBeNull();
  });

  it('reads back every table Wren writes, formulas neutralised and restored (property)', async () => {
    const cellText = fc
      .tuple(
        fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'", "'=", "''@"),
        fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', "'", '\n', '\r\n', '=', '+', '7', 'é', '\t') }),
        fc.constantFrom('x', '1', 'ü', '"'),
      )
      .map(([prefix, middle, end]) => `${prefix}${middle.trim()}${end}`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellText, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), async (rows) => {
        const table = await readTable(toCsv(['h1', 'h2', 'h3'], rows));
        expect(table.delimiter).toBe(',');
        expect(table.rows.map((r) => r.cells)).toEqual([['h1', 'h2', 'h3'], ...rows]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
