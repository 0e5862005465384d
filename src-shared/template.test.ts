import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables, variablesWithoutFallback } from './template';

describe('reply templates', () => {
  it('fills values, falls back when missing or empty, and never shows braces', () => {
    expect(renderTemplate('Hi {{name}}!', { name: 'Ana' })).toBe('Hi Ana!');
    expect(renderTemplate('Hi {{ name | there }}!', { name: '' })).toBe('Hi there!');
    expect(renderTemplate('Hi {{nobody}}!', {})).toBe('Hi !');
    expect(renderTemplate('We are {{count}}', { count: 12 })).toBe('We are 12');
    expect(templateVariables('{{a}} {{b|x}} {{a}}')).toEqual(['a', 'b']);
  });
});

describe('reply templates and inherited properties', () => {
  it.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf'])(
    '{{%s}} is an unknown variable, never a property of Object',
    (name) => {
      expect(renderTemplate(`Hi {{${name}|there}}!`, { name: 'Ana' })).toBe('Hi there!');
      expect(renderTemplate(`Hi {{${name}}}!`, {})).toBe('Hi !');
    },
  );

  it('still fills a field a contact really has under such a name', () => {
    const values = JSON.parse('{"constructor":"Builder","__proto__":"x"}') as Record<string, string>;
    expect(renderTemplate('{{constructor}} {{__proto__}}', values)).toBe('Builder x');
  });
});

describe('variables named with spaces and in any script', () => {
  it('fills a custom field whose name has spaces', () => {
    const values = { 'favourite cake': 'lemon', 'número de cliente': '42', नाम: 'आशा' };
    expect(renderTemplate('A {{favourite cake}} cake', values)).toBe('A lemon cake');
    expect(renderTemplate('A {{ favourite   cake | nice }} cake', values)).toBe('A lemon cake');
    expect(renderTemplate('{{número de cliente}} {{नाम}}', values)).toBe('42 आशा');
    expect(renderTemplate('{{favourite pie|any}}', values)).toBe('any');
    expect(templateVariables('{{favourite  cake}} {{favourite cake}}')).toEqual(['favourite cake']);
  });
});

describe('variables a contact must fill', () => {
  it('leaves out any name that has a fallback somewhere, spaced names included', () => {
    expect(variablesWithoutFallback('Hi {{favourite cake|friend}}, {{favourite  cake}} and {{city}}')).toEqual([
      'city',
    ]);
    expect(variablesWithoutFallback('{{name}} {{name|you}}')).toEqual([]);
  });
});
