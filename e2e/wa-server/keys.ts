import { createPrivateKey, createPublicKey } from 'node:crypto';
import { verify as xeddsaVerify } from 'curve25519-js';
import { Curve } from './baileys';

/** A Curve25519 key pair as Baileys holds it: 32-byte keys, no 0x05 type prefix. */
export type KeyPair = { private: Buffer; public: Buffer };

export const generateKeyPair = (): KeyPair => {
  const pair = Curve.generateKeyPair();
  return { private: Buffer.from(pair.private), public: Buffer.from(pair.public) };
};

const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX_LENGTH = 12;

/** A key pair from a fixed 32-byte secret, so a standalone server can keep one test root across runs. */
export const keyPairFromSecret = (secret: Buffer): KeyPair => {
  if (secret.length !== 32) throw new Error('A key secret must be 32 bytes (64 hex digits).');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { private: Buffer.from(secret), public: Buffer.from(der.subarray(SPKI_X25519_PREFIX_LENGTH)) };
};

/**
 * A signature check that really checks: Baileys' `Curve.verify` (rc14) ignores libsignal's
 * boolean result and accepts any well-formed signature, so the server verifies with the curve
 * library libsignal itself uses.
 */
export const verifySignature = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
  const key = publicKey.length === 33 ? publicKey.subarray(1) : publicKey;
  if (key.length !== 32 || signature.length !== 64) return false;
  return xeddsaVerify(key, message, signature);
};
