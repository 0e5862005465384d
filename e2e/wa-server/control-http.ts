import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { Contact } from './contact';
import type { WaServer } from './server';

/**
 * The standalone server's control API: what tests do in-process, over HTTP on 127.0.0.1, so a
 * person can link the app to the test server and play both phones by hand (see the README).
 */
const phone = z.string().regex(/^\+?\d{6,15}$/, 'Give the phone number as digits, with its country code.');
const bodies = {
  account: z.object({ phone, name: z.string().min(1).max(60).optional() }).strict(),
  scan: z
    .object({ qr: z.string().min(10, 'Paste the whole QR text.'), phone, name: z.string().max(60).optional() })
    .strict(),
  contact: z.object({ phone, name: z.string().min(1).max(60).optional() }).strict(),
  send: z.object({ to: phone, text: z.string().min(1).max(4096) }).strict(),
  streamError: z.object({ code: z.union([z.literal(401), z.literal(440), z.literal(515)]) }).strict(),
  offline: z.object({ offline: z.boolean() }).strict(),
};

export const USAGE = `Control API (JSON bodies):
  GET  /control/state                          accounts, devices, queues, contacts
  POST /control/accounts        {phone, name?} create an account
  POST /control/scan            {qr, phone}    that phone scans a QR (text of the QR the app shows)
  POST /control/contacts        {phone, name?} link a simulated contact (a Baileys client)
  POST /control/contacts/PHONE/send {to, text} the contact sends a text
  GET  /control/contacts/PHONE/received        texts the contact received
  POST /control/accounts/PHONE/drop            cut the account's sockets
  POST /control/accounts/PHONE/stream-error {code: 401|440|515}
  POST /control/accounts/PHONE/offline {offline: true|false}
  GET  /control/trace                          the last 300 stanzas, as text`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new HttpError(413, 'The body is larger than 64 KB.');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
};

const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
};

export const createControlApi = () => {
  const contacts = new Map<string, Contact>();
  const contactOf = (digits: string): Contact => {
    const contact = contacts.get(digits);
    if (!contact) throw new HttpError(404, `No linked contact +${digits}. POST /control/contacts first.`);
    return contact;
  };

  const route = async (server: WaServer, method: string, path: string, req: IncomingMessage): Promise<unknown> => {
    const parts = path.split('/').filter(Boolean).slice(1); // drop "control"
    const [area, id, action] = parts;
    const digits = id?.replace(/\D/g, '') ?? '';
    if (method === 'GET' && area === 'state') {
      return {
        url: server.url,
        rootPublicKeyHex: server.rootPublicKeyHex,
        accounts: server.directory.accounts().map((a) => ({
          phone: `+${a.phone}`,
          lid: a.lid,
          name: a.name,
          offline: a.offline,
          devices: [...a.devices.values()].map((d) => ({
            id: d.id,
            online: d.session !== null,
            queued: d.queue.length,
          })),
        })),
        contacts: [...contacts.keys()].map((p) => `+${p}`),
      };
    }
    if (method === 'GET' && area === 'contacts' && action === 'received') return contactOf(digits).received;
    if (method !== 'POST') throw new HttpError(404, `No ${method} ${path}.\n${USAGE}`);
    const body = await readJson(req);
    if (area === 'accounts' && !id) {
      const input = parse(bodies.account, body);
      const account = server.createAccount(input.phone.replace(/\D/g, ''), input.name);
      return { phone: `+${account.phone}`, lid: account.lid };
    }
    if (area === 'scan') {
      const input = parse(bodies.scan, body);
      const device = await server.scanQr(input.qr, input.phone.replace(/\D/g, ''), input.name);
      return { linked: `+${device.account.phone}`, device: device.id };
    }
    if (area === 'contacts' && !id) {
      const input = parse(bodies.contact, body);
      const key = input.phone.replace(/\D/g, '');
      if (contacts.has(key)) throw new HttpError(409, `Contact +${key} is linked already.`);
      contacts.set(key, await Contact.link(server, key, input.name));
      return { linked: `+${key}` };
    }
    if (area === 'contacts' && action === 'send') {
      const input = parse(bodies.send, body);
      return { id: await contactOf(digits).sendText(input.to, input.text) };
    }
    if (area === 'accounts' && id) {
      if (!server.directory.account(digits)) throw new HttpError(404, `No account +${digits}.`);
      if (action === 'drop') return { dropped: server.dropConnections(digits) };
      if (action === 'stream-error') return { sent: server.streamError(digits, parse(bodies.streamError, body).code) };
      if (action === 'offline') {
        server.setOffline(digits, parse(bodies.offline, body).offline);
        return { offline: server.account(digits).offline };
      }
    }
    throw new HttpError(404, `No POST ${path}.\n${USAGE}`);
  };

  return {
    handle(server: WaServer, req: IncomingMessage, res: ServerResponse): void {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, body: unknown) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
        res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
        res.end(text);
      };
      if (req.method === 'GET' && url.pathname === '/control/trace') {
        send(200, server.trace.format(300));
        return;
      }
      if (!url.pathname.startsWith('/control/')) {
        send(404, USAGE);
        return;
      }
      route(server, req.method ?? 'GET', url.pathname, req).then(
        (value) => send(200, value),
        (error: unknown) => send(error instanceof HttpError ? error.status : 400, { error: (error as Error).message }),
      );
    },
    async close(): Promise<void> {
      await Promise.all([...contacts.values()].map((c) => c.close()));
    },
  };
};
