/**
 * Decodes certificates and CSRs into the fields the simulator prints and checks. Our own DER
 * walker (instead of node's X509Certificate strings) keeps raw values: string tags, extension
 * order and criticality, which `openssl x509 -text` shows.
 */
import { children, decodeOid, decodeTime, readTlv, value, whole, type Tlv } from "./der";
import { decodeName, type Rdn } from "./names";

export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface ParsedSpki {
  der: Uint8Array;
  algOid: string;
  /** EC named curve OID */
  curveOid?: string;
  /** subjectPublicKey bit string contents (without the unused-bits byte) */
  keyBits: Uint8Array;
}

export interface ParsedCert {
  der: Uint8Array;
  tbs: Uint8Array;
  /** 0 = v1, 2 = v3 */
  version: number;
  serial: Uint8Array;
  sigAlgOid: string;
  issuer: Rdn[];
  issuerDer: Uint8Array;
  subject: Rdn[];
  subjectDer: Uint8Array;
  notBefore: number;
  notAfter: number;
  spki: ParsedSpki;
  extensions: Extension[];
  signature: Uint8Array;
}

export interface ParsedCsr {
  der: Uint8Array;
  info: Uint8Array;
  version: number;
  subject: Rdn[];
  subjectDer: Uint8Array;
  spki: ParsedSpki;
  /** raw attributes; extensionRequest is decoded into `extensions` */
  attributes: { oid: string; values: Tlv[] }[];
  extensions: Extension[];
  sigAlgOid: string;
  signature: Uint8Array;
}

export function parseSpki(t: Tlv): ParsedSpki {
  const [alg, bits] = children(t);
  const algParts = children(alg);
  const algOid = decodeOid(value(algParts[0]));
  const curveOid = algParts[1]?.tag === 0x06 ? decodeOid(value(algParts[1])) : undefined;
  return { der: whole(t), algOid, curveOid, keyBits: value(bits).subarray(1) };
}

export function parseExtensions(seqTlv: Tlv): Extension[] {
  return children(seqTlv).map((e) => {
    const parts = children(e);
    const critical = parts.length === 3 && parts[1].tag === 0x01 && value(parts[1])[0] !== 0;
    return { oid: decodeOid(value(parts[0])), critical, value: value(parts[parts.length - 1]) };
  });
}

/** Throws on anything that is not a well-formed certificate. */
export function parseCertDer(der: Uint8Array): ParsedCert {
  const top = readTlv(der);
  if (top.tag !== 0x30 || top.end !== der.length) throw new Error("not a certificate");
  const [tbsT, algT, sigT] = children(top);
  const f = children(tbsT);
  let i = 0;
  let version = 0;
  if (f[0].tag === 0xa0) {
    version = value(children(f[0])[0])[0] ?? 0;
    i = 1;
  }
  const serial = value(f[i]);
  const validity = children(f[i + 3]);
  let extensions: Extension[] = [];
  for (const x of f.slice(i + 6)) if (x.tag === 0xa3) extensions = parseExtensions(children(x)[0]);
  return {
    der,
    tbs: whole(tbsT),
    version,
    serial,
    sigAlgOid: decodeOid(value(children(algT)[0])),
    issuer: decodeName(f[i + 2]),
    issuerDer: whole(f[i + 2]),
    notBefore: decodeTime(validity[0]),
    notAfter: decodeTime(validity[1]),
    subject: decodeName(f[i + 4]),
    subjectDer: whole(f[i + 4]),
    spki: parseSpki(f[i + 5]),
    extensions,
    signature: value(sigT).subarray(1),
  };
}

export function parseCsrDer(der: Uint8Array): ParsedCsr {
  const top = readTlv(der);
  if (top.tag !== 0x30 || top.end !== der.length) throw new Error("not a CSR");
  const [infoT, algT, sigT] = children(top);
  const f = children(infoT);
  const attributes: ParsedCsr["attributes"] = [];
  let extensions: Extension[] = [];
  if (f[3]?.tag === 0xa0) {
    for (const a of children(f[3])) {
      const [o, vals] = children(a);
      const id = decodeOid(value(o));
      const values = children(vals);
      attributes.push({ oid: id, values });
      if (id === "1.2.840.113549.1.9.14" && values[0]) extensions = parseExtensions(values[0]);
    }
  }
  return {
    der,
    info: whole(infoT),
    version: value(f[0])[0] ?? 0,
    subject: decodeName(f[1]),
    subjectDer: whole(f[1]),
    spki: parseSpki(f[2]),
    attributes,
    extensions,
    sigAlgOid: decodeOid(value(children(algT)[0])),
    signature: value(sigT).subarray(1),
  };
}

// ---- extension decoders ----

export const OID = {
  ski: "2.5.29.14",
  ku: "2.5.29.15",
  san: "2.5.29.17",
  bc: "2.5.29.19",
  aki: "2.5.29.35",
  eku: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

export const findExt = (exts: Extension[], o: string) => exts.find((e) => e.oid === o);

export function ipToString(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join(".");
  if (b.length !== 16) return "<invalid>";
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  // RFC 5952 compression of the longest run of zero groups (as Go's net.IP.String and OpenSSL do)
  let bestStart = -1;
  let bestLen = 0;
  for (let s = 0; s < 8;) {
    if (groups[s] !== 0) {
      s++;
      continue;
    }
    let e = s;
    while (e < 8 && groups[e] === 0) e++;
    if (e - s > bestLen && e - s > 1) {
      bestStart = s;
      bestLen = e - s;
    }
    s = e;
  }
  const hx = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hx.join(":");
  return hx.slice(0, bestStart).join(":") + "::" + hx.slice(bestStart + bestLen).join(":");
}

export interface GeneralName {
  kind: "dns" | "ip" | "email" | "uri" | "other";
  value: string;
  raw?: Uint8Array;
}

export function decodeSan(v: Uint8Array): GeneralName[] {
  return children(readTlv(v)).map((g) => {
    const b = value(g);
    switch (g.tag) {
      case 0x82:
        return { kind: "dns", value: new TextDecoder().decode(b) };
      case 0x87:
        return { kind: "ip", value: ipToString(b), raw: b };
      case 0x81:
        return { kind: "email", value: new TextDecoder().decode(b) };
      case 0x86:
        return { kind: "uri", value: new TextDecoder().decode(b) };
      default:
        return { kind: "other", value: "" };
    }
  });
}

export function decodeBasicConstraints(v: Uint8Array): { ca: boolean; pathLen?: number } {
  const parts = children(readTlv(v));
  let ca = false;
  let pathLen: number | undefined;
  for (const p of parts) {
    if (p.tag === 0x01) ca = value(p)[0] !== 0;
    if (p.tag === 0x02) pathLen = value(p).reduce((n, x) => n * 256 + x, 0);
  }
  return { ca, pathLen };
}

export function decodeEku(v: Uint8Array): string[] {
  return children(readTlv(v)).map((o) => decodeOid(value(o)));
}

/** Key usage bits, bit 0 = digitalSignature (RFC 5280 order). */
export function decodeKeyUsage(v: Uint8Array): number {
  const b = value(readTlv(v)).subarray(1);
  let bits = 0;
  for (let i = 0; i < 9; i++) {
    const byte = b[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) bits |= 1 << i;
  }
  return bits;
}

export function decodeSki(v: Uint8Array): Uint8Array {
  return value(readTlv(v));
}

export function decodeAki(v: Uint8Array): Uint8Array | undefined {
  const keyId = children(readTlv(v)).find((c) => c.tag === 0x80);
  return keyId ? value(keyId) : undefined;
}
