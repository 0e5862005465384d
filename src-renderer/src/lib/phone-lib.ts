/**
 * The one part of libphonenumber the app uses, behind a module of its own: phone-format.ts loads
 * it with import(), and a dynamic import of the package itself would keep every export in the chunk.
 */
export { parsePhoneNumberFromString } from 'libphonenumber-js/min';
