/**
 * OpenSSL 3.0's `-text` rendering (X509_print_ex / X509_REQ_print_ex with default flags) and the
 * single-field printers (`-subject`, `-dates`, `-ext`). Byte-for-byte with the real tool for the
 * RSA and P-256 certificates this simulator handles; checked by pki/text.test.ts.
 */
import { children, readTlv, value } from "./der";
import { onelineName } from "./names";
import {
  decodeAki,
  decodeBasicConstraints,
  decodeEku,
  decodeKeyUsage,
  decodeSan,
  decodeSki,
  type Extension,
  type ParsedCert,
  type ParsedCsr,
  type ParsedSpki,
} from "./x509-parse";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ASN1_TIME_print: `Nov 28 09:08:33 2026 GMT` (day space-padded). */
export function opensslDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

const SIG_NAMES: Record<string, string> = {
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.3.101.112": "ED25519",
};
export const sigName = (o: string) => SIG_NAMES[o] ?? o;

const h2 = (b: number) => b.toString(16).padStart(2, "0");

/** Colon hex dump, `perLine` bytes a line, each line indented. */
export function hexBlock(bytes: Uint8Array, indent: number, perLine: number): string {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    const chunk = Array.from(bytes.subarray(i, i + perLine), h2).join(":");
    lines.push(pad + chunk + (i + perLine < bytes.length ? ":" : ""));
  }
  return lines.join("\n") + "\n";
}

const upperColon = (b: Uint8Array) => Array.from(b, (x) => h2(x).toUpperCase()).join(":");

/** Integer INTEGER content (magnitude with optional sign byte) -> bytes OpenSSL prints. */
function withSignByte(mag: Uint8Array): Uint8Array {
  return mag[0] & 0x80 ? Uint8Array.from([0, ...mag]) : mag;
}

export function rsaParts(keyBits: Uint8Array): { modulus: Uint8Array; exponent: bigint } {
  const [n, e] = children(readTlv(keyBits));
  let mod = value(n);
  while (mod.length > 1 && mod[0] === 0 && !(mod[1] & 0x80)) mod = mod.subarray(1);
  let exp = 0n;
  for (const b of value(e)) exp = exp * 256n + BigInt(b);
  return { modulus: mod, exponent: exp };
}

function bitLength(mag: Uint8Array): number {
  let i = 0;
  while (i < mag.length && mag[i] === 0) i++;
  if (i === mag.length) return 0;
  return (mag.length - i - 1) * 8 + (32 - Math.clz32(mag[i]));
}

const CURVES: Record<string, [string, string, number]> = {
  "1.2.840.10045.3.1.7": ["prime256v1", "P-256", 256],
  "1.3.132.0.34": ["secp384r1", "P-384", 384],
  "1.3.132.0.35": ["secp521r1", "P-521", 521],
};

/** The key size OpenSSL reports (`Public-Key: (2048 bit)`, `Server public key is 256 bit`); 0 if unknown. */
export function publicKeyBits(spki: ParsedSpki): number {
  if (spki.algOid === "1.2.840.113549.1.1.1") return bitLength(rsaParts(spki.keyBits).modulus);
  if (spki.algOid === "1.2.840.10045.2.1") return CURVES[spki.curveOid ?? ""]?.[2] ?? 0;
  if (spki.algOid === "1.3.101.112") return 253;
  return 0;
}

/** The key part of `-text`, indented like inside a certificate (`Public-Key:` at 16). */
export function publicKeyText(spki: ParsedSpki, indent = 16): string {
  const pad = " ".repeat(indent);
  if (spki.algOid === "1.2.840.113549.1.1.1") {
    const { modulus, exponent } = rsaParts(spki.keyBits);
    const mod = withSignByte(modulus);
    return `${pad}Public-Key: (${bitLength(modulus)} bit)\n${pad}Modulus:\n${hexBlock(mod, indent + 4, 15)}${pad}Exponent: ${exponent} (0x${exponent.toString(16)})\n`;
  }
  if (spki.algOid === "1.2.840.10045.2.1") {
    const c = CURVES[spki.curveOid ?? ""] ?? [spki.curveOid ?? "", "", 0];
    return `${pad}Public-Key: (${c[2]} bit)\n${pad}pub:\n${hexBlock(spki.keyBits, indent + 4, 15)}${pad}ASN1 OID: ${c[0]}\n${c[1] ? `${pad}NIST CURVE: ${c[1]}\n` : ""}`;
  }
  return `${pad}Unable to load Public Key\n`;
}

