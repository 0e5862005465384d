import { BUILT_IN_FIELDS, type ImportMapping } from '../../../../src-shared/contacts';

/** What one CSV column becomes, as the select above that column offers it. */
export type ColumnRole =
  { kind: 'phone' } | { kind: 'name' } | { kind: 'tags' } | { kind: 'field'; name: string } | { kind: 'ignore' };

/** The preview's guess, one role per column. */
export const rolesFromMapping = (mapping: ImportMapping, columnCount: number): ColumnRole[] =>
  Array.from({ length: columnCount }, (_, index): ColumnRole => {
    if (mapping.phone === index) return { kind: 'phone' };
    if (mapping.name === index) return { kind: 'name' };
    if (mapping.tags === index) return { kind: 'tags' };
    const field = Object.entries(mapping.fields).find(([, column]) => column === index);
    return field ? { kind: 'field', name: field[0] } : { kind: 'ignore' };
  });

/** A column header as a field name: "First order" → first_order (letters, digits and _ only). */
export const fieldNameFor = (header: string): string => {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  if (name === '') return 'field';
  return (BUILT_IN_FIELDS as readonly string[]).includes(name) ? `${name}_2` : name;
};

/** Phone, Name and Tags each fit one column: choosing one for a column frees the column that had it. */
export const setRole = (roles: readonly ColumnRole[], index: number, role: ColumnRole): ColumnRole[] =>
  roles.map((current, i) => {
    if (i === index) return role;
    if (role.kind !== 'field' && role.kind !== 'ignore' && current.kind === role.kind) return { kind: 'ignore' };
    return current;
  });

export type MappingResult = { ok: true; mapping: ImportMapping } | { ok: false; message: string };

/** The mapping the import call takes, or what to change before importing. */
export const mappingFromRoles = (roles: readonly ColumnRole[]): MappingResult => {
  const phone = roles.findIndex((role) => role.kind === 'phone');
  if (phone < 0) return { ok: false, message: 'Choose which column holds the phone numbers.' };
  const index = (kind: 'name' | 'tags') => {
    const found = roles.findIndex((role) => role.kind === kind);
    return found < 0 ? null : found;
  };
  const fields: Record<string, number> = {};
  for (const [column, role] of roles.entries()) {
    if (role.kind !== 'field') continue;
    const name = role.name.trim();
    if (name === '') return { ok: false, message: `Name the custom field of column ${column + 1}.` };
    if (name in fields) return { ok: false, message: `Two columns are both the field "${name}"; rename one.` };
    fields[name] = column;
  }
  return { ok: true, mapping: { phone, name: index('name'), tags: index('tags'), fields } };
};

/** Tags typed as "vip, spring sale" → ['vip', 'spring sale'], without blanks or repeats. */
export const splitTags = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,;]/)
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  ),
];
