/**
 * What every server-talking verb does first: parse flags (the verb's plus kubectl's global ones),
 * answer --help, load the kubeconfig in use and authenticate against the simulated apiserver.
 */
import type { CommandContext, ExecResult } from "../../types";
import { type Connection, connect } from "./connect";
import { type ParsedArgs, boolFlag, flag, parseFlags } from "./flags";
import { flagError, flagSpec, helpResult } from "./help";
import { type KubeconfigFile, loadKubeconfig } from "./kubeconfig";

export interface Session {
  ctx: CommandContext;
  args: ParsedArgs;
  file: KubeconfigFile;
  conn: Extract<Connection, { ok: true }>;
  /** -n, else the context's namespace, else "default" */
  namespace: string;
}

export function parseVerb(ctx: CommandContext, verb: string, argv: string[]): ParsedArgs | ExecResult {
  const p = parseFlags(argv, flagSpec(verb));
  if (!p.ok) return flagError(verb, p.error);
  if (boolFlag(p.args, "help")) return helpResult(verb);
  return p.args;
}

export function openSession(ctx: CommandContext, args: ParsedArgs, discovery = true): Session | ExecResult {
  const file = loadKubeconfig(ctx, flag(args, "kubeconfig"));
  if (file.error) return err(`error: error loading config file "${file.path}": ${file.error}\n`);
  const conn = connect(ctx, file, flag(args, "context"), discovery);
  if (!conn.ok) return err(conn.stderr);
  return { ctx, args, file, conn, namespace: flag(args, "namespace") || conn.context.namespace };
}

export function err(stderr: string, exitCode = 1): ExecResult {
  return { stdout: "", stderr, exitCode };
}

export function isResult(x: unknown): x is ExecResult {
  return !!x && typeof x === "object" && "exitCode" in x;
}