const ALG_NAMES: Record<string, string> = {
  "1.2.840.113549.1.1.1": "rsaEncryption",
  "1.2.840.10045.2.1": "id-ecPublicKey",
  "1.3.101.112": "ED25519",
};

function spkiText(spki: ParsedSpki): string {
  return `        Subject Public Key Info:\n            Public Key Algorithm: ${ALG_NAMES[spki.algOid] ?? spki.algOid}\n${publicKeyText(spki)}`;
}

const KU_NAMES = [
  "Digital Signature",
  "Non Repudiation",
  "Key Encipherment",
  "Data Encipherment",
  "Key Agreement",
  "Certificate Sign",
  "CRL Sign",
  "Encipher Only",
  "Decipher Only",
];
const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "TLS Web Server Authentication",
  "1.3.6.1.5.5.7.3.2": "TLS Web Client Authentication",
  "1.3.6.1.5.5.7.3.3": "Code Signing",
  "1.3.6.1.5.5.7.3.4": "E-mail Protection",
  "1.3.6.1.5.5.7.3.5": "IPSec End System",
  "1.3.6.1.5.5.7.3.6": "IPSec Tunnel",
  "1.3.6.1.5.5.7.3.7": "IPSec User",
  "1.3.6.1.5.5.7.3.8": "Time Stamping",
  "1.3.6.1.5.5.7.3.9": "OCSP Signing",
  "2.5.29.37.0": "Any Extended Key Usage",
};
export const EXT_NAMES: Record<string, [string, string]> = {
  "2.5.29.15": ["X509v3 Key Usage", "keyUsage"],
  "2.5.29.37": ["X509v3 Extended Key Usage", "extendedKeyUsage"],
  "2.5.29.19": ["X509v3 Basic Constraints", "basicConstraints"],
  "2.5.29.14": ["X509v3 Subject Key Identifier", "subjectKeyIdentifier"],
  "2.5.29.35": ["X509v3 Authority Key Identifier", "authorityKeyIdentifier"],
  "2.5.29.17": ["X509v3 Subject Alternative Name", "subjectAltName"],
};

/** One extension's value lines (without the name line). */
function extValue(e: Extension, indent: string): string {
  try {
    switch (e.oid) {
      case "2.5.29.15": {
        const bits = decodeKeyUsage(e.value);
        return indent + KU_NAMES.filter((_, i) => bits & (1 << i)).join(", ") + "\n";
      }
      case "2.5.29.37":
        return (
          indent +
          decodeEku(e.value)
            .map((o) => EKU_NAMES[o] ?? o)
            .join(", ") +
          "\n"
        );
      case "2.5.29.19": {
        const bc = decodeBasicConstraints(e.value);
        return indent + `CA:${bc.ca ? "TRUE" : "FALSE"}` + (bc.pathLen !== undefined ? `, pathlen:${bc.pathLen}` : "") + "\n";
      }
      case "2.5.29.14":
        return indent + upperColon(decodeSki(e.value)) + "\n";
      case "2.5.29.35": {
        const id = decodeAki(e.value);
        return id ? indent + upperColon(id) + "\n" : "";
      }
      case "2.5.29.17":
        return (
          indent +
          decodeSan(e.value)
            .map((n) =>
              n.kind === "dns"
                ? `DNS:${n.value}`
                : n.kind === "ip"
                  ? `IP Address:${n.raw ? ipText(n.raw) : n.value}`
                  : n.kind === "email"
                    ? `email:${n.value}`
                    : n.kind === "uri"
                      ? `URI:${n.value}`
                      : "othername:<unsupported>",
            )
            .join(", ") +
          "\n"
        );
    }
  } catch {
    /* fall through to the hex dump, as OpenSSL does for undecodable values */
  }
  return hexDumpExt(e.value, indent);
}

