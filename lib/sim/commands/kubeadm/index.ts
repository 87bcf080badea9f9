/**
 * `kubeadm` v1.32 on the control-plane node: certs check-expiration|renew, init phase certs,
 * kubeconfig user, version, help. Reads the cluster clock (ctx.now); cobra-style errors for unknown commands.
 */
import type { Command, CommandContext, CompletionContext, ExecResult } from "../../types";
import { checkExpiration, renew, RENEW_NAMES } from "./certs";
import { CERTS_HELP, KUBECONFIG_HELP, RENEW_HELP, ROOT_HELP, VERSION } from "./help";
import { kubeconfigUser } from "./kubeconfig-user";
import { initPhaseCerts, PHASE_CERT_NAMES } from "./init-phase";

const TRACE = "To see the stack trace of this error execute with --v=5 or higher\n";
const unknown = (word: string, path: string): ExecResult => ({
  stdout: "",
  stderr: `unknown command "${word}" for "${path}"\n${TRACE}`,
  exitCode: 1,
});
const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
const isHelp = (a: string[]) => a.includes("--help") || a.includes("-h");

async function certs(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  const [sub, ...rest] = args;
  if (sub === undefined || isHelp(args.slice(0, 1))) return ok(CERTS_HELP);
  if (sub === "check-expiration") return checkExpiration(ctx);
  if (sub === "renew") {
    const names = rest.filter((a) => !a.startsWith("-"));
    if (!names.length || isHelp(rest)) return ok(RENEW_HELP);
    if (!RENEW_NAMES.includes(names[0])) return unknown(names[0], "kubeadm certs renew");
    return renew(ctx, names);
  }
  return unknown(sub, "kubeadm certs");
}

async function init(ctx: CommandContext, args: string[]): Promise<ExecResult> {
  if (args[0] !== "phase" || args[1] !== "certs") {
    return {
      stdout: "",
      stderr: `this simulated node only supports "kubeadm init phase certs <name>": the cluster is already initialised\n${TRACE}`,
      exitCode: 1,
    };
  }
  const name = args[2];
  if (!name || !PHASE_CERT_NAMES.includes(name))
    return name ? unknown(name, "kubeadm init phase certs") : ok(RENEW_HELP.replace(/renew/g, "init phase certs"));
  return initPhaseCerts(ctx, args.slice(2));
}

export const kubeadm: Command = {
  name: "kubeadm",
  summary: "kubeadm v1.32: certs check-expiration, certs renew, init phase certs, kubeconfig user",
  mutates: (args) => args[0] === "init" || args[0] === "kubeconfig" || (args[0] === "certs" && args[1] === "renew"),
  async run(ctx) {
    const [cmd, ...rest] = ctx.args;
    try {
      if (cmd === undefined || cmd === "help" || cmd === "--help" || cmd === "-h") return ok(ROOT_HELP);
      if (cmd === "version") return ok(VERSION);
      if (cmd === "certs" || cmd === "certificates") return await certs(ctx, rest);
      if (cmd === "init") return await init(ctx, rest);
      if (cmd === "kubeconfig") {
        if (rest[0] === "user" && !isHelp(rest)) return await kubeconfigUser(ctx, rest.slice(1));
        if (rest[0] === undefined || isHelp(rest)) return ok(KUBECONFIG_HELP);
        return unknown(rest[0], "kubeadm kubeconfig");
      }
      if (cmd.startsWith("-")) return { stdout: "", stderr: `unknown flag: ${cmd.split("=")[0]}\n${TRACE}`, exitCode: 1 };
      return unknown(cmd, "kubeadm");
    } catch (e) {
      return { stdout: "", stderr: `${(e as Error).message}\n${TRACE}`, exitCode: 1 };
    }
  },
  complete(ctx: CompletionContext): string[] {
    const w = ctx.words.slice(1);
    const pick = (xs: string[]) => xs.filter((x) => x.startsWith(ctx.current));
    if (w.length === 0) return pick(["certs", "init", "kubeconfig", "version", "help"]);
    if (w[0] === "kubeconfig" && w.length === 1) return pick(["user"]);
    if (w[0] === "certs" && w.length === 1) return pick(["check-expiration", "renew"]);
    if (w[0] === "certs" && w[1] === "renew" && w.length === 2) return pick(RENEW_NAMES);
    if (w[0] === "init" && w.length === 1) return pick(["phase"]);
    if (w[0] === "init" && w.length === 2) return pick(["certs"]);
    if (w[0] === "init" && w.length === 3) return pick(PHASE_CERT_NAMES);
    return [];
  },
};
