/** `kubectl config ...` (kubectl/pkg/cmd/config): view, get-*, current-context; setters live in config-set.ts. */
import { toYaml } from "../../printers/yaml";
import { toJson } from "../../printers/json";
import { executeTemplate } from "../../jsonpath";
import { GET_TABWRITER, tabwrite } from "../../printers/tabwriter";
import type { CommandContext, ExecResult } from "../../types";
import { runConfigSet } from "./config-set";
import { boolFlag, firstOperand, flag } from "./flags";
import { flagSpec, helpResult } from "./help";
import { type Kubeconfig, loadKubeconfig } from "./kubeconfig";
import { err, isResult, parseVerb } from "./session";

const SUBS = new Set([
  "view",
  "get-contexts",
  "current-context",
  "get-clusters",
  "get-users",
  "use-context",
  "set-credentials",
  "set-context",
  "set-cluster",
  "delete-context",
  "delete-user",
  "delete-cluster",
  "rename-context",
]);

export function runConfig(ctx: CommandContext, argv: string[]): ExecResult {
  const i = firstOperand(argv, flagSpec("config view"));
  const sub = i < 0 ? undefined : argv[i];
  if (!sub || !SUBS.has(sub)) {
    const p = parseVerb(ctx, "config", argv);
    if (isResult(p)) return p;
    if (sub) return err(`error: unknown command "${sub}"\nSee 'kubectl config -h' for help and examples\n`);
    // without a subcommand, `kubectl config` prints its help on stderr and fails
    return { stdout: "", stderr: helpResult("config").stdout, exitCode: 1 };
  }
  const rest = [...argv.slice(0, i), ...argv.slice(i + 1)];
  const args = parseVerb(ctx, `config ${sub}`, rest);
  if (isResult(args)) return args;
  const file = loadKubeconfig(ctx, flag(args, "kubeconfig"));
  if (file.error) return err(`error: error loading config file "${file.path}": ${file.error}\n`);
  const c = file.config;
  switch (sub) {
    case "current-context":
      return c["current-context"] ? ok(`${c["current-context"]}\n`) : err("error: current-context is not set\n");
    case "get-clusters":
      return ok(["NAME", ...c.clusters.map((x) => x.name).sort()].join("\n") + "\n");
    case "get-users":
      return ok(["NAME", ...c.users.map((x) => x.name).sort()].join("\n") + "\n");
    case "get-contexts": {
      const names = args.operands;
      const ctxs = [...c.contexts].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((x) => !names.length || names.includes(x.name));
      const missing = names.filter((n) => !c.contexts.some((x) => x.name === n));
      if (flag(args, "output") === "name")
        return {
          stdout: ctxs.map((x) => `${x.name}\n`).join(""),
          stderr: missing.map((n) => `error: context ${n} not found\n`).join(""),
          exitCode: missing.length ? 1 : 0,
        };
      const rows = boolFlag(args, "no-headers") ? [] : ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE"];
      for (const x of ctxs) {
        rows.push(
          [
            x.name === c["current-context"] ? "*" : "",
            x.name,
            text(x.context.cluster),
            text(x.context.user),
            text(x.context.namespace),
          ].join("\t"),
        );
      }
      const stdout = tabwrite(rows.join("\n") + "\n", GET_TABWRITER);
      return { stdout, stderr: missing.map((n) => `error: context ${n} not found\n`).join(""), exitCode: missing.length ? 1 : 0 };
    }
    case "view":
      return view(c, file.path, !!flag(args, "kubeconfig") || !!ctx.env.KUBECONFIG, {
        minify: boolFlag(args, "minify"),
        raw: boolFlag(args, "raw") || boolFlag(args, "flatten"),
        output: flag(args, "output") ?? "yaml",
        context: flag(args, "context"),
      });
    default:
      return runConfigSet(ctx, sub, args, file);
  }
}

function ok(stdout: string): ExecResult {
  return { stdout, stderr: "", exitCode: 0 };
}

function view(
  c: Kubeconfig,
  path: string,
  _explicit: boolean,
  o: { minify: boolean; raw: boolean; output: string; context?: string },
): ExecResult {
  let clusters = c.clusters,
    users = c.users,
    contexts = c.contexts;
  const current = o.context || c["current-context"];
  if (o.minify) {
    if (!current) return err("error: current-context must exist in order to minify\n");
    const cx = c.contexts.find((x) => x.name === current);
    if (!cx) return err(`error: cannot locate context ${current}\n`);
    contexts = [cx];
    clusters = c.clusters.filter((x) => x.name === cx.context.cluster);
    users = c.users.filter((x) => x.name === cx.context.user);
  }
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  const absolute = (p: unknown) => (typeof p === "string" && p && !p.startsWith("/") ? `${dir}/${p}`.replace(/\/\.\//g, "/") : p);
  const redact = (m: Record<string, unknown>, fields: string[], paths: string[]) => {
    const out: Record<string, unknown> = { ...m };
    for (const f of paths) if (out[f] !== undefined) out[f] = absolute(out[f]);
    if (!o.raw) {
      for (const f of fields) if (out[f]) out[f] = "DATA+OMITTED";
      for (const f of ["token", "password"]) if (out[f]) out[f] = "REDACTED";
    }
    return out;
  };
  const doc = {
    apiVersion: "v1",
    clusters: clusters.length
      ? clusters.map((x) => ({ cluster: redact(x.cluster, ["certificate-authority-data"], ["certificate-authority"]), name: x.name }))
      : null,
    contexts: contexts.length ? contexts.map((x) => ({ context: x.context, name: x.name })) : null,
    "current-context": o.minify ? current : c["current-context"],
    kind: "Config",
    preferences: {},
    users: users.length
      ? users.map((x) => ({
          name: x.name,
          user: redact(x.user, ["client-certificate-data", "client-key-data"], ["client-certificate", "client-key"]),
        }))
      : null,
  };
  if (o.output === "json") return ok(toJson(doc));
  if (o.output.startsWith("jsonpath=")) return ok(executeTemplate(o.output.slice(9), doc));
  return ok(toYaml(doc));
}

/** A kubeconfig field as kubectl prints it: a string as is, anything else (absent, or a wrong type) empty. */
function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}
