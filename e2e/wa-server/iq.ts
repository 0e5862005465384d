import {
  encodeBigEndian,
  getAllBinaryNodeChildren,
  getBinaryNodeChild,
  getBinaryNodeChildBuffer,
  getBinaryNodeChildren,
  type BinaryNode,
} from './baileys';
import { lidJid, SERVER_JID, type Account, type Device, type Directory } from './directory';

export const iqResult = (id: string, content?: BinaryNode[]): BinaryNode => ({
  tag: 'iq',
  attrs: { id, type: 'result', from: SERVER_JID },
  ...(content ? { content } : {}),
});

export const iqError = (id: string, code: number, text: string): BinaryNode => ({
  tag: 'iq',
  attrs: { id, type: 'error', from: SERVER_JID },
  content: [{ tag: 'error', attrs: { code: String(code), text } }],
});

/** What an iq may do beyond answering: the server acts on these after replying. */
export type IqEffects = { removeDevice?: Device };

/**
 * Answers the iq queries of a logged-in device. Baileys waits for each answer (the bootstrap
 * before `open`: prekey count and upload, passive, digest), so anything unknown gets a 501 at
 * once rather than costing it a 60 s timeout.
 */
export const answerIq = (
  directory: Directory,
  device: Device,
  node: BinaryNode,
): { reply: BinaryNode; effects: IqEffects } => {
  const id = node.attrs.id ?? '';
  const { xmlns, type } = node.attrs;
  const first = getAllBinaryNodeChildren(node)[0];
  const route = `${xmlns ?? ''} ${type ?? ''} ${first?.tag ?? ''}`;
  switch (route) {
    case 'w:p get ping':
    case 'passive set active':
    case 'passive set passive':
    case 'privacy set privacy':
    case 'privacy set tokens':
      return { reply: iqResult(id), effects: {} };
    case 'encrypt get count':
      return { reply: iqResult(id, [{ tag: 'count', attrs: { value: String(device.preKeys.size) } }]), effects: {} };
    case 'encrypt set registration':
      storeKeys(device, node);
      return { reply: iqResult(id), effects: {} };
    case 'encrypt set rotate':
      storeSignedPreKey(device, getBinaryNodeChild(first, 'skey'));
      return { reply: iqResult(id), effects: {} };
    case 'encrypt get digest':
      return { reply: iqResult(id, [digest(device)]), effects: {} };
    case 'encrypt get key':
      return { reply: iqResult(id, [keyBundles(directory, first)]), effects: {} };
    case 'usync get usync':
      return { reply: iqResult(id, [usync(directory, first)]), effects: {} };
    case 'abt get props':
      return {
        reply: iqResult(id, [{ tag: 'props', attrs: { protocol: '1', hash: 'wren-test' }, content: [] }]),
        effects: {},
      };
    case 'blocklist get ':
      return { reply: iqResult(id, [{ tag: 'list', attrs: {}, content: [] }]), effects: {} };
    case 'privacy get privacy':
      return { reply: iqResult(id, [privacySettings()]), effects: {} };
    case 'md set remove-companion-device':
      return { reply: iqResult(id), effects: { removeDevice: device } };
    default:
      return { reply: iqError(id, 501, 'feature-not-implemented'), effects: {} };
  }
};

const readUInt = (buffer: Buffer | undefined, what: string): number => {
  if (!buffer || buffer.length === 0 || buffer.length > 4) throw new Error(`encrypt: missing or malformed ${what}`);
  return buffer.readUIntBE(0, buffer.length);
};

/** Prekey upload (Utils/signal.js getNextPreKeysNode): registration, identity, prekeys, signed prekey. */
const storeKeys = (device: Device, node: BinaryNode): void => {
  const registration = getBinaryNodeChildBuffer(node, 'registration');
  const identity = getBinaryNodeChildBuffer(node, 'identity');
  device.registrationId = readUInt(registration ? Buffer.from(registration) : undefined, 'registration id');
  if (identity) device.identityPublic = Buffer.from(identity);
  for (const key of getBinaryNodeChildren(getBinaryNodeChild(node, 'list'), 'key')) {
    const keyId = getBinaryNodeChildBuffer(key, 'id');
    const value = getBinaryNodeChildBuffer(key, 'value');
    if (!value) throw new Error('encrypt: a prekey without a value');
    device.preKeys.set(readUInt(keyId ? Buffer.from(keyId) : undefined, 'prekey id'), Buffer.from(value));
  }
  storeSignedPreKey(device, getBinaryNodeChild(node, 'skey'));
};

