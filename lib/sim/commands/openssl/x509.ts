/** `openssl x509`: display (-in -noout -text -subject ...) and signing (-req -CA -CAkey). */
import { createHash } from "node:crypto";
import type { CommandContext, ExecResult } from "../../types";
import { pemEncode } from "../../pki/pem";
import { onelineName } from "../../pki/names";
import { serialHex } from "../../pki/cert-info";
import { certificateText, extensionText, opensslDate, EXT_NAMES, rsaParts } from "../../pki/text";
import { randomSerial, sameBytes, signTbs } from "../../pki/issue";
import { spkiDer } from "../../pki/keys";
import { checkSignature } from "../../pki/verify";
import type { ParsedCert } from "../../pki/x509-parse";
import { buildExtensions, parseConf } from "./conf";
import { DIGESTS, get, has, loadCert, loadCsr, loadKey, Out, parseOpts, PFX, writeOut, type OptSpec } from "./common";

const SPEC: OptSpec = {
  in: "value",
  out: "value",
  noout: "flag",
  text: "flag",
  subject: "flag",
  issuer: "flag",
  dates: "flag",
  startdate: "flag",
  enddate: "flag",
  serial: "flag",
  fingerprint: "flag",
  ext: "value",
  pubkey: "flag",
  modulus: "flag",
  req: "flag",
  CA: "value",
  CAkey: "value",
  CAcreateserial: "flag",
  CAserial: "value",
  days: "value",
  extfile: "value",
  extensions: "value",
  checkend: "value",
  inform: "value",
  outform: "value",
  nameopt: "value",
  set_serial: "value",
  signkey: "value",
  key: "value",
  help: "flag",
};

export async function x509(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts("x509", args, SPEC, o);
  if (!p) return o.done(1);
  const digest = p.unknown.find((u) => DIGESTS.has(u.toLowerCase()));
  if (has(p, "req"))
    return sign(
      ctx,
      p,
      o,
      p.unknown.filter((u) => !DIGESTS.has(u.toLowerCase())),
    );
  const c = loadCert(ctx, get(p, "in"), "certificate", o);
  if (!c.ok) {
    o.err("Unable to load certificate\n");
    return o.done(1);
  }
  return display(ctx, p, o, c.value, digest);
}

function display(ctx: CommandContext, p: ReturnType<typeof parseOpts> & object, o: Out, cert: ParsedCert, digest?: string): ExecResult {
  let code = 0;
  const last = new Map<string, number>();
  p.opts.forEach((x, i) => {
    // OpenSSL numbers print options in order; -dates expands into startdate/enddate
    if (x.name === "dates") {
      last.set("startdate", i);
      last.set("enddate", i + 0.5);
    } else last.set(x.name, i);
  });
  const order = [...last.entries()].sort((a, b) => a[1] - b[1]).map(([n]) => n);
  for (const name of order) {
    switch (name) {
      case "subject":
        o.out(`subject=${onelineName(cert.subject)}\n`);
        break;
      case "issuer":
        o.out(`issuer=${onelineName(cert.issuer)}\n`);
        break;
      case "startdate":
        o.out(`notBefore=${opensslDate(cert.notBefore)}\n`);
        break;
      case "enddate":
        o.out(`notAfter=${opensslDate(cert.notAfter)}\n`);
        break;
      case "serial":
        o.out(`serial=${serialHex(cert.serial)}\n`);
        break;
      case "fingerprint": {
        const alg = digest ? digest.toLowerCase() : "sha1";
        const fp = (createHash(alg).update(cert.der).digest("hex").toUpperCase().match(/../g) ?? []).join(":");
        o.out(`${digest ? alg : "SHA1"} Fingerprint=${fp}\n`);
        break;
      }
      case "pubkey":
        o.out(pemEncode("PUBLIC KEY", cert.spki.der));
        break;
      case "modulus":
        o.out(
          cert.spki.algOid === "1.2.840.113549.1.1.1"
            ? `Modulus=${Buffer.from(rsaParts(cert.spki.keyBits).modulus).toString("hex").toUpperCase()}\n`
            : "Modulus=No modulus for this public key type\n",
        );
        break;
      case "text":
        o.out(certificateText(cert));
        break;
      case "ext": {
        const wanted = new Set((get(p, "ext") ?? "").split(",").map((s) => s.trim()));
        const exts = cert.extensions.filter((e) => EXT_NAMES[e.oid] && wanted.has(EXT_NAMES[e.oid][1]));
        if (!exts.length) o.out("No extensions in certificate\n");
        for (const e of exts) o.out(extensionText(e, 0, 4));
        break;
      }
      case "checkend": {
        const secs = Number(get(p, "checkend"));
        const expires = cert.notAfter < ctx.now + secs * 1000;
        o.out(expires ? "Certificate will expire\n" : "Certificate will not expire\n");
        if (expires) code = 1;
        break;
      }
    }
  }
  if (!has(p, "noout")) {
    if (!writeOut(ctx, get(p, "out"), pemEncode("CERTIFICATE", cert.der), o)) return o.done(1);
  }
  return o.done(code);
}

