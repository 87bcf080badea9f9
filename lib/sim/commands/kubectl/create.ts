/**
 * `kubectl create -f FILE` and the generators `create namespace|serviceaccount|secret generic|
 * role|clusterrole|rolebinding|clusterrolebinding` (staging/src/k8s.io/kubectl/pkg/cmd/create),
 * with --dry-run=client|server and -o.
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import { parseOutput, printStructured } from "../../printers/output";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, openClient, statusText } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, firstOperand, flag, type ParsedArgs } from "./flags";
import { flagSpec } from "./help";
import { resolveArgs } from "./resolver";
import { kindPrefix, resolveResource } from "./resources";
import { isResult, parseVerb } from "./session";

const SUBCOMMANDS = ["namespace", "ns", "serviceaccount", "sa", "secret", "role", "clusterrole", "rolebinding", "clusterrolebinding"];
const VALID_VERBS = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"];

/** Go's json.MarshalIndent of a typed object: field order kept, 4-space indent, HTML characters escaped. */
function typedJson(v: unknown): string {
  return JSON.stringify(v, null, 4).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n";
}

/** Sends one object (or prints it, for --dry-run=client), in kubectl's words. */
function send(c: Client, args: ParsedArgs, obj: KObject, source?: string): ExecResult {
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const def = c.api.kindOf(obj.apiVersion, obj.kind);
  if (!def) return errResult(`error: resource mapping not found for name: "${obj.metadata.name}" namespace: "${obj.metadata.namespace ?? ""}" from "${source ?? ""}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first\n`);
  const r = def.resource;
  const namespace = r.namespaced ? obj.metadata.namespace || c.namespace : undefined;
  if (r.namespaced && obj.metadata.namespace && c.namespaceExplicit && obj.metadata.namespace !== c.namespace) {
    return errResult(`error: the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${c.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.\n`);
  }
  let result: KObject = obj;
  if (dry.mode !== "client") {
    const resp = c.request({ verb: "create", group: r.group, version: r.version, resource: r.resource, namespace, body: obj, dryRun: dry.mode === "server" });
    if (isFailure(resp)) return errResult(statusText(resp.body, source && resp.body.reason !== "Invalid" ? { verb: "creating", file: source } : undefined));
    result = resp.body as KObject;
  }
  if (fmt.kind === "json" && dry.mode === "client" && !source) {
    // a generator's typed object: json.MarshalIndent keeps struct field order (yaml sorts keys anyway)
    return { stdout: typedJson(result), stderr: dry.warning, exitCode: 0 };
  }
  if (fmt.kind !== "table") {
    const out = printStructured(fmt, [result], true, () => kindPrefix(def));
    return { stdout: out.stdout, stderr: dry.warning + (out.stderr ?? ""), exitCode: out.stderr ? 1 : 0 };
  }
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  return { stdout: `${kindPrefix(def)}/${result.metadata.name} created${suffix}\n`, stderr: dry.warning, exitCode: 0 };
}

/** A generator's object, in its Go struct's field order (kind, apiVersion, metadata, ...), as -o json prints a typed object. */
function generated(kind: string, apiVersion: string, name: string, extra: Record<string, unknown>): KObject {
  return { kind, apiVersion, metadata: { name, creationTimestamp: null } as unknown as KObject["metadata"], ...extra };
}

function list(args: ParsedArgs, name: string): string[] {
  return (args.flags.get(name) ?? []).flatMap((v) => v.split(",")).filter(Boolean);
}

