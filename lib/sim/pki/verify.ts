/**
 * Chain checks with Go's crypto/x509 semantics (what kubectl and the apiserver run): leaf
 * validity period, then hostname, then chain building against the given roots.
 */
import { publicKeyFromDer, privateKeyObject, spkiDer } from "./keys";
import { parsedCertificate } from "./cert-info";
import { pemDecodeAll } from "./pem";
import { parseCertDer, decodeEku, decodeSan, findExt, OID, type ParsedCert } from "./x509-parse";
import { sameBytes, parseIp } from "./issue";
import { verify as cryptoVerify } from "node:crypto";

const HASH_BY_SIG: Record<string, string> = {
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.2.840.10045.4.1": "sha1",
};

export function signatureHash(sigAlgOid: string): string | undefined {
  return HASH_BY_SIG[sigAlgOid];
}

/** True when `signed` (TBS bytes + signature) verifies with the public key in `spki`. */
export function checkSignature(tbs: Uint8Array, sigAlgOid: string, signature: Uint8Array, spki: Uint8Array): boolean {
  const hash = HASH_BY_SIG[sigAlgOid];
  const key = publicKeyFromDer(spki);
  if (!hash || !key) return false;
  try {
    return cryptoVerify(hash, tbs, key, signature);
  } catch {
    return false;
  }
}

export function signedBy(cert: ParsedCert, ca: ParsedCert): boolean {
  return sameBytes(cert.issuerDer, ca.subjectDer) && checkSignature(cert.tbs, cert.sigAlgOid, cert.signature, ca.spki.der);
}

export function verifySignedBy(certPem: string, caCertPem: string): boolean {
  const c = parsedCertificate(certPem);
  const ca = parsedCertificate(caCertPem);
  return !!c && !!ca && signedBy(c, ca);
}

export function keyMatchesCertificate(keyPem: string, certPem: string): boolean {
  const k = privateKeyObject(keyPem);
  const c = parsedCertificate(certPem);
  return !!k && !!c && sameBytes(spkiDer(k), c.spki.der);
}

/** Go's time.RFC3339 in UTC, whole seconds. */
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function validityError(c: ParsedCert, now: number): string | null {
  // Go compares with the full-precision clock against whole-second bounds
  if (now < c.notBefore)
    return `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is before ${rfc3339(c.notBefore)}`;
  if (now > c.notAfter)
    return `x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is after ${rfc3339(c.notAfter)}`;
  return null;
}

function certsOf(bundle: string): ParsedCert[] {
  const out: ParsedCert[] = [];
  for (const b of pemDecodeAll(bundle)) {
    if (b.type !== "CERTIFICATE") continue;
    try {
      out.push(parseCertDer(b.der));
    } catch {
      /* skipped like Go's AppendCertsFromPEM */
    }
  }
  return out;
}

const bundleCache = new Map<string, ParsedCert[]>();
function roots(bundle: string): ParsedCert[] {
  let r = bundleCache.get(bundle);
  if (!r) {
    r = certsOf(bundle);
    if (bundleCache.size > 256) bundleCache.clear();
    bundleCache.set(bundle, r);
  }
  return r;
}

/** Root-only chain building (kubeadm clusters have no intermediates): the error Go returns, or null. */
function chainError(leaf: ParsedCert, rootCerts: ParsedCert[], now: number): string | null {
  if (rootCerts.some((r) => sameBytes(r.der, leaf.der))) return null;
  let err: string | null = null;
  for (const r of rootCerts) {
    if (!sameBytes(r.subjectDer, leaf.issuerDer)) continue;
    if (!checkSignature(leaf.tbs, leaf.sigAlgOid, leaf.signature, r.spki.der)) continue;
    const v = validityError(r, now);
    if (!v) return null;
    err = v;
  }
  return err ?? "x509: certificate signed by unknown authority";
}

