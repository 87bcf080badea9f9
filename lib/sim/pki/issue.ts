/**
 * Builds and signs X.509 certificates. `issueCertificate` follows Go's x509.CreateCertificate
 * (extension order KU, EKU, BC, SKI, AKI, SAN; SKI = SHA-1 of the key for CAs; AKI = parent SKI
 * unless self-signed), which is what kubeadm and kube-controller-manager produce.
 */
import { createHash } from "node:crypto";
import { bitString, bool, explicit, octets, oid, seq, smallInt, time, tlv, uint, utf8 } from "./der";
import { privateKeyObject, signatureAlgorithm, signSha256, spkiDer } from "./keys";
import { pemDecode, pemEncode } from "./pem";
import { encodeName, type Rdn } from "./names";
import { findExt, OID, parseCertDer, parseSpki, decodeSki, type ParsedCert } from "./x509-parse";
import { readTlv } from "./der";

export const KU = {
  digitalSignature: 1 << 0,
  contentCommitment: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
  encipherOnly: 1 << 7,
  decipherOnly: 1 << 8,
} as const;

export function extension(o: string, critical: boolean, v: Uint8Array): Uint8Array {
  return critical ? seq(oid(o), bool(true), octets(v)) : seq(oid(o), octets(v));
}

/** DER BIT STRING of the key usage bits, trailing zero bits trimmed (Go and OpenSSL agree). */
export function encodeKeyUsage(bits: number): Uint8Array {
  const bytes = [0, 0];
  for (let i = 0; i < 9; i++) if (bits & (1 << i)) bytes[i >> 3] |= 0x80 >> (i & 7);
  const n = bytes[1] ? 2 : 1;
  const last = bytes[n - 1];
  let unused = 0;
  while (unused < 8 && last && !(last & (1 << unused))) unused++;
  return bitString(new Uint8Array(bytes.slice(0, n)), last ? unused : 0);
}

export const encodeEku = (oids: string[]) => seq(...oids.map(oid));
export const encodeBasicConstraints = (ca: boolean, pathLen?: number) =>
  seq(...(ca ? [bool(true)] : []), ...(pathLen !== undefined ? [smallInt(pathLen)] : []));

function ipBytes(ip: string): Uint8Array | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    const p = ip.split(".").map(Number);
    return p.every((x) => x <= 255) ? new Uint8Array(p) : undefined;
  }
  if (!ip.includes(":")) return undefined;
  const [head, tail] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

export const parseIp = ipBytes;

export interface SanSpec {
  dns?: string[];
  ips?: string[];
  emails?: string[];
  uris?: string[];
}

/** Go writes DNS, email, IP, URI in that order. */
export function encodeSan(s: SanSpec): Uint8Array {
  return seq(
    ...(s.dns ?? []).map((d) => tlv(0x82, utf8(d))),
    ...(s.emails ?? []).map((d) => tlv(0x81, utf8(d))),
    ...(s.ips ?? []).map((ip) => tlv(0x87, ipBytes(ip) ?? new Uint8Array())),
    ...(s.uris ?? []).map((d) => tlv(0x86, utf8(d))),
  );
}

export function subjectKeyId(spki: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash("sha1")
      .update(parseSpki(readTlv(spki)).keyBits)
      .digest(),
  );
}

/** Go's serial: uniform in [1, 2^63). */
export function goSerial(random: () => number): Uint8Array {
  const b = new Uint8Array(8);
  for (let i = 0; i < 8; i++) b[i] = Math.floor(random() * 256);
  b[0] &= 0x7f;
  if (b.every((x) => x === 0)) b[7] = 1;
  return b;
}

export function randomSerial(random: () => number, bytes: number, topMask = 0x7f): Uint8Array {
  const b = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) b[i] = Math.floor(random() * 256);
  b[0] &= topMask;
  if (b[0] === 0) b[0] = 1;
  return b;
}

