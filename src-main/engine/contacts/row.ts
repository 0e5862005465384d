import { CONTACT_NAME_MAX, FIELD_VALUE_MAX, TAG_MAX, type ImportMapping } from '../../../src-shared/contacts';
import { GIVEN_NAME_FIELD } from '../../../src-shared/first-name';
import { hasVisibleText } from '../../../src-shared/text';
import { numbersInCell, phoneFromCell } from './phone-cell';

/** What one CSV row says about a contact, once its cells are read through the mapping. */
export type RowContact = {
  phone: string;
  /** Said when the row held more than one number: which was kept and why. */
  note: string | null;
  name: string | null;
  tags: string[];
  fields: Record<string, string>;
};

export type RowOutcome =
  | { ok: true; contact: RowContact }
  /** `digits`: whether the phone cells held anything number-like (a file with none is no table). */
  | { ok: false; problem: string; digits: boolean };

/** A kind of number WhatsApp is on: Google's labels ("Mobile", "* Mobile" for the primary one). */
const MOBILE = /mobile|mobil|cell|celular|m[oó]vil|handy|portable|whatsapp/i;

/** The phone columns to look in, in order, each with the column naming its kind. */
const phoneColumns = (mapping: ImportMapping): { column: number; label: number | null }[] => [
  { column: mapping.phone, label: mapping.phoneLabel ?? null },
  ...(mapping.morePhones ?? []),
];

/** The columns a mapping reads, to check they exist. */
export const mappedColumns = (mapping: ImportMapping): number[] =>
  [
    ...phoneColumns(mapping).flatMap((p) => [p.column, p.label]),
    mapping.name,
    mapping.organisation,
    mapping.tags,
    mapping.givenName,
    ...(mapping.nameParts ?? []),
    ...Object.values(mapping.fields),
  ].filter((c): c is number => c !== null && c !== undefined);

/** Google writes several values of one kind into one cell, joined with " ::: ". */
const multi = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/\s*:::\s*/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

const visible = (cell: string | undefined): string | null => {
  const text = (cell ?? '').trim();
  return text !== '' && hasVisibleText(text) ? text : null;
};

/**
 * The number to keep: one marked mobile first, else the first valid one in column order. A
 * number a spreadsheet shortened refuses the whole row, even when another column has a good one:
 * the file was damaged, and the person should export it again rather than lose the number.
 */
const choosePhone = (
  cells: string[],
  mapping: ImportMapping,
  country: string,
): RowOutcome | { phone: string; note: string | null } => {
  const found: { phone: string; mobile: boolean }[] = [];
  let problem: string | null = null;
  let digits = false;
  for (const { column, label } of phoneColumns(mapping)) {
    const values = numbersInCell(cells[column] ?? '');
    const labels = multi(label === null ? '' : cells[label]);
    for (const [i, value] of values.entries()) {
      if (/\d{5,}/.test(value.replace(/\D/g, ''))) digits = true;
      const read = phoneFromCell(value, country);
      if ('problem' in read) {
        if (read.shortened) return { ok: false, problem: read.problem, digits };
        problem ??= read.problem;
        continue;
      }
      const kind = labels.length === values.length ? labels[i] : labels[0];
      if (!found.some((f) => f.phone === read.phone))
        found.push({ phone: read.phone, mobile: MOBILE.test(kind ?? '') });
    }
  }
  const [first] = found;
  if (!first) return { ok: false, problem: problem ?? 'the phone number is empty', digits };
  const chosen = found.find((f) => f.mobile) ?? first;
  const note =
    found.length > 1
      ? `has ${found.length} numbers; kept ${chosen.phone} (${chosen.mobile ? 'the mobile one' : 'the first'}), not ${found
          .filter((f) => f !== chosen)
          .map((f) => f.phone)
          .join(', ')}.`
      : null;
  return { phone: chosen.phone, note };
};

/**
 * Tags in a cell: commas, semicolons (Outlook's Categories), bars, or Google's " ::: ". Google's
 * system groups ("* myContacts", "* starred") are its own bookkeeping, not the business's tags.
 */
export const splitTags = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/\s*:::\s*|[,;|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '' && !t.startsWith('* ') && hasVisibleText(t))
    .map((t) => t.slice(0, TAG_MAX).trim());

/** The contact's name: the full name, else its parts joined, else the organisation. */
const nameOf = (cells: string[], mapping: ImportMapping): string | null => {
  const full = mapping.name === null ? null : visible(cells[mapping.name]);
  const parts = (mapping.nameParts ?? [])
    .map((column) => visible(cells[column]))
    .filter((part): part is string => part !== null)
    .join(' ');
  const organisation =
    mapping.organisation === null || mapping.organisation === undefined ? null : visible(cells[mapping.organisation]);
  const name = full ?? (parts === '' ? null : parts) ?? organisation;
  return name === null ? null : name.slice(0, CONTACT_NAME_MAX);
};

/** Outlook writes 0/0/00 into empty date columns. */
const EMPTY_DATE = /^0\/0\/0{2,4}$/;

/** One row read through the mapping, or the reason it cannot be imported. */
export const readRow = (cells: string[], mapping: ImportMapping, country: string): RowOutcome => {
  const phone = choosePhone(cells, mapping, country);
  if ('ok' in phone) return phone;
  const fields: Record<string, string> = {};
  for (const [key, column] of Object.entries(mapping.fields)) {
    const value = visible(cells[column]);
    if (value !== null && !EMPTY_DATE.test(value)) fields[key] = value.slice(0, FIELD_VALUE_MAX);
  }
  const given =
    mapping.givenName === null || mapping.givenName === undefined ? null : visible(cells[mapping.givenName]);
  if (given !== null && !(GIVEN_NAME_FIELD in fields)) fields[GIVEN_NAME_FIELD] = given.slice(0, FIELD_VALUE_MAX);
  return {
    ok: true,
    contact: {
      phone: phone.phone,
      note: phone.note,
      name: nameOf(cells, mapping),
      tags: mapping.tags === null ? [] : splitTags(cells[mapping.tags]),
      fields,
    },
  };
};
