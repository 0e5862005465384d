import { describe, expect, it } from 'vitest';
import { seeded, spin, spintaxProblem } from './spintax';

describe('spintax', () => {
  it('picks one choice per group, nested groups included, and leaves variables alone', () => {
    const seen = new Set<string>();
    const random = seeded(1);
    for (let i = 0; i < 200; i += 1) seen.add(spin('{Hi|{Good morning|Morning}} {{name|there}}!', random));
    expect(seen).toEqual(new Set(['Hi {{name|there}}!', 'Good morning {{name|there}}!', 'Morning {{name|there}}!']));
  });

  it('chooses the same for the same seed', () => {
    const text = '{a|b|c|d}{1|2|3|4}{x|y}';
    expect(spin(text, seeded(42))).toBe(spin(text, seeded(42)));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => spin(text, seeded(s)))).size).toBeGreaterThan(3);
  });

  it('says what is wrong with unbalanced braces', () => {
    expect(spintaxProblem('{Hi|Hello there')).toMatch(/no matching “}”/);
    expect(spintaxProblem('Hi} there')).toMatch(/no matching “{”/);
    expect(spintaxProblem('{Hi|Hello} {{name}}')).toBeNull();
    expect(spintaxProblem('Plain text')).toBeNull();
  });
});
