/**
 * Links in chats (formatted messages: URLs, emails, phone numbers) open outside Wren, in the
 * system's browser, mail or phone app. Only these schemes: never file:, javascript:, a custom
 * protocol handler, or anything without a scheme.
 */
const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:', 'tel:']);

export const isExternalLink = (url: string): boolean => {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
};