function runGenerator(ctx: CommandContext, sub: string, argv: string[]): ExecResult {
  const verb = sub === "ns" ? "namespace" : sub === "sa" ? "serviceaccount" : sub === "secret" ? "secret generic" : sub;
  let rest = argv;
  if (sub === "secret") {
    const at = firstOperand(argv, flagSpec("create secret"));
    if (at < 0 || argv[at] !== "generic") return errResult(`error: "kubectl create secret ${at < 0 ? "" : argv[at]}" is not available in this practice cluster\n`);
    rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  }
  const args = parseVerb(ctx, `create ${verb}`, rest);
  if (isResult(args)) return args;
  if (args.operands.length !== 1) return errResult(`error: exactly one NAME is required, got ${args.operands.length}\nSee 'kubectl create ${verb} -h' for help and examples\n`);
  const name = args.operands[0];
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  let obj: KObject;
  switch (verb) {
    case "namespace":
      obj = generated("Namespace", "v1", name, { spec: {}, status: {} });
      break;
    case "serviceaccount":
      obj = generated("ServiceAccount", "v1", name, {});
      break;
    case "secret generic": {
      const data: Record<string, string> = {};
      for (const lit of args.flags.get("from-literal") ?? []) {
        const i = lit.indexOf("=");
        if (i <= 0) return errResult(`error: invalid literal source ${lit}, expected key=value\n`);
        data[lit.slice(0, i)] = Buffer.from(lit.slice(i + 1)).toString("base64");
      }
      obj = generated("Secret", "v1", name, { data, ...(flag(args, "type") ? { type: flag(args, "type") } : {}) });
      break;
    }
    case "role":
    case "clusterrole": {
      const verbs = list(args, "verb");
      if (!verbs.length) return errResult("error: at least one verb must be specified\n");
      for (const v of verbs) if (!VALID_VERBS.includes(v)) return errResult(`error: invalid verb: '${v}'\n`);
      const byGroup = new Map<string, string[]>();
      for (const res of list(args, "resource")) {
        const [typed, sub2] = res.split("/", 2);
        const def = resolveResource(c.api, typed);
        if (!def) return errResult(`error: the server doesn't have a resource type "${typed}"\n`);
        const full = sub2 ? `${def.resource.resource}/${sub2}` : def.resource.resource;
        const g = byGroup.get(def.resource.group) ?? [];
        if (!g.includes(full)) g.push(full);
        byGroup.set(def.resource.group, g);
      }
      const names = list(args, "resource-name");
      const rules = [...byGroup.keys()].sort().map((g) => ({ apiGroups: [g], resources: byGroup.get(g), verbs, ...(names.length ? { resourceNames: names } : {}) }));
      const urls = list(args, "non-resource-url");
      if (urls.length) rules.push({ nonResourceURLs: urls, verbs } as never);
      if (!rules.length) return errResult("error: at least one resource must be specified\n");
      obj = generated(verb === "role" ? "Role" : "ClusterRole", "rbac.authorization.k8s.io/v1", name, { rules });
      break;
    }
    case "rolebinding":
    case "clusterrolebinding": {
      const role = flag(args, "role");
      const clusterrole = flag(args, "clusterrole");
      if (!!role === !!clusterrole) return errResult("error: exactly one of clusterrole or role must be specified\n");
      const subjects = [
        ...(args.flags.get("user") ?? []).map((n) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: n })),
        ...(args.flags.get("group") ?? []).map((n) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: n })),
      ];
      for (const s of args.flags.get("serviceaccount") ?? []) {
        const [ns, n] = s.split(":");
        if (!n) return errResult(`error: serviceaccount must be <namespace>:<name>\n`);
        subjects.push({ kind: "ServiceAccount", namespace: ns, name: n } as never);
      }
      obj = generated(verb === "rolebinding" ? "RoleBinding" : "ClusterRoleBinding", "rbac.authorization.k8s.io/v1", name, {
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: role ? "Role" : "ClusterRole", name: role ?? clusterrole },
        ...(subjects.length ? { subjects } : {}),
      });
      break;
    }
    default:
      return errResult(`error: "kubectl create ${verb}" is not available in this practice cluster\n`);
  }
  return send(c, args, obj);
}

export async function runCreate(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const at = firstOperand(argv, flagSpec("create"));
  const sub = at < 0 ? undefined : argv[at];
  if (sub && SUBCOMMANDS.includes(sub)) {
    const r = runGenerator(ctx, sub, [...argv.slice(0, at), ...argv.slice(at + 1)]);
    if (r.exitCode === 0 && !/\(dry run\)|\(server dry run\)/.test(r.stdout)) await settle(ctx);
    return r;
  }
  const args = parseVerb(ctx, "create", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (args.operands.length && !files.length) return errResult(`error: Unexpected args: [${args.operands.join(" ")}]\nSee 'kubectl create -h' for help and examples\n`);
  if (!files.length) return errResult("error: must specify one of -f and -k\n");
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, [], { allNamespaces: false, files, verb: "create" });
  if (!resolved.ok) return errResult(resolved.stderr);
  let stdout = "";
  let stderr = "";
  let failed = false;
  for (const req of resolved.requests) {
    const doc = structuredClone((req.docs ?? [])[0]) as unknown as KObject;
    const r = send(c, args, doc, req.source);
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.exitCode) failed = true;
  }
  if (!boolFlag(args, "dry-run") || flag(args, "dry-run") === "none") await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}
