import { FIELDS_PER_CONTACT_MAX, fieldNameProblem, type ImportMapping } from '../../../src-shared/contacts';
import { phoneFromCell } from './phone-cell';
import { notATable } from './sniff';

/**
 * Which column is which, guessed from the headers people's files really have: a sheet someone made
 * ("Phone", "Nombre", "Etiquetas"), and the exports of Google Contacts (old: Name, Given Name,
 * Phone 1 - Type / Value, Group Membership; new: First Name, Phone 1 - Label / Value, Labels) and
 * Outlook (First Name, Last Name, Company, Mobile / Business / Home Phone, Categories).
 */

/** A header compared loosely: case, accents and runs of spaces do not matter. */
const plain = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ');

/** A header turned into a template variable name: letters, digits and _ only. */
export const fieldName = (header: string): string =>
  plain(header)
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

const GOOGLE_PHONE = /^phone (\d+) - value$/;
const GOOGLE_PHONE_LABEL = /^phone (\d+) - (?:type|label)$/;
/** Columns that hold numbers no WhatsApp message reaches, or only describe one. */
const NOT_A_PHONE = /fax|pager|telex|isdn|tty|radio|yomi|phonetic|\bid\b|type$|label$/;

/**
 * How good a header is as the phone column, lower first: mobile before a plain "phone", Google's
 * numbered ones in order, then work, home and the rest. Null when it is no phone column.
 */
const phoneRank = (header: string): number | null => {
  const h = plain(header);
  const google = GOOGLE_PHONE.exec(h);
  if (google) return 10 + Number(google[1]);
  if (NOT_A_PHONE.test(h)) return null;
  const second = /\b2$/.test(h) ? 1 : 0;
  if (/\b(?:mobile|mobil|cell|cellular|celular|movil|telemovel|handy|portable|whatsapp|wa|hp|handphone)\b/.test(h))
    return second;
  if (PLAIN_PHONE.test(h)) return 5;
  if (!/phone|tel[eé]?fon|telefoon|telepon|\btel\b/.test(h)) return null;
  if (/assistant/.test(h)) return 60;
  if (/business|work|company|office/.test(h)) return 30 + second;
  if (/home|private|privat/.test(h)) return 40 + second;
  return 50 + second;
};

/**
 * A column that is a phone number by name alone, in the languages Wren's users write their
 * sheets in: English, Spanish, Portuguese, French, German, Italian, Dutch, Indonesian/Malay,
 * Turkish (compared without accents: "Teléfono", "Número" match).
 */
const PLAIN_PHONE =
  /^(?:phone|phone number|primary phone|telephone|tel|number|msisdn|contact number|telefono|telefone|numero|numero de telefono|numero de telefone|numero de celular|numero celular|telefonnummer|rufnummer|telefoonnummer|nummer|nomor|nomor telepon|nomor hp|no hp|no telepon|telepon|telefon numarasi|numero di telefono)$/;

const FULL_NAME =
  /^(?:name|full name|fullname|display name|contact|contact name|customer|customer name|client|client name|nombre|nombre completo|nombre y apellidos?|cliente|nom|nom complet|nome|nome completo|nome e cognome|naam|volledige naam|nama|nama lengkap|nama pelanggan|isim|ad soyad|kontakt)$/;
const NAME_PARTS: RegExp[] = [
  /^(?:first name|given name|first|forename|vorname|prenom|nombre de pila|primer nombre|nombres|primeiro nome|nome proprio|voornaam|nama depan|ad)$/,
  /^(?:middle name|additional name|middle|second name|segundo nombre|nama tengah)$/,
  /^(?:last name|family name|surname|last|nachname|nom de famille|apellidos?|primer apellido|sobrenome|apelido|cognome|achternaam|nama belakang|soyad|soyadi)$/,
];
const ORGANISATION =
  /^(?:organization 1 - name|organization name|organisation|organization|company|company name|business name|empresa|compania|negocio|firma|unternehmen|societe|entreprise|azienda|societa|bedrijf|perusahaan|sirket)$/;
const TAGS =
  /^(?:tags?|labels?|groups?|group membership|categories|category|segments?|lists?|etiquetas?|etiquettes?|etiketten?|etichette|kategorien?|kategori|categorias?|grupos?|marcadores|gruppen?|segmentos?|listas?)$/;

/** In an exporter's file, the columns worth keeping as custom fields (the rest is noise). */
const EXPORTER_FIELDS: [RegExp, string][] = [
  [/^(?:e-mail 1 - value|e-mail address)$/, 'email'],
  [/^(?:organization 1 - title|organization title|job title)$/, 'job_title'],
  [/^(?:address 1 - city|home city|business city)$/, 'city'],
  [/^birthday$/, 'birthday'],
  [/^nickname$/, 'nickname'],
  [/^notes$/, 'notes'],
];

const RESERVED = new Set(['name', 'first_name', 'phone']);

/**
 * Wren's own export: its field columns are named as the fields were ("favourite cake"), so they
 * import back under the same names instead of as favourite_cake.
 */