const storeSignedPreKey = (device: Device, skey: BinaryNode | undefined): void => {
  if (!skey) return;
  const keyId = getBinaryNodeChildBuffer(skey, 'id');
  const value = getBinaryNodeChildBuffer(skey, 'value');
  const signature = getBinaryNodeChildBuffer(skey, 'signature');
  if (!value || !signature) throw new Error('encrypt: a signed prekey without value or signature');
  device.signedPreKey = {
    id: readUInt(keyId ? Buffer.from(keyId) : undefined, 'signed prekey id'),
    public: Buffer.from(value),
    signature: Buffer.from(signature),
  };
};

const digest = (device: Device): BinaryNode => ({
  tag: 'digest',
  attrs: {},
  content: [
    { tag: 'type', attrs: {}, content: Buffer.from([5]) },
    { tag: 'identity', attrs: {}, content: device.identityPublic },
    { tag: 'registration', attrs: {}, content: encodeBigEndian(device.registrationId) },
  ],
});

/** Key bundles for `<key><user jid=…/></key>`, each popping one one-time prekey (Utils/signal.js). */
const keyBundles = (directory: Directory, query: BinaryNode | undefined): BinaryNode => {
  const users: BinaryNode[] = [];
  for (const user of getBinaryNodeChildren(query, 'user')) {
    const jid = user.attrs.jid;
    const address = directory.resolve(jid);
    const device = address ? address.account.devices.get(address.device ?? 0) : undefined;
    if (!jid || !device) continue;
    const content: BinaryNode[] = [
      { tag: 'registration', attrs: {}, content: encodeBigEndian(device.registrationId) },
      { tag: 'type', attrs: {}, content: Buffer.from([5]) },
      { tag: 'identity', attrs: {}, content: device.identityPublic },
      {
        tag: 'skey',
        attrs: {},
        content: [
          { tag: 'id', attrs: {}, content: encodeBigEndian(device.signedPreKey.id, 3) },
          { tag: 'value', attrs: {}, content: device.signedPreKey.public },
          { tag: 'signature', attrs: {}, content: device.signedPreKey.signature },
        ],
      },
    ];
    const next = device.preKeys.entries().next();
    if (!next.done) {
      const [keyId, value] = next.value;
      device.preKeys.delete(keyId);
      content.push({
        tag: 'key',
        attrs: {},
        content: [
          { tag: 'id', attrs: {}, content: encodeBigEndian(keyId, 3) },
          { tag: 'value', attrs: {}, content: value },
        ],
      });
    }
    users.push({ tag: 'user', attrs: { jid }, content });
  }
  return { tag: 'list', attrs: {}, content: users };
};

/**
 * Device lists with the LID of each user (WAUSync device + lid protocols). The phone itself
 * (device 0) is simulated without Signal keys, so only linked devices are listed; each needs
 * its key-index or Baileys skips it.
 */
const usync = (directory: Directory, query: BinaryNode | undefined): BinaryNode => {
  const users: BinaryNode[] = [];
  for (const user of getBinaryNodeChildren(getBinaryNodeChild(query, 'list'), 'user')) {
    const jid = user.attrs.jid;
    if (!jid) continue;
    const account: Account | undefined = directory.resolve(jid)?.account;
    const devices = account ? [...account.devices.values()] : [];
    const content: BinaryNode[] = [
      {
        tag: 'devices',
        attrs: {},
        content: [
          {
            tag: 'device-list',
            attrs: {},
            content: devices.map((d) => ({
              tag: 'device',
              attrs: { id: String(d.id), 'key-index': String(d.keyIndex) },
            })),
          },
        ],
      },
    ];
    if (account) content.push({ tag: 'lid', attrs: { val: lidJid(account) } });
    users.push({ tag: 'user', attrs: { jid }, content });
  }
  return {
    tag: 'usync',
    attrs: { sid: query?.attrs.sid ?? '', index: '0', last: 'true' },
    content: [{ tag: 'list', attrs: {}, content: users }],
  };
};

/** Baileys reads these with reduceBinaryNodeToDictionary; missing ones break readMessages later. */
const privacySettings = (): BinaryNode => ({
  tag: 'privacy',
  attrs: {},
  content: ['last', 'online', 'profile', 'status', 'groupadd', 'calladd', 'readreceipts'].map((name) => ({
    tag: 'category',
    attrs: { name, value: name === 'readreceipts' ? 'all' : 'contacts' },
  })),
});
