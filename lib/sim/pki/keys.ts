/**
 * Private/public key handling over node:crypto KeyObjects. Parsing a PEM key costs more than a
 * signature, so KeyObjects are cached per PEM string (bounded).
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { NULL, oid, seq } from "./der";

const CAP = 512;
const privCache = new Map<string, KeyObject | null>();
const pubCache = new Map<string, KeyObject | null>();

function remember<K, V>(m: Map<K, V>, k: K, v: V): V {
  if (m.size >= CAP) m.delete(m.keys().next().value as K);
  m.set(k, v);
  return v;
}

/** The private key in any PEM form OpenSSL/Go write (PKCS#8, PKCS#1, SEC1), or null. */
export function privateKeyObject(pem: string): KeyObject | null {
  const hit = privCache.get(pem);
  if (hit !== undefined) return hit;
  let k: KeyObject | null = null;
  try {
    k = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    k = null;
  }
  return remember(privCache, pem, k);
}

/** A public key from a SPKI PEM, a certificate, or a private key PEM. */
export function publicKeyObject(pem: string): KeyObject | null {
  const hit = pubCache.get(pem);
  if (hit !== undefined) return hit;
  let k: KeyObject | null = null;
  try {
    k = createPublicKey({ key: pem, format: "pem" });
  } catch {
    k = null;
  }
  return remember(pubCache, pem, k);
}

export function publicKeyFromDer(spki: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
  } catch {
    return null;
  }
}

export function spkiDer(key: KeyObject): Uint8Array {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return new Uint8Array(pub.export({ type: "spki", format: "der" }));
}

export function spkiPem(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return pub.export({ type: "spki", format: "pem" }).toString();
}

export const isRsa = (key: KeyObject) => key.asymmetricKeyType === "rsa";

/** AlgorithmIdentifier of the SHA-256 signature a key makes (Go and OpenSSL both pick SHA-256 here). */
export function signatureAlgorithm(key: KeyObject): Uint8Array {
  return isRsa(key) ? seq(oid("1.2.840.113549.1.1.11"), NULL) : seq(oid("1.2.840.10045.4.3.2"));
}

export function signSha256(key: KeyObject, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign("sha256", data, key));
}

export function verifySha256(key: KeyObject, data: Uint8Array, sig: Uint8Array): boolean {
  try {
    return verify("sha256", data, key, sig);
  } catch {
    return false;
  }
}

/** kubeadm's on-disk form: `RSA PRIVATE KEY` (PKCS#1) or `EC PRIVATE KEY` (SEC1). */
export function toTraditionalPem(pkcs8Pem: string): string {
  const k = privateKeyObject(pkcs8Pem);
  if (!k) throw new Error("invalid private key");
  return k.export({ type: isRsa(k) ? "pkcs1" : "sec1", format: "pem" }).toString();
}

export function toPkcs8Pem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}
