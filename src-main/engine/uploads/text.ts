import { ContractError } from '../../../src-shared/contract';

/**
 * A text file's bytes as a string, in the encodings contact exports really come in: UTF-8 (with or
 * without a BOM), UTF-16 with a BOM (Excel's "Unicode text"), and Windows-1252 (Outlook and older
 * Excel write "ANSI"), which is taken when the bytes are not valid UTF-8. A file with NUL bytes and
 * no UTF-16 BOM is not text at all (an image, a zip, a spreadsheet's .xlsx): refused, since reading
 * it as Windows-1252 would turn it into plausible-looking garbage.
 */
export const decodeTextFile = (bytes: Uint8Array, name: string): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) {
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    throw new ContractError(
      'invalid_input',
      zip
        ? `“${name}” is a spreadsheet or zip file, not CSV. In Excel or Google Sheets use File › Save as / Download › CSV, then import that.`
        : `“${name}” is not a text file. Export your contacts as CSV (comma, semicolon or tab separated) and import that.`,
    );
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
};