/** OpenSSL 3.0 prints IPv6 SANs uncompressed: `0:0:0:0:0:0:0:1`. */
function ipText(raw: Uint8Array): string {
  if (raw.length === 4) return Array.from(raw).join(".");
  const g: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) g.push(((raw[i] << 8) | raw[i + 1]).toString(16).toUpperCase());
  return g.join(":");
}

function hexDumpExt(v: Uint8Array, indent: string): string {
  let out = "";
  for (let i = 0; i < v.length; i += 16) {
    const chunk = v.subarray(i, i + 16);
    const hx = Array.from(chunk, h2).join(" ").padEnd(47, " ");
    const asc = Array.from(chunk, (c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : ".")).join("");
    out += `${indent}${i.toString(16).padStart(4, "0")} - ${hx}   ${asc}\n`;
  }
  return out;
}

export const extensionName = (o: string) => EXT_NAMES[o]?.[0] ?? o;

/** `X509v3 Key Usage: critical` + value, at the given indents. */
export function extensionText(e: Extension, nameIndent: number, valueIndent: number): string {
  return `${" ".repeat(nameIndent)}${extensionName(e.oid)}: ${e.critical ? "critical" : ""}\n${extValue(e, " ".repeat(valueIndent))}`;
}

function signatureText(sigAlgOid: string, sig: Uint8Array): string {
  return `    Signature Algorithm: ${sigName(sigAlgOid)}\n    Signature Value:\n${hexBlock(sig, 8, 18)}`;
}

function serialText(serial: Uint8Array): string {
  const neg = serial.length > 0 && (serial[0] & 0x80) !== 0;
  const mag = serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : serial;
  if (!neg && mag.length <= 8) {
    let n = 0n;
    for (const b of mag) n = n * 256n + BigInt(b);
    if (n <= 0x7fffffffffffffffn) return `        Serial Number: ${n} (0x${n.toString(16)})\n`;
  }
  return `        Serial Number:${neg ? " (Negative)" : ""}\n            ${Array.from(mag, h2).join(":")}\n`;
}

export function certificateText(c: ParsedCert): string {
  let out = "Certificate:\n    Data:\n";
  out += `        Version: ${c.version + 1} (0x${c.version.toString(16)})\n`;
  out += serialText(c.serial);
  out += `        Signature Algorithm: ${sigName(c.sigAlgOid)}\n`;
  out += `        Issuer: ${onelineName(c.issuer)}\n`;
  out += `        Validity\n            Not Before: ${opensslDate(c.notBefore)}\n            Not After : ${opensslDate(c.notAfter)}\n`;
  out += `        Subject: ${onelineName(c.subject)}\n`;
  out += spkiText(c.spki);
  if (c.extensions.length) {
    out += "        X509v3 extensions:\n";
    for (const e of c.extensions) out += extensionText(e, 12, 16);
  }
  return out + signatureText(c.sigAlgOid, c.signature);
}

export function csrText(r: ParsedCsr): string {
  let out = "Certificate Request:\n    Data:\n";
  out += `        Version: ${r.version + 1} (0x${r.version.toString(16)})\n`;
  out += `        Subject: ${onelineName(r.subject)}\n`;
  out += spkiText(r.spki);
  out += "        Attributes:\n";
  const others = r.attributes.filter((a) => a.oid !== "1.2.840.113549.1.9.14");
  if (!r.attributes.length) out += "            (none)\n";
  for (const a of others) out += `            ${a.oid}:unable to print attribute\n`;
  // OpenSSL 3.0 prints this header even for an empty extension list
  out += "            Requested Extensions:\n";
  for (const e of r.extensions) out += extensionText(e, 16, 20);
  return out + signatureText(r.sigAlgOid, r.signature);
}
