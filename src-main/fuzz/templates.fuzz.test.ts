import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { spin, spintaxProblem } from '../../src-shared/spintax';
import { renderTemplate, templateVariables } from '../../src-shared/template';
import { renderFor, templateProblem } from '../engine/campaigns/render';
import { fuzzParams, report } from './settings';

/**
 * Template text and contact fields as customers' data and owners' typing make them: braces,
 * pipes, spintax, prototype names as variables and as field keys. Properties: rendering never
 * throws, never leaks a JavaScript value ("function Object()", "[object Object]", "undefined"),
 * and a template either renders or gets a problem in words.
 */
const PROTO_NAMES = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf'];

const variableName = fc.oneof(
  fc.constantFrom(...PROTO_NAMES, 'name', 'first_name', 'phone', 'city'),
  fc.stringMatching(/^[a-z_]{1,8}$/),
);
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  variableName.map((n) => `{{${n}}}`),
  fc.tuple(variableName, fc.string({ maxLength: 6 })).map(([n, f]) => `{{ ${n} | ${f} }}`),
  fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }).map((c) => `{${c.join('|')}}`),
  fc.constantFrom('{', '}', '{{', '}}', '|', '{{}}', '{{|}}', '{a|{b|c}}', '\u0000', '\uD800'),
);
const template = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
const fields = fc.dictionary(fc.oneof(variableName, fc.string({ maxLength: 6 })), fc.string({ maxLength: 20 }), {
  maxKeys: 5,
});

let inputs = 0;
afterAll(() => report('templates', { inputs, failures: 0, worstMs: 0 }));

const LEAKS = ['function ', '[native code]', '[object ', 'undefined', 'null'];
const leaked = (output: string, inputText: string): string | undefined =>
  LEAKS.find((leak) => output.includes(leak) && !inputText.includes(leak));

describe('templates with generated text and fields', () => {
  it('render without throwing or leaking a JavaScript value', () => {
    fc.assert(
      fc.property(template, fields, (text, values) => {
        inputs += 1;
        const output = renderTemplate(text, values);
        expect(leaked(output, text + JSON.stringify(values))).toBeUndefined();
        // Every variable named in braces is replaced: no {{name}} is left for a customer to see.
        for (const name of templateVariables(text)) expect(output).not.toContain(`{{${name}}}`);
      }),
      fuzzParams(1500),
    );
  });

  it('render for a campaign recipient, or say what is wrong, never both broken', () => {
    fc.assert(
      fc.property(template, fields, fc.option(fc.string({ maxLength: 20 })), (text, values, name) => {
        inputs += 1;
        const problem = templateProblem(text, new Set(Object.keys(values)));
        expect(problem === null || problem.length > 10).toBe(true);
        if (problem !== null) return;
        const output = renderFor(text, { contactId: 7, name, phone: '+447911123456', fields: values });
        expect(leaked(output, text + JSON.stringify(values) + String(name))).toBeUndefined();
      }),
      fuzzParams(1500),
    );
  });

  it('spin spintax whose braces balance, and name the ones that do not', () => {
    fc.assert(
      fc.property(template, fc.integer(), (text, seed) => {
        inputs += 1;
        const problem = spintaxProblem(text);
        if (problem === null) expect(() => spin(text, () => (seed >>> 0) / 2 ** 32)).not.toThrow();
        else expect(problem.length).toBeGreaterThan(10);
      }),
      fuzzParams(1000),
    );
  });
});
