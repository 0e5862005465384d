import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, fieldLabel, issueFields } from './issues';

const refuse = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error;
};

describe('refusals a person can read', () => {
  const draft = z.object({
    name: z.string().min(1, 'Give the campaign a name.'),
    throttle: z.object({ delayMaxSeconds: z.number().min(5) }),
    variants: z.array(z.object({ text: z.string().max(10) })),
  });

  it('names the field in words and never shows its path', () => {
    const error = refuse(draft, { name: '', throttle: { delayMaxSeconds: 1 }, variants: [{ text: 'x'.repeat(11) }] });
    const text = describeIssues(error);
    expect(text).toContain('Give the campaign a name.');
    expect(text).toContain('Delay max seconds must be at least 5.');
    expect(text).toContain('Text can be at most 10 characters long.');
    expect(text).not.toMatch(/throttle\.|variants\.0|expected number|>=/);
  });

  it('keys each sentence by its path so a form can put it under the field', () => {
    const error = refuse(draft, {
      name: 'Spring',
      throttle: { delayMaxSeconds: 1 },
      variants: [{ text: 'x'.repeat(11) }],
    });
    expect(issueFields(error)).toEqual({
      'throttle.delayMaxSeconds': 'Delay max seconds must be at least 5.',
      'variants.0.text': 'Text can be at most 10 characters long.',
    });
  });

  it('says a missing value is required and a wrong choice lists the choices', () => {
    const schema = z.object({ kind: z.enum(['demo', 'whatsapp']), count: z.number() });
    expect(describeIssues(refuse(schema, { kind: 'x' }))).toBe(
      'Kind must be one of: demo, whatsapp. Count is required.',
    );
  });

  it('turns a path into words', () => {
    expect(fieldLabel(['draft', 'window', 'timeZone'])).toBe('Time zone');
    expect(fieldLabel(['variants', 0])).toBe('Variants');
    expect(fieldLabel([])).toBe('This value');
  });
});
