/** `openssl req`: -new (CSR or -x509 self-signed), and inspecting a CSR with -in. */
import type { CommandContext, ExecResult } from "../../types";
import { buildCsr } from "../../pki/csr";
import { onelineName, parseSubj } from "../../pki/names";
import { pemEncode } from "../../pki/pem";
import { csrText } from "../../pki/text";
import { randomSerial, signTbs, extension, encodeBasicConstraints, subjectKeyId } from "../../pki/issue";
import { encodeName } from "../../pki/names";
import { octets, seq, tlv } from "../../pki/der";
import { privateKeyObject, spkiDer, toPkcs8Pem } from "../../pki/keys";
import { checkSignature } from "../../pki/verify";
import { OID } from "../../pki/x509-parse";
import { DIGESTS, get, has, loadCsr, loadKey, Out, parseOpts, writeOut, type OptSpec } from "./common";
import { newKey } from "./genkey";

const SPEC: OptSpec = {
  new: "flag",
  key: "value",
  subj: "value",
  out: "value",
  in: "value",
  noout: "flag",
  text: "flag",
  subject: "flag",
  verify: "flag",
  pubkey: "flag",
  x509: "flag",
  days: "value",
  newkey: "value",
  keyout: "value",
  nodes: "flag",
  noenc: "flag",
  config: "value",
  help: "flag",
};

export async function req(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts("req", args, SPEC, o);
  if (!p) return o.done(1);
  const bad = p.unknown.find((u) => !DIGESTS.has(u.toLowerCase()));
  if (bad) {
    o.err(`req: Unknown option or message digest: ${bad}\nreq: Use -help for summary.\n`);
    return o.done(1);
  }
  if (has(p, "new") || has(p, "x509") || has(p, "newkey")) return create(ctx, p, o);
  const c = loadCsr(ctx, get(p, "in"), o, "Unable to load X509 request");
  if (!c.ok) return o.done(1);
  const r = c.value;
  if (has(p, "verify")) {
    const ok = checkSignature(r.info, r.sigAlgOid, r.signature, r.spki.der);
    o.err(ok ? "Certificate request self-signature verify OK\n" : "Certificate request self-signature verify failure\n");
    if (!ok) return o.done(1);
  }
  if (has(p, "text")) o.out(csrText(r));
  if (has(p, "subject")) o.out(`subject=${onelineName(r.subject)}\n`);
  if (has(p, "pubkey")) o.out(pemEncode("PUBLIC KEY", r.spki.der));
  if (!has(p, "noout") && !writeOut(ctx, get(p, "out"), c.pem, o)) return o.done(1);
  return o.done(0);
}

async function create(ctx: CommandContext, p: NonNullable<ReturnType<typeof parseOpts>>, o: Out): Promise<ExecResult> {
  let keyPem: string;
  const newkey = get(p, "newkey");
  if (newkey !== undefined) {
    const m = /^(rsa|ec)(?::(\d+))?/i.exec(newkey);
    const k = await newKey(ctx, m?.[1]?.toLowerCase() === "ec" ? "ec" : "rsa", Number(m?.[2] ?? 2048));
    keyPem = k;
    o.err("-----\n");
    if (!writeOut(ctx, get(p, "keyout") ?? "privkey.pem", keyPem, o, 0o600)) return o.done(1);
  } else {
    const keyPath = get(p, "key");
    if (keyPath === undefined) {
      o.err("req: Use -help for summary.\n");
      return o.done(1);
    }
    const k = loadKey(ctx, keyPath, "private key", o);
    if (!k.ok) return o.done(1);
    keyPem = toPkcs8Pem(k.value);
  }
  const subj = get(p, "subj");
  if (subj === undefined) {
    // interactive prompts cannot be answered here; the real tool would read them from the terminal
    o.err('req: no -subj given: this terminal cannot answer the interactive prompts, pass -subj "/CN=..."\n');
    return o.done(1);
  }
  const s = parseSubj(subj, "req");
  if (!s.ok) {
    o.err(s.error);
    return o.done(1);
  }
  for (const w of s.warnings) o.err(w);
  let out: string;
  if (has(p, "x509")) {
    const keyObject = privateKeyObject(keyPem);
    if (!keyObject) {
      o.err("req: unable to load the private key\n");
      return o.done(1);
    }
    const spki = spkiDer(keyObject);
    const name = encodeName(s.rdns, "openssl");
    const now = Math.floor(ctx.now / 1000) * 1000;
    const ski = subjectKeyId(spki);
    out = signTbs({
      version: 3,
      serial: randomSerial(() => ctx.random(), 20, 0x7f),
      issuerDer: name,
      subjectDer: name,
      notBefore: now,
      notAfter: now + Number(get(p, "days") ?? "30") * 86_400_000,
      spki,
      // Ubuntu's openssl.cnf [v3_ca]
      extensions: [
        extension(OID.ski, false, octets(ski)),
        extension(OID.aki, false, seq(tlv(0x80, ski))),
        extension(OID.bc, true, encodeBasicConstraints(true)),
      ],
      signingKeyPem: keyPem,
    });
  } else out = buildCsr({ keyPem, subject: s.rdns });
  if (!has(p, "noout") && !writeOut(ctx, get(p, "out"), out, o)) return o.done(1);
  return o.done(0);
}
