import { describe, expect, it } from 'vitest';
import { csvCell, restoreCsvCell, toCsv } from './csv-cell';

describe('CSV cells a spreadsheet will not run', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['+447700900123', `"'+447700900123"`],
    ['-2+3', `"'-2+3"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ["'=already", `"''=already"`],
  ])('neutralises %j the OWASP way: a leading apostrophe, quoted', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves other cells as RFC 4180 writes them', () => {
    expect(csvCell('Ana')).toBe('Ana');
    expect(csvCell('Brown, Ben')).toBe('"Brown, Ben"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell(3)).toBe('3');
    expect(csvCell(-3)).toBe(`"'-3"`);
    expect(csvCell(null)).toBe('');
  });

  it('writes a whole file with CRLF line ends', () => {
    expect(toCsv(['phone', 'name'], [['+44', '=1+1']])).toBe(`\uFEFFphone,name\r\n"'+44","'=1+1"`);
  });

  it('reads back what it neutralised, and nothing else', () => {
    for (const value of ['=1+1', '+44', '-', '@x', '\tx', "'=x", "''+x"]) {
      expect(restoreCsvCell(`'${value}`)).toBe(value);
    }
    expect(restoreCsvCell("'quoted'")).toBe("'quoted'");
    expect(restoreCsvCell('=1+1')).toBe('=1+1');
  });
});
