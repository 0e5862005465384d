import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { getAllBinaryNodeChildren, getBinaryNodeChild, type BinaryNode, type proto } from './baileys';
import { makeCertChain, type CertFault } from './certs';
import { Connection } from './connection';
import { Directory, lidJid, phoneJid, type Account, type Device } from './directory';
import { answerIq } from './iq';
import { generateKeyPair, keyPairFromSecret, type KeyPair } from './keys';
import {
  checkPairDeviceSign,
  newRefs,
  pairDeviceIq,
  pairSuccessIq,
  parseQr,
  readRegistration,
  registerDevice,
  type PendingLink,
} from './linking';
import { noHistoryNotification, routeMessage, routeReceipt, type RoutedMessage } from './routing';
import { Trace } from './trace';

export type WaServerOptions = {
  port?: number;
  host?: string;
  /** 32 bytes: keeps the root key (WREN_WA_ROOT_KEY) stable across runs of a standalone server. */
  rootSecret?: Buffer;
  /** Print every stanza as it passes. */
  echoTrace?: boolean;
  /** Plain HTTP requests on the same port (the standalone server's control API); 404 otherwise. */
  onHttp?: (server: WaServer, req: IncomingMessage, res: ServerResponse) => void;
  /** Tests: present a certificate chain a client must refuse (see CertFault). */
  certFault?: CertFault;
  /** Tests: sign pair-success with a key that is not the account's; a client must refuse to link. */
  badAccountSignature?: boolean;
};

export type WaServerEvents = {
  /** A device finished linking (its client signed the pairing). */
  linked: [device: Device];
  login: [device: Device];
  logout: [device: Device];
  message: [routed: RoutedMessage];
  receipt: [receipt: { id: string; from: Device; type: string | undefined }];
};

/**
 * A local stand-in for WhatsApp's servers that unmodified Baileys clients link to and chat
 * through. Tests drive it through the control methods below; `trace` records every stanza.
 */
