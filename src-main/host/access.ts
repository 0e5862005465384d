import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the host: the random token, and only under one of our own host names (a page
 * served from another name that resolves to 127.0.0.1, DNS rebinding, must not reach us).
 */

/** 24 characters of base64url carry 144 bits; anything shorter could be guessed by a local page. */
export const MIN_TOKEN_LENGTH = 24;

export const newToken = (): string => randomBytes(24).toString('base64url');

/** Why a chosen token cannot be used, or null if it can. */
export const tokenProblem = (token: string, setting: string): string | null =>
  token.length >= MIN_TOKEN_LENGTH
    ? null
    : `${setting} is ${token.length} characters long; set it to at least ${MIN_TOKEN_LENGTH} random characters (for example the output of \`openssl rand -base64 24\`), or leave it unset for a new random token at each start.`;

export const sameToken = (given: string | null | undefined, expected: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const bearer = (req: IncomingMessage): string | null => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
};

export type HostNames = {
  /** Whether the request's Host header names us. */
  hostAllowed(req: IncomingMessage): boolean;
  /** Whether a WebSocket's Origin is one of our pages (or absent: not a browser, the token decides). */
  originAllowed(origin: string | undefined): boolean;
};

/**
 * The names we answer to: the loopback names and the address we are bound to, each with our port.
 * Host names are case-insensitive (RFC 3986), so both lists compare in lower case.
 */
export const hostNames = (bindHost: string, port: number): HostNames => {
  const bound = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const hosts = new Set(['127.0.0.1', 'localhost', '[::1]', bound].map((name) => `${name}:${port}`.toLowerCase()));
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return {
    hostAllowed: (req) => hosts.has((req.headers.host ?? '').toLowerCase()),
    originAllowed: (origin) => origin === undefined || origins.has(origin.toLowerCase()),
  };
};
