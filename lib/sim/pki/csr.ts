/**
 * PKCS#10 requests: parsing for the CSR API, building for `openssl req`, and the
 * kube-controller-manager signer (`kubernetes.io/kube-apiserver-client` & co).
 */
import { bitString, explicit, oid, seq, set, smallInt, tlv } from "./der";
import { privateKeyObject, signatureAlgorithm, signSha256, spkiDer } from "./keys";
import { allValues, encodeName, firstValue, type Rdn } from "./names";
import { pemDecodeAll, pemEncode } from "./pem";
import { caInfo, issueCertificate, KU, randomSerial, type SanSpec } from "./issue";
import { checkSignature } from "./verify";
import { decodeSan, findExt, OID, parseCsrDer } from "./x509-parse";
import { extension, encodeSan } from "./issue";
import { signerValidity } from "./signer-validity";

export type CsrParse =
  | { ok: true; subjectCN: string; subjectO: string[]; publicKeySpkiPem: string; signatureValid: boolean; der: Uint8Array }
  | { ok: false; error: string };

/** What the apiserver's CSR admission reports (pkg/apis/certificates validation texts). */
export function parseCsr(pem: string): CsrParse {
  const blocks = pemDecodeAll(pem);
  if (!blocks.length) return { ok: false, error: "PEM block type must be CERTIFICATE REQUEST" };
  const b = blocks[0];
  if (b.type !== "CERTIFICATE REQUEST") return { ok: false, error: "PEM block type must be CERTIFICATE REQUEST" };
  try {
    const c = parseCsrDer(b.der);
    return {
      ok: true,
      subjectCN: firstValue(c.subject, "2.5.4.3"),
      subjectO: allValues(c.subject, "2.5.4.10"),
      publicKeySpkiPem: pemEncode("PUBLIC KEY", c.spki.der),
      signatureValid: checkSignature(c.info, c.sigAlgOid, c.signature, c.spki.der),
      der: b.der,
    };
  } catch {
    return { ok: false, error: "asn1: structure error: tags don't match" };
  }
}

/** A CSR as `openssl req -new -key K -subj S` writes it (UTF8String names, empty attributes). */
export function buildCsr(opts: { keyPem: string; subject: Rdn[]; san?: SanSpec; extensions?: Uint8Array[] }): string {
  const key = privateKeyObject(opts.keyPem);
  if (!key) throw new Error("invalid key");
  const exts = [...(opts.extensions ?? [])];
  if (opts.san && (opts.san.dns?.length || opts.san.ips?.length)) exts.push(extension(OID.san, false, encodeSan(opts.san)));
  const attrs = exts.length ? explicit(0, seq(oid("1.2.840.113549.1.9.14"), set(seq(...exts)))) : tlv(0xa0);
  const info = seq(smallInt(0), encodeName(opts.subject, "openssl"), spkiDer(key), attrs);
  const alg = signatureAlgorithm(key);
  return pemEncode("CERTIFICATE REQUEST", seq(info, alg, bitString(signSha256(key, info))));
}

const KEY_USAGES: Record<string, number> = {
  signing: KU.digitalSignature,
  "digital signature": KU.digitalSignature,
  "content commitment": KU.contentCommitment,
  "key encipherment": KU.keyEncipherment,
  "key agreement": KU.keyAgreement,
  "data encipherment": KU.dataEncipherment,
  "cert sign": KU.keyCertSign,
  "crl sign": KU.cRLSign,
  "encipher only": KU.encipherOnly,
  "decipher only": KU.decipherOnly,
};
/** ExtKeyUsage constants in Go's numeric order (the signer sorts them by that). */
const EXT_USAGES: [string, string, number][] = [
  ["any", "2.5.29.37.0", 0],
  ["server auth", OID.serverAuth, 1],
  ["client auth", OID.clientAuth, 2],
  ["code signing", "1.3.6.1.5.5.7.3.3", 3],
  ["email protection", "1.3.6.1.5.5.7.3.4", 4],
  ["s/mime", "1.3.6.1.5.5.7.3.4", 4],
  ["ipsec end system", "1.3.6.1.5.5.7.3.5", 5],
  ["ipsec tunnel", "1.3.6.1.5.5.7.3.6", 6],
  ["ipsec user", "1.3.6.1.5.5.7.3.7", 7],
  ["timestamping", "1.3.6.1.5.5.7.3.8", 8],
  ["ocsp signing", "1.3.6.1.5.5.7.3.9", 9],
];

