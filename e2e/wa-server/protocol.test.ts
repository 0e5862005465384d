/** The server's parts on their own: fast checks that name what broke when Baileys changes. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  Curve,
  decodeBinaryNode,
  encodeBinaryNode,
  makeNoiseHandler,
  NOISE_WA_HEADER,
  proto,
  type BinaryNode,
} from './baileys';
import { makeCertChain, verifyCertChain } from './certs';
import { Directory } from './directory';
import { answerIq } from './iq';
import { generateKeyPair, keyPairFromSecret, verifySignature } from './keys';
import { parseQr } from './linking';
import { encodeFrame, FrameReader, NoiseResponder } from './noise';

const logger = pino({ level: 'silent' });

describe('noise handshake', () => {
  it("completes against Baileys' own initiator and carries binary nodes both ways", async () => {
    const root = generateKeyPair();
    const serverStatic = generateKeyPair();
    const responder = new NoiseResponder(serverStatic, makeCertChain(root, serverStatic));
    const reader = new FrameReader();
    const ephemeral = generateKeyPair();
    const noiseKey = generateKeyPair();
    const client = makeNoiseHandler({ keyPair: ephemeral, NOISE_HEADER: NOISE_WA_HEADER, logger });

    const hello = client.encodeFrame(
      proto.HandshakeMessage.encode({ clientHello: { ephemeral: ephemeral.public } }).finish(),
    );
    const [helloFrame] = reader.push(hello);
    const serverHello = proto.HandshakeMessage.decode(responder.respondToHello(helloFrame ?? Buffer.alloc(0)));
    const keyEnc = client.processHandshake(serverHello, noiseKey);
    const payload = client.encrypt(proto.ClientPayload.encode({ username: 447911123401, device: 1 }).finish());
    const finish = client.encodeFrame(
      proto.HandshakeMessage.encode({ clientFinish: { static: keyEnc, payload } }).finish(),
    );
    const [finishFrame] = reader.push(finish);
    const accepted = responder.acceptFinish(finishFrame ?? Buffer.alloc(0));
    await client.finishInit();
    expect(accepted.clientStatic.equals(noiseKey.public)).toBe(true);
    expect(Number(accepted.payload.username)).toBe(447911123401);

    const ping: BinaryNode = { tag: 'iq', attrs: { id: '1', type: 'get', xmlns: 'w:p' } };
    const [pingFrame] = reader.push(client.encodeFrame(encodeBinaryNode(ping)));
    expect(await decodeBinaryNode(responder.decrypt(pingFrame ?? Buffer.alloc(0)))).toMatchObject(ping);

    const received: unknown[] = [];
    await client.decodeFrame(
      encodeFrame(responder.encrypt(encodeBinaryNode({ tag: 'success', attrs: { t: '1' } }))),
      (n) => received.push(n),
    );
    expect(received).toEqual([{ tag: 'success', attrs: { t: '1' } }]);
  });

  it('refuses a stream without the WA intro and reassembles frames split across chunks', () => {
    expect(() => new FrameReader().push(Buffer.from('GET / HTTP/1.1'))).toThrow(/intro header/);
    const reader = new FrameReader();
    const bytes = Buffer.concat([NOISE_WA_HEADER, encodeFrame(Buffer.from('abc')), encodeFrame(Buffer.from('de'))]);
    expect(reader.push(bytes.subarray(0, 6))).toEqual([]);
    expect(reader.push(bytes.subarray(6)).map((f) => f.toString())).toEqual(['abc', 'de']);
  });
});

describe('certificates and keys', () => {
  it('signs a chain only its own root vouches for', () => {
    const root = generateKeyPair();
    const serverStatic = generateKeyPair();
    const chain = makeCertChain(root, serverStatic);
    expect(verifyCertChain(chain, root.public, serverStatic.public)).toBe(true);
    expect(verifyCertChain(chain, generateKeyPair().public, serverStatic.public)).toBe(false);
    expect(verifyCertChain(chain, root.public, generateKeyPair().public)).toBe(false);
  });

  it('derives the same working key pair from the same secret', () => {
    const secret = Buffer.alloc(32, 7);
    const a = keyPairFromSecret(secret);
    expect(keyPairFromSecret(secret).public.equals(a.public)).toBe(true);
    const message = Buffer.from('chain');
    const signature = Buffer.from(Curve.sign(a.private, message));
    expect(verifySignature(a.public, message, signature)).toBe(true);
    expect(verifySignature(a.public, Buffer.from('chair'), signature)).toBe(false);
    expect(() => keyPairFromSecret(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});

describe('QR and addressing', () => {
  it('reads the QR string Baileys shows and says what is wrong with others', () => {
    const key = (n: number) => Buffer.alloc(32, n).toString('base64');
    const qr = `https://wa.me/settings/linked_devices#2@ref,${key(1)},${key(2)},${key(3)},1`;
    expect(parseQr(qr)).toMatchObject({ ref: '2@ref', platformId: '1' });
    expect(() => parseQr('hello')).toThrow(/Not a WhatsApp linking QR/);
    expect(() => parseQr(`r,${key(1)},short,${key(3)}`)).toThrow(/32-byte/);
  });

  it('resolves phone and LID JIDs with and without a device, and nothing else', () => {
    const directory = new Directory();
    const account = directory.createAccount('+44 7911 123401', 'Shop');
    expect(directory.resolve('447911123401@s.whatsapp.net')).toMatchObject({ account, device: null });
    expect(directory.resolve(`${account.lid}:3@lid`)).toMatchObject({ account, device: 3, server: 'lid' });
    expect(directory.resolve('447911123499@s.whatsapp.net')).toBeNull();
    expect(directory.resolve('123@g.us')).toBeNull();
    expect(() => directory.createAccount('447911123401', 'Again')).toThrow(/exists already/);
    expect(() => directory.createAccount('12', 'Short')).toThrow(/6–15 digits/);
  });
});

describe('iq answers', () => {
  const setup = () => {
    const directory = new Directory();
    const account = directory.createAccount('447911123401', 'Shop');
    const device = directory.addDevice(account, {
      id: 1,
      keyIndex: 1,
      noisePublic: Buffer.alloc(32),
      identityPublic: Buffer.alloc(32, 1),
      registrationId: 42,
      signedPreKey: { id: 1, public: Buffer.alloc(32, 2), signature: Buffer.alloc(64, 3) },
      preKeys: new Map([[7, Buffer.alloc(32, 4)]]),
      platform: 'test',
    });
    return { directory, account, device };
  };

  it('answers anything it does not know with a 501 at once', () => {
    const { directory, device } = setup();
    const { reply } = answerIq(directory, device, { tag: 'iq', attrs: { id: '9', xmlns: 'w:m', type: 'set' } });
    expect(reply).toMatchObject({
      attrs: { id: '9', type: 'error' },
      content: [{ tag: 'error', attrs: { code: '501' } }],
    });
  });

  it('hands out each one-time prekey once, then bundles without one', () => {
    const { directory, account, device } = setup();
    const fetch = (): BinaryNode => ({
      tag: 'iq',
      attrs: { id: '1', xmlns: 'encrypt', type: 'get' },
      content: [{ tag: 'key', attrs: {}, content: [{ tag: 'user', attrs: { jid: `${account.lid}:1@lid` } }] }],
    });
    const tags = (reply: BinaryNode) => {
      const list = (reply.content as BinaryNode[])[0];
      const user = (list?.content as BinaryNode[])[0];
      return (user?.content as BinaryNode[]).map((n) => n.tag);
    };
    expect(tags(answerIq(directory, device, fetch()).reply)).toEqual([
      'registration',
      'type',
      'identity',
      'skey',
      'key',
    ]);
    expect(tags(answerIq(directory, device, fetch()).reply)).toEqual(['registration', 'type', 'identity', 'skey']);
  });
});
