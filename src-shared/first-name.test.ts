import { describe, expect, it } from 'vitest';
import { firstNameFor, firstNameOf } from './first-name';

describe('firstNameOf', () => {
  it.each([
    ['Ana Lima', 'Ana'],
    ['Smith, John', 'John'],
    ['Lima, Ana Maria', 'Ana'],
    ['Dr. Ana Lima', 'Ana'],
    ['Mr Ben Carter', 'Ben'],
    ['Sra. María José', 'María'],
    ['Sr. João Silva', 'João'],
    ['Madonna', 'Madonna'],
    ['Smith,', 'Smith'],
    ['Hi <img src=x onerror=alert(1)> Ana', 'Hi'],
    ['<img src=x> Ana', 'Ana'],
    ['+44 7700 900123', null],
    ['"Ana" Lima', 'Ana'],
    ['(Ana) Lima', 'Ana'],
    ['محمد علي', 'محمد'],
    ['  ', null],
    [null, null],
    ['Don Draper', 'Don'],
  ])('%j → %j', (name, expected) => {
    expect(firstNameOf(name)).toBe(expected);
  });
});

describe('firstNameFor', () => {
  it('prefers the given name an import kept', () => {
    expect(firstNameFor({ name: 'Lima Ana', fields: { given_name: 'Ana' } })).toBe('Ana');
    expect(firstNameFor({ name: 'Ann Smith', fields: { given_name: 'Mary Ann' } })).toBe('Mary Ann');
  });

  it('falls back to the name when the given name is no name', () => {
    expect(firstNameFor({ name: 'Ben Carter', fields: { given_name: '<img' } })).toBe('Ben');
    expect(firstNameFor({ name: 'Ben Carter', fields: {} })).toBe('Ben');
    expect(firstNameFor({ name: null })).toBeNull();
  });
});