export class WaServer extends EventEmitter<WaServerEvents> {
  readonly directory = new Directory();
  readonly trace: Trace;
  readonly rootPublicKeyHex: string;
  private readonly staticKey: KeyPair = generateKeyPair();
  private readonly certChain: Uint8Array;
  private readonly links = new Map<string, PendingLink>();
  private readonly connections = new Set<Connection>();
  /** Logged-in sockets and, the other way, each device's current one. */
  private readonly sessions = new Map<Connection, Device>();
  private readonly current = new Map<Device, Connection>();
  /** Messages to damage on the way (damageNextMessage), first match first. */
  private readonly damages: { from: string; to: string; done: (id: string) => void }[] = [];
  private nextIq = 1;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    root: KeyPair,
    echoTrace: boolean,
    private readonly faults: Pick<WaServerOptions, 'certFault' | 'badAccountSignature'>,
  ) {
    super();
    this.trace = new Trace(5_000, echoTrace);
    this.rootPublicKeyHex = root.public.toString('hex');
    this.certChain = makeCertChain(root, this.staticKey, Date.now(), faults.certFault ?? null);
    wss.on('connection', (ws) => {
      const connection = new Connection(ws, {
        staticKey: this.staticKey,
        certChain: this.certChain,
        trace: this.trace,
        onHandshake: (c, payload, clientStatic) =>
          this.guard(c, 'handshake', () => this.onHandshake(c, payload, clientStatic)),
        onNode: (c, node) => this.guard(c, node.tag, () => this.onNode(c, node)),
        onClose: (c) => this.onClose(c),
      });
      this.connections.add(connection);
    });
  }

  static async start(options: WaServerOptions = {}): Promise<WaServer> {
    let self: WaServer | null = null;
    const http = createServer((req, res) => {
      if (self && options.onHttp) options.onHttp(self, req, res);
      else res.writeHead(404).end();
    });
    const wss = new WebSocketServer({ server: http, path: '/ws/chat' });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
    });
    const root = options.rootSecret ? keyPairFromSecret(options.rootSecret) : generateKeyPair();
    self = new WaServer(http, wss, root, options.echoTrace ?? false, {
      ...(options.certFault ? { certFault: options.certFault } : {}),
      ...(options.badAccountSignature ? { badAccountSignature: true } : {}),
    });
    return self;
  }

  /** Where the HTTP control API answers (standalone server). */
  get httpUrl(): string {
    const { address, port } = this.http.address() as AddressInfo;
    return `http://${address}:${port}`;
  }

  /** What a client sets as its waWebSocketUrl (WREN_WA_URL). */
  get url(): string {
    return `${this.httpUrl.replace('http', 'ws')}/ws/chat`;
  }

  // ── control API ────────────────────────────────────────────────────────────

  createAccount(phone: string, name = `Contact ${phone.slice(-4)}`): Account {
    return this.directory.createAccount(phone, name);
  }

  account(phone: string): Account {
    const account = this.directory.account(phone);
    if (!account) throw new Error(`No account for ${phone}.`);
    return account;
  }

  /**
   * The phone of `phone` scans a QR string shown by a client (creating the account if needed);
   * resolves once the client has signed the pairing and holds its new device.
   */
  scanQr(qr: string, phone: string, name?: string): Promise<Device> {
    let data: ReturnType<typeof parseQr>;
    try {
      data = parseQr(qr);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const link = this.links.get(data.ref);
    if (!link) return Promise.reject(new Error('This QR is not (or no longer) shown by any connected client.'));
    if (!link.noisePublic.equals(data.noisePublic) || !link.identityPublic.equals(data.identityPublic)) {
      return Promise.reject(new Error('The QR keys do not match the client that registered this ref.'));
    }
    if (link.scanned) return Promise.reject(new Error('This QR was scanned already.'));
    const account = this.directory.account(phone) ?? this.createAccount(phone, name);
    const iqId = `pair-${this.nextIq++}`;
    const reserved = this.directory.reserveDevice(account);
    const { node, details } = pairSuccessIq(
      iqId,
      { account, ...reserved },
      link,
      data,
      this.nowSeconds(),
      this.faults.badAccountSignature ?? false,
    );
    return new Promise<Device>((resolve, reject) => {
      link.scanned = { account, ...reserved, iqId, details, resolve, reject };
      link.connection.send(node);
    });
  }

  /** Every socket of the account is cut without a close frame; clients reconnect with backoff. */
  dropConnections(phone: string): number {
    const devices = this.liveDevices(phone);
    for (const device of devices) device.session?.drop();
    return devices.length;
  }

  /**
   * Sends a stream error to each connected device of the account: 401 logs the devices out (the
   * phone removed them), 440 says another client replaced the session, 515 asks for a restart.
   */
  streamError(phone: string, code: 401 | 440 | 515): number {
    const account = this.account(phone);
    const devices = this.liveDevices(phone);
    for (const device of devices) device.session?.streamError(code);
    if (code === 401) {
      for (const device of [...account.devices.values()]) this.removeDevice(device);
    }
    return devices.length;
  }

  /** Takes the account off the network: sockets drop and logins are refused until it is back. */
  setOffline(phone: string, offline: boolean): void {
    const account = this.account(phone);
    account.offline = offline;
    if (offline) this.dropConnections(phone);
  }

  /**
   * The next message from `fromPhone` to `toPhone` reaches it with its ciphertext damaged, as a
   * broken or out-of-step Signal session leaves it: the recipient cannot decrypt it and sends a
   * retry receipt. Resolves with the message's id once it was damaged.
   */
  damageNextMessage(fromPhone: string, toPhone: string): Promise<string> {
    const from = this.account(fromPhone).phone;
    const to = this.account(toPhone).phone;
    return new Promise((done) => this.damages.push({ from, to, done }));
  }

  /** Stanzas waiting for the account's devices. */
  queued(phone: string): number {
    return [...this.account(phone).devices.values()].reduce((n, d) => n + d.queue.length, 0);
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.drop();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ── protocol ───────────────────────────────────────────────────────────────

  private nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  private liveDevices(phone: string): Device[] {
    return [...this.account(phone).devices.values()].filter((d) => d.session !== null);
  }

  /** A handler failure is recorded with the stanza that caused it and ends that socket. */
  private guard(connection: Connection, what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.trace.record(
        connection.label,
        'error',
        `handling <${what}> failed: ${(error as Error).stack ?? String(error)}`,
      );
      connection.drop();
    }
  }

  private onHandshake(connection: Connection, payload: proto.ClientPayload, clientStatic: Buffer): void {
    if (payload.devicePairingData) {
      const registration = readRegistration(payload);
      const link: PendingLink = {
        connection,
        refs: newRefs(),
        noisePublic: clientStatic,
        ...registration,
        scanned: null,
      };
      for (const ref of link.refs) this.links.set(ref, link);
      connection.send(pairDeviceIq(`pair-device-${this.nextIq++}`, link.refs));
      return;
    }
    const phone = String(payload.username ?? '');
    const device = this.directory.account(phone)?.devices.get(payload.device ?? 0);
    if (!device || !device.noisePublic.equals(clientStatic)) {
      this.trace.record(
        connection.label,
        'event',
        `login refused: no device ${phone}:${payload.device ?? 0} with this key`,
      );
      connection.send({ tag: 'failure', attrs: { reason: '401', location: 'wren-test' } });
      connection.close();
      return;
    }
    if (device.account.offline) {
      connection.drop();
      return;
    }
    this.login(connection, device);
  }

  private login(connection: Connection, device: Device): void {
    const previous = device.session;
    // A second login of the same device replaces the first, as WhatsApp does (440 there).
    previous?.streamError(440);
    connection.label = `${device.account.phone}:${device.id}`;
    this.sessions.set(connection, device);
    this.current.set(device, connection);
    device.session = {
      send: (node) => connection.send(node),
      drop: () => connection.drop(),
      streamError: (code) => {
        connection.send(
          code === 440
            ? { tag: 'stream:error', attrs: {}, content: [{ tag: 'conflict', attrs: { type: 'replaced' } }] }
            : { tag: 'stream:error', attrs: { code: String(code) } },
        );
        connection.close();
      },
    };
    const now = this.nowSeconds();
    connection.send({ tag: 'success', attrs: { t: String(now), lid: lidJid(device.account, device.id), props: '1' } });
    const queued = device.queue.splice(0);
    for (const node of queued) connection.send(node);
    connection.send({ tag: 'ib', attrs: {}, content: [{ tag: 'offline', attrs: { count: String(queued.length) } }] });
    connection.send(noHistoryNotification(device, now));
    this.emit('login', device);
  }

  private onNode(connection: Connection, node: BinaryNode): void {
    const device = this.sessions.get(connection);
    if (!device) {
      this.onUnlinkedNode(connection, node);
      return;
    }
    const now = this.nowSeconds();
    switch (node.tag) {
      case 'iq': {
        if (node.attrs.type === 'result' || node.attrs.type === 'error') return;
        const { reply, effects } = answerIq(this.directory, device, node);
        connection.send(reply);
        if (effects.removeDevice) {
          this.removeDevice(effects.removeDevice);
          connection.close();
        }
        return;
      }
      case 'message': {
        const { ack, routed } = routeMessage(this.directory, device, node, now, (copy) => this.damaged(copy));
        connection.send(ack);
        for (const r of routed) this.emit('message', r);
        return;
      }
      case 'receipt': {
        routeReceipt(this.directory, device, node, now);
        this.emit('receipt', { id: node.attrs.id ?? '', from: device, type: node.attrs.type });
        return;
      }
      default:
        // ack, presence, chatstate, ib (unified_session) and the like need no answer here.
        return;
    }
  }

  private damaged(copy: RoutedMessage): BinaryNode {
    const at = this.damages.findIndex((d) => d.from === copy.from.account.phone && d.to === copy.to.account.phone);
    const damage = this.damages[at];
    const content = copy.enc.content;
    if (!damage || !(content instanceof Uint8Array) || content.length === 0) return copy.enc;
    this.damages.splice(at, 1);
    // The last bytes are the message's MAC (libsignal WhisperMessage): flipped, it fails to verify.
    const bytes = Buffer.from(content);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    this.trace.record(`${copy.from.account.phone}:${copy.from.id}`, 'event', `damaged message ${copy.id} on its way`);
    damage.done(copy.id);
    return { ...copy.enc, content: bytes };
  }

  /** Before login only the pairing exchange is allowed. */
  private onUnlinkedNode(connection: Connection, node: BinaryNode): void {
    const link = [...this.links.values()].find((l) => l.connection === connection);
    if (!link || node.tag !== 'iq') return;
    const scan = link.scanned;
    if (!scan || node.attrs.id !== scan.iqId) return; // the ack of pair-device, or an early query
    if (node.attrs.type !== 'result' || !getBinaryNodeChild(node, 'pair-device-sign')) {
      scan.reject(
        new Error(`The client refused the pairing: ${JSON.stringify(getAllBinaryNodeChildren(node)[0]?.attrs ?? {})}`),
      );
      return;
    }
    checkPairDeviceSign(node, link, scan.account, scan.details);
    const device = registerDevice(this.directory, scan, link);
    for (const ref of link.refs) this.links.delete(ref);
    this.trace.record(connection.label, 'event', `linked as ${phoneJid(scan.account, device.id)}`);
    scan.resolve(device);
    this.emit('linked', device);
    // The client reconnects and logs in with its new identity (Socket/socket.js: 515 → restartRequired).
    connection.send({ tag: 'stream:error', attrs: { code: '515' } });
    connection.close();
  }

  private removeDevice(device: Device): void {
    this.directory.removeDevice(device);
    this.emit('logout', device);
  }

  private onClose(connection: Connection): void {
    this.connections.delete(connection);
    const device = this.sessions.get(connection);
    this.sessions.delete(connection);
    if (device && this.current.get(device) === connection) {
      this.current.delete(device);
      device.session = null;
    }
    for (const [ref, link] of this.links) {
      if (link.connection !== connection) continue;
      this.links.delete(ref);
      link.scanned?.reject(new Error('The client disconnected before the pairing finished.'));
    }
  }
}
