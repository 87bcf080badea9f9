/**
 * kubectl v1.32.4 against the simulated kubeadm cluster. Each verb lives in its own file; this
 * one finds the verb behind kubectl's global flags, dispatches, completes and says which runs
 * can change state. Verbs are plain functions returning ExecResult values; nothing throws out.
 */
import { storeFor } from "../../api/store";
import { settle } from "../../controllers";
import type { Command, CommandContext, CompletionContext, ExecResult } from "../../types";
import { runApply } from "./apply";
import { runAuth } from "./auth";
import { runAutoscale } from "./autoscale";
import { runCertificate } from "./certificate";
import { runCompletion } from "./completion";
import { apiServer } from "./client";
import { runConfig } from "./config";
import { runCreate } from "./create";
import { runDelete } from "./delete";
import { runDescribe } from "./describe";
import { runEdit } from "./edit";
import { runExec } from "./exec";
import { runDiff } from "./diff";
import { runEvents } from "./events";
import { runTop } from "./top";
import { runExplain } from "./explain";
import { runExpose } from "./expose";
import { GLOBAL_FLAGS } from "./flags";
import { runGet } from "./get";
import { runWait } from "./wait";
import { runAnnotate, runLabel } from "./label";
import { flagSpec, helpResult } from "./help";
import { parseKubeconfig } from "./kubeconfig";
import { runApiResources, runApiVersions, runClusterInfo, runVersion } from "./misc";
import { runPatch } from "./patch";
import { runPortForward } from "./port-forward";
import { runReplace } from "./replace";
import { runLogs } from "./logs";
import { runRollout } from "./rollout";
import { runScale } from "./scale";
import { runCordon, runDrain, runTaint, runUncordon } from "./node";
import { runSet } from "./set-image";
import { runRun } from "./run";
import { discoveryOrder, resolveResource } from "./resources";

type Verb = (ctx: CommandContext, argv: string[]) => ExecResult | Promise<ExecResult>;

const VERBS: Record<string, Verb> = {
  get: runGet,
  wait: runWait,
  describe: runDescribe,
  certificate: runCertificate,
  create: runCreate,
  apply: runApply,
  delete: runDelete,
  config: runConfig,
  auth: runAuth,
  version: runVersion,
  "cluster-info": runClusterInfo,
  "api-resources": runApiResources,
  "api-versions": runApiVersions,
  patch: runPatch,
  replace: runReplace,
  edit: runEdit,
  run: runRun,
  explain: runExplain,
  expose: runExpose,
  label: runLabel,
  annotate: runAnnotate,
  autoscale: runAutoscale,
  diff: runDiff,
  completion: runCompletion,
  options: () => helpResult("options"),
  logs: runLogs,
  exec: runExec,
  "port-forward": runPortForward,
  scale: runScale,
  rollout: runRollout,
  cordon: runCordon,
  uncordon: runUncordon,
  drain: runDrain,
  taint: runTaint,
  set: runSet,
  events: runEvents,
  top: runTop,
};

/** Every kubectl command, in the order cobra suggests them (the order of `kubectl --help`). */
const ALL_COMMANDS = [
  "create",
  "expose",
  "run",
  "set",
  "explain",
  "get",
  "edit",
  "delete",
  "rollout",
  "scale",
  "autoscale",
  "certificate",
  "cluster-info",
  "top",
  "cordon",
  "uncordon",
  "drain",
  "taint",
  "describe",
  "logs",
  "attach",
  "exec",
  "port-forward",
  "proxy",
  "cp",
  "auth",
  "debug",
  "events",
  "diff",
  "apply",
  "patch",
  "replace",
  "wait",
  "kustomize",
  "label",
  "annotate",
  "completion",
  "api-resources",
  "api-versions",
  "config",
  "plugin",
  "version",
  "options",
];

/** Index of the verb in argv, skipping global flags and their values. */
function verbIndex(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-") || a === "-") return i;
    if (a === "--") return i + 1 < args.length ? i + 1 : -1;
    const long = a.startsWith("--") ? a.slice(2).split("=")[0] : undefined;
    const spec = long ? GLOBAL_FLAGS[long] : Object.values(GLOBAL_FLAGS).find((s) => s.short === a[1]);
    if (spec?.value && !a.includes("=") && (long || a.length === 2)) i++;
  }
  return -1;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

function unknownCommand(name: string): ExecResult {
  const lower = name.toLowerCase();
  const hints = ALL_COMMANDS.filter((c) => levenshtein(lower, c) <= 2 || c.startsWith(lower));
  const tail = hints.length ? `\nDid you mean this?\n${hints.map((h) => `\t${h}\n`).join("")}` : "";
  return { stdout: "", stderr: `error: unknown command "${name}" for "kubectl"\n${tail}`, exitCode: 1 };
}

