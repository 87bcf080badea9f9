/** `kubectl auth whoami|can-i`, `version`, `cluster-info`, `api-resources`. */
import { authorize, type Verb } from "../../model/rbac";
import { RESOURCE_TYPES, resolveResourceType } from "../../model/resources";
import { toJson } from "../../printers/json";
import { GET_TABWRITER, tabwrite } from "../../printers/tabwriter";
import { toYaml } from "../../printers/yaml";
import type { CommandContext, ExecResult } from "../../types";
import { boolFlag, firstOperand, flag } from "./flags";
import { flagSpec, helpResult } from "./help";
import { err, isResult, openSession, parseVerb } from "./session";

export const CLIENT_VERSION = "v1.32.4";
export const KUSTOMIZE_VERSION = "v5.5.0";

export function runAuth(ctx: CommandContext, argv: string[]): ExecResult {
  const i = firstOperand(argv, flagSpec("auth can-i"));
  const sub = i < 0 ? undefined : argv[i];
  if (sub !== "whoami" && sub !== "can-i") {
    const p = parseVerb(ctx, "auth", argv);
    if (isResult(p)) return p;
    if (sub) return err(`error: unknown command "${sub}"\nSee 'kubectl auth -h' for help and examples\n`);
    return { stdout: "", stderr: helpResult("auth").stdout, exitCode: 1 };
  }
  const args = parseVerb(ctx, `auth ${sub}`, [...argv.slice(0, i), ...argv.slice(i + 1)]);
  if (isResult(args)) return args;
  const s = openSession(ctx, args, false);
  if (isResult(s)) return s;
  const who = s.conn.identity;
  if (sub === "whoami") {
    const out = flag(args, "output");
    const review = { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", metadata: { creationTimestamp: null }, status: { userInfo: { groups: who.groups, username: who.username } } };
    if (out === "json") return { stdout: toJson(review), stderr: "", exitCode: 0 };
    if (out === "yaml") return { stdout: toYaml(review), stderr: "", exitCode: 0 };
    const rows = ["ATTRIBUTE\tVALUE", `Username\t${who.username}`, `Groups\t[${who.groups.join(" ")}]`];
    return { stdout: tabwrite(rows.join("\n") + "\n", GET_TABWRITER), stderr: "", exitCode: 0 };
  }
  // can-i VERB RESOURCE[/NAME]
  const [verb, res] = args.operands;
  if (!verb || !res) return err("error: you must specify two arguments: verb resource or a NonResourceURL\nSee 'kubectl auth can-i -h' for help and examples\n");
  const r = resolveResourceType(res.split("/")[0]);
  const warn = r ? "" : `Warning: the server doesn't have a resource type '${res.split("/")[0]}'\n`;
  const yes = authorize(who, verb as Verb, r?.plural ?? res, flag(args, "namespace") ?? s.namespace) || verb === "*" && authorize(who, "delete", r?.plural ?? res);
  if (boolFlag(args, "quiet")) return { stdout: "", stderr: "", exitCode: yes ? 0 : 1 };
  return { stdout: yes ? "yes\n" : "no\n", stderr: warn, exitCode: yes ? 0 : 1 };
}

export function runVersion(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "version", argv);
  if (isResult(args)) return args;
  const client = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  const out = flag(args, "output");
  if (boolFlag(args, "client")) {
    if (out === "json") return { stdout: toJson(clientInfo()).replace(/\n$/, "") + "\n", stderr: "", exitCode: 0 };
    return { stdout: client, stderr: "", exitCode: 0 };
  }
  const s = openSession(ctx, args, false);
  if (isResult(s)) return { stdout: client, stderr: s.stderr, exitCode: 1 };
  if (out === "json") return { stdout: toJson({ clientVersion: clientInfo(), kustomizeVersion: KUSTOMIZE_VERSION, serverVersion: serverInfo(ctx) }), stderr: "", exitCode: 0 };
  return { stdout: `${client}Server Version: ${ctx.state.config.kubernetesVersion}\n`, stderr: "", exitCode: 0 };
}

function clientInfo() {
  return { buildDate: "2025-04-22T16:03:51Z", compiler: "gc", gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335", gitTreeState: "clean", gitVersion: CLIENT_VERSION, goVersion: "go1.23.8", major: "1", minor: "32", platform: "linux/amd64" };
}

function serverInfo(ctx: CommandContext) {
  return { ...clientInfo(), gitVersion: ctx.state.config.kubernetesVersion };
}

export function runClusterInfo(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "cluster-info", argv);
  if (isResult(args)) return args;
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  // cluster-info colours its output unconditionally (ct.ChangeColor), terminal or not
  const g = (t: string) => `\x1b[0;32m${t}\x1b[0m`;
  const y = (t: string) => `\x1b[0;33m${t}\x1b[0m`;
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
  const rows = [...RESOURCE_TYPES, { plural: "selfsubjectreviews", shortNames: [], group: "authentication.k8s.io", version: "v1", namespaced: false, kind: "SelfSubjectReview", verbs: ["create"] }]
    .sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1));
  const wide = flag(args, "output") === "wide";
  if (flag(args, "output") === "name") return { stdout: rows.map((r) => (r.group ? `${r.plural}.${r.group}` : r.plural) + "\n").join(""), stderr: "", exitCode: 0 };
  const lines = boolFlag(args, "no-headers") ? [] : [`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? "\tVERBS\tCATEGORIES" : ""}`];
  for (const r of rows) {
    const cats = r.kind === "Pod" || r.kind === "Service" ? "all" : "";
    lines.push([r.plural, r.shortNames.join(","), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind, ...(wide ? [`[${r.verbs.join(" ")}]`, cats] : [])].join("\t"));
  }
  return { stdout: tabwrite(lines.join("\n") + "\n", GET_TABWRITER), stderr: "", exitCode: 0 };
}