const isWrenExport = (headers: string[]): boolean =>
  headers[0] === 'phone' &&
  ['whatsapp_name', 'opted_out', 'opted_out_at', 'created_at'].every((h) => headers.includes(h));

/** Google's and Outlook's own exports, told by the headers only they write. */
const isExport = (headers: string[]): boolean =>
  headers.some((h) => GOOGLE_PHONE.test(h)) || (headers.includes('mobile phone') && headers.includes('business phone'));

const ratePhoneColumns = (headers: string[]): number[] =>
  headers
    .map((header, index) => ({ index, rank: phoneRank(header) }))
    .filter((c): c is { index: number; rank: number } => c.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((c) => c.index);

/** The column whose cells are phone numbers by content, when no header says so. */
const phoneColumnByContent = (sample: string[][], defaultCountry: string): number | null => {
  const width = Math.max(0, ...sample.map((r) => r.length));
  let best: { index: number; valid: number } | null = null;
  for (let index = 0; index < width; index += 1) {
    const cells = sample.map((r) => r[index] ?? '').filter((c) => c !== '');
    const valid = cells.filter((c) => /\d{5,}|\d[\d\s().-]{6,}/.test(c) && 'phone' in phoneFromCell(c, defaultCountry));
    if (valid.length > 0 && valid.length * 2 >= cells.length && (!best || valid.length > best.valid)) {
      best = { index, valid: valid.length };
    }
  }
  return best?.index ?? null;
};

/** Whether any sampled cell of a column has digits enough to be a number. */
const holdsDigits = (sample: string[][], index: number) =>
  sample.some((r) => /\d{5,}/.test((r[index] ?? '').replace(/\D/g, '')));

/**
 * The guessed mapping: phone columns (by header, else by content), name, name parts, company,
 * tags, and custom fields. Refuses a file in which no column holds phone numbers.
 */
export const guessMapping = (
  headerRow: string[],
  sample: string[][],
  defaultCountry: string,
  dataColumn: number | null,
): ImportMapping => {
  const headers = headerRow.map(plain);
  const find = (pattern: RegExp) => {
    const index = headers.findIndex((h) => pattern.test(h));
    return index === -1 ? null : index;
  };
  let phones = dataColumn === null ? ratePhoneColumns(headerRow) : [dataColumn];
  if (!phones.some((index) => holdsDigits(sample, index))) {
    const byContent = phoneColumnByContent(sample, defaultCountry);
    if (byContent !== null) phones = [byContent];
  }
  const [phone, ...more] = phones;
  if (phone === undefined) {
    throw notATable('no column holds phone numbers', 'Export your contacts as CSV with a phone column.');
  }
  const labelOf = (index: number): number | null => {
    const n = GOOGLE_PHONE.exec(headers[index] ?? '')?.[1];
    if (n === undefined) return null;
    return find(new RegExp(`^phone ${n} - (?:type|label)$`));
  };
  const name = find(FULL_NAME);
  const nameParts = NAME_PARTS.map(find).filter((i): i is number => i !== null);
  const givenName = NAME_PARTS[0] ? find(NAME_PARTS[0]) : null;
  const organisation = find(ORGANISATION);
  const tags = find(TAGS);
  const exported = isExport(headers);
  // In a sheet someone made, "Last Name" stays a {{last_name}} field too, as it was before names
  // were built from parts; an exporter's dozens of columns are trimmed to the useful ones below.
  const used = new Set<number>([...phones, ...[name, organisation, tags].filter((i) => i !== null)]);
  if (exported) for (const index of nameParts) used.add(index);
  for (const index of phones) {
    const label = labelOf(index);
    if (label !== null) used.add(label);
  }
  headers.forEach((h, index) => {
    if (GOOGLE_PHONE_LABEL.test(h)) used.add(index);
  });

  const fields: Record<string, number> = {};
  if (exported) {
    for (const [pattern, key] of EXPORTER_FIELDS) {
      const index = find(pattern);
      if (index !== null && !used.has(index) && !(key in fields)) fields[key] = index;
    }
  } else {
    const wren = isWrenExport(headers);
    headerRow.forEach((header, index) => {
      if (used.has(index) || Object.keys(fields).length >= FIELDS_PER_CONTACT_MAX) return;
      const verbatim = header.trim();
      const key = wren && fieldNameProblem(verbatim) === null ? verbatim : fieldName(header);
      if (key && !RESERVED.has(key) && !/^column_\d+$/.test(key) && !(key in fields)) fields[key] = index;
    });
  }

  // The company stays a {{company}} field as well as the name of a row that names no person.
  if (organisation !== null && !('company' in fields)) fields.company = organisation;

  const mapping: ImportMapping = { phone, name, tags, fields };
  const phoneLabel = labelOf(phone);
  if (phoneLabel !== null) mapping.phoneLabel = phoneLabel;
  if (more.length > 0) mapping.morePhones = more.map((column) => ({ column, label: labelOf(column) }));
  if (nameParts.length > 0) mapping.nameParts = nameParts;
  if (givenName !== null) mapping.givenName = givenName;
  if (organisation !== null) mapping.organisation = organisation;
  return mapping;
};
