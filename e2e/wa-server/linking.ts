import { randomBytes, randomInt } from 'node:crypto';
import { Curve, getBinaryNodeChild, hmacSign, proto, type BinaryNode } from './baileys';
import type { Connection } from './connection';
import { generateKeyPair, verifySignature } from './keys';
import {
  lidJid,
  phoneJid,
  SERVER_JID,
  type Account,
  type Device,
  type Directory,
  type SignedPreKey,
} from './directory';

const ACCOUNT_SIG_PREFIX = Buffer.from([6, 0]);
const DEVICE_SIG_PREFIX = Buffer.from([6, 1]);
const QR_PREFIX = 'https://wa.me/settings/linked_devices#';
/** Baileys shows one QR per ref (60 s, then 20 s each) and closes with 408 when they run out. */
const REFS_PER_LINK = 6;

/** A client that registered (no account yet) and shows QR codes until a phone scans one. */
export type PendingLink = {
  connection: Connection;
  refs: string[];
  noisePublic: Buffer;
  identityPublic: Buffer;
  registrationId: number;
  signedPreKey: SignedPreKey;
  platform: string;
  /** Set once a phone scanned: waits for the client's signed reply. */
  scanned: Scan | null;
};

/** A phone scanned the QR: the device id and key index are reserved until the client signs. */
export type Scan = {
  account: Account;
  deviceId: number;
  keyIndex: number;
  iqId: string;
  details: Buffer;
  resolve: (device: Device) => void;
  reject: (error: Error) => void;
};

export type QrData = {
  ref: string;
  noisePublic: Buffer;
  identityPublic: Buffer;
  advSecret: Buffer;
  platformId: string;
};

/** Reads the string a phone's camera would read from the QR Baileys shows. */
export const parseQr = (qr: string): QrData => {
  const body = qr.startsWith(QR_PREFIX) ? qr.slice(QR_PREFIX.length) : qr;
  const parts = body.split(',');
  if (parts.length < 4) throw new Error(`Not a WhatsApp linking QR: "${qr.slice(0, 60)}"`);
  const [ref = '', noise = '', identity = '', adv = '', platformId = ''] = parts;
  const noisePublic = Buffer.from(noise, 'base64');
  const identityPublic = Buffer.from(identity, 'base64');
  const advSecret = Buffer.from(adv, 'base64');
  if (noisePublic.length !== 32 || identityPublic.length !== 32 || advSecret.length !== 32) {
    throw new Error('The QR does not carry 32-byte noise, identity and ADV keys.');
  }
  return { ref, noisePublic, identityPublic, advSecret, platformId };
};

/** Reads the registration a new client sends in its ClientPayload (Utils/validate-connection.js). */
export const readRegistration = (
  payload: proto.ClientPayload,
): Pick<PendingLink, 'identityPublic' | 'registrationId' | 'signedPreKey' | 'platform'> => {
  const data = payload.devicePairingData;
  if (!data?.eIdent || !data.eRegid || !data.eSkeyId || !data.eSkeyVal || !data.eSkeySig) {
    throw new Error('registration: devicePairingData lacks the identity, registration id or signed prekey');
  }
  const props = data.deviceProps ? proto.DeviceProps.decode(data.deviceProps) : null;
  return {
    identityPublic: Buffer.from(data.eIdent),
    registrationId: Buffer.from(data.eRegid).readUInt32BE(0),
    signedPreKey: {
      id: Buffer.from(data.eSkeyId).readUIntBE(0, 3),
      public: Buffer.from(data.eSkeyVal),
      signature: Buffer.from(data.eSkeySig),
    },
    platform: props?.os ?? 'unknown',
  };
};

export const newRefs = (): string[] =>
  Array.from({ length: REFS_PER_LINK }, () => `2@${randomBytes(24).toString('base64')}`);

