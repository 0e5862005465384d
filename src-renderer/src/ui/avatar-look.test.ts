import { describe, expect, it } from 'vitest';
import { initialsOf, personKey, toneFor } from './avatar-look';

describe('initialsOf', () => {
  it('takes the first letters of up to two words', () => {
    expect(initialsOf('Maria Lopez')).toBe('ML');
    expect(initialsOf('Shop front desk')).toBe('SF');
    expect(initialsOf('bakery')).toBe('B');
    expect(initialsOf('  ana   de souza ')).toBe('AD');
  });

  it('skips anything that is not a letter', () => {
    expect(initialsOf('<Sam> Smith')).toBe('SS');
    expect(initialsOf('+44 7700 900123')).toBe('');
    expect(initialsOf('🍕 Pizza Place')).toBe('PP');
    expect(initialsOf('"Dr." (Who)')).toBe('DW');
    expect(initialsOf('1st Avenue Café')).toBe('AC');
    expect(initialsOf('Room 101')).toBe('R');
    expect(initialsOf('')).toBe('');
    expect(initialsOf('!!! ???')).toBe('');
  });

  it('reads any script', () => {
    expect(initialsOf('Алексей Петров')).toBe('АП');
    expect(initialsOf('محمد علي')).toBe('مع');
    expect(initialsOf('山田 太郎')).toBe('山太');
    expect(initialsOf('émile zola')).toBe('ÉZ');
    expect(initialsOf('e\u0301mile')).toBe('E\u0301');
  });
});

describe('toneFor', () => {
  it('gives a person one colour however their number is written', () => {
    const tone = toneFor('447700900501@s.whatsapp.net');
    expect(toneFor('+447700900501')).toBe(tone);
    expect(toneFor('447700900501:3@s.whatsapp.net')).toBe(tone);
    expect(toneFor('+44 7700 900501')).toBe(tone);
    expect(personKey('+44 7700 900501')).toBe('447700900501');
  });

  it('keeps other keys as they are', () => {
    expect(personKey('120363000000000001@g.us')).toBe('120363000000000001@g.us');
    expect(personKey('bot-1')).toBe('bot-1');
  });

  it('spreads people over the tones', () => {
    const tones = new Set(Array.from({ length: 40 }, (_, i) => toneFor(`+4477009005${String(i).padStart(2, '0')}`)));
    expect(tones.size).toBeGreaterThan(4);
  });
});
