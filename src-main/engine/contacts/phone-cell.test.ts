import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numbersInCell, phoneFromCell } from './phone-cell';

const phone = (cell: string, country = 'GB') => phoneFromCell(cell, country);

describe('numbers a spreadsheet shortened', () => {
  // 628123456789 shown by Excel with fewer digits than it has: the last ones are gone for good.
  it.each([
    '6,28123E+11',
    '6.28123E+11',
    '6.28E+11',
    '6,28123E11',
    '628123E+6',
    '6.28123e+11',
    '６，２８１２３Ｅ＋１１',
  ])('refuses %s instead of padding it with zeros', (cell) => {
    const read = phone(cell, 'ID');
    expect(read).toEqual({
      problem: expect.stringMatching(/was shortened by a spreadsheet .*format the column as text and export again$/),
      shortened: true,
    });
  });

  it('refuses numbers longer than the 15 digits Excel keeps', () => {
    expect(phone('1.23456789012345678E+17')).toMatchObject({ shortened: true });
  });

  it.each([
    ['4.47700900123E+11', '+447700900123'],
    ['4,47700900123E+11', '+447700900123'],
    ['4.47700900123E11', '+447700900123'],
    ['4.4770090012300E+11', '+447700900123'],
    ['447700900123.0', '+447700900123'],
    ['447700900123,00', '+447700900123'],
    ['447,700,900,123', '+447700900123'],
    ["'+447700900123", '+447700900123'],
    ['="00447700900123"', '+447700900123'],
  ])('keeps %s, whose digits are all there', (cell, e164) => {
    expect(phone(cell)).toEqual({ phone: e164 });
  });

  it('says a fraction is no phone number', () => {
    expect(phone('4.47700900123E+5')).toEqual({ problem: '“4.47700900123E+5” is not a phone number' });
  });

  it('never turns a rounded scientific number into a phone (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{10,13}$/),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('.', ','),
        (digits, kept, separator) => {
          const shown = digits.slice(0, Math.min(kept, digits.length - 1)).replace(/0+$/, '');
          fc.pre(shown.length < digits.length);
          const cell = `${shown[0]}${shown.length > 1 ? separator + shown.slice(1) : ''}E+${digits.length - 1}`;
          expect('phone' in phone(cell, 'ID')).toBe(false);
        },
      ),
      { seed: 12, numRuns: 500 },
    );
  });
});

describe('numbers as people paste them', () => {
  it.each([
    ['＋４４ ７７００ ９００１２３', 'full-width digits and plus'],
    ['+44\u00a07700\u00a0900123', 'non-breaking spaces'],
    ['+44\u202f7700\u2009900123', 'narrow and thin spaces'],
    ['+44\u22127700\u2212900123', 'Unicode minus signs'],
    ['+44 7700–900123', 'an en dash'],
    ['\u202a+44 7700 900123\u202c', 'bidi marks, as WhatsApp Web copies numbers'],
    ['+44\u200b7700\u200b900123', 'zero-width spaces'],
    ['tel:+447700900123', 'a tel: link'],
  ])('reads %s (%s)', (cell) => {
    expect(phone(cell)).toEqual({ phone: '+447700900123' });
  });

  it('says what is wrong with a number it cannot read', () => {
    expect(phone('12345')).toEqual({
      problem: '“12345” is not a valid phone number (check the country code; numbers without one are read as GB)',
    });
    expect(phone('call me')).toEqual({ problem: '“call me” is not a phone number' });
    expect(phone("'")).toEqual({ problem: 'the phone number is empty' });
  });
});

describe('cells with several numbers', () => {
  it.each([
    ['+44 7700 900123 ::: +44 7700 900124', ['+44 7700 900123', '+44 7700 900124']],
    ['07700 900123 / 07700 900124', ['07700 900123', '07700 900124']],
    ['07700900123/07700900124', ['07700900123', '07700900124']],
    ['07700 900123; 07700 900124', ['07700 900123', '07700 900124']],
    ['07700900123,07700900124', ['07700900123', '07700900124']],
    ['07700 900123\n07700 900124', ['07700 900123', '07700 900124']],
    ['07700 900123 or 07700 900124', ['07700 900123', '07700 900124']],
  ])('splits %j', (cell, parts) => {
    expect(numbersInCell(cell)).toEqual(parts);
  });

  it.each(['030/1234567', '6,28123E+11', '447,700,900,123', '447700900123,0', '="+44 7700, 900123"'])(
    'keeps %s whole',
    (cell) => {
      expect(numbersInCell(cell)).toEqual([cell]);
    },
  );

  it('never reads two numbers glued together as one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(' / ', '; ', ', ', ' ::: ', '\n'),
        (a, b, separator) => {
          const cell = `07700 900${String(a).padStart(3, '0')}${separator}07700 900${String(b).padStart(3, '0')}`;
          const parts = numbersInCell(cell).map((part) => phone(part));
          expect(parts).toEqual([
            { phone: `+447700900${String(a).padStart(3, '0')}` },
            { phone: `+447700900${String(b).padStart(3, '0')}` },
          ]);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
