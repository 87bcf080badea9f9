/**
 * kubectl cordon, uncordon, drain and taint (staging/src/k8s.io/kubectl/pkg/cmd/drain/*.go,
 * pkg/drain/{cordon,drain,filters}.go, cmd/taint/taint.go and utils.go, v1.32). Drain evicts
 * through the pods' eviction subresource (api/request.ts evict): PodDisruptionBudgets whose
 * disruptionsAllowed is 0 refuse ("Cannot evict pod as it would violate the pod's disruption budget."), DaemonSet pods
 * need --ignore-daemonsets, pods with no controller need --force, emptyDir pods
 * --delete-emptydir-data; mirror (static) pods are left alone.
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { isResult, parseVerb } from "./session";

type Node = KObject & { spec?: { unschedulable?: boolean; taints?: Taint[] } };
interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
type Pod = KObject & { spec: { nodeName?: string; volumes?: { emptyDir?: unknown }[] }; status?: { phase?: string } };

const fail = (stderr: string): ExecResult => ({ stdout: "", stderr, exitCode: 1 });

function getNode(c: Client, name: string): Node | ExecResult {
  const r = c.request({ verb: "get", resource: "nodes", name });
  if (isFailure(r)) return fail(statusText(r.body));
  return r.body as Node;
}

function nodeNames(c: Client, operands: string[], selector: string | undefined): string[] | ExecResult {
  if (operands.length) return operands.map((o) => o.replace(/^(nodes?|no)\//, ""));
  if (!selector) return fail("error: resource(s) were provided, but no name was specified\n");
  const r = c.request({ verb: "list", resource: "nodes", labelSelector: selector });
  if (isFailure(r)) return fail(statusText(r.body));
  return ((r.body as { items?: KObject[] }).items ?? []).map((n) => n.metadata.name);
}

function setUnschedulable(c: Client, name: string, desired: boolean): ExecResult {
  const node = getNode(c, name);
  if (isResult(node)) return node;
  const word = desired ? "cordoned" : "uncordoned";
  if (!!node.spec?.unschedulable === desired) return { stdout: `node/${name} already ${word}\n`, stderr: "", exitCode: 0 };
  const r = c.request({
    verb: "patch",
    resource: "nodes",
    name,
    patchType: "strategic",
    body: { spec: { unschedulable: desired ? true : null } },
  });
  if (isFailure(r)) return fail(statusText(r.body));
  return { stdout: `node/${name} ${word}\n`, stderr: "", exitCode: 0 };
}

async function cordonVerb(ctx: CommandContext, argv: string[], verb: "cordon" | "uncordon"): Promise<ExecResult> {
  const args = parseVerb(ctx, verb, argv);
  if (isResult(args)) return args;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  if (!args.operands.length && !flag(args, "selector"))
    return fail(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples\n`);
  const names = nodeNames(c, args.operands, flag(args, "selector"));
  if (isResult(names)) return names;
  let stdout = "";
  for (const n of names) {
    const r = setUnschedulable(c, n, verb === "cordon");
    if (r.exitCode) return { ...r, stdout: stdout + r.stdout };
    stdout += r.stdout;
  }
  await settle(ctx);
  return { stdout, stderr: "", exitCode: 0 };
}

export const runCordon = (ctx: CommandContext, argv: string[]) => cordonVerb(ctx, argv, "cordon");
export const runUncordon = (ctx: CommandContext, argv: string[]) => cordonVerb(ctx, argv, "uncordon");

/** pkg/drain/filters.go, in its order: mirror pods skipped, DaemonSet pods, local storage, unmanaged pods. */
function classify(
  c: Client,
  pod: Pod,
  o: { ignoreDaemonsets: boolean; force: boolean; emptyDir: boolean },
): { delete: boolean; warning?: string; error?: string } {
  if (pod.metadata.annotations?.["kubernetes.io/config.mirror"]) return { delete: false };
  if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") return { delete: true };
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (ref?.kind === "DaemonSet") {
    return o.ignoreDaemonsets
      ? { delete: false, warning: "ignoring DaemonSet-managed Pods" }
      : { delete: false, error: "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)" };
  }
  if ((pod.spec.volumes ?? []).some((v) => v.emptyDir !== undefined) && !o.emptyDir)
    return { delete: false, error: "Pods with local storage (use --delete-emptydir-data to override)" };
  if (!ref)
    return o.force
      ? { delete: true, warning: "deleting Pods that declare no controller" }
      : { delete: false, error: "cannot delete Pods that declare no controller (use --force to override)" };
  void c;
  return { delete: true };
}