/**
 * kube-controller-manager's local signer (PermissiveSigningPolicy): subject and SANs from the
 * request, usages from spec.usages, validity from `signerValidity` (signer-validity.ts).
 * `durationSeconds` is spec.expirationSeconds (undefined when unset); the 10-minute floor and the
 * --cluster-signing-duration cap are applied here, so a caller may pass it capped or not.
 */
export async function signCsr(opts: {
  csrPem: string;
  caCertPem: string;
  caKeyPem: string;
  now: number;
  durationSeconds: number | undefined;
  usages: string[];
  random: () => number;
}): Promise<string> {
  const block = pemDecodeAll(opts.csrPem).find((b) => b.type === "CERTIFICATE REQUEST");
  if (!block) throw new Error("PEM block type must be CERTIFICATE REQUEST");
  const csr = parseCsrDer(block.der);
  let ku = 0;
  const eku = new Map<number, string>();
  for (const u of opts.usages) {
    if (KEY_USAGES[u] !== undefined) ku |= KEY_USAGES[u];
    else {
      const e = EXT_USAGES.find(([n]) => n === u);
      if (!e) throw new Error(`unrecognized usage values: ["${u}"]`);
      eku.set(e[2], e[1]);
    }
  }
  const validity = signerValidity(opts.now, opts.durationSeconds, { signerNotAfter: caInfo(opts.caCertPem).notAfter });
  if (!validity.ok) throw new Error(validity.error);
  const { notBefore, notAfter } = validity;
  const sanExt = findExt(csr.extensions, OID.san);
  const names = sanExt ? decodeSan(sanExt.value) : [];
  return issueCertificate({
    subject: goSubject(csr.subject),
    publicKey: csr.spki.der,
    caCertPem: opts.caCertPem,
    signingKeyPem: opts.caKeyPem,
    notBefore,
    notAfter,
    // crypto/rand 128-bit serial (authority.go: serialNumberLimit = 1 << 128)
    serial: randomSerial(opts.random, 16, 0xff),
    keyUsage: ku,
    extKeyUsage: [...eku.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o),
    basicConstraints: { ca: false },
    san: {
      dns: names.filter((n) => n.kind === "dns").map((n) => n.value),
      emails: names.filter((n) => n.kind === "email").map((n) => n.value),
      ips: names.filter((n) => n.kind === "ip").map((n) => n.value),
      uris: names.filter((n) => n.kind === "uri").map((n) => n.value),
    },
  });
}

/** Go re-marshals a parsed pkix.Name in its own field order (C, ST, L, street, postal, O, OU, CN, serial). */
function goSubject(rdns: Rdn[]): Rdn[] {
  const order = ["2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.9", "2.5.4.17", "2.5.4.10", "2.5.4.11", "2.5.4.3", "2.5.4.5"];
  const flat = rdns.flat();
  const out: Rdn[] = [];
  for (const o of order) {
    const vals = flat.filter((a) => a.oid === o).map((a) => a.value);
    // CommonName and SerialNumber are single-valued in pkix.Name: the last one wins
    if (o === "2.5.4.3" || o === "2.5.4.5") {
      if (vals.length) out.push([{ oid: o, value: vals[vals.length - 1] }]);
    } else if (vals.length) out.push(vals.map((value) => ({ oid: o, value })));
  }
  return out;
}
