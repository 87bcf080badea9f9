/**
 * `kubectl create -f FILE` and the generators under it (staging/src/k8s.io/kubectl/pkg/cmd/create):
 * each parses its own flags, checks cobra's required flags, takes exactly one NAME, builds its
 * typed object (gen-*.ts) and sends or prints it (generate.ts send), with --dry-run=client|server and -o.
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, openClient } from "./client";
import { boolFlag, firstOperand, flag } from "./flags";
import { buildConfigMap, buildSecretDocker, buildSecretGeneric, buildSecretTls } from "./gen-data";
import { buildIngress, buildPdb, buildPriorityClass, buildQuota } from "./gen-policy";
import { buildBinding, buildRole } from "./gen-rbac";
import { buildService, SERVICE_TYPES } from "./gen-service";
import { buildCronJob, buildDeployment, buildJob, type Built } from "./gen-workloads";
import { type GenArgs, nameFrom, objectMeta, parseGenerator, requiredFlags, send } from "./generate";
import { flagSpec, subcommand } from "./help";
import { resolveArgs } from "./resolver";
import { isResult, parseVerb } from "./session";
import { runCreateToken } from "./token";

/** Each generator's canonical name by every name cobra accepts for it (its Aliases). */
const GENERATORS: Record<string, string> = {
  namespace: "namespace",
  ns: "namespace",
  serviceaccount: "serviceaccount",
  sa: "serviceaccount",
  configmap: "configmap",
  cm: "configmap",
  deployment: "deployment",
  deploy: "deployment",
  job: "job",
  cronjob: "cronjob",
  cj: "cronjob",
  quota: "quota",
  resourcequota: "quota",
  priorityclass: "priorityclass",
  pc: "priorityclass",
  poddisruptionbudget: "poddisruptionbudget",
  pdb: "poddisruptionbudget",
  ingress: "ingress",
  ing: "ingress",
  role: "role",
  clusterrole: "clusterrole",
  rolebinding: "rolebinding",
  clusterrolebinding: "clusterrolebinding",
  service: "service",
  svc: "service",
  secret: "secret",
  token: "token",
};

/** Generators with subcommands of their own, and those subcommands. */
const FAMILIES: Record<string, string[]> = { service: Object.keys(SERVICE_TYPES), secret: ["docker-registry", "generic", "tls"] };

const REQUIRED: Record<string, string[]> = {
  "create deployment": ["image"],
  "create cronjob": ["image", "schedule"],
  "create clusterrolebinding": ["clusterrole"],
  "create service externalname": ["external-name"],
};

function build(ctx: CommandContext, verb: string, args: GenArgs): ExecResult | Promise<ExecResult> {
  const required = requiredFlags(args, REQUIRED[verb] ?? []);
  if (required) return required;
  const name = nameFrom(verb, args);
  if (isResult(name)) return name;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  let built: Built;
  switch (verb) {
    case "create namespace":
      built = {
        obj: { kind: "Namespace", apiVersion: "v1", metadata: objectMeta(name), spec: {}, status: {} } as unknown as KObject,
        failurePrefix: "",
      };
      break;
    case "create serviceaccount":
      built = {
        obj: {
          kind: "ServiceAccount",
          apiVersion: "v1",
          metadata: objectMeta(name, { namespace: c.namespaceExplicit ? c.namespace : undefined }),
        } as unknown as KObject,
        failurePrefix: "failed to create serviceaccount: ",
      };
      break;
    case "create configmap":
      built = buildConfigMap(ctx, c, name, args);
      break;
    case "create secret generic":
      built = buildSecretGeneric(ctx, c, name, args);
      break;
    case "create secret tls":
      built = buildSecretTls(ctx, c, name, args);
      break;
    case "create secret docker-registry":
      built = buildSecretDocker(ctx, c, name, args);
      break;
    case "create deployment":
      built = buildDeployment(ctx, c, name, args);
      break;
    case "create job":
      built = buildJob(c, name, args);
      break;
    case "create cronjob":
      built = buildCronJob(c, name, args);
      break;
    case "create quota":
      built = buildQuota(c, name, args);
      break;
    case "create priorityclass":
      built = buildPriorityClass(name, args);
      break;
    case "create ingress":
      built = buildIngress(c, name, args);
      break;
    case "create poddisruptionbudget":
      built = buildPdb(c, name, args);
      break;
    case "create role":
      built = buildRole(c, "role", name, args);
      break;
    case "create clusterrole":
      built = buildRole(c, "clusterrole", name, args);
      break;
    case "create rolebinding":
      built = buildBinding(c, "rolebinding", name, args);
      break;
    case "create clusterrolebinding":
      built = buildBinding(c, "clusterrolebinding", name, args);
      break;
    case "create token":
      return runCreateToken(c, name, args);
    default:
      if (verb.startsWith("create service ")) {
        built = buildService(c, verb.slice("create service ".length), name, args);
        break;
      }
      return errResult(`error: "kubectl ${verb}" is not available in this practice cluster\n`);
  }
  if (isResult(built)) return built;
  return send(c, args, built.obj, { failurePrefix: built.failurePrefix || undefined, saveConfig: true });
}

async function runGenerator(ctx: CommandContext, sub: string, argv: string[]): Promise<ExecResult> {
  const canonical = GENERATORS[sub];
  let verb = `create ${canonical}`;
  let rest = argv;
  const subs = FAMILIES[canonical];
  if (subs) {
    const f = subcommand(verb, argv, Object.fromEntries(subs.map((x) => [x, x])));
    if (isResult(f)) return f;
    verb = f.verb;
    rest = f.rest;
  }
  const args = parseGenerator(ctx, verb, rest);
  if (isResult(args)) return args;
  const r = await build(ctx, verb, args);
  const dry = flag(args, "dry-run");
  if (r.exitCode === 0 && (dry === undefined || dry === "none")) await settle(ctx);
  return r;
}

export async function runCreate(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const at = firstOperand(argv, flagSpec("create"));
  const sub = at < 0 ? undefined : argv[at];
  if (sub && GENERATORS[sub]) return runGenerator(ctx, sub, [...argv.slice(0, at), ...argv.slice(at + 1)]);
  const args = parseVerb(ctx, "create", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (args.operands.length && !files.length)
    return errResult(`error: Unexpected args: [${args.operands.join(" ")}]\nSee 'kubectl create -h' for help and examples\n`);
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
    const r = send(c, args, doc, { source: req.source, saveConfig: true });
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.exitCode) failed = true;
  }
  if (!boolFlag(args, "dry-run") || flag(args, "dry-run") === "none") await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}
