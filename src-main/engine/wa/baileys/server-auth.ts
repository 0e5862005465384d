import {
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  timingSafeEqual,
} from 'node:crypto';
import { Curve, NOISE_MODE, NOISE_WA_HEADER, proto, toNumber, WA_CERT_DETAILS } from '@whiskeysockets/baileys';
import { verifyXEdDSA } from './xeddsa';

/**
 * Authenticates WhatsApp's server, which Baileys 7.0.0-rc14 does not do.
 *
 * Why: Baileys' `Curve.verify` returns true for any well-formed signature (xeddsa.ts), so
 * neither the noise certificate chain (root → intermediate → leaf) in processHandshake
 * (Utils/noise-handler.js) nor the account signature in pair-success
 * (Utils/validate-connection.js) is checked; and Baileys never compares the leaf's key with the
 * static key the server used. Any server in the middle could link a bot.
 *
 * What, two parts:
 * - `installStrictVerify` puts a real verification into Baileys' `Curve` object, which its
 *   modules call through, so its own chain and account-signature checks start to work.
 * - `guardServerHello` checks the whole chain independently, the leaf → static binding too, and
 *   against this transport's own root: it replays the client side of the Noise XX handshake
 *   (WA-PROTOCOL.md) from the raw ServerHello, using the ephemeral key pair makeWASocket made
 *   (`captureKeyPairs`). A server that fails is refused before Baileys answers it: Baileys'
 *   'message' listener (registered inside makeWASocket, so before ours) only resolves a promise
 *   with the frame; processHandshake and the ClientFinish run in microtasks after every
 *   listener returned. Our listener ends the socket first, so Baileys' send finds it closing.
 *   The transport also refuses a QR or an open from a socket not verified yet (fail closed).
 *
 * Delete this file (and its calls in transport.ts) once Baileys verifies the chain, binds the
 * leaf to the static key and checks libsignal's boolean itself.
 */

/** WhatsApp's long-term noise root (WA_CERT_DETAILS.PUBLIC_KEY in Baileys, WACertPubKey in whatsmeow). */
export const WHATSAPP_ROOT_KEY = Buffer.from('142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b', 'hex');
/** The intermediate must name the root as its issuer by this serial (WA_CERT_DETAILS.SERIAL). */
const ROOT_SERIAL = 0;
/** A ServerHello is a few hundred bytes; a first frame larger than this is not one. */
const MAX_HELLO_BYTES = 64 * 1024;
/** A PC clock a few minutes off must not make Wren refuse WhatsApp. */
const CLOCK_SKEW_S = 10 * 60;

/** Reads a certificate root given as 64 hex digits (a local protocol server's, in tests). */
export const parseRootKey = (hex: string): Buffer => {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error('rootPublicKeyHex must be a 32-byte Curve25519 public key as 64 hex digits.');
  }
  return Buffer.from(hex, 'hex');
};

/** Makes Baileys' own signature checks real, for every socket in the process. Idempotent. */
export const installStrictVerify = (): void => {
  Curve.verify = verifyXEdDSA;
};

export type KeyPair = { private: Uint8Array; public: Uint8Array };

/** Runs `make` (synchronously) and returns every key pair Baileys generated meanwhile. */
export const captureKeyPairs = <T>(make: () => T): { value: T; keyPairs: KeyPair[] } => {
  const original = Curve.generateKeyPair;
  const keyPairs: KeyPair[] = [];
  Curve.generateKeyPair = () => {
    const pair = original();
    keyPairs.push(pair);
    return pair;
  };
  try {
    return { value: make(), keyPairs };
  } finally {
    Curve.generateKeyPair = original;
  }
};

/**
 * Why a certificate chain is refused, or null when `root` vouches for `serverStatic` through it.
 * The checks whatsmeow makes (handshake.go verifyServerCert): signatures, issuer serials, the
 * leaf's key against the static key, and both validity windows.
 */
