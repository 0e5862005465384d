import { Curve, proto } from './baileys';
import { generateKeyPair, verifySignature, type KeyPair } from './keys';

/**
 * How a test server can misbehave with its certificates (`WaServer.start({ certFault })`), each
 * something a real client must refuse: a leaf validly signed for a key other than the static key
 * the server uses, a signature by the wrong key, a broken issuer link, an expired certificate.
 */
export type CertFault =
  | 'wrong-leaf-key'
  | 'bad-intermediate-signature'
  | 'bad-leaf-signature'
  | 'wrong-intermediate-issuer'
  | 'wrong-leaf-issuer'
  | 'expired';

/**
 * The noise certificate chain the server presents: a root (the test stand-in for WhatsApp's
 * long-term key, which the client is told to trust through WA_CERT_DETAILS.PUBLIC_KEY) signs an
 * intermediate, the intermediate signs a leaf holding the server's static noise key
 * (Utils/noise-handler.js processHandshake).
 */
export const makeCertChain = (
  root: KeyPair,
  serverStatic: KeyPair,
  now = Date.now(),
  fault: CertFault | null = null,
): Uint8Array => {
  const intermediate = generateKeyPair();
  const seconds = Math.floor(now / 1000);
  const validity =
    fault === 'expired'
      ? { notBefore: seconds - 30 * 24 * 3600, notAfter: seconds - 24 * 3600 }
      : { notBefore: seconds - 3600, notAfter: seconds + 30 * 24 * 3600 };
  const intermediateDetails = proto.CertChain.NoiseCertificate.Details.encode({
    serial: 1,
    // The client compares against WA_CERT_DETAILS.SERIAL (0); an unset field decodes as null.
    issuerSerial: fault === 'wrong-intermediate-issuer' ? 5 : 0,
    key: intermediate.public,
    ...validity,
  }).finish();
  const leafDetails = proto.CertChain.NoiseCertificate.Details.encode({
    serial: 2,
    issuerSerial: fault === 'wrong-leaf-issuer' ? 7 : 1,
    key: fault === 'wrong-leaf-key' ? generateKeyPair().public : serverStatic.public,
    ...validity,
  }).finish();
  const rootSigner = fault === 'bad-intermediate-signature' ? generateKeyPair() : root;
  const leafSigner = fault === 'bad-leaf-signature' ? generateKeyPair() : intermediate;
  return proto.CertChain.encode({
    intermediate: { details: intermediateDetails, signature: Curve.sign(rootSigner.private, intermediateDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(leafSigner.private, leafDetails) },
  }).finish();
};

/** The checks a client makes, for the server's own tests: true when `rootPublic` vouches for the chain. */
export const verifyCertChain = (chain: Uint8Array, rootPublic: Buffer, serverStaticPublic: Buffer): boolean => {
  const { intermediate, leaf } = proto.CertChain.decode(chain);
  if (!intermediate?.details || !intermediate.signature || !leaf?.details || !leaf.signature) return false;
  const details = proto.CertChain.NoiseCertificate.Details.decode(intermediate.details);
  const leafDetails = proto.CertChain.NoiseCertificate.Details.decode(leaf.details);
  return (
    details.issuerSerial === 0 &&
    leafDetails.issuerSerial === details.serial &&
    verifySignature(rootPublic, intermediate.details, intermediate.signature) &&
    verifySignature(Buffer.from(details.key ?? []), leaf.details, leaf.signature) &&
    Buffer.from(leafDetails.key ?? []).equals(serverStaticPublic)
  );
};
