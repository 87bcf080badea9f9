/**
 * `openssl` (OpenSSL 3.0.19 as on Ubuntu): dgst (and md5, sha1, sha256 ... as commands), genrsa,
 * genpkey, rsa, pkey, rand, req, x509, verify, s_client, version.
 * Every subcommand reports user errors as ExecResult values with the real tool's texts.
 */
import type { Command, CommandContext, CompletionContext, ExecResult } from "../../types";
import { DIGEST_COMMANDS, dgst } from "./dgst";
import { genpkey, genrsa, keyTool } from "./genkey";
import { rand } from "./rand";
import { req } from "./req";
import { sClient } from "./s-client";
import { verifyCmd } from "./verify";
import { x509 } from "./x509";

const SUBCOMMANDS: Record<string, (ctx: CommandContext, args: string[]) => Promise<ExecResult> | ExecResult> = {
  dgst: (ctx, a) => dgst(ctx, a),
  ...Object.fromEntries(DIGEST_COMMANDS.map((d) => [d, (ctx: CommandContext, a: string[]) => dgst(ctx, a, d)])),
  genrsa,
  genpkey,
  rsa: (ctx, a) => keyTool(ctx, a, "rsa"),
  pkey: (ctx, a) => keyTool(ctx, a, "pkey"),
  rand,
  req,
  s_client: (ctx, a) => sClient(ctx, a),
  x509,
  verify: verifyCmd,
  version: () => ({ stdout: "OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)\n", stderr: "", exitCode: 0 }),
};

const FLAGS: Record<string, string[]> = {
  dgst: ["-md5", "-sha1", "-sha256", "-sha384", "-sha512", "-r", "-hex"],
  genrsa: ["-out"],
  genpkey: ["-algorithm", "-pkeyopt", "-out"],
  rsa: ["-in", "-out", "-pubout", "-noout", "-modulus", "-text", "-check"],
  pkey: ["-in", "-out", "-pubout", "-noout", "-text"],
  req: [
    "-new",
    "-key",
    "-subj",
    "-out",
    "-in",
    "-noout",
    "-text",
    "-subject",
    "-verify",
    "-pubkey",
    "-x509",
    "-days",
    "-newkey",
    "-keyout",
    "-nodes",
  ],
  x509: [
    "-in",
    "-out",
    "-noout",
    "-text",
    "-subject",
    "-issuer",
    "-dates",
    "-startdate",
    "-enddate",
    "-serial",
    "-fingerprint",
    "-sha256",
    "-ext",
    "-pubkey",
    "-modulus",
    "-req",
    "-CA",
    "-CAkey",
    "-CAcreateserial",
    "-CAserial",
    "-days",
    "-extfile",
    "-extensions",
    "-checkend",
  ],
  verify: ["-CAfile", "-untrusted"],
  s_client: [
    "-connect",
    "-showcerts",
    "-CAfile",
    "-servername",
    "-noservername",
    "-verify_hostname",
    "-verify_ip",
    "-verify_return_error",
    "-cert",
    "-key",
  ],
};

/** `openssl help` as 3.0 lays it out (apps/lib/apps.c: four columns of 18), listing what this node's openssl has. */
const HELP = `help:

Standard commands
dgst              genpkey           genrsa            pkey              
rand              req               rsa               s_client          
verify            version           x509              

Message Digest commands (see the \`dgst' command for more details)
md5               sha1              sha224            sha256            
sha384            sha512            
`;

export const openssl: Command = {
  name: "openssl",
  summary: "OpenSSL 3.0 command line tool (genrsa, genpkey, req, x509, verify, s_client)",
  mutates: (args) => ["genrsa", "genpkey", "rsa", "pkey", "rand", "req", "x509"].includes(args[0] ?? ""),
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === undefined || sub === "help") return { stdout: "", stderr: HELP, exitCode: 0 };
    const fn = SUBCOMMANDS[sub];
    if (!fn) return { stdout: "", stderr: `Invalid command '${sub}'; type "help" for a list.\n`, exitCode: 1 };
    try {
      return await fn(ctx, rest);
    } catch (e) {
      // a key source failure or an unexpected input; never let it escape run()
      return { stdout: "", stderr: `${sub}: ${(e as Error).message}\n`, exitCode: 1 };
    }
  },
  complete(ctx: CompletionContext): string[] {
    const words = ctx.words.slice(1);
    if (words.length === 0) return Object.keys(SUBCOMMANDS).filter((s) => s.startsWith(ctx.current));
    if (ctx.current.startsWith("-")) return (FLAGS[words[0]] ?? []).filter((f) => f.startsWith(ctx.current));
    return [];
  },
};
