import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables } from './template';

describe('reply templates', () => {
  it('fills values, falls back when missing or empty, and never shows braces', () => {
    expect(renderTemplate('Hi {{name}}!', { name: 'Ana' })).toBe('Hi Ana!');
    expect(renderTemplate('Hi {{ name | there }}!', { name: '' })).toBe('Hi there!');
    expect(renderTemplate('Hi {{nobody}}!', {})).toBe('Hi !');
    expect(renderTemplate('We are {{count}}', { count: 12 })).toBe('We are 12');
    expect(templateVariables('{{a}} {{b|x}} {{a}}')).toEqual(['a', 'b']);
  });
});
