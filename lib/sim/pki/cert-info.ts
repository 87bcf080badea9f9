/**
 * `parseCertificate`: the summary kubectl and kubeadm need, cached by PEM string because kubectl
 * calls it on every command (the kubeconfig and the serving certificate rarely change).
 */
import { hex } from "./der";
import { publicKeyFromDer } from "./keys";
import { allValues, firstValue, onelineName } from "./names";
import { pemDecode, pemEncode } from "./pem";
import { decodeBasicConstraints, decodeEku, decodeSan, findExt, OID, parseCertDer, type ParsedCert } from "./x509-parse";

export interface CertInfo {
  subjectCN: string;
  subjectO: string[];
  /** OpenSSL oneline form, e.g. "CN = jane, O = dev" */
  subjectString: string;
  issuerCN: string;
  issuerString: string;
  /** epoch ms */
  notBefore: number;
  notAfter: number;
  dnsNames: string[];
  ipAddresses: string[];
  isCA: boolean;
  /** upper-case hex, as `openssl x509 -serial` prints it */
  serialHex: string;
  /** "serverAuth" | "clientAuth" (others by OID) */
  extKeyUsage: string[];
  publicKeySpkiPem: string;
  pem: string;
}

const CAP = 1024;
const cache = new Map<string, CertInfo | null>();
const parsedCache = new Map<string, ParsedCert | null>();

function put<V>(m: Map<string, V>, k: string, v: V): V {
  if (m.size >= CAP) m.delete(m.keys().next().value as string);
  m.set(k, v);
  return v;
}

/** The first CERTIFICATE block of `pem`, decoded; null when there is none or it is malformed. */
export function parsedCertificate(pem: string): ParsedCert | null {
  if (parsedCache.has(pem)) return parsedCache.get(pem) ?? null;
  let p: ParsedCert | null = null;
  try {
    const b = pemDecode(pem, "CERTIFICATE");
    p = b ? parseCertDer(b.der) : null;
  } catch {
    p = null;
  }
  return put(parsedCache, pem, p);
}

const EKU_NAMES: Record<string, string> = { [OID.serverAuth]: "serverAuth", [OID.clientAuth]: "clientAuth" };

export function certInfoOf(p: ParsedCert, pem: string): CertInfo {
  const san = findExt(p.extensions, OID.san);
  const names = san ? decodeSan(san.value) : [];
  const bc = findExt(p.extensions, OID.bc);
  const eku = findExt(p.extensions, OID.eku);
  return {
    subjectCN: firstValue(p.subject, "2.5.4.3"),
    subjectO: allValues(p.subject, "2.5.4.10"),
    subjectString: onelineName(p.subject),
    issuerCN: firstValue(p.issuer, "2.5.4.3"),
    issuerString: onelineName(p.issuer),
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    dnsNames: names.filter((n) => n.kind === "dns").map((n) => n.value),
    ipAddresses: names.filter((n) => n.kind === "ip").map((n) => n.value),
    isCA: bc ? decodeBasicConstraints(bc.value).ca : false,
    serialHex: serialHex(p.serial),
    extKeyUsage: eku ? decodeEku(eku.value).map((o) => EKU_NAMES[o] ?? o) : [],
    publicKeySpkiPem: pemEncode("PUBLIC KEY", p.spki.der),
    pem,
  };
}

export function parseCertificate(pem: string): CertInfo | null {
  if (cache.has(pem)) return cache.get(pem) ?? null;
  const p = parsedCertificate(pem);
  // a certificate whose key node cannot load is not one Go or OpenSSL would accept either
  const info = p && publicKeyFromDer(p.spki.der) ? certInfoOf(p, pem) : null;
  return put(cache, pem, info);
}

/** OpenSSL's `-serial` form: upper-case hex, even number of digits, leading zeros stripped. */
export function serialHex(serial: Uint8Array): string {
  let h = hex(serial)
    .toUpperCase()
    .replace(/^(00)+/, "");
  if (h === "") h = "00";
  return h;
}
