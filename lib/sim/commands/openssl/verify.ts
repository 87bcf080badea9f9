/**
 * `openssl verify`: builds the chain from -CAfile (trusted) and -untrusted, then checks it from
 * the root down like X509_verify_cert, printing through apps/verify.c's callback (which keeps
 * going after "certificate has expired" but stops at "not yet valid"). Uses the cluster clock.
 */
import type { CommandContext, ExecResult } from "../../types";
import { onelineName } from "../../pki/names";
import { pemDecodeAll } from "../../pki/pem";
import { sameBytes } from "../../pki/issue";
import { checkSignature } from "../../pki/verify";
import { parseCertDer, type ParsedCert } from "../../pki/x509-parse";
import { bioOpenError, get, loadCert, Out, parseOpts, PFX } from "./common";

function bundle(ctx: CommandContext, path: string, o: Out): ParsedCert[] | null {
  const r = ctx.fs.readFile(ctx.resolve(path));
  if (!r.ok) {
    o.err(
      `Error loading file ${path}\n${bioOpenError(path)}${PFX}:error:05880002:x509 certificate routines:X509_load_cert_crl_file_ex:system lib:../crypto/x509/by_file.c:229:\n`,
    );
    return null;
  }
  const out: ParsedCert[] = [];
  for (const b of pemDecodeAll(r.value)) {
    if (b.type !== "CERTIFICATE") continue;
    try {
      out.push(parseCertDer(b.der));
    } catch {
      /* ignored like an unparsable PEM block */
    }
  }
  return out;
}

const issues = (ca: ParsedCert, c: ParsedCert) =>
  sameBytes(ca.subjectDer, c.issuerDer) && checkSignature(c.tbs, c.sigAlgOid, c.signature, ca.spki.der);

export async function verifyCmd(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts(
    "verify",
    args,
    { CAfile: "value", untrusted: "value", CApath: "value", attime: "value", help: "flag", no_check_time: "flag" },
    o,
  );
  if (!p) return o.done(1);
  if (p.unknown.length) {
    o.err(`verify: Unknown option: -${p.unknown[0]}\nverify: Use -help for summary.\n`);
    return o.done(1);
  }
  const caFile = get(p, "CAfile");
  const trusted = caFile !== undefined ? bundle(ctx, caFile, o) : [];
  if (!trusted) return o.done(1);
  const untrustedFile = get(p, "untrusted");
  const untrusted = untrustedFile !== undefined ? bundle(ctx, untrustedFile, o) : [];
  if (!untrusted) return o.done(1);
  const at = get(p, "attime");
  const now = at !== undefined ? Number(at) * 1000 : ctx.now;
  const targets = p.positional.length ? p.positional : [undefined];
  let failed = false;
  for (const t of targets) {
    const c = loadCert(ctx, t, "certificate file", o);
    if (!c.ok) {
      o.err("Unable to load certificate file\n");
      failed = true;
      continue;
    }
    const ok = checkOne(
      c.value,
      trusted,
      untrusted,
      now,
      o,
      p.opts.some((x) => x.name === "no_check_time"),
    );
    const name = t ?? "stdin";
    if (ok) o.out(`${name}: OK\n`);
    else {
      o.err(`error ${name}: verification failed\n`);
      failed = true;
    }
  }
  return o.done(failed ? 2 : 0);
}

function checkOne(leaf: ParsedCert, trusted: ParsedCert[], untrusted: ParsedCert[], now: number, o: Out, noTime: boolean): boolean {
  const report = (c: ParsedCert, code: number, depth: number, msg: string) =>
    o.err(`${onelineName(c.subject)}\nerror ${code} at ${depth} depth lookup: ${msg}\n`);
  // chain[0] = leaf ... last = trust anchor
  const chain = [leaf];
  let anchored = trusted.some((t) => sameBytes(t.der, leaf.der));
  while (!anchored && chain.length < 10) {
    const cur = chain[chain.length - 1];
    const t = trusted.find((x) => issues(x, cur));
    if (t) {
      chain.push(t);
      anchored = true;
      break;
    }
    const u = untrusted.find((x) => issues(x, cur) && !chain.includes(x));
    if (!u) break;
    chain.push(u);
  }
  if (!anchored) {
    const top = chain[chain.length - 1];
    const selfSigned = sameBytes(top.subjectDer, top.issuerDer) && issues(top, top);
    if (selfSigned)
      report(
        top,
        chain.length === 1 ? 18 : 19,
        chain.length - 1,
        chain.length === 1 ? "self-signed certificate" : "self-signed certificate in certificate chain",
      );
    else
      report(
        top,
        chain.length === 1 ? 20 : 2,
        chain.length - 1,
        chain.length === 1 ? "unable to get local issuer certificate" : "unable to get issuer certificate",
      );
    return false;
  }
  let ok = true;
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    const c = chain[depth];
    if (noTime) continue;
    if (now < c.notBefore) {
      report(c, 9, depth, "certificate is not yet valid");
      return false;
    }
    if (now > c.notAfter) {
      report(c, 10, depth, "certificate has expired");
      ok = false;
    }
  }
  return ok;
}
