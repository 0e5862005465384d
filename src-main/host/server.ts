import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../../src-shared/frames';
import type { Engine } from '../engine';
import type { Logger } from '../engine/log/logger';
import { bearer, hostNames, newToken, sameToken, tokenProblem, type HostNames } from './access';
import { createSocketHub } from './sockets';

/**
 * The headless host: the same engine and contract as the Electron app, served to a browser on
 * 127.0.0.1. Static files of the built renderer are public; everything that touches the engine
 * (the WebSocket and /api) needs the random token printed at start.
 */

export { MAX_FRAME_BYTES } from '../../src-shared/frames';
export { MIN_TOKEN_LENGTH, newToken } from './access';

export type HostOptions = {
  engine: Engine;
  rendererDir: string;
  host?: string;
  port?: number;
  /** At least MIN_TOKEN_LENGTH characters; a random one if absent. */
  token?: string;
  logger: Logger;
  /** How much may wait for one WebSocket client before it counts as stuck (tests lower it). */
  maxBufferedBytes?: number;
};

export type Host = { url: string; port: number; token: string; close(): Promise<void> };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

type RequestUrl = { pathname: string; decodedPath: string; searchParams: URLSearchParams };

/**
 * The request's address, or null when it cannot be read (a stray `%`, `//`, a NUL): the sender
 * gets a 400, where a throw here would be a 500 or, outside a promise, the end of the process.
 */
const readUrl = (raw: string | undefined): RequestUrl | null => {
  if (!raw?.startsWith('/')) return null;
  try {
    const url = new URL(`http://x${raw}`);
    const decodedPath = decodeURIComponent(url.pathname);
    if (decodedPath.includes('\0')) return null;
    return { pathname: url.pathname, decodedPath, searchParams: url.searchParams };
  } catch {
    return null;
  }
};

const BAD_URL = 'Bad request: the address is malformed. Check it for a stray "%".';

export const startHost = async (options: HostOptions): Promise<Host> => {
  const { engine, logger } = options;
  if (options.token !== undefined) {
    const problem = tokenProblem(options.token, 'The host token');
    if (problem) throw new Error(problem);
  }
  const token = options.token ?? newToken();
  const bindHost = options.host ?? '127.0.0.1';
  const rendererRoot = resolve(options.rendererDir);
  // Known once we listen: the allowed names carry the port.
  let names: HostNames = hostNames(bindHost, 0);

  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };

  const serveStatic = async (path: string, res: ServerResponse) => {
    const candidate = normalize(join(rendererRoot, path));
    if (candidate !== rendererRoot && !candidate.startsWith(rendererRoot + sep)) return send(res, 404, 'Not found');
    let file = candidate;
    const info = await stat(file).catch(() => null);
    // Client-side routes fall back to the app's page.
    if (!info || info.isDirectory()) file = join(rendererRoot, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) return send(res, 404, 'The UI is not built. Run `npm run build` first.');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(body);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!names.hostAllowed(req)) return send(res, 403, 'Wrong host.');
    const url = readUrl(req.url);
    if (!url) return send(res, 400, BAD_URL);
    if (url.pathname === '/api/session') {
      if (!sameToken(bearer(req), token))
        return send(res, 401, JSON.stringify({ error: 'unauthorized' }), 'application/json');
      return send(res, 200, JSON.stringify({ ok: true }), 'application/json');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    serveStatic(url.decodedPath, res).catch((error: unknown) => {
      logger.error({ err: error }, 'Serving a file failed');
      send(res, 500, 'Internal error');
    });
  };

  const server = createServer((req, res) => {
    try {
      onRequest(req, res);
    } catch (error) {
      // A bug here must cost one request: a throw from this listener would end the process.
      logger.error({ err: error }, 'Answering a request failed');
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    }
  });

  const hub = createSocketHub({ engine, logger, maxBufferedBytes: options.maxBufferedBytes });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands over the raw socket with no error listener: a reset while we answer would throw.
    socket.on('error', (error) => logger.debug({ err: error }, 'A WebSocket upgrade failed'));
    const url = readUrl(req.url);
    const origin = req.headers.origin;
    if (
      url?.pathname !== '/ws' ||
      !names.hostAllowed(req) ||
      !names.originAllowed(origin) ||
      !sameToken(url.searchParams.get('token'), token)
    ) {
      // The path only: the query holds the token, which never reaches a log.
      logger.warn({ path: url?.pathname ?? null, origin }, 'Refused a WebSocket without a valid token');
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.attach(ws));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  names = hostNames(bindHost, port);
  const displayHost = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${displayHost}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      hub.close();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
};
