/**
 * How OpenSSL 3.0 verifies the peer's chain during a handshake, as the sequence of callbacks its
 * verify callback sees (crypto/x509/x509_vfy.c: build_chain, then check_extensions for the
 * purpose, check_id for -verify_hostname/-verify_ip, then internal_verify from the trust anchor down
 * to the leaf: signature, validity period, and one final "ok" callback per certificate). The error
 * numbers and texts are X509_verify_cert_error_string's.
 */
import { parseIp, sameBytes } from "../../pki/issue";
import { checkSignature } from "../../pki/verify";
import {
  decodeAki,
  decodeBasicConstraints,
  decodeEku,
  decodeKeyUsage,
  decodeSan,
  decodeSki,
  findExt,
  OID,
  type ParsedCert,
} from "../../pki/x509-parse";

export const VERIFY_ERROR_TEXT: Record<number, string> = {
  0: "ok",
  2: "unable to get issuer certificate",
  7: "certificate signature failure",
  9: "certificate is not yet valid",
  10: "certificate has expired",
  18: "self-signed certificate",
  19: "self-signed certificate in certificate chain",
  20: "unable to get local issuer certificate",
  21: "unable to verify the first certificate",
  24: "invalid CA certificate",
  26: "unsuitable certificate purpose",
  62: "hostname mismatch",
  64: "IP address mismatch",
};

export interface VerifyCallback {
  depth: number;
  cert: ParsedCert;
  /** the error this callback reports; undefined for the final "ok" callback of a certificate */
  error?: number;
  /** the context's current error when the callback runs (apps/lib/s_cb.c prints dates for 9 and 10) */
  current: number;
}

export interface ChainVerification {
  callbacks: VerifyCallback[];
  /** SSL_get_verify_result: the last error set, 0 when none */
  result: number;
  /** SSL_get0_peername: the certificate's name that matched -verify_hostname */
  peername?: string;
}

export interface VerifyOptions {
  now: number;
  /** the leaf's expected use: `sslserver` for s_client */
  purpose: "sslserver";
  /** -verify_hostname */
  host?: string;
  /** -verify_ip */
  ip?: string;
}

/** X509_check_issued: names chain up, and the AKI key id matches the issuer's SKI when both are present. */
function issued(issuer: ParsedCert, subject: ParsedCert): boolean {
  if (!sameBytes(issuer.subjectDer, subject.issuerDer)) return false;
  const aki = findExt(subject.extensions, OID.aki);
  const ski = findExt(issuer.extensions, OID.ski);
  const akiId = aki ? decodeAki(aki.value) : undefined;
  return !(akiId && ski && !sameBytes(akiId, decodeSki(ski.value)));
}

const selfIssued = (c: ParsedCert) => issued(c, c);

function isCa(c: ParsedCert): boolean {
  const bc = findExt(c.extensions, OID.bc);
  return !!bc && decodeBasicConstraints(bc.value).ca;
}

/** check_purpose_ssl_server: the EKU, when present, must allow serverAuth; the key usage, when present, a TLS use. */
function purposeOk(c: ParsedCert, leaf: boolean): boolean {
  const eku = findExt(c.extensions, OID.eku);
  if (eku) {
    const usages = decodeEku(eku.value);
    if (!usages.includes(OID.serverAuth) && !usages.includes("2.5.29.37.0")) return false;
  }
  const ku = findExt(c.extensions, OID.ku);
  if (leaf && ku && !(decodeKeyUsage(ku.value) & 0b10101)) return false; // digitalSignature | keyEncipherment | keyAgreement
  return true;
}

/** X509_check_host: DNS SANs (left-most wildcard allowed); the subject CN only when there are none. The name that matched, if any. */
function hostMatch(c: ParsedCert, host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  const san = findExt(c.extensions, OID.san);
  const dns = san
    ? decodeSan(san.value)
        .filter((n) => n.kind === "dns")
        .map((n) => n.value.toLowerCase())
    : [];
  const names = dns.length
    ? dns
    : c.subject
        .flat()
        .filter((a) => a.oid === "2.5.4.3")
        .map((a) => a.value.toLowerCase());
  return names.find((p) => p === h || (p.startsWith("*.") && h.split(".").length === p.split(".").length && h.endsWith(p.slice(1))));
}

function ipMatches(c: ParsedCert, ip: string): boolean {
  const want = parseIp(ip);
  const san = findExt(c.extensions, OID.san);
  return !!want && !!san && decodeSan(san.value).some((n) => n.kind === "ip" && !!n.raw && sameBytes(n.raw, want));
}

export function verifyPeerChain(peer: ParsedCert[], trusted: ParsedCert[], o: VerifyOptions): ChainVerification {
  const callbacks: VerifyCallback[] = [];
  let current = 0;
  const error = (depth: number, cert: ParsedCert, code: number) => {
    current = code;
    callbacks.push({ depth, cert, error: code, current });
  };

  // build_chain: issuers from the trust store first, then from what the peer sent
  const chain = [peer[0]];
  let anchored = trusted.some((t) => sameBytes(t.der, peer[0].der));
  while (!anchored && chain.length < 10) {
    const cur = chain[chain.length - 1];
    const anchor = trusted.find((t) => issued(t, cur));
    if (anchor) {
      if (!sameBytes(anchor.der, cur.der)) chain.push(anchor);
      anchored = true;
      break;
    }
    if (selfIssued(cur)) break;
    const next = peer.slice(1).find((u) => issued(u, cur) && !chain.includes(u));
    if (!next) break;
    chain.push(next);
  }
  const top = chain.length - 1;
  if (!anchored) {
    const ss = selfIssued(chain[top]);
    error(top, chain[top], ss ? (top === 0 ? 18 : 19) : 20);
  }
  // check_extensions
  chain.forEach((c, i) => {
    if (i > 0 && !isCa(c)) error(i, c, 24);
    else if (!purposeOk(c, i === 0)) error(i, c, 26);
  });
  // check_id
  const peername = o.host === undefined ? undefined : hostMatch(chain[0], o.host);
  if (o.host !== undefined && peername === undefined) error(0, chain[0], 62);
  if (o.ip !== undefined && !ipMatches(chain[0], o.ip)) error(0, chain[0], 64);
  // internal_verify
  let n = top;
  let issuer = chain[n];
  let subject = issuer;
  if (!selfIssued(issuer)) {
    if (n === 0) error(0, issuer, 21);
    else subject = chain[--n];
  }
  for (;;) {
    if (subject !== issuer && !checkSignature(subject.tbs, subject.sigAlgOid, subject.signature, issuer.spki.der)) error(n, subject, 7);
    if (o.now < subject.notBefore) error(n, subject, 9);
    else if (o.now > subject.notAfter) error(n, subject, 10);
    callbacks.push({ depth: n, cert: subject, current });
    if (--n < 0) break;
    issuer = subject;
    subject = chain[n];
  }
  return { callbacks, result: current, peername };
}
