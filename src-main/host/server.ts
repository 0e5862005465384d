import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ATTACHMENT_MAX_BYTES } from '../../src-shared/attachments';
import { events as eventSchemas, type EventName } from '../../src-shared/contract';
import type { Engine } from '../engine';
import type { Logger } from '../engine/log/logger';

/**
 * The headless host: the same engine and contract as the Electron app, served to a browser on
 * 127.0.0.1. Static files of the built renderer are public; everything that touches the engine
 * (the WebSocket and /api) needs the random token printed at start.
 */

export type HostOptions = {
  engine: Engine;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  logger: Logger;
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

/** One call carries at most an attachment (16 MB as base64) and its caption. */
export const MAX_FRAME_BYTES = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 64 * 1024;

export const newToken = (): string => randomBytes(24).toString('base64url');

const sameToken = (given: string | null | undefined, expected: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const bearer = (req: IncomingMessage): string | null => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
};

export const startHost = async (options: HostOptions): Promise<Host> => {
  const { engine, logger } = options;
  const token = options.token ?? newToken();
  const bindHost = options.host ?? '127.0.0.1';
  const rendererRoot = resolve(options.rendererDir);

  /** Refuses requests whose Host header is not ours: a DNS-rebinding page cannot talk to us. */
  const hostAllowed = (req: IncomingMessage, port: number): boolean => {
    const hostHeader = req.headers.host ?? '';
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`].includes(hostHeader);
  };

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

  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
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

  let port = 0;
  const server = createServer((req, res) => {
    if (!hostAllowed(req, port)) return send(res, 403, 'Wrong host.');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/session') {
      if (!sameToken(bearer(req), token))
        return send(res, 401, JSON.stringify({ error: 'unauthorized' }), 'application/json');
      return send(res, 200, JSON.stringify({ ok: true }), 'application/json');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    serveStatic(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'Serving a file failed');
      send(res, 500, 'Internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin;
    const originOk =
      origin === undefined ||
      [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://${bindHost}:${port}`].includes(origin);
    if (
      url.pathname !== '/ws' ||
      !hostAllowed(req, port) ||
      !originOk ||
      !sameToken(url.searchParams.get('token'), token)
    ) {
      logger.warn({ path: url.pathname, origin }, 'Refused a WebSocket without a valid token');
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const clients = new Set<WebSocket>();
  const attach = (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data: Buffer, isBinary) => {
      let frame: { type?: unknown; id?: unknown; name?: unknown; input?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        frame = JSON.parse(data.toString('utf8')) as typeof frame;
      } catch {
        ws.send(JSON.stringify({ type: 'error', message: 'Frames must be JSON.' }));
        return;
      }
      if (frame.type !== 'call' || typeof frame.id !== 'number' || typeof frame.name !== 'string') {
        ws.send(JSON.stringify({ type: 'error', message: 'Expected {type:"call", id:number, name:string, input}.' }));
        return;
      }
      const id = frame.id;
      void engine
        .dispatch(frame.name, frame.input)
        .catch((error: unknown) => {
          // The dispatcher answers every failure itself; this is for a bug around it, which must
          // cost one call, not the whole host (an unhandled rejection ends the process).
          logger.error({ err: error, call: frame.name }, 'A call failed outside the dispatcher');
          return {
            ok: false as const,
            error: { code: 'internal' as const, message: 'Wren hit an internal error; try again.' },
          };
        })
        .then((reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'reply', id, reply }));
        });
    });
  };

  const unsubscribers = (Object.keys(eventSchemas) as EventName[]).map((name) =>
    engine.events.on(name, (payload) => {
      const frame = JSON.stringify({ type: 'event', name, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const displayHost = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost;
  return {
    url: `http://${displayHost}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      for (const off of unsubscribers) off();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
};
