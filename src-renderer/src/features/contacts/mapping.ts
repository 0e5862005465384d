import { BUILT_IN_FIELDS, fieldNameProblem, type ImportMapping } from '../../../../src-shared/contacts';

/**
 * What one CSV column becomes, as the select above that column offers it. Exporters' files need
 * more than one column per role: Outlook's Mobile, Business and Home Phone ("Other phone", tried
 * in `rank` order after Phone), Google's "Phone 1 - Label" naming the kind of the number in
 * column `of`, and First, Middle and Last Name ("Part of name", joined in `rank` order). Roles
 * the person picks get no rank or `of`: they follow the guessed ones, in column order, and a kind
 * describes the nearest phone column to its right (Google's layout).
 */
export type ColumnRole =
  | { kind: 'phone' }
  | { kind: 'phone-more'; rank?: number }
  | { kind: 'phone-kind'; of?: number }
  | { kind: 'name' }
  | { kind: 'name-part'; rank?: number }
  /** The given name: a part of the name (the first), also kept for {{first_name}}. */
  | { kind: 'given-name' }
  | { kind: 'organisation' }
  | { kind: 'tags' }
  | { kind: 'field'; name: string }
  | { kind: 'ignore' };

/** The preview's guess, one role per column. */
export const rolesFromMapping = (mapping: ImportMapping, columnCount: number): ColumnRole[] =>
  Array.from({ length: columnCount }, (_, index): ColumnRole => {
    if (mapping.phone === index) return { kind: 'phone' };
    const more = (mapping.morePhones ?? []).findIndex((p) => p.column === index);
    if (more !== -1) return { kind: 'phone-more', rank: more };
    if (mapping.phoneLabel === index) return { kind: 'phone-kind', of: mapping.phone };
    const labelled = (mapping.morePhones ?? []).find((p) => p.label === index);
    if (labelled) return { kind: 'phone-kind', of: labelled.column };
    if (mapping.name === index) return { kind: 'name' };
    if (mapping.givenName === index) return { kind: 'given-name' };
    const part = (mapping.nameParts ?? []).indexOf(index);
    if (part !== -1) return { kind: 'name-part', rank: part };
    if (mapping.organisation === index) return { kind: 'organisation' };
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

/** Roles that fit one column only: choosing one for a column frees the column that had it. */
const SINGLE: ColumnRole['kind'][] = ['phone', 'name', 'given-name', 'organisation', 'tags'];

/** Phone, Name, Company and Tags each fit one column: choosing one frees the column that had it. */
export const setRole = (roles: readonly ColumnRole[], index: number, role: ColumnRole): ColumnRole[] =>
  roles.map((current, i) => {
    if (i === index) return role;
    if (SINGLE.includes(role.kind) && current.kind === role.kind) return { kind: 'ignore' };
    return current;
  });

/** The columns with a role of `kind`, in rank order (unranked ones after, in column order). */
const ranked = (roles: readonly ColumnRole[], kind: 'phone-more' | 'name-part'): number[] =>
  roles
    .map((role, column) => ({ role, column }))
    .filter(({ role }) => role.kind === kind)
    .map(({ role, column }) => ({
      column,
      rank: 'rank' in role && role.rank !== undefined ? role.rank : 1000 + column,
    }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ column }) => column);

/** `column`: the column the message is about, to show it under that column's choice. */
export type MappingResult = { ok: true; mapping: ImportMapping } | { ok: false; message: string; column?: number };

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
    const name = role.name.trim().replace(/\s+/g, ' ');
    if (name === '') return { ok: false, message: `Name the custom field of column ${column + 1}.`, column };
    if (name in fields) return { ok: false, message: `Two columns are both the field "${name}"; rename one.`, column };
    const problem = fieldNameProblem(name);
    if (problem !== null) return { ok: false, message: problem, column };
    fields[name] = column;
  }
  const isPhone = (role: ColumnRole | undefined) => role?.kind === 'phone' || role?.kind === 'phone-more';
  /** The phone column a "Kind of phone" column describes: as guessed, else the nearest to its right. */
  const describes = (column: number, role: ColumnRole): number | null => {
    if (role.kind !== 'phone-kind') return null;
    if (role.of !== undefined) return isPhone(roles[role.of]) ? role.of : null;
    const right = roles.findIndex((r, i) => i > column && isPhone(r));
    return right === -1 ? null : right;
  };
  const labelOf = (phoneColumn: number): number | null => {
    const found = roles.findIndex((role, column) => describes(column, role) === phoneColumn);
    return found === -1 ? null : found;
  };
  const mapping: ImportMapping = { phone, name: index('name'), tags: index('tags'), fields };
  // The newer parts only when used, so a plain file's mapping reads as it always did.
  const phoneLabel = labelOf(phone);
  if (phoneLabel !== null) mapping.phoneLabel = phoneLabel;
  const more = ranked(roles, 'phone-more');
  if (more.length > 0) mapping.morePhones = more.map((column) => ({ column, label: labelOf(column) }));
  const given = roles.findIndex((role) => role.kind === 'given-name');
  const parts = [...(given === -1 ? [] : [given]), ...ranked(roles, 'name-part')];
  if (parts.length > 0) mapping.nameParts = parts;
  if (given !== -1) mapping.givenName = given;
  const organisation = roles.findIndex((role) => role.kind === 'organisation');
  if (organisation !== -1) mapping.organisation = organisation;
  return { ok: true, mapping };
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
