/** Key generation and inspection: genrsa, genpkey, rsa, pkey. OpenSSL 3 writes PKCS#8 keys. */
import { createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import type { CommandContext, ExecResult } from "../../types";
import { isRsa, toPkcs8Pem } from "../../pki/keys";
import { get, has, loadKey, Out, parseOpts, PFX, writeOut, type OptSpec } from "./common";
import { hexBlock } from "../../pki/text";

/** A fresh private key (PKCS#8 PEM). 2048-bit RSA and P-256 come from the cluster's key source. */
export async function newKey(ctx: CommandContext, kind: "rsa" | "ec", bits = 2048): Promise<string> {
  if (kind === "ec") return (await ctx.keys.take("ecdsa-p256")).privateKeyPem;
  if (bits === 2048) return (await ctx.keys.take("rsa-2048")).privateKeyPem;
  return new Promise((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength: bits, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }, (err, _pub, priv) =>
      err ? reject(err) : resolve(priv),
    ),
  );
}

export async function genrsa(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts("genrsa", args, { out: "value", help: "flag", quiet: "flag", verbose: "flag" }, o);
  if (!p) return o.done(1);
  if (p.unknown.length) {
    o.err(`genrsa: Unknown cipher: ${p.unknown[0]}\n${PFX}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${p.unknown[0]} : 0), Properties (<null>)\n`);
    return o.done(1);
  }
  const bits = p.positional.length ? Number(p.positional[0]) : 2048;
  if (!Number.isInteger(bits) || bits < 512 || bits > 16384) {
    o.err(`genrsa: Can't parse "${p.positional[0]}" as a number\ngenrsa: Use -help for summary.\n`);
    return o.done(1);
  }
  const key = await newKey(ctx, "rsa", bits);
  return o.done(writeOut(ctx, get(p, "out"), key, o, 0o600) ? 0 : 1);
}

export async function genpkey(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts("genpkey", args, { algorithm: "value", pkeyopt: "value", out: "value", help: "flag", quiet: "flag" }, o);
  if (!p || p.unknown.length) {
    if (p) o.err("genpkey: Use -help for summary.\n");
    return o.done(1);
  }
  const alg = (get(p, "algorithm") ?? "").toUpperCase();
  const opts = p.opts.filter((x) => x.name === "pkeyopt").map((x) => x.value);
  let key: string;
  if (alg === "RSA" || alg === "RSA-PSS") {
    const b = opts.find((x) => x.startsWith("rsa_keygen_bits:"));
    key = await newKey(ctx, "rsa", b ? Number(b.split(":")[1]) : 2048);
  } else if (alg === "EC") {
    const c = opts.find((x) => x.startsWith("ec_paramgen_curve:"))?.split(":")[1];
    if (c !== "P-256" && c !== "prime256v1") {
      o.err(c ? `Error setting ec_paramgen_curve:${c} parameter:\n` : `Error generating EC key\n`);
      return o.done(1);
    }
    key = await newKey(ctx, "ec");
  } else {
    o.err(`Algorithm ${get(p, "algorithm") ?? ""} not found\n`);
    return o.done(1);
  }
  return o.done(writeOut(ctx, get(p, "out"), key, o, 0o600) ? 0 : 1);
}

/** `openssl rsa` and `openssl pkey`. */
export async function keyTool(ctx: CommandContext, args: string[], prog: "rsa" | "pkey"): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts(prog, args, { in: "value", out: "value", pubout: "flag", noout: "flag", modulus: "flag", text: "flag", pubin: "flag", check: "flag", help: "flag" }, o);
  if (!p) return o.done(1);
  if (p.unknown.length) {
    o.err(`${prog}: Unknown cipher: ${p.unknown[0]}\n${prog}: Use -help for summary.\n`);
    return o.done(1);
  }
  const k = loadKey(ctx, get(p, "in"), "private key", o);
  if (!k.ok) {
    if (prog === "rsa") o.err("Unable to load Private Key\n");
    return o.done(1);
  }
  const key = k.value;
  if (prog === "rsa" && !isRsa(key)) {
    o.err(`Not an RSA key\n`);
    return o.done(1);
  }
  if (has(p, "text")) o.out(privateText(key));
  if (has(p, "modulus") && isRsa(key)) o.out(`Modulus=${Buffer.from(key.export({ format: "jwk" }).n as string, "base64url").toString("hex").toUpperCase()}\n`);
  if (has(p, "check") && isRsa(key)) o.out("RSA key ok\n");
  if (!has(p, "noout")) {
    if (prog === "rsa") o.err("writing RSA key\n");
    const pem = has(p, "pubout") ? createPublicKey(key).export({ type: "spki", format: "pem" }).toString() : toPkcs8Pem(key);
    if (!writeOut(ctx, get(p, "out"), pem, o, has(p, "pubout") ? 0o644 : 0o600)) return o.done(1);
  }
  return o.done(0);
}

/** `-text` of a private key (RSA: the CRT components, as OpenSSL prints them). */
function privateText(key: KeyObject): string {
  const j = key.export({ format: "jwk" }) as Record<string, string>;
  const num = (b64: string) => {
    const b = Buffer.from(b64, "base64url");
    return b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  };
  const block = (label: string, b64: string) => `${label}:\n${hexBlock(num(b64), 4, 15)}`;
  if (isRsa(key)) {
    const n = Buffer.from(j.n, "base64url");
    const e = BigInt("0x" + Buffer.from(j.e, "base64url").toString("hex"));
    return (
      `Private-Key: (${n.length * 8} bit, 2 primes)\n` +
      block("modulus", j.n) +
      `publicExponent: ${e} (0x${e.toString(16)})\n` +
      block("privateExponent", j.d) + block("prime1", j.p) + block("prime2", j.q) + block("exponent1", j.dp) + block("exponent2", j.dq) + block("coefficient", j.qi)
    );
  }
  const pub = Buffer.concat([Buffer.from([4]), Buffer.from(j.x, "base64url"), Buffer.from(j.y, "base64url")]);
  return `Private-Key: (256 bit)\n${block("priv", j.d)}pub:\n${hexBlock(pub, 4, 15)}ASN1 OID: prime256v1\nNIST CURVE: P-256\n`;
}
