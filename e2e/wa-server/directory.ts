import type { BinaryNode } from './baileys';
import { generateKeyPair, type KeyPair } from './keys';

export type SignedPreKey = { id: number; public: Buffer; signature: Buffer };

/** One linked companion device of an account (a Baileys client). */
export type Device = {
  id: number;
  account: Account;
  noisePublic: Buffer;
  identityPublic: Buffer;
  registrationId: number;
  signedPreKey: SignedPreKey;
  preKeys: Map<number, Buffer>;
  keyIndex: number;
  platform: string;
  /** The live socket, if the device is connected and logged in. */
  session: DeviceSession | null;
  /** Stanzas for the device while it is not connected, delivered at its next login. */
  queue: BinaryNode[];
};

/** What the directory needs of a logged-in connection. */
export type DeviceSession = {
  send(node: BinaryNode): void;
  streamError(code: number, reason?: string): void;
  drop(): void;
};

/** A WhatsApp account: the phone (primary device) and its linked devices. */
export type Account = {
  phone: string;
  lid: string;
  name: string;
  /** The phone's identity key: it signs each device it links (ADV account signature). */
  identity: KeyPair;
  devices: Map<number, Device>;
  nextDeviceId: number;
  nextKeyIndex: number;
  /** Taken offline by a test: connections are refused until brought back. */
  offline: boolean;
};

export type Address = { account: Account; device: number | null; server: 's.whatsapp.net' | 'lid' };

/** Accounts by phone number and by LID, and the addressing rules between them. */
export class Directory {
  private readonly byPhone = new Map<string, Account>();
  private readonly byLid = new Map<string, Account>();
  private nextLid = 100_000_000_000_001;

  createAccount(phone: string, name: string): Account {
    const digits = phone.replace(/\D/g, '');
    if (!/^\d{6,15}$/.test(digits)) throw new Error(`"${phone}" is not a phone number: give 6–15 digits.`);
    if (this.byPhone.has(digits)) throw new Error(`An account for +${digits} exists already.`);
    const account: Account = {
      phone: digits,
      lid: String(this.nextLid++),
      name,
      identity: generateKeyPair(),
      devices: new Map(),
      nextDeviceId: 1,
      nextKeyIndex: 1,
      offline: false,
    };
    this.byPhone.set(account.phone, account);
    this.byLid.set(account.lid, account);
    return account;
  }

  account(phone: string): Account | undefined {
    return this.byPhone.get(phone.replace(/\D/g, ''));
  }

  accounts(): Account[] {
    return [...this.byPhone.values()];
  }

  /** Resolves `user[:device]@s.whatsapp.net` or `lid[:device]@lid`; null for anything else. */
  resolve(jid: string | undefined): Address | null {
    if (!jid) return null;
    const match = /^(\d+)(?::(\d+))?@(s\.whatsapp\.net|lid)$/.exec(jid);
    if (!match) return null;
    const [, user = '', device, server] = match;
    const account = server === 'lid' ? this.byLid.get(user) : this.byPhone.get(user);
    if (!account) return null;
    return {
      account,
      device: device === undefined ? null : Number(device),
      server: server === 'lid' ? 'lid' : 's.whatsapp.net',
    };
  }

  /** Reserves the id and key index a phone hands out when it links a device. */
  reserveDevice(account: Account): { deviceId: number; keyIndex: number } {
    return { deviceId: account.nextDeviceId++, keyIndex: account.nextKeyIndex++ };
  }

  addDevice(account: Account, fields: Omit<Device, 'account' | 'session' | 'queue'>): Device {
    const device: Device = { ...fields, account, session: null, queue: [] };
    account.devices.set(device.id, device);
    return device;
  }

  removeDevice(device: Device): void {
    device.account.devices.delete(device.id);
  }
}

export const phoneJid = (account: Account, device?: number): string =>
  device ? `${account.phone}:${device}@s.whatsapp.net` : `${account.phone}@s.whatsapp.net`;

export const lidJid = (account: Account, device?: number): string =>
  device ? `${account.lid}:${device}@lid` : `${account.lid}@lid`;

/** The server's own address in `from` of its iqs. */
export const SERVER_JID = 's.whatsapp.net';