export const checkCertChain = (
  chainBytes: Uint8Array,
  serverStatic: Uint8Array,
  root: Uint8Array,
  nowMs: number,
): string | null => {
  const { intermediate, leaf } = proto.CertChain.decode(chainBytes);
  if (!intermediate?.details || !intermediate.signature || !leaf?.details || !leaf.signature) {
    return 'the certificate chain is incomplete';
  }
  if (!verifyXEdDSA(root, intermediate.details, intermediate.signature)) {
    return 'the intermediate certificate is not signed by the WhatsApp root';
  }
  const mid = proto.CertChain.NoiseCertificate.Details.decode(intermediate.details);
  if ((mid.issuerSerial ?? 0) !== ROOT_SERIAL) return `the intermediate names issuer ${mid.issuerSerial}, not the root`;
  if (!mid.key || mid.key.length !== 32) return 'the intermediate certificate carries no 32-byte key';
  if (!verifyXEdDSA(mid.key, leaf.details, leaf.signature)) {
    return 'the leaf certificate is not signed by the intermediate';
  }
  const end = proto.CertChain.NoiseCertificate.Details.decode(leaf.details);
  if ((end.issuerSerial ?? 0) !== (mid.serial ?? 0)) {
    return `the leaf names issuer ${end.issuerSerial}, not the intermediate (${mid.serial})`;
  }
  if (!end.key || end.key.length !== serverStatic.length || !timingSafeEqual(end.key, serverStatic)) {
    return "the leaf certificate's key is not the server's static key";
  }
  return expiredCert('intermediate', mid, nowMs) ?? expiredCert('leaf', end, nowMs);
};

const expiredCert = (
  name: string,
  details: proto.CertChain.NoiseCertificate.IDetails,
  nowMs: number,
): string | null => {
  const now = Math.floor(nowMs / 1000);
  const notBefore = toNumber(details.notBefore);
  const notAfter = toNumber(details.notAfter);
  // A window the server leaves out (0) is not checked: only a stated one can be broken.
  if (notBefore > 0 && now + CLOCK_SKEW_S < notBefore)
    return `the ${name} certificate is not valid yet (check the computer's clock)`;
  if (notAfter > 0 && now - CLOCK_SKEW_S > notAfter)
    return `the ${name} certificate has expired (check the computer's clock)`;
  return null;
};

/**
 * The client's side of Noise XX up to the ServerHello (Baileys' makeNoiseHandler and
 * processHandshake, in node:crypto): returns the server's static key and its certificate chain.
 * Throws when the hello does not decrypt with this ephemeral key.
 */
export const openServerHello = (
  helloBytes: Uint8Array,
  ephemeral: KeyPair,
): { serverStatic: Buffer; certChain: Buffer } => {
  const { serverHello } = proto.HandshakeMessage.decode(helloBytes);
  if (!serverHello?.ephemeral || serverHello.ephemeral.length !== 32 || !serverHello.static || !serverHello.payload) {
    throw new Error('the server hello is incomplete');
  }
  let hash = Buffer.from(NOISE_MODE); // 32 bytes: used as is
  let salt = hash;
  let key = hash;
  let counter = 0;
  const mixHash = (data: Uint8Array) => (hash = createHash('sha256').update(hash).update(data).digest());
  const mixKey = (input: Uint8Array) => {
    const out = Buffer.from(hkdfSync('sha256', input, salt, Buffer.alloc(0), 64));
    salt = out.subarray(0, 32);
    key = out.subarray(32);
    counter = 0;
  };
  const decrypt = (ciphertext: Uint8Array): Buffer => {
    const iv = Buffer.alloc(12);
    iv.writeUInt32BE(counter++, 8);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(hash);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    mixHash(ciphertext);
    return plain;
  };
  mixHash(NOISE_WA_HEADER);
  mixHash(ephemeral.public);
  mixHash(serverHello.ephemeral);
  mixKey(x25519(ephemeral.private, serverHello.ephemeral));
  const serverStatic = decrypt(serverHello.static);
  if (serverStatic.length !== 32) throw new Error('the server static key is not 32 bytes');
  mixKey(x25519(ephemeral.private, serverStatic));
  return { serverStatic, certChain: decrypt(serverHello.payload) };
};