function hostnameError(c: ParsedCert, host: string): string | null {
  const san = findExt(c.extensions, OID.san);
  const names = san ? decodeSan(san.value) : [];
  const h = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const ip = parseIp(h);
  if (ip) {
    const ips = names.filter((n) => n.kind === "ip");
    if (ips.some((n) => n.raw && sameBytes(n.raw, ip))) return null;
    if (!ips.length) return `x509: cannot validate certificate for ${h} because it doesn't contain any IP SANs`;
    return `x509: certificate is valid for ${ips.map((n) => n.value).join(", ")}, not ${h}`;
  }
  const lower = host.toLowerCase().replace(/\.$/, "");
  const dns = names.filter((n) => n.kind === "dns").map((n) => n.value);
  for (const d of dns) {
    const p = d.toLowerCase();
    if (p === lower) return null;
    const pp = p.split(".");
    const hp = lower.split(".");
    if (pp[0] === "*" && pp.length === hp.length && pp.slice(1).every((x, i) => x === hp[i + 1])) return null;
  }
  if (!dns.length) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${dns.join(", ")}, not ${host}`;
}

/** Go checks the extended key usage once a chain is built (verify.go checkChainForKeyUsage); no EKU allows any. */
function usageError(c: ParsedCert, wanted: string): string | null {
  const eku = findExt(c.extensions, OID.eku);
  if (!eku) return null;
  const usages = decodeEku(eku.value);
  return usages.includes(wanted) || usages.includes("2.5.29.37.0") ? null : "x509: certificate specifies an incompatible key usage";
}

export function verifyServerCertificate(opts: { serverCertPem: string; caBundlePem: string; host: string; now: number }): string | null {
  const leaf = parsedCertificate(opts.serverCertPem);
  if (!leaf) return "x509: malformed certificate";
  return (
    validityError(leaf, opts.now) ??
    hostnameError(leaf, opts.host) ??
    chainError(leaf, roots(opts.caBundlePem), opts.now) ??
    usageError(leaf, OID.serverAuth)
  );
}

/** Go's x509 Certificate.Verify against `caBundlePem` with KeyUsages Any: the error text, or null. */
export function verifyChain(certPem: string, caBundlePem: string, now: number): string | null {
  const leaf = parsedCertificate(certPem);
  if (!leaf) return "x509: malformed certificate";
  return validityError(leaf, now) ?? chainError(leaf, roots(caBundlePem), now);
}

/**
 * A TLS server's check of a client chain with RequireAndVerifyClientCert (Go's x509 Verify with
 * KeyUsages ClientAuth): the leaf's validity first, then the chain to `caPem`, then the usage.
 */
export function verifyClientChain(chainPem: string[], caPem: string, now: number): "ok" | "expired" | "unknown-authority" | "bad-usage" {
  const leaf = parsedCertificate(chainPem[0] ?? "");
  if (!leaf) return "unknown-authority";
  if (validityError(leaf, now)) return "expired";
  const rootCerts = roots(caPem);
  let cur = leaf;
  for (let i = 0; i < chainPem.length + 1; i++) {
    const err = chainError(cur, rootCerts, now);
    if (!err) break;
    const next = chainPem
      .map((p) => parsedCertificate(p))
      .find(
        (c): c is ParsedCert =>
          !!c && c !== cur && sameBytes(c.subjectDer, cur.issuerDer) && checkSignature(cur.tbs, cur.sigAlgOid, cur.signature, c.spki.der),
      );
    if (!next) return err.includes("expired") ? "expired" : "unknown-authority";
    cur = next;
  }
  const eku = findExt(leaf.extensions, OID.eku);
  if (eku && !decodeEku(eku.value).some((u) => u === OID.clientAuth || u === "2.5.29.37.0")) return "bad-usage";
  return "ok";
}

export function verifyClientCertificate(opts: { certPem: string; caPem: string; now: number }): "ok" | "expired" | "unknown-authority" {
  const leaf = parsedCertificate(opts.certPem);
  if (!leaf) return "unknown-authority";
  if (validityError(leaf, opts.now)) return "expired";
  const err = chainError(leaf, roots(opts.caPem), opts.now);
  if (err) return err.includes("expired") ? "expired" : "unknown-authority";
  // the apiserver's x509 authenticator verifies with KeyUsages ClientAuth: a wrong usage is a failed login too
  return usageError(leaf, OID.clientAuth) ? "unknown-authority" : "ok";
}