/** The PodDisruptionBudgets covering a pod whose status allows no disruption now. */
export async function runDrain(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "drain", argv);
  if (isResult(args)) return args;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  if (!args.operands.length) return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  const opts = {
    ignoreDaemonsets: boolFlag(args, "ignore-daemonsets"),
    force: boolFlag(args, "force"),
    emptyDir: boolFlag(args, "delete-emptydir-data"),
  };
  let stdout = "";
  let stderr = "";
  for (const name of args.operands.map((o) => o.replace(/^(nodes?|no)\//, ""))) {
    const cordon = setUnschedulable(c, name, true);
    if (cordon.exitCode) return { stdout, stderr: stderr + cordon.stderr, exitCode: 1 };
    stdout += cordon.stdout;
    // drain.go GetPodsForDeletion: the node's pods, narrowed by --pod-selector
    const podSelector = flag(args, "pod-selector");
    const r = c.request({
      verb: "list",
      resource: "pods",
      fieldSelector: `spec.nodeName=${name}`,
      ...(podSelector ? { labelSelector: podSelector } : {}),
    });
    if (isFailure(r)) return { stdout, stderr: stderr + statusText(r.body), exitCode: 1 };
    const pods = (r.body as { items?: Pod[] }).items ?? [];
    const warnings = new Map<string, string[]>();
    const errors = new Map<string, string[]>();
    const doomed: Pod[] = [];
    for (const p of pods) {
      const v = classify(c, p, opts);
      const id = `${p.metadata.namespace}/${p.metadata.name}`;
      if (v.warning) warnings.set(v.warning, [...(warnings.get(v.warning) ?? []), id]);
      if (v.error) errors.set(v.error, [...(errors.get(v.error) ?? []), id]);
      if (v.delete) doomed.push(p);
    }
    if (errors.size) {
      // drain.go RunDrain: the node is left cordoned, the aggregated filter errors are the fatal error
      const parts = [...errors].map(
        ([msg, ids]) => `${msg.toLowerCase().startsWith("cannot delete") ? msg : `cannot delete ${msg}`}: ${ids.join(", ")}`,
      );
      const agg = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
      // (v1.32.3, checked against the oracle: the "continuing command" form, then the error without "error: ";
      // cmd/util/helpers.go checkErr prints an Aggregate of several as MultipleErrors with an empty prefix, one a line)
      stderr += `error: unable to drain node "${name}" due to error: ${agg}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${parts.join("\n")}\n`;
      await settle(ctx);
      return {
        stdout,
        stderr,
        exitCode: 1,
        chunks: [
          { fd: 1, text: stdout },
          { fd: 2, text: stderr },
        ],
      };
    }
    if (warnings.size) stderr += `WARNING: ${[...warnings].map(([msg, ids]) => `${msg}: ${ids.join(", ")}`).join("; ")}\n`;
    let out = stdout;
    const chunks: { fd: 1 | 2; text: string }[] = [{ fd: 1, text: stdout }];
    if (stderr) chunks.push({ fd: 2, text: stderr });
    for (const p of doomed) {
      const line = `evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`;
      out += line;
      chunks.push({ fd: 1, text: line });
    }
    for (const p of doomed) {
      // drain.go EvictPod: a policy/v1 Eviction through the pods' eviction subresource (api/request.ts evict)
      const d = c.request({
        verb: "create",
        resource: "pods",
        namespace: p.metadata.namespace,
        name: p.metadata.name,
        subresource: "eviction",
        body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: p.metadata.name, namespace: p.metadata.namespace } },
      });
      if (isFailure(d) && d.body.code === 429) {
        // evictPods retries a budget's refusal every 5 s until --timeout; the simulator stops at the first
        const e = `error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}" (will retry after 5s): ${d.body.message ?? ""}\n`;
        stderr += e;
        chunks.push({ fd: 2, text: e });
        await settle(ctx);
        return { stdout: out, stderr, exitCode: 1, chunks };
      }
      if (isFailure(d)) return { stdout: out, stderr: stderr + statusText(d.body), exitCode: 1 };
      const line = `pod/${p.metadata.name} evicted\n`;
      out += line;
      chunks.push({ fd: 1, text: line });
      // the evicted pod's controller replaces it (on another node) before the next eviction, as in real time
      await settle(ctx);
    }
    const done = `node/${name} drained\n`;
    out += done;
    chunks.push({ fd: 1, text: done });
    return { stdout: out, stderr, exitCode: 0, chunks };
  }
  return { stdout, stderr, exitCode: 0 };
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** taint.go parseTaints: key[=value]:Effect to add, key[=value][:Effect]- to remove. */
function parseTaintArgs(specs: string[]): { add: Taint[]; remove: { key: string; effect?: string }[] } | string {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const s of specs) {
    if (s.endsWith("-")) {
      // taint/utils.go parseTaints: a removal keeps only key and effect, so key=value:Effect- works too
      const [keyValue, effect] = s.slice(0, -1).split(":");
      const key = keyValue.split("=")[0];
      remove.push({ key, ...(effect ? { effect } : {}) });
      continue;
    }
    const m = /^([^=:]+)(?:=([^:]*))?:(.*)$/.exec(s);
    if (!m) return `invalid taint spec: ${s}, `;
    if (!EFFECTS.includes(m[3])) return `invalid taint effect: ${m[3]}, unsupported taint effect`;
    add.push({ key: m[1], ...(m[2] !== undefined && m[2] !== "" ? { value: m[2] } : {}), effect: m[3] });
  }
  return { add, remove };
}

