/** `kubectl version`, `cluster-info`, `api-resources`, `api-versions`. */
import { isShellContext } from "../../shell/shell-context";
import { toYaml } from "../../printers/yaml";
import { GET_TABWRITER, tabwrite } from "../../printers/tabwriter";
import type { CommandContext, ExecResult } from "../../types";
import { apiServer } from "./client";
import { boolFlag, flag } from "./flags";
import { discoveryOrder } from "./resources";
import { isResult, openSession, parseVerb } from "./session";

export const CLIENT_VERSION = "v1.32.4";
export const KUSTOMIZE_VERSION = "v5.5.0";

export function runVersion(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "version", argv);
  if (isResult(args)) return args;
  const client = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  const out = flag(args, "output");
  if (out !== undefined && out !== "json" && out !== "yaml")
    return { stdout: "", stderr: "error: --output must be 'yaml' or 'json'\n", exitCode: 1 };
  // version.go: json.MarshalIndent(v, "", "  ") of the Version struct (fields in struct order), or
  // sigs.k8s.io/yaml (sorted keys), each followed by Println's newline
  const printed = (v: object) => (out === "json" ? JSON.stringify(v, null, 2) + "\n" : toYaml(v) + "\n");
  if (boolFlag(args, "client")) {
    if (out) return { stdout: printed({ clientVersion: clientInfo(), kustomizeVersion: KUSTOMIZE_VERSION }), stderr: "", exitCode: 0 };
    return { stdout: client, stderr: "", exitCode: 0 };
  }
  const s = openSession(ctx, args, false);
  if (isResult(s)) return { stdout: client, stderr: s.stderr, exitCode: 1 };
  if (out)
    return {
      stdout: printed({ clientVersion: clientInfo(), kustomizeVersion: KUSTOMIZE_VERSION, serverVersion: serverInfo(ctx) }),
      stderr: "",
      exitCode: 0,
    };
  return { stdout: `${client}Server Version: ${ctx.state.config.kubernetesVersion}\n`, stderr: "", exitCode: 0 };
}

/** k8s.io/apimachinery/pkg/version Info, in its struct's field order */
function clientInfo() {
  return {
    major: "1",
    minor: "32",
    gitVersion: CLIENT_VERSION,
    gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
    gitTreeState: "clean",
    buildDate: "2025-04-22T16:03:51Z",
    goVersion: "go1.23.8",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

function serverInfo(ctx: CommandContext) {
  return { ...clientInfo(), gitVersion: ctx.state.config.kubernetesVersion };
}

export function runClusterInfo(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "cluster-info", argv);
  if (isResult(args)) return args;
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  // clusterinfo.go colours through ct.ChangeColor, which writes its escapes only to a terminal
  const tty = isShellContext(ctx) && ctx.shell.stdoutIsTerminal;
  const g = (t: string) => (tty ? `\x1b[0;32m${t}\x1b[0m` : t);
  const y = (t: string) => (tty ? `\x1b[0;33m${t}\x1b[0m` : t);
  const server = s.conn.server.replace(/\/+$/, "");
  return {
    stdout: `${g("Kubernetes control plane")} is running at ${y(server)}\n${g("CoreDNS")} is running at ${y(`${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    stderr: "",
    exitCode: 0,
  };
}

export function runApiResources(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "api-resources", argv);
  if (isResult(args)) return args;
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  const out = flag(args, "output");
  if (out && out !== "wide" && out !== "name") return { stdout: "", stderr: `error: --output ${out} is not available\n`, exitCode: 1 };
  let kinds = discoveryOrder(apiServer(ctx)).map((k) => k.resource);
  const group = flag(args, "api-group");
  if (group !== undefined) kinds = kinds.filter((r) => r.group === group);
  const namespaced = flag(args, "namespaced");
  if (namespaced !== undefined) kinds = kinds.filter((r) => String(r.namespaced) === (namespaced === "false" ? "false" : "true"));
  const verbs = (args.flags.get("verbs") ?? []).flatMap((v) => v.split(","));
  if (verbs.length) kinds = kinds.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  const cats = (args.flags.get("categories") ?? []).flatMap((v) => v.split(","));
  if (cats.length) kinds = kinds.filter((r) => cats.every((cat) => r.categories?.includes(cat)));
  const sortBy = flag(args, "sort-by");
  if (sortBy === "name") kinds = [...kinds].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  else if (sortBy === "kind") kinds = [...kinds].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  else if (sortBy) return { stdout: "", stderr: `error: --sort-by accepts only name or kind\n`, exitCode: 1 };
  if (out === "name")
    return { stdout: kinds.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + "\n").join(""), stderr: "", exitCode: 0 };
  const wide = out === "wide";
  const lines = boolFlag(args, "no-headers") ? [] : [`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? "\tVERBS\tCATEGORIES" : ""}`];
  for (const r of kinds) {
    lines.push(
      [
        r.resource,
        r.shortNames.join(","),
        r.group ? `${r.group}/${r.version}` : r.version,
        String(r.namespaced),
        r.kind,
        // apiresources.go: strings.Join(Verbs, ",")
        ...(wide ? [r.verbs.join(","), (r.categories ?? []).join(",")] : []),
      ].join("\t"),
    );
  }
  return { stdout: tabwrite(lines.join("\n") + "\n", GET_TABWRITER), stderr: "", exitCode: 0 };
}

/** `kubectl api-versions`: every served group/version, sorted as strings ("v1" last). */
export function runApiVersions(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "api-versions", argv);
  if (isResult(args)) return args;
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  const versions = new Set(
    apiServer(ctx).kinds.map((k) => (k.resource.group ? `${k.resource.group}/${k.resource.version}` : k.resource.version)),
  );
  return {
    stdout: [...versions]
      .sort()
      .map((v) => `${v}\n`)
      .join(""),
    stderr: "",
    exitCode: 0,
  };
}
