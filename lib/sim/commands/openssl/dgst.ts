/**
 * `openssl dgst [-md5|-sha1|-sha256|...] [-r] [-hex] [file...]` and the digest names as commands
 * (`openssl md5 file`, `openssl sha256 file`), as OpenSSL 3.0's apps/dgst.c prints them: one
 * `NAME(file)= hex` line per file (`stdin` without one), `hex *file` with -r. The name is the
 * digest's OpenSSL 3 name (SHA2-256, SHA2-512, MD5, SHA1), except for `dgst` with no digest
 * option, which prints the default's legacy name, SHA256. Checked against OpenSSL 3.0.19 by
 * openssl.test.ts. Files are read as the VFS holds them (UTF-8), as md5sum reads them.
 */
import { createHash } from "node:crypto";
import type { CommandContext, ExecResult } from "../../types";
import { FS_ERROR_TEXT } from "../../fs/vfs";
import { Out, PFX } from "./common";

/** Each digest option: node's hash name and the name apps/dgst.c prints (EVP_MD_get0_name in 3.0). */
const DIGESTS: Record<string, { hash: string; name: string }> = {
  md5: { hash: "md5", name: "MD5" },
  sha1: { hash: "sha1", name: "SHA1" },
  sha224: { hash: "sha224", name: "SHA2-224" },
  sha256: { hash: "sha256", name: "SHA2-256" },
  sha384: { hash: "sha384", name: "SHA2-384" },
  sha512: { hash: "sha512", name: "SHA2-512" },
};

/** The digest names that are commands of their own (`openssl sha256 file`). */
export const DIGEST_COMMANDS = Object.keys(DIGESTS);

const USAGE = "dgst: Use -help for summary.\n";

/** `openssl dgst ...`; `named`: run as `openssl <digest> ...`, which names its digest in the output. */
export function dgst(ctx: CommandContext, args: string[], named?: string): ExecResult {
  const o = new Out();
  let digest = named;
  let reverse = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      files.push(a);
      continue;
    }
    const opt = a.replace(/^--?/, "");
    if (opt === "r") reverse = true;
    else if (opt === "hex") continue;
    else if (DIGESTS[opt]) digest = opt;
    else {
      // apps/dgst.c: an unknown option is tried as a digest name, and the fetch's failure follows
      o.err(
        `dgst: Unknown option or message digest: ${opt}\n${USAGE}` +
          `${PFX}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${opt} : 0), Properties (<null>)\n`,
      );
      return o.done(1);
    }
  }
  const chosen = DIGESTS[digest ?? "sha256"];
  // with no digest option, dgst names its default by the legacy name
  const label = digest === undefined ? "SHA256" : chosen.name;
  const line = (text: string, name: string) => {
    const hex = createHash(chosen.hash).update(Buffer.from(text, "utf8")).digest("hex");
    return reverse ? `${hex} *${name}\n` : `${label}(${name})= ${hex}\n`;
  };
  if (files.length === 0) {
    o.out(line(ctx.stdin, "stdin"));
    return o.done(0);
  }
  let code = 0;
  for (const f of files) {
    const r = ctx.fs.readFile(ctx.resolve(f));
    if (!r.ok) {
      // BIO_read_filename's failure, then dgst goes on with the next file (apps/dgst.c)
      o.err(
        `${f}: ${FS_ERROR_TEXT[r.error]}\n` +
          `${PFX}:error:80000002:system library:file_ctrl:${FS_ERROR_TEXT[r.error]}:../crypto/bio/bss_file.c:297:calling fopen(${f}, r)\n` +
          `${PFX}:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n`,
      );
      code = 1;
      continue;
    }
    o.out(line(r.value, f));
  }
  return o.done(code);
}
