import fc from 'fast-check';

/**
 * Inputs for a contract call, made from its zod schema's JSON Schema: mostly the right shape
 * (so the fuzz reaches the handlers behind the schema, not just the parser), with known ids mixed
 * in (so calls find real bots and chats), and mutated: a wrong type, a missing or extra field,
 * extreme numbers and strings, hostile text. Cycles (menu flows) are cut at a fixed depth.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
};

/** Values that break naive code: prototype keys, huge and odd numbers, control and invisible text. */
const hostileString = fc.constantFrom(
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  '\u0000',
  '\u200B\u200D',
  '\uD800',
  '{{constructor}}',
  '{{__proto__|x}}',
  '=HYPERLINK("http://x")',
  '../../etc/passwd',
  '%',
  'null',
  '1e309',
  '+447911123456',
  'Mars/Olympus',
  '(a+)+$',
  '.*order.*status.*',
  'a'.repeat(5000),
  '😀'.repeat(300),
);
const hostileNumber = fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_SAFE_INTEGER, 0.5);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.string({ maxLength: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

export type Known = { strings: readonly string[]; numbers: readonly number[] };

export const arbitraryFor = (root: JsonSchema, known: Known, maxDepth = 4): fc.Arbitrary<unknown> => {
  const defs = root.$defs ?? {};
  const knownString = known.strings.length > 0 ? fc.constantFrom(...known.strings) : fc.constant('x');
  const knownNumber = known.numbers.length > 0 ? fc.constantFrom(...known.numbers) : fc.constant(1);

  const build = (schema: JsonSchema, depth: number): fc.Arbitrary<unknown> => {
    if (schema.$ref) {
      const name = schema.$ref.replace(/^#\/\$defs\//, '');
      const target = schema.$ref === '#' ? root : defs[name];
      if (!target || depth >= maxDepth) return anyJson;
      return build(target, depth + 1);
    }
    const shaped = shapedFor(schema, depth);
    // One input in eight is off-shape at this level: the schema must refuse it in words.
    return fc.oneof({ weight: 7, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
  };

  const shapedFor = (schema: JsonSchema, depth: number): fc.Arbitrary<unknown> => {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (union && union.length > 0) return fc.oneof(...union.map((s) => build(s, depth)));
    if (schema.allOf?.[0]) return build(schema.allOf[0], depth);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'object': {
        const properties = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, value] of Object.entries(properties)) record[key] = build(value, depth + 1);
        const requiredKeys = Object.keys(properties).filter((k) => required.has(k));
        const object = fc.record(record, { requiredKeys });
        // Sometimes a field nobody asked for, which a strict schema must name.
        return fc.oneof(
          { weight: 9, arbitrary: object },
          {
            weight: 1,
            arbitrary: fc.tuple(object, fc.string({ minLength: 1, maxLength: 8 }), anyJson).map(([o, k, v]) => ({
              ...(o as object),
              [k]: v,
            })),
          },
        );
      }
      case 'array': {
        const items = schema.items ? build(schema.items, depth + 1) : anyJson;
        const maxLength = Math.min(schema.maxItems ?? 6, 6) + (depth === 0 ? 0 : 1);
        return fc.array(items, { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength });
      }
      case 'string': {
        const candidates: fc.Arbitrary<string>[] = [knownString, hostileString, fc.string({ maxLength: 30 })];
        if (schema.pattern) {
          try {
            candidates.push(
              fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, schema.maxLength ?? 500)),
            );
          } catch {
            // A pattern fast-check cannot generate from: the other strings still try it.
          }
        }
        if (schema.maxLength !== undefined) candidates.push(fc.constant('x'.repeat(schema.maxLength + 1)));
        return fc.oneof(...candidates);
      }
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1000 : schema.exclusiveMinimum + 1);
        const max = Math.min(schema.maximum ?? 10_000, Number.MAX_SAFE_INTEGER);
        const inRange =
          type === 'integer'
            ? fc.integer({
                min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
                max: Math.max(Math.ceil(min), Math.floor(max)),
              })
            : fc.double({ min, max: Math.max(min, max), noNaN: true });
        return fc.oneof(knownNumber, inRange, hostileNumber);
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return anyJson;
    }
  };

  return build(root, 0);
};
