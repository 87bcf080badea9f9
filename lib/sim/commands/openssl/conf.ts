/**
 * The subset of OpenSSL's config format (`-extfile`) that certificate extensions need:
 * sections, `key = value`, comments, and the v3 extension values lessons write
 * (basicConstraints, keyUsage, extendedKeyUsage, subjectAltName with @section,
 * subjectKeyIdentifier = hash, authorityKeyIdentifier = keyid[:always][,issuer]).
 */
import { octets, seq, tlv } from "../../pki/der";
import { encodeBasicConstraints, encodeEku, encodeKeyUsage, encodeSan, extension, KU, subjectKeyId, parseIp } from "../../pki/issue";
import { decodeSki, findExt, OID, type ParsedCert } from "../../pki/x509-parse";

export type Conf = Map<string, [string, string][]>;

export function parseConf(text: string): Conf {
  const conf: Conf = new Map([["default", []]]);
  let section = "default";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const sec = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (sec) {
      section = sec[1];
      if (!conf.has(section)) conf.set(section, []);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    let entries = conf.get(section);
    if (!entries) conf.set(section, (entries = []));
    entries.push([
      line.slice(0, eq).trim(),
      line
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1"),
    ]);
  }
  return conf;
}

const KU_NAMES: Record<string, number> = {
  digitalSignature: KU.digitalSignature,
  nonRepudiation: KU.contentCommitment,
  keyEncipherment: KU.keyEncipherment,
  dataEncipherment: KU.dataEncipherment,
  keyAgreement: KU.keyAgreement,
  keyCertSign: KU.keyCertSign,
  cRLSign: KU.cRLSign,
  encipherOnly: KU.encipherOnly,
  decipherOnly: KU.decipherOnly,
};
const EKU_NAMES: Record<string, string> = {
  serverAuth: OID.serverAuth,
  clientAuth: OID.clientAuth,
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  OCSPSigning: "1.3.6.1.5.5.7.3.9",
  anyExtendedKeyUsage: "2.5.29.37.0",
};

export type ExtBuild = { ok: true; exts: Uint8Array[] } | { ok: false; error: string };

/** Encodes the extensions of `section`, in the order written. */
export function buildExtensions(conf: Conf, section: string, ctx: { subjectSpki: Uint8Array; issuer?: ParsedCert }): ExtBuild {
  const entries = conf.get(section);
  if (!entries) return { ok: false, error: `Error checking extension section ${section}\n` };
  const exts: Uint8Array[] = [];
  for (const [name, rawValue] of entries) {
    let v = rawValue;
    let critical = false;
    if (/^critical\s*,/.test(v)) {
      critical = true;
      v = v.replace(/^critical\s*,\s*/, "");
    }
    const items = v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    switch (name) {
      case "basicConstraints": {
        const ca = items.some((i) => /^CA:true$/i.test(i));
        const pl = items.find((i) => /^pathlen:/i.test(i));
        exts.push(extension(OID.bc, critical, encodeBasicConstraints(ca, pl ? Number(pl.split(":")[1]) : undefined)));
        break;
      }
      case "keyUsage": {
        let bits = 0;
        for (const i of items) {
          if (KU_NAMES[i] === undefined) return { ok: false, error: `Error adding extensions defined via -extfile\n` };
          bits |= KU_NAMES[i];
        }
        exts.push(extension(OID.ku, critical, encodeKeyUsage(bits)));
        break;
      }
      case "extendedKeyUsage":
        exts.push(extension(OID.eku, critical, encodeEku(items.map((i) => EKU_NAMES[i] ?? i))));
        break;
      case "subjectAltName": {
        const names = items.flatMap((i) =>
          i.startsWith("@") ? (conf.get(i.slice(1)) ?? []).map(([k, val]) => `${k.replace(/\.\d+$/, "")}:${val}`) : [i],
        );
        // OpenSSL keeps the written order, so encode one GeneralName at a time
        const parts = names.map((n) => {
          const [kind, ...rest] = n.split(":");
          const val = rest.join(":").trim();
          if (kind.trim() === "DNS") return encodeSan({ dns: [val] });
          if (kind.trim() === "IP") return parseIp(val) ? encodeSan({ ips: [val] }) : undefined;
          if (kind.trim() === "email") return encodeSan({ emails: [val] });
          if (kind.trim() === "URI") return encodeSan({ uris: [val] });
          return undefined;
        });
        const encoded = parts.filter((p): p is NonNullable<typeof p> => !!p);
        if (encoded.length !== parts.length) return { ok: false, error: `Error adding extensions defined via -extfile\n` };
        // strip each single-name SEQUENCE header and join the GeneralNames into one SEQUENCE
        const inner = encoded.map((p) => p.subarray(p[1] & 0x80 ? 2 + (p[1] & 0x7f) : 2));
        exts.push(extension(OID.san, critical, seq(...inner)));
        break;
      }
      case "subjectKeyIdentifier":
        exts.push(extension(OID.ski, critical, octets(subjectKeyId(ctx.subjectSpki))));
        break;
      case "authorityKeyIdentifier": {
        const ski = ctx.issuer ? findExt(ctx.issuer.extensions, OID.ski) : undefined;
        const id = ski ? decodeSki(ski.value) : ctx.issuer ? undefined : subjectKeyId(ctx.subjectSpki);
        if (id) exts.push(extension(OID.aki, critical, seq(tlv(0x80, id))));
        break;
      }
      default:
        break;
    }
  }
  return { ok: true, exts };
}
