import { createPublicKey, verify } from 'node:crypto';

/**
 * Verifies a Curve25519 (XEdDSA, as libsignal signs) signature with node:crypto's Ed25519.
 *
 * Why our own: Baileys 7.0.0-rc14's `Curve.verify` (Utils/crypto.js) returns true unless
 * libsignal throws, but libsignal's `verifySignature` answers with a boolean (true = valid), so
 * every well-formed signature passes there. libsignal's curve library (curve25519-js) is not a
 * dependency of Wren, and node:crypto is.
 *
 * How: a Montgomery u-coordinate maps to the Edwards y = (u - 1) / (u + 1) mod p; the signer
 * keeps the sign of x in the top bit of the signature's last byte (curve25519-js
 * curve25519_sign), so it moves back into the key and out of S, and what is left is plain
 * Ed25519 (RFC 8032), which OpenSSL checks, refusing a non-canonical S as well.
 */
export const verifyXEdDSA = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
  const key = publicKey.length === 33 && publicKey[0] === KEY_TYPE ? publicKey.subarray(1) : publicKey;
  if (key.length !== 32 || signature.length !== 64) return false;
  const edwards = edwardsFromMontgomery(key);
  if (!edwards) return false;
  const sig = Buffer.from(signature);
  edwards[31] = (edwards[31] ?? 0) | ((sig[63] ?? 0) & 0x80);
  sig[63] = (sig[63] ?? 0) & 0x7f;
  try {
    const ed = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, edwards]), format: 'der', type: 'spki' });
    return verify(null, message, ed, sig);
  } catch {
    // A y that is not on the curve, and the like: not a valid signature.
    return false;
  }
};

/** libsignal's 0x05 type byte in front of a 32-byte key. */
const KEY_TYPE = 5;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const P = (1n << 255n) - 19n;

const edwardsFromMontgomery = (u32: Uint8Array): Buffer | null => {
  let u = 0n;
  // Little-endian; the top bit is not part of u (RFC 7748, and curve25519-js ignores it too).
  for (let i = 31; i >= 0; i -= 1) u = (u << 8n) | BigInt(u32[i] ?? 0);
  u = (u & ((1n << 255n) - 1n)) % P;
  const denominator = (u + 1n) % P;
  if (denominator === 0n) return null;
  let y = (((u - 1n + P) % P) * power(denominator, P - 2n)) % P;
  const out = Buffer.alloc(32);
  for (let i = 0; i < 32; i += 1) {
    out[i] = Number(y & 0xffn);
    y >>= 8n;
  }
  return out;
};

/** base^exp mod P (Fermat's little theorem gives the inverse as x^(P-2)). */
const power = (base: bigint, exp: bigint): bigint => {
  let result = 1n;
  let b = base % P;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
};
