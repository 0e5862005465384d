/**
 * Everything the protocol server takes from Baileys, in one place. The server speaks Baileys'
 * wire format by reusing its codec, protobufs and crypto helpers, so it is tied to one exact
 * Baileys version (package.json pins it). Upgrading Baileys is a one-line change there; the
 * server's tests then name the stanza that broke (see `trace.ts`).
 */
export {
  aesDecryptGCM,
  aesEncryptGCM,
  Curve,
  decodeBinaryNode,
  encodeBigEndian,
  encodeBinaryNode,
  getAllBinaryNodeChildren,
  getBinaryNodeChild,
  getBinaryNodeChildBuffer,
  getBinaryNodeChildren,
  hkdf,
  hmacSign,
  initAuthCreds,
  jidDecode,
  jidEncode,
  makeNoiseHandler,
  makeWASocket,
  NOISE_MODE,
  NOISE_WA_HEADER,
  proto,
  sha256,
  WA_CERT_DETAILS,
  WAMessageStatus,
  type AuthenticationCreds,
  type BinaryNode,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
  type WAMessage,
  type WASocket,
} from '@whiskeysockets/baileys';