/** `x509 -req`: OpenSSL 3.0 issues a v1 certificate unless -extfile adds extensions. */
async function sign(ctx: CommandContext, p: NonNullable<ReturnType<typeof parseOpts>>, o: Out, badDigests: string[]): Promise<ExecResult> {
  const csr = loadCsr(ctx, get(p, "in"), o, "Unable to load certificate request input");
  if (!csr.ok) return o.done(1);
  const r = csr.value;
  if (!checkSignature(r.info, r.sigAlgOid, r.signature, r.spki.der)) {
    o.err(
      `Certificate request self-signature did not match the contents\n${PFX}:error:0200008A:rsa routines:RSA_padding_check_PKCS1_type_1:invalid padding:../crypto/rsa/rsa_pk1.c:75:\n`,
    );
    return o.done(1);
  }
  o.err(`Certificate request self-signature ok\nsubject=${onelineName(r.subject)}\n`);
  const caPath = get(p, "CA");
  const keyPath = get(p, "CAkey") ?? get(p, "signkey") ?? get(p, "key");
  let issuer: ParsedCert | undefined;
  if (caPath !== undefined) {
    const ca = loadCert(ctx, caPath, "CA certificate", o);
    if (!ca.ok) {
      o.err("Unable to load CA certificate\n");
      return o.done(1);
    }
    issuer = ca.value;
  }
  const keyFile = keyPath ?? caPath;
  if (keyFile === undefined) {
    o.err("We need a private key to sign with, use -key or -CAkey or -CA with private key\nx509: Use -help for summary.\n");
    return o.done(1);
  }
  const key = loadKey(ctx, keyFile, issuer ? "CA private key" : "private key", o);
  if (!key.ok) return o.done(1);
  if (issuer && !sameBytes(spkiDer(key.value), issuer.spki.der)) {
    o.err(
      `CA certificate and CA private key do not match\n${PFX}:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:403:\n`,
    );
    return o.done(1);
  }
  if (badDigests.length) {
    o.err(
      `${PFX}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${badDigests[0]} : 0), Properties (<null>)\n` +
        `${PFX}:error:03000086:digital envelope routines:do_sigver_init:initialization error:../crypto/evp/m_sigver.c:251:\n`,
    );
    return o.done(1);
  }
  const serial = issuer && caPath !== undefined ? nextSerial(ctx, p, caPath, o) : randomSerial(() => ctx.random(), 20, 0x7f);
  if (!serial) return o.done(1);
  const days = Number(get(p, "days") ?? "30");
  let exts: Uint8Array[] = [];
  const extfile = get(p, "extfile");
  if (extfile !== undefined) {
    const f = ctx.fs.readFile(ctx.resolve(extfile));
    if (!f.ok) {
      o.err(
        `Can't open "${extfile}" for reading, No such file or directory\n${PFX}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${extfile}, r)\n${PFX}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`,
      );
      return o.done(1);
    }
    const conf = parseConf(f.value);
    const section = get(p, "extensions") ?? conf.get("default")?.find(([k]) => k === "extensions")?.[1] ?? "default";
    const built = buildExtensions(conf, section, { subjectSpki: r.spki.der, issuer });
    if (!built.ok) {
      o.err(built.error);
      return o.done(1);
    }
    exts = built.exts;
  }
  const now = Math.floor(ctx.now / 1000) * 1000;
  const pem = signTbs({
    version: exts.length ? 3 : 1,
    serial,
    issuerDer: issuer ? issuer.subjectDer : r.subjectDer,
    subjectDer: r.subjectDer,
    notBefore: now,
    notAfter: now + days * 86_400_000,
    spki: r.spki.der,
    extensions: exts,
    signingKeyPem: key.pem,
  });
  if (!writeOut(ctx, get(p, "out"), pem, o)) return o.done(1);
  return o.done(0);
}

/** -CAserial/-CAcreateserial: `<CA basename>.srl` holds the last serial in upper-case hex. */
function nextSerial(ctx: CommandContext, p: NonNullable<ReturnType<typeof parseOpts>>, caPath: string, o: Out): Uint8Array | null {
  const explicit = get(p, "CAserial");
  const create = has(p, "CAcreateserial");
  const path = explicit ?? caPath.replace(/\.[^./]*$/, "") + ".srl";
  const existing = ctx.fs.readFile(ctx.resolve(path));
  let n: bigint;
  if (existing.ok && /^[0-9A-Fa-f]+\s*$/.test(existing.value)) n = BigInt("0x" + existing.value.trim());
  else if (existing.ok || (!create && explicit !== undefined)) {
    o.err(
      `${path}: No such file or directory\n${PFX}:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen(${path}, r)\n${PFX}:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n`,
    );
    return null;
  } else {
    const rand = randomSerial(() => ctx.random(), 20, 0x7f);
    n = BigInt("0x" + Buffer.from(rand).toString("hex"));
    // without -CAcreateserial and no serial file OpenSSL 3 just uses a random serial
    if (!create) return rand;
  }
  n += 1n;
  let h = n.toString(16).toUpperCase();
  if (h.length % 2) h = "0" + h;
  const w = ctx.fs.writeFile(ctx.resolve(path), h + "\n");
  if (!w.ok) {
    o.err(`Can't open "${path}" for writing\n`);
    return null;
  }
  return new Uint8Array(Buffer.from(h, "hex"));
}