export async function runTaint(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "taint", argv);
  if (isResult(args)) return args;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const [type, ...rest] = args.operands;
  if (!type) return fail("error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples\n");
  let names: string[];
  let specs: string[];
  if (type.includes("/")) {
    names = [type.split("/")[1]];
    specs = rest;
  } else {
    if (!/^(nodes?|no)$/.test(type)) return fail(`error: invalid resource type ${type}, only node types are supported\n`);
    names = rest.filter((x) => !x.includes(":") && !x.endsWith("-") && !x.includes("="));
    specs = rest.filter((x) => !names.includes(x));
  }
  if (!specs.length) return fail("error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples\n");
  const parsed = parseTaintArgs(specs);
  if (typeof parsed === "string") return fail(`error: ${parsed}\nSee 'kubectl taint -h' for help and examples\n`);
  const overwrite = boolFlag(args, "overwrite");
  let stdout = "";
  for (const name of names) {
    const node = getNode(c, name);
    if (isResult(node)) return node;
    const old = node.spec?.taints ?? [];
    const exist = parsed.add.filter((t) => old.some((x) => x.key === t.key && x.effect === t.effect)).map((t) => t.key);
    if (exist.length && !overwrite)
      return fail(`error: node ${name} already has ${exist.join(", ")} taint(s) with same effect(s) and --overwrite is false\n`);
    // reorganizeTaints (cmd/taint/utils.go): the added taints first, then the old ones they do not replace, then the removals
    let taints = parsed.add.map((t) =>
      t.effect === "NoExecute" ? { ...t, timeAdded: new Date(Math.floor(ctx.now / 1000) * 1000).toISOString().replace(".000Z", "Z") } : t,
    );
    taints.push(...old.filter((x) => !parsed.add.some((t) => x.key === t.key && x.effect === t.effect)));
    for (const r of parsed.remove) {
      const before = taints.length;
      taints = taints.filter((x) => !(x.key === r.key && (!r.effect || x.effect === r.effect)));
      if (taints.length === before) return fail(`error: taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found\n`);
    }
    const r = c.request({
      verb: "patch",
      resource: "nodes",
      name,
      patchType: "merge",
      body: { spec: { taints: taints.length ? taints : null } },
    });
    if (isFailure(r)) return fail(statusText(r.body));
    const op = parsed.add.length && parsed.remove.length ? "modified" : parsed.add.length ? "tainted" : "untainted";
    stdout += `node/${name} ${op}\n`;
  }
  await settle(ctx);
  return { stdout, stderr: "", exitCode: 0 };
}