const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

const x25519 = (privateKey: Uint8Array, publicKey: Uint8Array): Buffer =>
  diffieHellman({
    privateKey: createPrivateKey({
      key: Buffer.concat([PKCS8_X25519_PREFIX, privateKey]),
      format: 'der',
      type: 'pkcs8',
    }),
    publicKey: createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, publicKey]), format: 'der', type: 'spki' }),
  });

/** The part of a Baileys socket the guard needs: its websocket (an EventEmitter) and end(). */
export type GuardedSocket = { ws?: unknown; end(error: Error | undefined): Promise<void> };

type RawListener = (data: unknown) => void;
type RawEmitter = { on(event: 'message', l: RawListener): unknown; off(event: 'message', l: RawListener): unknown };

export type ServerGuard = {
  /** True once the server's chain verified; a socket that is not may show no QR and never open. */
  readonly verified: boolean;
  /** Stops watching (the socket's lifetime ended). */
  stop(): void;
};

export type GuardOptions = {
  /** Every key pair makeWASocket generated; one of them is the handshake's ephemeral. */
  keyPairs: KeyPair[];
  root: Buffer;
  now: () => number;
  /** The socket has already been ended when this is called; `detail` says what failed. */
  onRefused: (detail: string) => void;
};

/** Watches the socket's first frame, the ServerHello, and refuses a server that fails `checkCertChain`. */
export const guardServerHello = (sock: GuardedSocket, options: GuardOptions): ServerGuard => {
  let verified = false;
  let done = false;
  let pending = Buffer.alloc(0);
  const ws = isRawEmitter(sock.ws) ? sock.ws : null;

  const refuse = (detail: string) => {
    if (done) return;
    done = true;
    ws?.off('message', onMessage);
    // Synchronous part of Baileys' end(): its websocket is closing before its handshake goes on.
    sock.end(new Error(`Could not verify WhatsApp's server: ${detail}`)).catch(() => undefined);
    options.onRefused(detail);
  };

  const onMessage: RawListener = (data) => {
    if (done) return;
    pending = Buffer.concat([pending, toBuffer(data)]);
    if (pending.length < 3) return;
    const size = pending.readUIntBE(0, 3);
    if (size > MAX_HELLO_BYTES) return refuse('the server answered with something that is not a server hello');
    if (pending.length < size + 3) return;
    const detail = verifyHello(pending.subarray(3, size + 3), options);
    if (detail !== null) return refuse(detail);
    done = true;
    verified = true;
    ws?.off('message', onMessage);
    // Baileys' own check, real since installStrictVerify, reads the root from this global in the
    // microtasks that follow: point it at the root just used, so sockets with different roots
    // in one process (tests) do not trip over each other.
    WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(options.root);
  };

  if (ws) ws.on('message', onMessage);
  else refuse('the connection cannot be observed (Baileys changed?)');
  return {
    get verified() {
      return verified;
    },
    stop() {
      done = true;
      ws?.off('message', onMessage);
    },
  };
};

/** Null when the hello opens with one of the key pairs and its chain checks out; else why not. */
const verifyHello = (hello: Buffer, { keyPairs, root, now }: GuardOptions): string | null => {
  let opened: ReturnType<typeof openServerHello> | null = null;
  for (const pair of keyPairs) {
    try {
      opened = openServerHello(hello, pair);
      break;
    } catch {
      // Not this key pair (or not a hello at all): try the next.
    }
  }
  if (!opened) return 'the server hello does not decrypt';
  try {
    return checkCertChain(opened.certChain, opened.serverStatic, root, now());
  } catch (error) {
    return `the certificate chain does not parse (${(error as Error).message})`;
  }
};

const isRawEmitter = (ws: unknown): ws is RawEmitter =>
  typeof ws === 'object' &&
  ws !== null &&
  typeof (ws as { on?: unknown }).on === 'function' &&
  typeof (ws as { off?: unknown }).off === 'function';

const toBuffer = (data: unknown): Buffer => {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data.filter((part): part is Buffer => Buffer.isBuffer(part)));
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.alloc(0);
};