export const pairDeviceIq = (id: string, refs: string[]): BinaryNode => ({
  tag: 'iq',
  attrs: { from: SERVER_JID, type: 'set', id, xmlns: 'md' },
  content: [
    {
      tag: 'pair-device',
      attrs: {},
      content: refs.map((ref) => ({ tag: 'ref', attrs: {}, content: Buffer.from(ref) })),
    },
  ],
});

/**
 * What the phone does after scanning: sign the new device into the account. The device id is
 * the next free one; the ADV identity proves to the client that this account's phone linked it
 * (checked in configureSuccessfulPairing). `badAccountSignature` (tests) signs it with a key
 * other than the account's, as a server in the middle without the phone would have to.
 */
export const pairSuccessIq = (
  id: string,
  scan: Pick<Scan, 'account' | 'deviceId' | 'keyIndex'>,
  link: PendingLink,
  qr: QrData,
  nowSeconds: number,
  badAccountSignature = false,
): { node: BinaryNode; details: Buffer } => {
  const { account, deviceId, keyIndex } = scan;
  const details = Buffer.from(
    proto.ADVDeviceIdentity.encode({ rawId: randomInt(1, 2 ** 31), timestamp: nowSeconds, keyIndex }).finish(),
  );
  const accountSignature = Curve.sign(
    badAccountSignature ? generateKeyPair().private : account.identity.private,
    Buffer.concat([ACCOUNT_SIG_PREFIX, details, link.identityPublic]),
  );
  const signed = proto.ADVSignedDeviceIdentity.encode({
    details,
    accountSignatureKey: account.identity.public,
    accountSignature,
  }).finish();
  const wrapped = proto.ADVSignedDeviceIdentityHMAC.encode({
    details: signed,
    hmac: hmacSign(Buffer.from(signed), qr.advSecret),
  }).finish();
  return {
    details,
    node: {
      tag: 'iq',
      attrs: { from: SERVER_JID, type: 'set', id, xmlns: 'md', t: String(nowSeconds) },
      content: [
        {
          tag: 'pair-success',
          attrs: {},
          content: [
            { tag: 'device-identity', attrs: { 'key-index': String(keyIndex) }, content: wrapped },
            { tag: 'platform', attrs: { name: 'android' } },
            { tag: 'device', attrs: { jid: phoneJid(account, deviceId), lid: lidJid(account, deviceId) } },
          ],
        },
      ],
    },
  };
};

/**
 * The client's answer to pair-success carries its own signature over the device identity
 * ([6,1] ‖ details ‖ its identity key ‖ the account key); a real server refuses a bad one.
 */
export const checkPairDeviceSign = (reply: BinaryNode, link: PendingLink, account: Account, details: Buffer): void => {
  const identityNode = getBinaryNodeChild(getBinaryNodeChild(reply, 'pair-device-sign'), 'device-identity');
  if (!(identityNode?.content instanceof Uint8Array)) {
    throw new Error('pair-device-sign: the reply has no device-identity');
  }
  const signed = proto.ADVSignedDeviceIdentity.decode(identityNode.content);
  if (!signed.details || !Buffer.from(signed.details).equals(details)) {
    throw new Error('pair-device-sign: the device identity details differ from those the phone signed');
  }
  const message = Buffer.concat([DEVICE_SIG_PREFIX, details, link.identityPublic, account.identity.public]);
  if (!signed.deviceSignature || !verifySignature(link.identityPublic, message, Buffer.from(signed.deviceSignature))) {
    throw new Error('pair-device-sign: the device signature does not verify against its identity key');
  }
};

export const registerDevice = (directory: Directory, scan: Scan, link: PendingLink): Device =>
  directory.addDevice(scan.account, {
    id: scan.deviceId,
    keyIndex: scan.keyIndex,
    noisePublic: link.noisePublic,
    identityPublic: link.identityPublic,
    registrationId: link.registrationId,
    signedPreKey: link.signedPreKey,
    preKeys: new Map(),
    platform: link.platform,
  });
