import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { WebSocket, type ClientOptions } from 'ws';
import { createHarness, type Harness } from '../../engine/testing/engine-harness';
import { startHost, type Host, type HostOptions } from '../server';

/**
 * The real host on a free port over a real engine (the engine harness), with its log lines kept
 * for the test to read, and small clients that speak to it over real sockets.
 */
export type TestHost = {
  host: Host;
  harness: Harness;
  /** Every line the host logged, as pino wrote it. */
  logs: string[];
  wsUrl(token?: string): string;
  dispose(): Promise<void>;
};

export const TEST_TOKEN = 'test-token-of-twenty-four-chars';

export const startTestHost = async (options: Partial<HostOptions> = {}): Promise<TestHost> => {
  const harness = await createHarness();
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const rendererDir = mkdtempSync(join(tmpdir(), 'wren-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Wren</title>');
  const host = await startHost({ engine: harness.engine, logger, rendererDir, token: TEST_TOKEN, ...options });
  return {
    host,
    harness,
    logs,
    wsUrl: (token = host.token) => `ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`,
    async dispose() {
      await host.close();
      await harness.dispose();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
};

export type RawResponse = { status: number; body: string };

/** One HTTP request with the path and headers exactly as given (fetch would tidy them). */
export const rawGet = (port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

export type Frame = { type: string; [key: string]: unknown };

/** A WebSocket client that keeps what it receives, for a test to wait on. */
export type TestClient = {
  ws: WebSocket;
  frames: Frame[];
  /** Resolves with the first frame (already received or to come) that `match` accepts. */
  next(match?: (frame: Frame) => boolean, withinMs?: number): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
};

export const connect = async (url: string, options: ClientOptions = {}): Promise<TestClient> => {
  const ws = new WebSocket(url, options);
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString('utf8')) as Frame);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  // A refused connection also errors; the test reads that from `closed` or the open below.
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const next: TestClient['next'] = (match = () => true, withinMs = 5_000) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const look = () => {
        for (; seen < frames.length; seen++) {
          const frame = frames[seen];
          if (frame && match(frame)) {
            waiters.delete(look);
            clearTimeout(timer);
            resolve(frame);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(look);
        reject(new Error(`No matching frame within ${withinMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`));
      }, withinMs);
      waiters.add(look);
      look();
    });
  return { ws, frames, next, closed };
};

/** The status a WebSocket handshake gets: 101 when accepted. */
export const handshakeStatus = (url: string, options: ClientOptions = {}): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => resolve(-1));
  });
