/**
 * Distinguished names: encoding as Go and OpenSSL do it, and printing in OpenSSL's default
 * "oneline" form (`CN = jane, O = dev`), which is also what lessons and kubectl describe rely on.
 */
import { children, decodeOid, oid, seq, set, text, tlv, utf8, value, type Tlv } from "./der";

export interface Attr {
  oid: string;
  value: string;
  /** DER string tag as found (12 UTF8String, 19 PrintableString, ...) */
  tag?: number;
}
/** one RDN = one SET, usually with a single attribute */
export type Rdn = Attr[];

const SHORT: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.5": "serialNumber",
  "2.5.4.9": "street",
  "2.5.4.17": "postalCode",
  "2.5.4.4": "SN",
  "2.5.4.42": "GN",
  "2.5.4.12": "title",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
};
const BY_SHORT = new Map(Object.entries(SHORT).map(([o, s]) => [s, o]));
const LONG_ALIASES: Record<string, string> = {
  commonName: "CN",
  countryName: "C",
  localityName: "L",
  stateOrProvinceName: "ST",
  organizationName: "O",
  organizationalUnitName: "OU",
  domainComponent: "DC",
  userId: "UID",
  surname: "SN",
  givenName: "GN",
};

export function attrOid(name: string): string | undefined {
  return BY_SHORT.get(name) ?? BY_SHORT.get(LONG_ALIASES[name] ?? "");
}

/** Go's asn1 rule: PrintableString when every character allows it, UTF8String otherwise. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function encodeName(rdns: Rdn[], style: "go" | "openssl"): Uint8Array {
  return seq(
    ...rdns.map((rdn) =>
      set(
        ...rdn
          .map((a) => {
            const tag = a.oid === "2.5.4.6" || (style === "go" && PRINTABLE.test(a.value)) ? 0x13 : 0x0c;
            return seq(oid(a.oid), tlv(tag, utf8(a.value)));
          })
          // DER SET OF order (Go's asn1 sorts since 1.15; OpenSSL too)
          .sort(compareBytes),
      ),
    ),
  );
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** pkix.Name as Go marshals it: ..., O, OU, CN; all values of one field share one RDN. */
export function goName(cn: string, orgs: string[] = []): Rdn[] {
  const rdns: Rdn[] = orgs.length ? [orgs.map((o) => ({ oid: "2.5.4.10", value: o }))] : [];
  return [...rdns, [{ oid: "2.5.4.3", value: cn }]];
}

export function decodeName(t: Tlv): Rdn[] {
  return children(t).map((s) =>
    children(s).map((atv) => {
      const [o, v] = children(atv);
      return { oid: decodeOid(value(o)), value: decodeString(v), tag: v.tag };
    }),
  );
}

function decodeString(v: Tlv): string {
  const b = value(v);
  if (v.tag === 0x1e) {
    // BMPString: UTF-16BE
    let s = "";
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
    return s;
  }
  return text(b);
}

export const attrName = (o: string) => SHORT[o] ?? o;

/** OpenSSL's XN_FLAG_ONELINE value escaping: quote values with separators, backslash quotes. */
function onelineValue(v: string): string {
  let s = v.replace(/["\\]/g, (c) => "\\" + c);
  if (/[,+<>;]/.test(v) || /^[ #]|[ ]$/.test(v)) s = `"${s}"`;
  return s;
}

export function onelineName(rdns: Rdn[]): string {
  return rdns.map((rdn) => rdn.map((a) => `${attrName(a.oid)} = ${onelineValue(a.value)}`).join(" + ")).join(", ");
}

export const firstValue = (rdns: Rdn[], o: string) => rdns.flat().find((a) => a.oid === o)?.value ?? "";
export const allValues = (rdns: Rdn[], o: string) =>
  rdns
    .flat()
    .filter((a) => a.oid === o)
    .map((a) => a.value);

export type SubjParse = { ok: true; rdns: Rdn[]; warnings: string[] } | { ok: false; error: string };

/** Parses openssl's `-subj "/CN=jane/O=dev"` (with `\` escapes and `+` multi-valued RDNs). */
export function parseSubj(subj: string, prog: string): SubjParse {
  if (!subj.startsWith("/")) {
    return {
      ok: false,
      error: `${prog}: subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subj}'\n`,
    };
  }
  const rdns: Rdn[] = [];
  const warnings: string[] = [];
  let cur: Rdn = [];
  let i = 1;
  while (i < subj.length) {
    let type = "";
    while (i < subj.length && subj[i] !== "=") type += subj[i++];
    if (i >= subj.length) {
      return { ok: false, error: `${prog}: Hit end of string before finding the '='\n` };
    }
    i++;
    let v = "";
    let sep = "";
    while (i < subj.length) {
      const c = subj[i];
      if (c === "\\" && i + 1 < subj.length) {
        v += subj[i + 1];
        i += 2;
        continue;
      }
      if (c === "/" || c === "+") {
        sep = c;
        i++;
        break;
      }
      v += c;
      i++;
    }
    const o = attrOid(type);
    if (!o) warnings.push(`${prog} warning: Skipping unknown subject name attribute "${type}"\n`);
    else if (v === "") warnings.push(`${prog} warning: No value provided for subject name attribute "${type}", skipped\n`);
    else cur.push({ oid: o, value: v });
    if (sep !== "+" && cur.length) {
      rdns.push(cur);
      cur = [];
    }
  }
  if (cur.length) rdns.push(cur);
  return { ok: true, rdns, warnings };
}
