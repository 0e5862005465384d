import { aesDecryptGCM, aesEncryptGCM, Curve, hkdf, NOISE_MODE, NOISE_WA_HEADER, proto, sha256 } from './baileys';
import { generateKeyPair, type KeyPair } from './keys';

/**
 * The responder side of WhatsApp's Noise XX handshake, mirroring Baileys' initiator
 * (Utils/noise-handler.js). Until the split there is one key and one counter for both
 * directions, reset on every key mix, and every ciphertext is hashed into the AAD.
 */
export class NoiseResponder {
  private hash: Buffer;
  private salt: Buffer;
  private key: Buffer;
  private counter = 0;
  private readonly ephemeral: KeyPair;
  private clientEphemeral: Buffer | null = null;
  private transport: { send: Buffer; receive: Buffer; sendCounter: number; receiveCounter: number } | null = null;

  constructor(
    private readonly staticKey: KeyPair,
    private readonly certChain: Uint8Array,
  ) {
    const mode = Buffer.from(NOISE_MODE);
    this.hash = mode;
    this.salt = mode;
    this.key = mode;
    this.ephemeral = generateKeyPair();
    this.mixHash(NOISE_WA_HEADER);
  }

  get established(): boolean {
    return this.transport !== null;
  }

  /** Client hello in, server hello out (step 3 of the handshake). */
  respondToHello(frame: Uint8Array): Uint8Array {
    const { clientHello } = proto.HandshakeMessage.decode(frame);
    if (!clientHello?.ephemeral || clientHello.ephemeral.length !== 32) {
      throw new Error('noise: the client hello carries no 32-byte ephemeral key');
    }
    const clientEphemeral = Buffer.from(clientHello.ephemeral);
    this.clientEphemeral = clientEphemeral;
    this.mixHash(clientEphemeral);
    this.mixHash(this.ephemeral.public);
    this.mixKey(Curve.sharedKey(this.ephemeral.private, clientEphemeral));
    const encStatic = this.encryptHandshake(this.staticKey.public);
    this.mixKey(Curve.sharedKey(this.staticKey.private, clientEphemeral));
    const encPayload = this.encryptHandshake(this.certChain);
    return proto.HandshakeMessage.encode({
      serverHello: { ephemeral: this.ephemeral.public, static: encStatic, payload: encPayload },
    }).finish();
  }

  /** Client finish in: returns the client's static (noise) public key and its ClientPayload. */
  acceptFinish(frame: Uint8Array): { clientStatic: Buffer; payload: proto.ClientPayload } {
    if (!this.clientEphemeral) throw new Error('noise: client finish before client hello');
    const { clientFinish } = proto.HandshakeMessage.decode(frame);
    if (!clientFinish?.static || !clientFinish.payload) {
      throw new Error('noise: the client finish lacks its static key or payload');
    }
    const clientStatic = this.decryptHandshake(clientFinish.static);
    this.mixKey(Curve.sharedKey(this.ephemeral.private, clientStatic));
    const payload = proto.ClientPayload.decode(this.decryptHandshake(clientFinish.payload));
    // Split: the first half encrypts client → server, the second server → client.
    const keys = Buffer.from(hkdf(Buffer.alloc(0), 64, { salt: this.salt, info: '' }));
    this.transport = { receive: keys.subarray(0, 32), send: keys.subarray(32), sendCounter: 0, receiveCounter: 0 };
    return { clientStatic, payload };
  }

  encrypt(plaintext: Uint8Array): Buffer {
    const t = this.requireTransport();
    return aesEncryptGCM(plaintext, t.send, iv(t.sendCounter++), Buffer.alloc(0));
  }

  decrypt(ciphertext: Uint8Array): Buffer {
    const t = this.requireTransport();
    return aesDecryptGCM(ciphertext, t.receive, iv(t.receiveCounter++), Buffer.alloc(0));
  }

  private requireTransport() {
    if (!this.transport) throw new Error('noise: transport keys used before the handshake finished');
    return this.transport;
  }

  private mixHash(data: Uint8Array): void {
    this.hash = Buffer.from(sha256(Buffer.concat([this.hash, data])));
  }

  private mixKey(input: Uint8Array): void {
    const out = Buffer.from(hkdf(Buffer.from(input), 64, { salt: this.salt, info: '' }));
    this.salt = out.subarray(0, 32);
    this.key = out.subarray(32);
    this.counter = 0;
  }

  private encryptHandshake(plaintext: Uint8Array): Buffer {
    const result = aesEncryptGCM(plaintext, this.key, iv(this.counter++), this.hash);
    this.mixHash(result);
    return result;
  }

  private decryptHandshake(ciphertext: Uint8Array): Buffer {
    const result = aesDecryptGCM(ciphertext, this.key, iv(this.counter++), this.hash);
    this.mixHash(ciphertext);
    return result;
  }
}

const iv = (counter: number): Buffer => {
  const buffer = Buffer.alloc(12);
  buffer.writeUInt32BE(counter, 8);
  return buffer;
};

/**
 * Splits a byte stream into 3-byte-length-prefixed frames. The client's first bytes carry the
 * `WA` intro header, which it sends once.
 */
export class FrameReader {
  private pending = Buffer.alloc(0);
  private introSeen = false;

  push(chunk: Uint8Array): Buffer[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    if (!this.introSeen) {
      if (this.pending.length < NOISE_WA_HEADER.length) return [];
      const intro = this.pending.subarray(0, NOISE_WA_HEADER.length);
      if (!intro.equals(NOISE_WA_HEADER)) {
        throw new Error(
          `noise: expected the WA intro header ${NOISE_WA_HEADER.toString('hex')}, got ${intro.toString('hex')}`,
        );
      }
      this.pending = this.pending.subarray(NOISE_WA_HEADER.length);
      this.introSeen = true;
    }
    const frames: Buffer[] = [];
    while (this.pending.length >= 3) {
      const size = (this.pending[0]! << 16) | (this.pending[1]! << 8) | this.pending[2]!;
      if (this.pending.length < size + 3) break;
      frames.push(this.pending.subarray(3, size + 3));
      this.pending = this.pending.subarray(size + 3);
    }
    return frames;
  }
}

export const encodeFrame = (data: Uint8Array): Buffer => {
  const frame = Buffer.alloc(3 + data.length);
  frame.writeUIntBE(data.length, 0, 3);
  frame.set(data, 3);
  return frame;
};
