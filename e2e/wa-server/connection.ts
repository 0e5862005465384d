import type { WebSocket } from 'ws';
import type { proto } from './baileys';
import { decodeBinaryNode, encodeBinaryNode, type BinaryNode } from './baileys';
import type { KeyPair } from './keys';
import { encodeFrame, FrameReader, NoiseResponder } from './noise';
import type { Trace } from './trace';

export type ConnectionHooks = {
  staticKey: KeyPair;
  certChain: Uint8Array;
  trace: Trace;
  /** The handshake finished: the payload says whether this is a registration or a login. */
  onHandshake(connection: Connection, payload: proto.ClientPayload, clientStatic: Buffer): void;
  onNode(connection: Connection, node: BinaryNode): void;
  onClose(connection: Connection): void;
};

let nextId = 1;

/** One client socket: noise handshake, then binary nodes both ways, each traced. */
export class Connection {
  readonly id = nextId++;
  /** Shown in the trace; the server renames it once the device is known. */
  label = `#${this.id}`;
  private readonly frames = new FrameReader();
  private readonly noise: NoiseResponder;
  private state: 'hello' | 'finish' | 'open' | 'closed' = 'hello';
  /** Frames decode asynchronously (zlib); this chain keeps them in arrival order. */
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly hooks: ConnectionHooks,
  ) {
    this.noise = new NoiseResponder(hooks.staticKey, hooks.certChain);
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('close', () => this.closed());
    ws.on('error', (error) => {
      hooks.trace.record(this.label, 'event', `socket error: ${error.message}`);
    });
  }

  get open(): boolean {
    return this.state === 'open';
  }

  send(node: BinaryNode): void {
    if (this.state !== 'open') return;
    this.hooks.trace.node(this.label, 'out', node);
    this.ws.send(encodeFrame(this.noise.encrypt(encodeBinaryNode(node))));
  }

  /** Ends the socket politely (close frame). */
  close(): void {
    if (this.state === 'closed') return;
    this.ws.close();
  }

  /** Cuts the socket with no close frame, as a network failure would. */
  drop(): void {
    if (this.state === 'closed') return;
    this.hooks.trace.record(this.label, 'event', 'dropped');
    this.ws.terminate();
  }

  private receive(data: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.frames.push(data);
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const frame of frames) {
      this.inbox = this.inbox.then(() => this.handleFrame(frame)).catch((error: unknown) => this.fail(error));
    }
  }

  private async handleFrame(frame: Buffer): Promise<void> {
    if (this.state === 'hello') {
      this.hooks.trace.record(this.label, 'in', 'noise client hello');
      this.ws.send(encodeFrame(this.noise.respondToHello(frame)));
      this.hooks.trace.record(this.label, 'out', 'noise server hello + certificate chain');
      this.state = 'finish';
    } else if (this.state === 'finish') {
      const { clientStatic, payload } = this.noise.acceptFinish(frame);
      this.state = 'open';
      const kind = payload.devicePairingData
        ? 'registration'
        : `login as ${String(payload.username)}:${payload.device ?? 0}`;
      this.hooks.trace.record(this.label, 'in', `noise client finish (${kind})`);
      this.hooks.onHandshake(this, payload, clientStatic);
    } else if (this.state === 'open') {
      const node = await decodeBinaryNode(this.noise.decrypt(frame));
      this.hooks.trace.node(this.label, 'in', node);
      this.hooks.onNode(this, node);
    }
  }

  private fail(error: unknown): void {
    this.hooks.trace.record(this.label, 'error', `connection failed: ${(error as Error).stack ?? String(error)}`);
    this.drop();
  }

  private closed(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.hooks.trace.record(this.label, 'event', 'closed');
    this.hooks.onClose(this);
  }
}
