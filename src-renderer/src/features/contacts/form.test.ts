import { describe, expect, it } from 'vitest';
import { addTags, checkFieldRows, clearRow, counterText, rowError } from './form';

describe('the notes counter', () => {
  it('shows from 80 % of the limit', () => {
    expect(counterText(1599, 2000)).toBeNull();
    expect(counterText(1600, 2000)).toBe('1,600 / 2,000');
    expect(counterText(2000, 2000)).toBe('2,000 / 2,000');
  });
});

describe('custom field rows', () => {
  const row = (key: number, name: string, value = 'x') => ({ key, name, value });

  it('accepts names with spaces and any script, and puts each problem under its own row', () => {
    const rows = [row(1, 'favourite cake'), row(2, 'número'), row(3, ''), row(4, 'cake!'), row(5, 'favourite  cake')];
    const errors = checkFieldRows(rows);
    expect(rowError(errors, rows[0]!)).toBeNull();
    expect(rowError(errors, rows[1]!)).toBeNull();
    expect(rowError(errors, rows[2]!)).toBe('Give this field a name, or remove the row.');
    expect(rowError(errors, rows[3]!)).toMatch(
      /^“cake!” cannot be a field name: use letters, digits, spaces and _ only/,
    );
    expect(rowError(errors, rows[4]!)).toBe('Two fields are called “favourite cake”; rename one.');
    // An empty row is no row.
    expect(checkFieldRows([row(9, '', '')]).fields).toEqual({});
    expect(rowError(checkFieldRows([row(1, 'first_name')]), row(1, 'first_name'))).toMatch(/filled by Wren/);
    // The engine's sentence for a field finds its row by the name sent; editing the row clears it.
    const engine = { fields: { 'fields.favourite cake': 'Keep field values under 501 characters.' }, general: null };
    expect(rowError(engine, row(1, ' favourite   cake '))).toBe('Keep field values under 501 characters.');
    expect(rowError(clearRow(engine, row(1, 'favourite cake')), row(1, 'favourite cake'))).toBeNull();
  });
});

describe('typing tags', () => {
  it('keeps one tag whatever the case, in the spelling the bot already uses', () => {
    expect(addTags(['VIP'], 'vip, Spring', ['spring'])).toEqual({ tags: ['VIP', 'spring'], problem: null });
    expect(addTags([], 'New;new')).toEqual({ tags: ['New'], problem: null });
  });

  it('says why a tag is refused and adds nothing', () => {
    const long = 'x'.repeat(41);
    expect(addTags(['a'], `b, ${long}`)).toEqual({
      tags: ['a'],
      problem: `Keep tags under 41 characters (“${'x'.repeat(20)}…” is 41).`,
    });
  });
});
