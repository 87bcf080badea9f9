/**
 * Test fixtures built independently of lib/sim/pki (@peculiar/x509 over WebCrypto): CA, leaf
 * certificates and CSRs, so the kubectl tests cross-check the PKI module instead of reusing it.
 */
import "./reflect-shim";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// node:crypto.webcrypto is the WebCrypto the library expects (the Crypto DOM type is not in lib/sim's libs)
x509.cryptoProvider.set(webcrypto as never);

const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

function der(pem: string): ArrayBuffer {
  const b = Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

export async function importKeys(privateKeyPem: string, publicKeyPem: string): Promise<CryptoKeyPair> {
  const privateKey = await webcrypto.subtle.importKey("pkcs8", der(privateKeyPem), ALG, true, ["sign"]);
  const publicKey = await webcrypto.subtle.importKey("spki", der(publicKeyPem), ALG, true, ["verify"]);
  return { privateKey, publicKey };
}

let serial = 1;

export async function issue(o: {
  subject: string;
  issuer?: string;
  publicKey: CryptoKey;
  signingKey: CryptoKey;
  notBefore: number;
  notAfter: number;
  ca?: boolean;
  dns?: string[];
  ips?: string[];
}): Promise<string> {
  const extensions: x509.Extension[] = [];
  if (o.ca) extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
  if (o.dns?.length || o.ips?.length) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...(o.dns ?? []).map((value) => ({ type: "dns" as const, value })),
        ...(o.ips ?? []).map((value) => ({ type: "ip" as const, value })),
      ]),
    );
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    subject: o.subject,
    issuer: o.issuer ?? o.subject,
    notBefore: new Date(o.notBefore),
    notAfter: new Date(o.notAfter),
    publicKey: o.publicKey,
    signingKey: o.signingKey,
    signingAlgorithm: ALG,
    extensions,
  });
  return cert.toString("pem") + "\n";
}

export async function makeCsr(subject: string, keys: CryptoKeyPair): Promise<string> {
  const r = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys, signingAlgorithm: ALG });
  return r.toString("pem") + "\n";
}
