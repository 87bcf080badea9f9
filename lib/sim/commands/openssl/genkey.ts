/** Key generation and inspection: genrsa, genpkey, rsa, pkey. OpenSSL 3 writes PKCS#8 keys. */
import { createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import type { CommandContext, ExecResult } from "../../types";
import { isRsa, toPkcs8Pem } from "../../pki/keys";
import { get, has, loadKey, Out, parseOpts, PFX, writeOut } from "./common";
import { hexBlock } from "../../pki/text";

/**
 * The largest RSA key made here: kubeadm's own choices are RSA-2048, 3072 and 4096, and an
 * 8192-bit key costs a CPU core tens of seconds (a shared server's, issue 10).
 */
export const MAX_RSA_BITS = 4096;
export const MIN_RSA_BITS = 512;

/** The learner-facing refusal for a key size, or null when it is one we make. */
export function rsaBitsProblem(prog: string, bits: number): string | null {
  if (bits > MAX_RSA_BITS)
    return `${prog}: this practice cluster makes RSA keys of at most ${MAX_RSA_BITS} bits (kubeadm uses 2048; 3072 and 4096 are its other RSA sizes)\n`;
  if (bits < MIN_RSA_BITS) return `${prog}: key size too small, must be at least ${MIN_RSA_BITS} bits\n`;
  return null;
}

/** A key source that also makes RSA keys of other sizes, off the caller's thread (the server's key workers). */
interface SizedRsaSource {
  rsaPrivateKeyPem(bits: number): Promise<string>;
}
const makesSizedRsa = (keys: object): keys is SizedRsaSource => typeof (keys as Partial<SizedRsaSource>).rsaPrivateKeyPem === "function";

/** A fresh private key (PKCS#8 PEM). 2048-bit RSA and P-256 come from the cluster's key source. */
export async function newKey(ctx: CommandContext, kind: "rsa" | "ec", bits = 2048): Promise<string> {
  if (kind === "ec") return (await ctx.keys.take("ecdsa-p256")).privateKeyPem;
  if (bits === 2048) return (await ctx.keys.take("rsa-2048")).privateKeyPem;
  if (!Number.isInteger(bits) || bits > MAX_RSA_BITS || bits < MIN_RSA_BITS)
    throw new Error(`RSA keys are made with ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits here, not ${bits}`);
  if (makesSizedRsa(ctx.keys)) return ctx.keys.rsaPrivateKeyPem(bits);
  return new Promise((resolve, reject) =>
    generateKeyPair(
      "rsa",
      { modulusLength: bits, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } },
      (err, _pub, priv) => (err ? reject(err) : resolve(priv)),
    ),
  );
}

export async function genrsa(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const o = new Out();
  const p = parseOpts("genrsa", args, { out: "value", help: "flag", quiet: "flag", verbose: "flag" }, o);
  if (!p) return o.done(1);
  if (p.unknown.length) {
    o.err(
      `genrsa: Unknown cipher: ${p.unknown[0]}\n${PFX}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${p.unknown[0]} : 0), Properties (<null>)\n`,
    );
    return o.done(1);
  }
  const bits = p.positional.length ? Number(p.positional[0]) : 2048;
  if (!Number.isInteger(bits) || bits <= 0) {
    o.err(`genrsa: Can't parse "${p.positional[0]}" as a number\ngenrsa: Use -help for summary.\n`);
    return o.done(1);
  }
  const sizeProblem = rsaBitsProblem("genrsa", bits);
  if (sizeProblem) {
    o.err(sizeProblem);
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
    const bits = b ? Number(b.split(":")[1]) : 2048;
    const sizeProblem = Number.isInteger(bits)
      ? rsaBitsProblem("genpkey", bits)
      : `Error setting rsa_keygen_bits:${b?.split(":")[1] ?? ""} parameter:\n`;
    if (sizeProblem) {
      o.err(sizeProblem);
      return o.done(1);
    }
    key = await newKey(ctx, "rsa", bits);
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
  const p = parseOpts(
    prog,
    args,
    { in: "value", out: "value", pubout: "flag", noout: "flag", modulus: "flag", text: "flag", pubin: "flag", check: "flag", help: "flag" },
    o,
  );
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
  if (has(p, "modulus") && isRsa(key))
    o.out(
      `Modulus=${Buffer.from(key.export({ format: "jwk" }).n as string, "base64url")
        .toString("hex")
        .toUpperCase()}\n`,
    );
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
      block("privateExponent", j.d) +
      block("prime1", j.p) +
      block("prime2", j.q) +
      block("exponent1", j.dp) +
      block("exponent2", j.dq) +
      block("coefficient", j.qi)
    );
  }
  const pub = Buffer.concat([Buffer.from([4]), Buffer.from(j.x, "base64url"), Buffer.from(j.y, "base64url")]);
  return `Private-Key: (256 bit)\n${block("priv", j.d)}pub:\n${hexBlock(pub, 4, 15)}ASN1 OID: prime256v1\nNIST CURVE: P-256\n`;
}
