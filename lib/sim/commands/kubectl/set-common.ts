/**
 * What `kubectl set env|resources|serviceaccount|selector` share (staging/src/k8s.io/kubectl/pkg/cmd/set/*.go):
 * the resource builder's targets, a change made on a copy of each object, "no changes" when the
 * copy equals the original (CalculatePatches' "{}"), the print of the changed copy for
 * --dry-run=client, else a patch and the print of what the server returned: "<kind>/<name> <operation>"
 * (PrintFlags' operation, " (dry run)" or " (server dry run)" appended) or the object for -o.
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import { parseOutput, printStructured } from "../../printers/output";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, openClient, patchObject, statusText } from "./client";
import { dryRunMode } from "./delete";
import { flag, type ParsedArgs } from "./flags";
import { kindPrefix } from "./resources";
import { isResult } from "./session";
import { type Target, resolveTargets, targetName } from "./workload-target";

export interface Change {
  /** the changed copy, or a string: an error for this object (printed, exit 1, the others go on) */
  changed: KObject | string;
  /** what to send: a patch of the changed fields, of the run's patchType */
  patch: unknown;
  /** errors found while making the change that do not stop it (set image's unknown container) */
  errors?: string[];
}

export interface SetRun {
  /** the PrintFlags operation: "env updated" */
  operation: string;
  /** the text before the Status when the patch fails */
  patchFailure: string;
  /**
   * kubectl sends every set command's change as a strategic merge patch computed from the two
   * copies. set image builds that patch itself (containers keyed by name); the others send a JSON
   * merge patch of the whole changed lists, which ends in the same object.
   */
  patchType?: "merge" | "strategic";
  change(t: Target, c: Client): Change | undefined;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name?: string; key?: string };
    secretKeyRef?: { name?: string; key?: string };
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { containerName?: string; resource?: string };
  };
}

/** The fields of a container the set commands change. */
export interface SetContainer {
  name: string;
  image?: string;
  env?: EnvVar[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

type Spec = { containers?: SetContainer[]; initContainers?: SetContainer[]; serviceAccountName?: string };

/** Where the pod spec sits in each kind, and how to wrap a patch of it. */
export function podSpecOf(o: KObject): { spec: Spec | undefined; wrap: (s: unknown) => unknown } | undefined {
  const spec = o.spec as Record<string, unknown> | undefined;
  if (o.kind === "Pod") return { spec: spec as Spec, wrap: (s) => ({ spec: s }) };
  if (o.kind === "CronJob") {
    const t = (spec?.jobTemplate as { spec?: { template?: { spec?: Spec } } } | undefined)?.spec?.template?.spec;
    return { spec: t, wrap: (s) => ({ spec: { jobTemplate: { spec: { template: { spec: s } } } } }) };
  }
  if (["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"].includes(o.kind)) {
    return { spec: (spec?.template as { spec?: Spec } | undefined)?.spec, wrap: (s) => ({ spec: { template: { spec: s } } }) };
  }
  return undefined;
}

export function withoutManagedFields(o: KObject): KObject {
  const { managedFields: _dropped, ...metadata } = o.metadata as KObject["metadata"] & { managedFields?: unknown };
  return { ...o, metadata };
}

/** Runs `run` over the targets named by `refs`, as the set commands' Run() do. */
export async function runSetOver(ctx: CommandContext, args: ParsedArgs, refs: string[], run: SetRun, client?: Client): Promise<ExecResult> {
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const output = flag(args, "output") ?? "";
  const fmt = parseOutput(output);
  if ("error" in fmt) return errResult(fmt.error);
  const c = client ?? openClient(ctx, args);
  if (isResult(c)) return c;
  const targets = resolveTargets(c, refs);
  if (!targets.ok) return errResult(targets.stderr);
  let stdout = "";
  let stderr = dry.warning;
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  const print = (def: Target["def"], o: KObject) => {
    if (fmt.kind === "table") return `${kindPrefix(def)}/${o.metadata.name} ${run.operation}${suffix}\n`;
    return printStructured(fmt, [withoutManagedFields(o)], true, () => kindPrefix(def)).stdout;
  };
  const errors: string[] = [];
  for (const t of targets.targets) {
    const ch = run.change(t, c);
    if (!ch) continue;
    errors.push(...(ch.errors ?? []));
    if (typeof ch.changed === "string") {
      errors.push(ch.changed);
      continue;
    }
    if (JSON.stringify(ch.changed) === JSON.stringify(t.obj)) continue;
    if (dry.mode === "client") {
      stdout += print(t.def, ch.changed);
      continue;
    }
    const r = patchObject(c, t.def, t.obj, run.patchType ?? "merge", ch.patch, dry.mode === "server");
    if (isFailure(r)) {
      errors.push(`${run.patchFailure}${statusText(r.body).replace(/^error: /, "")}`);
      continue;
    }
    stdout += print(t.def, r.body as KObject);
  }
  if (dry.mode !== "client") await settle(ctx);
  stderr += errors.map((e) => `${e.startsWith("error: ") ? e : `error: ${e}`}`.replace(/\n?$/, "\n")).join("");
  return { stdout, stderr, exitCode: errors.length ? 1 : 0 };
}

export { targetName };
