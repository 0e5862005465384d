import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

describe('normalizePhone', () => {
  it('turns what people type into E.164', () => {
    expect(normalizePhone('+44 7911 123456')).toBe('+447911123456');
    expect(normalizePhone('0044 (7911) 123-456')).toBe('+447911123456');
    expect(normalizePhone('+55 11 91234-5678')).toBe('+5511912345678');
    expect(normalizePhone('07911 123456', 'GB')).toBe('+447911123456');
  });

  it('asks for the country code when it is missing', () => {
    expect(() => normalizePhone('07911 123456')).toThrow(/country code/);
  });

  it('refuses numbers that cannot exist, saying so', () => {
    expect(() => normalizePhone('+44 123')).toThrow(/not a valid phone number/);
    expect(() => normalizePhone('hello')).toThrow(/country code|not a valid/);
    expect(() => normalizePhone('   ')).toThrow(/Enter a phone number/);
  });
});
