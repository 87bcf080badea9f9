/**
 * Shared plumbing of the openssl subcommands: output collection, option parsing in OpenSSL's
 * style, and the loaders with OpenSSL 3.0's exact error texts (the hex prefix of error lines is
 * a thread id in the real tool; we print a fixed, plausible one).
 */
import type { CommandContext, ExecResult } from "../../types";
import { FS_ERROR_TEXT } from "../../fs/vfs";
import { pemDecodeAll, pemEncode } from "../../pki/pem";
import { parseCertDer, parseCsrDer, type ParsedCert, type ParsedCsr } from "../../pki/x509-parse";
import { privateKeyObject } from "../../pki/keys";
import type { KeyObject } from "node:crypto";

export const PFX = "40E7B1C2F37F0000";

export class Out {
  chunks: { fd: 1 | 2; text: string }[] = [];
  out(text: string): void {
    if (text) this.chunks.push({ fd: 1, text });
  }
  err(text: string): void {
    if (text) this.chunks.push({ fd: 2, text });
  }
  done(exitCode: number): ExecResult {
    const stdout = this.chunks
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join("");
    const stderr = this.chunks
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join("");
    return { stdout, stderr, exitCode, chunks: this.chunks };
  }
}

export type OptSpec = Record<string, "flag" | "value">;

export interface Parsed {
  /** in order of appearance */
  opts: { name: string; value: string }[];
  positional: string[];
  /** unknown `-x` options (x509/req treat them as digest names) */
  unknown: string[];
}

export function parseOpts(prog: string, args: string[], spec: OptSpec, o: Out): Parsed | null {
  const res: Parsed = { opts: [], positional: [], unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("-") && a.length > 1) {
      const name = a.replace(/^--?/, "");
      const kind = spec[name];
      if (!kind) {
        res.unknown.push(name);
        continue;
      }
      if (kind === "value") {
        if (i + 1 >= args.length) {
          o.err(`${prog}: Option -${name} needs a value\n${prog}: Use -help for summary.\n`);
          return null;
        }
        res.opts.push({ name, value: args[++i] });
      } else res.opts.push({ name, value: "" });
    } else res.positional.push(a);
  }
  return res;
}

export const get = (p: Parsed, name: string) => [...p.opts].reverse().find((x) => x.name === name)?.value;
export const has = (p: Parsed, name: string) => p.opts.some((x) => x.name === name);

export const DIGESTS = new Set(["sha256", "sha1", "sha384", "sha512", "sha224", "md5", "sha3-256"]);

type Load<T> = { ok: true; value: T; pem: string } | { ok: false };

/** Reads a path the way OpenSSL's STORE loader does, reporting its errors. */
function readForStore(ctx: CommandContext, path: string, what: string, o: Out): string | null {
  const r = ctx.fs.readFile(ctx.resolve(path));
  if (!r.ok) {
    o.err(
      `Could not open file or uri for loading ${what} from ${path}\n` +
        `${PFX}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n` +
        `${PFX}:error:80000002:system library:file_open:${FS_ERROR_TEXT[r.error]}:../providers/implementations/storemgmt/file_store.c:266:calling stat(${path})\n`,
    );
    return null;
  }
  return r.value;
}

/** BIO_new_file failures (CSR input, `-CAfile`). */
export function bioOpenError(path: string, reason = "No such file or directory"): string {
  return (
    `${PFX}:error:80000002:system library:BIO_new_file:${reason}:../crypto/bio/bss_file.c:67:calling fopen(${path}, r)\n` +
    `${PFX}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`
  );
}

/** A certificate from `path` (stdin when undefined). `what` is "certificate", "CA certificate"... */
export function loadCert(ctx: CommandContext, path: string | undefined, what: string, o: Out): Load<ParsedCert> {
  const text = path === undefined ? ctx.stdin : readForStore(ctx, path, what, o);
  if (text === null) return { ok: false };
  const block = pemDecodeAll(text).find(
    (b) => b.type === "CERTIFICATE" || b.type === "X509 CERTIFICATE" || b.type === "TRUSTED CERTIFICATE",
  );
  let cert: ParsedCert | undefined;
  try {
    cert = block ? parseCertDer(block.der) : undefined;
  } catch {
    cert = undefined;
  }
  if (!cert) {
    const other = pemDecodeAll(text).length > 0;
    o.err(`Could not read ${what} from ${path ?? "<stdin>"}\n`);
    if (other)
      o.err(`${PFX}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:149:\n`);
    return { ok: false };
  }
  return { ok: true, value: cert, pem: pemEncode("CERTIFICATE", cert.der) };
}

export function loadKey(ctx: CommandContext, path: string | undefined, what: string, o: Out): Load<KeyObject> {
  const text = path === undefined ? ctx.stdin : readForStore(ctx, path, what, o);
  if (text === null) return { ok: false };
  const key = privateKeyObject(text);
  if (!key) {
    o.err(`Could not read ${what} from ${path ?? "<stdin>"}\n`);
    if (pemDecodeAll(text).length)
      o.err(`${PFX}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:149:\n`);
    return { ok: false };
  }
  return { ok: true, value: key, pem: text };
}

/** CSR input is read with a plain BIO (different error texts from the STORE loader). */
export function loadCsr(ctx: CommandContext, path: string | undefined, o: Out, failLine: string): Load<ParsedCsr> {
  let text: string;
  if (path === undefined) text = ctx.stdin;
  else {
    const r = ctx.fs.readFile(ctx.resolve(path));
    if (!r.ok) {
      o.err(`Can't open "${path}" for reading, ${FS_ERROR_TEXT[r.error]}\n${bioOpenError(path, FS_ERROR_TEXT[r.error])}${failLine}\n`);
      return { ok: false };
    }
    text = r.value;
  }
  const block = pemDecodeAll(text).find((b) => b.type === "CERTIFICATE REQUEST" || b.type === "NEW CERTIFICATE REQUEST");
  try {
    if (block) return { ok: true, value: parseCsrDer(block.der), pem: pemEncode("CERTIFICATE REQUEST", block.der) };
  } catch {
    /* reported below */
  }
  o.err(
    `${PFX}:error:1E08010C:DECODER routines:OSSL_DECODER_from_bio:unsupported:../crypto/encode_decode/decoder_lib.c:102:No supported data to decode. Input type: PEM\n${failLine}\n`,
  );
  return { ok: false };
}

/** Writes `-out`; returns false (after reporting) when the path cannot be written. */
export function writeOut(ctx: CommandContext, path: string | undefined, text: string, o: Out, mode = 0o644): boolean {
  if (path === undefined) {
    o.out(text);
    return true;
  }
  const full = ctx.resolve(path);
  const r = ctx.fs.writeFile(full, text, mode);
  if (!r.ok) {
    o.err(`Can't open "${path}" for writing, ${FS_ERROR_TEXT[r.error]}\n`);
    return false;
  }
  return true;
}
