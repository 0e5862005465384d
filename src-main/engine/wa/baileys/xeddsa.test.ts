import { randomBytes } from 'node:crypto';
import { Curve } from '@whiskeysockets/baileys';
// libsignal's own curve library (a devDependency here): the reference for what verifies.
import { generateKeyPair, sign, verify } from 'curve25519-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installStrictVerify } from './server-auth';
import { verifyXEdDSA } from './xeddsa';

/** Baileys' Curve.verify as shipped, taken before anything in this file replaces it. */
const shippedVerify = Curve.verify;
const params = { seed: 20_260_105, numRuns: 40, endOnFailure: true };

const keyPair = (seed: Uint8Array) => generateKeyPair(seed);

describe('verifyXEdDSA', () => {
  it('accepts what libsignal signs and agrees with its verify on any one flipped bit', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('signature', 'message', 'key'),
        fc.nat(),
        (seed, message, where, at) => {
          const pair = keyPair(seed);
          const signature = sign(pair.private, message, undefined);
          expect(verifyXEdDSA(pair.public, message, signature)).toBe(true);
          const target = { signature, message, key: pair.public }[where];
          if (target.length === 0) return;
          const tampered = Uint8Array.from(target);
          const bit = at % (tampered.length * 8);
          tampered[bit >> 3] = (tampered[bit >> 3] ?? 0) ^ (1 << (bit & 7));
          const args = {
            key: where === 'key' ? tampered : pair.public,
            message: where === 'message' ? tampered : message,
            signature: where === 'signature' ? tampered : signature,
          };
          expect(verifyXEdDSA(args.key, args.message, args.signature)).toBe(
            verify(args.key, args.message, Uint8Array.from(args.signature)),
          );
        },
      ),
      params,
    );
  });

  it("verifies Baileys' own signatures, with or without libsignal's 0x05 key prefix", () => {
    const pair = Curve.generateKeyPair();
    const message = randomBytes(77);
    const signature = Curve.sign(pair.private, message);
    expect(verifyXEdDSA(pair.public, message, signature)).toBe(true);
    expect(verifyXEdDSA(Buffer.concat([Buffer.from([5]), pair.public]), message, signature)).toBe(true);
    expect(verifyXEdDSA(Curve.generateKeyPair().public, message, signature)).toBe(false);
  });

  it('refuses malformed input instead of throwing', () => {
    const pair = keyPair(randomBytes(32));
    const message = randomBytes(10);
    const signature = sign(pair.private, message, undefined);
    expect(verifyXEdDSA(pair.public.subarray(1), message, signature)).toBe(false);
    expect(verifyXEdDSA(pair.public, message, signature.subarray(1))).toBe(false);
    // u = p - 1 has no Edwards counterpart (u + 1 = 0).
    const minusOne = Buffer.alloc(32, 0xff);
    minusOne[0] = 0xec;
    minusOne[31] = 0x7f;
    expect(verifyXEdDSA(minusOne, message, signature)).toBe(false);
    expect(verifyXEdDSA(Buffer.alloc(32), message, Buffer.alloc(64))).toBe(false);
  });
});

describe("Baileys' Curve.verify", () => {
  it('as shipped in rc14 accepts a forged signature (why server-auth.ts exists; drop it when this fails)', () => {
    const pair = Curve.generateKeyPair();
    const forged = Curve.sign(Curve.generateKeyPair().private, Buffer.from('details'));
    expect(shippedVerify(pair.public, Buffer.from('details'), forged)).toBe(true);
  });

  it('once replaced by installStrictVerify, refuses it and still accepts a genuine one', () => {
    installStrictVerify();
    const pair = Curve.generateKeyPair();
    const message = Buffer.from('details');
    expect(Curve.verify(pair.public, message, Curve.sign(Curve.generateKeyPair().private, message))).toBe(false);
    expect(Curve.verify(pair.public, message, Curve.sign(pair.private, message))).toBe(true);
  });
});
