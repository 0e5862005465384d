/**
 * Errors that mean this PC has no route to WhatsApp at all (no DNS, no network, nothing
 * listening), as Node's net/dns layers name them. They say nothing about the account or the
 * session, and they differ from a connection that was open and dropped: the user has to fix the
 * internet connection, and there is no point calling it "reconnecting" when nothing ever connected.
 */
const UNREACHABLE_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'ECONNREFUSED'];

const codeOf = (value: unknown): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
};

/** True for an error (or the error a wrapper carries as `data`/`cause`) that means "no route". */
export const isNetworkUnreachable = (error: unknown, depth = 0): boolean => {
  if (depth > 3 || typeof error !== 'object' || error === null) return false;
  const code = codeOf(error);
  if (code && UNREACHABLE_CODES.includes(code)) return true;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && UNREACHABLE_CODES.some((c) => message.includes(c))) return true;
  const { data, cause } = error as { data?: unknown; cause?: unknown };
  return isNetworkUnreachable(data, depth + 1) || isNetworkUnreachable(cause, depth + 1);
};