async function run(ctx: CommandContext): Promise<ExecResult> {
  const args = ctx.args;
  const i = verbIndex(args);
  if (i < 0) {
    if (args.includes("--version")) return { stdout: "Client Version: v1.32.4\nKustomize Version: v5.5.0\n", stderr: "", exitCode: 0 };
    return helpResult("");
  }
  const verb = args[i];
  const rest = [...args.slice(0, i), ...args.slice(i + 1)];
  const impl = VERBS[verb];
  if (impl) {
    // one transaction per kubectl run: a bug leaves no half-written objects behind
    const store = storeFor(ctx.state);
    store.begin();
    try {
      // what the controllers were doing since the last command (a namespace finishing Terminating) is done
      await settle(ctx);
      const r = await impl(ctx, rest);
      store.commit();
      return r;
    } catch (e) {
      store.rollback();
      // a bug must not escape as an exception into the shell
      return { stdout: "", stderr: `error: ${(e as Error).message}\n`, exitCode: 1 };
    }
  }
  if (ALL_COMMANDS.includes(verb))
    return { stdout: "", stderr: `error: "kubectl ${verb}" is not available in this practice cluster\n`, exitCode: 1 };
  return unknownCommand(verb);
}

const SUBCOMMANDS: Record<string, string[]> = {
  certificate: ["approve", "deny"],
  config: [
    "current-context",
    "delete-cluster",
    "delete-context",
    "delete-user",
    "get-clusters",
    "get-contexts",
    "get-users",
    "rename-context",
    "set-cluster",
    "set-context",
    "set-credentials",
    "use-context",
    "view",
  ],
  auth: ["can-i", "whoami"],
  create: [
    "clusterrole",
    "clusterrolebinding",
    "configmap",
    "cronjob",
    "deployment",
    "ingress",
    "job",
    "namespace",
    "poddisruptionbudget",
    "priorityclass",
    "quota",
    "role",
    "rolebinding",
    "secret",
    "service",
    "serviceaccount",
    "token",
  ],
  completion: ["bash", "fish", "powershell", "zsh"],
};

function complete(c: CompletionContext): string[] {
  const words = c.words.slice(1);
  const positional = words.filter(
    (w, idx) => !w.startsWith("-") && !(idx > 0 && /^-(n|-namespace|-context|-kubeconfig|o|-output|l)$/.test(words[idx - 1])),
  );
  const prev = words[words.length - 1];
  const cur = c.current;
  const pick = (list: string[]) => list.filter((x) => x.startsWith(cur));
  const api = apiServer({ state: c.state, now: 0, random: () => 0 } as unknown as CommandContext);
  if (prev === "-n" || prev === "--namespace")
    return pick(api.store.list({ group: "", resource: "namespaces" }).map((n) => n.metadata.name));
  if (prev === "-o" || prev === "--output") return pick(["json", "yaml", "wide", "name", "jsonpath=", "custom-columns="]);
  if (cur.startsWith("-")) {
    const verb = positional[0];
    const spec = { ...GLOBAL_FLAGS, ...(verb ? flagSpec(SUBCOMMANDS[verb] && positional[1] ? `${verb} ${positional[1]}` : verb) : {}) };
    return pick(
      Object.keys(spec)
        .map((f) => `--${f}`)
        .sort(),
    );
  }
  if (!positional.length)
    return pick(
      Object.keys(VERBS)
        .filter((v) => v !== "options")
        .sort(),
    );
  const verb = positional[0];
  if (SUBCOMMANDS[verb] && positional.length === 1) return pick(SUBCOMMANDS[verb]);
  if (
    verb === "config" &&
    (positional[1] === "use-context" || positional[1] === "delete-context" || positional[1] === "set-context") &&
    positional.length === 2
  ) {
    const kc = c.state.fs[`${c.state.shell.env.HOME || "/root"}/.kube/config`];
    return kc?.type === "file" ? pick(parseKubeconfig(kc.content).config.contexts.map((x) => x.name)) : [];
  }
  if (verb === "certificate" && positional.length >= 2)
    return pick(api.store.list({ group: "certificates.k8s.io", resource: "certificatesigningrequests" }).map((x) => x.metadata.name));
  if (["get", "describe", "delete", "patch", "edit", "label", "annotate", "expose", "autoscale"].includes(verb)) {
    if (positional.length === 1)
      return pick(
        discoveryOrder(api)
          .flatMap((k) => [k.resource.resource, k.resource.singular, ...k.resource.shortNames])
          .sort(),
      );
    const def = resolveResource(api, positional[1]);
    if (!def) return [];
    const nsIdx = words.findIndex((w) => w === "-n" || w === "--namespace");
    const ns = nsIdx >= 0 ? words[nsIdx + 1] : "default";
    return pick(
      api.store
        .list({ group: def.resource.group, resource: def.resource.resource }, def.resource.namespaced ? ns : undefined)
        .map((o) => o.metadata.name)
        .sort(),
    );
  }
  return [];
}

const MUTATING_CONFIG = new Set([
  "use-context",
  "set-credentials",
  "set-context",
  "set-cluster",
  "delete-context",
  "delete-user",
  "delete-cluster",
  "rename-context",
  "set",
  "unset",
]);

/**
 * kubectl wraps each run in a store transaction of its own (above), so the interpreter need not
 * snapshot the objects; only `config` setters change state (files, which the VFS journals).
 */
function mutates(args: string[]): boolean {
  const i = verbIndex(args);
  if (i < 0) return false;
  return args[i] === "config" && args.slice(i + 1).some((a) => MUTATING_CONFIG.has(a));
}

export const kubectl: Command = {
  name: "kubectl",
  summary: "kubectl controls the Kubernetes cluster manager",
  run,
  complete,
  mutates,
};