/** Signs a TBSCertificate assembled from parts. */
export function signTbs(opts: {
  version: 1 | 3;
  serial: Uint8Array;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: number;
  notAfter: number;
  spki: Uint8Array;
  extensions: Uint8Array[];
  signingKeyPem: string;
}): string {
  const key = privateKeyObject(opts.signingKeyPem);
  if (!key) throw new Error("invalid signing key");
  const alg = signatureAlgorithm(key);
  const tbs = seq(
    ...(opts.version === 3 ? [explicit(0, smallInt(2))] : []),
    uint(opts.serial),
    alg,
    opts.issuerDer,
    seq(time(opts.notBefore), time(opts.notAfter)),
    opts.subjectDer,
    opts.spki,
    ...(opts.version === 3 && opts.extensions.length ? [explicit(3, seq(...opts.extensions))] : []),
  );
  const sig = signSha256(key, tbs);
  return pemEncode("CERTIFICATE", seq(tbs, alg, bitString(sig)));
}

export interface IssueOptions {
  /** subject as RDNs (encoded like Go) or raw DER (copied from a CSR) */
  subject: Rdn[] | Uint8Array;
  /** SPKI PEM or DER of the certified key */
  publicKey: string | Uint8Array;
  /** issuing CA certificate; omitted for a self-signed certificate */
  caCertPem?: string;
  /** key that signs (the CA key, or the subject's own key when self-signed) */
  signingKeyPem: string;
  notBefore: number;
  notAfter: number;
  serial: Uint8Array;
  keyUsage?: number;
  extKeyUsage?: string[];
  /** Go's BasicConstraintsValid + IsCA */
  basicConstraints?: { ca: boolean; pathLen?: number };
  san?: SanSpec;
}

const parsedCa = new Map<string, ParsedCert>();

export function caInfo(pem: string): ParsedCert {
  let p = parsedCa.get(pem);
  if (!p) {
    const block = pemDecode(pem, "CERTIFICATE");
    if (!block) throw new Error("invalid CA certificate");
    p = parseCertDer(block.der);
    if (parsedCa.size > 256) parsedCa.clear();
    parsedCa.set(pem, p);
  }
  return p;
}

/** A v3 certificate shaped like Go's x509.CreateCertificate output. Returns PEM. */
export function issueCertificate(o: IssueOptions): string {
  const spki = typeof o.publicKey === "string" ? publicSpkiDer(o.publicKey) : o.publicKey;
  const subjectDer = o.subject instanceof Uint8Array ? o.subject : encodeName(o.subject, "go");
  const ca = o.caCertPem ? caInfo(o.caCertPem) : undefined;
  const issuerDer = ca ? ca.subjectDer : subjectDer;
  const exts: Uint8Array[] = [];
  if (o.keyUsage) exts.push(extension(OID.ku, true, encodeKeyUsage(o.keyUsage)));
  if (o.extKeyUsage?.length) exts.push(extension(OID.eku, false, encodeEku(o.extKeyUsage)));
  if (o.basicConstraints) exts.push(extension(OID.bc, true, encodeBasicConstraints(o.basicConstraints.ca, o.basicConstraints.pathLen)));
  if (o.basicConstraints?.ca) exts.push(extension(OID.ski, false, octets(subjectKeyId(spki))));
  const parentSki = ca ? findExt(ca.extensions, OID.ski) : undefined;
  if (ca && parentSki && !sameBytes(issuerDer, subjectDer)) {
    exts.push(extension(OID.aki, false, seq(tlv(0x80, decodeSki(parentSki.value)))));
  }
  const san = o.san;
  if (san && (san.dns?.length || san.ips?.length || san.emails?.length || san.uris?.length)) {
    exts.push(extension(OID.san, false, encodeSan(san)));
  }
  return signTbs({
    version: 3,
    serial: o.serial,
    issuerDer,
    subjectDer,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    spki,
    extensions: exts,
    signingKeyPem: o.signingKeyPem,
  });
}

export function publicSpkiDer(pem: string): Uint8Array {
  const b = pemDecode(pem, "PUBLIC KEY");
  if (b) return b.der;
  const k = privateKeyObject(pem);
  if (!k) throw new Error("invalid public key");
  return spkiDer(k);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
