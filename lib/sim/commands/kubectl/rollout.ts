/**
 * kubectl rollout status|history|undo|restart|pause|resume for Deployments
 * (staging/src/k8s.io/kubectl/pkg/cmd/rollout/*, polymorphichelpers/{rollout_status,history,
 * rollback,objectrestarter,objectpauser,objectresumer}.go, v1.32).
 *
 * `rollout status` streams (rollout-status.ts): each new status line as the rollout progresses,
 * until it completes, its progress deadline passes or --timeout runs out; at the end of an
 * interactive line as a foreground program on the cluster clock, elsewhere (`&&`, loops, several
 * targets) waiting in simulated time inside the command, bounded by 11 minutes without --timeout;
 * the cluster clock then stands where the wait ended (the learner "waited"), so what follows is
 * consistent with what was printed. --watch=false prints the current line only.
 */
import { rfc3339 } from "../../api/meta";
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { PodTemplateSpec } from "../../kinds/_shared/core-types";
import { describePodTemplate } from "../../kinds/_shared/pod-template-describe";
import { PrefixWriter } from "../../kinds/_shared/prefix-writer";
import type { DeploymentSpec, DeploymentStatus } from "../../kinds/deployments/types";
import { parseOutput, printStructured } from "../../printers/output";
import { DESCRIBE_TABWRITER, tabwrite } from "../../printers/tabwriter";
import { mayHoldTerminal, runInline } from "../../programs/run-inline";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, isFailure, openClient, statusText } from "./client";
import { dryRunMode } from "./delete";
import { flag } from "./flags";
import { subcommand } from "./help";
import { parseDuration } from "./logs";
import { isResult, parseVerb } from "./session";
import { resolveTargets, type Target, targetName } from "./workload-target";
import { observe, rolloutStatusProgram, type RolloutStatusState } from "./rollout-status";
import { ROLLOUT_RESOURCES } from "./rollout-viewers";

// course checks read a Deployment's rollout line from here
export { deploymentStatus } from "./rollout-viewers";

type Deploy = KObject & { spec: DeploymentSpec; status?: DeploymentStatus };
type RS = KObject & { spec: { template?: PodTemplateSpec; replicas?: number } };

const SUBS = ["status", "history", "undo", "restart", "pause", "resume"] as const;
type Sub = (typeof SUBS)[number];
const REVISION = "deployment.kubernetes.io/revision";
const MAX_WAIT_MS = 11 * 60_000;

const fail = (stderr: string): ExecResult => ({ stdout: "", stderr, exitCode: 1 });

/** rollout status: the current line, then (with --watch, the default) the stream until it ends (rollout-status.ts). */
async function status(ctx: CommandContext, t: Target, watch: boolean, timeoutMs: number, single: boolean): Promise<ExecResult> {
  const s: RolloutStatusState = {
    resource: ROLLOUT_RESOURCES[t.obj.kind] ?? "deployments",
    namespace: t.obj.metadata.namespace ?? "default",
    name: t.obj.metadata.name,
    last: "",
    deadline: timeoutMs > 0 ? ctx.now + timeoutMs : null,
    out: "",
    err: "",
  };
  observe(s, ctx.state, ctx.now);
  if (s.exitCode !== undefined || !watch) return { stdout: s.out, stderr: s.err, exitCode: s.exitCode ?? 0 };
  if (single && mayHoldTerminal(ctx))
    return { stdout: s.out, stderr: "", exitCode: 0, program: { program: "kubectl-rollout-status", data: s } };
  s.deadline ??= ctx.now + MAX_WAIT_MS;
  const r = await runInline(rolloutStatusProgram, s, ctx);
  return { stdout: s.out, stderr: s.err, exitCode: r.exitCode };
}

function ownedSets(c: Client, d: KObject): RS[] {
  const r = c.request({ verb: "list", group: "apps", version: "v1", resource: "replicasets", namespace: d.metadata.namespace });
  if (isFailure(r)) return [];
  return ((r.body as { items?: RS[] }).items ?? []).filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid),
  );
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const c = structuredClone(t ?? {}) as PodTemplateSpec & { metadata?: { labels?: Record<string, string> } };
  if (c.metadata?.labels) delete c.metadata.labels["pod-template-hash"];
  return c;
}

/** printTemplate (history.go): DescribePodTemplate through a PrefixWriter with no tabwriter, so its tabs stay raw. */
function printTemplate(tpl: PodTemplateSpec | undefined): string {
  const w = new PrefixWriter();
  describePodTemplate(structuredClone(tpl ?? {}), w);
  return w.untabbed();
}

function history(c: Client, t: Target, revision: number): ExecResult {
  const byRev = new Map<number, RS>();
  for (const rs of ownedSets(c, t.obj)) {
    const v = Number(rs.metadata.annotations?.[REVISION] ?? NaN);
    if (Number.isInteger(v)) byRev.set(v, rs);
  }
  if (!byRev.size)
    return {
      stdout: `No rollout history found in ${t.def.resource.resource}.${t.def.resource.group} ${JSON.stringify(t.obj.metadata.name)}\n`,
      stderr: "",
      exitCode: 0,
    };
  if (revision > 0) {
    const rs = byRev.get(revision);
    if (!rs) return fail(`error: unable to find the specified revision\n`);
    // the ReplicaSet's own template, pod-template-hash label included, with its change-cause
    const tpl = structuredClone(rs.spec.template ?? {});
    const cause = rs.metadata.annotations?.["kubernetes.io/change-cause"];
    if (cause) (tpl.metadata ??= {}).annotations = { ...tpl.metadata?.annotations, "kubernetes.io/change-cause": cause };
    return { stdout: `${targetName(t)} with revision #${revision}\n${printTemplate(tpl)}\n`, stderr: "", exitCode: 0 };
  }
  let table = "REVISION\tCHANGE-CAUSE\n";
  for (const r of [...byRev.keys()].sort((a, b) => a - b))
    table += `${r}\t${byRev.get(r)?.metadata.annotations?.["kubernetes.io/change-cause"] || "<none>"}\n`;
  return { stdout: `${targetName(t)} \n${tabwrite(table, DESCRIBE_TABWRITER)}\n`, stderr: "", exitCode: 0 };
}

/** annotationsToSkip (rollback.go): kept from the Deployment, never copied from the ReplicaSet */
const ANNOTATIONS_TO_SKIP = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

/**
 * DeploymentRollbacker.Rollback (polymorphichelpers/rollback.go), in its order: find the revision,
 * dry run, paused, already there, patch. (v1.32's paused message names no deployment; later
 * versions add `deployment/<name>`: the conformance corpus holds the v1.32 text.)
 */
function undo(c: Client, t: Target, toRevision: number, dry: "none" | "client" | "server"): ExecResult {
  const d = t.obj as Deploy;
  const sets = ownedSets(c, d);
  let target: RS | undefined;
  if (toRevision > 0) target = sets.find((rs) => Number(rs.metadata.annotations?.[REVISION]) === toRevision);
  else {
    // deploymentRevision: the second-highest revision among the ReplicaSets
    target = sets
      .filter((rs) => Number.isInteger(Number(rs.metadata.annotations?.[REVISION] ?? NaN)))
      .sort((a, b) => Number(b.metadata.annotations?.[REVISION]) - Number(a.metadata.annotations?.[REVISION]))[1];
  }
  if (!target)
    return fail(
      toRevision > 0
        ? `error: unable to find specified revision ${toRevision} in history\n`
        : `error: no rollout history found for deployment ${JSON.stringify(d.metadata.name)}\n`,
    );
  if (dry === "client") return { stdout: `${targetName(t)} ${printTemplate(target.spec.template)} (dry run)\n`, stderr: "", exitCode: 0 };
  if (d.spec.paused)
    return fail(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n`);
  const tpl = withoutHash(target.spec.template);
  if (JSON.stringify(tpl) === JSON.stringify(withoutHash(d.spec.template))) {
    return {
      stdout: `${targetName(t)} skipped rollback (current template already matches revision ${toRevision})\n`,
      stderr: "",
      exitCode: 0,
    };
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const r = c.request({
    verb: "patch",
    group: "apps",
    version: "v1",
    resource: "deployments",
    namespace: d.metadata.namespace,
    name: d.metadata.name,
    patchType: "json",
    body: [
      { op: "replace", path: "/spec/template", value: tpl },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
    dryRun: dry === "server",
  });
  if (isFailure(r))
    return fail(
      `error: failed restoring revision ${toRevision}: ${statusText(r.body)
        .replace(/^[^:]*\([A-Za-z]+\): /, "")
        .trimEnd()}\n`,
    );
  return { stdout: `${targetName(t)} rolled back${dry === "server" ? " (server dry run)" : ""}\n`, stderr: "", exitCode: 0 };
}

function patchSpec(c: Client, t: Target, body: unknown, done: string): ExecResult {
  const r = c.request({
    verb: "patch",
    group: "apps",
    version: "v1",
    resource: "deployments",
    namespace: t.obj.metadata.namespace,
    name: t.obj.metadata.name,
    patchType: "strategic",
    body,
  });
  if (isFailure(r)) return fail(statusText(r.body));
  return { stdout: `${targetName(t)} ${done}\n`, stderr: "", exitCode: 0 };
}

export async function runRollout(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  // rollout.go passes streams.Out to DefaultSubCommandRun: its bare help goes to stdout
  const s = subcommand("rollout", argv, Object.fromEntries(SUBS.map((x) => [x, x])), "stdout");
  if (isResult(s)) return s;
  const verb = s.verb.slice("rollout ".length) as Sub;
  const args = parseVerb(ctx, s.verb, s.rest);
  if (isResult(args)) return args;
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return fail(fmt.error);
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return fail(dry.error);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  if (!args.operands.length) return fail(`error: required resource not specified\n`);
  const targets = resolveTargets(c, args.operands);
  if (!targets.ok) return fail(targets.stderr);
  let out: ExecResult = { stdout: "", stderr: "", exitCode: 0 };
  for (const t of targets.targets) {
    // status watches the three kinds rollout_status.go has viewers for; the other verbs Deployments only
    if (t.obj.kind !== "Deployment" && !(verb === "status" && t.obj.kind in ROLLOUT_RESOURCES))
      return fail(`error: rollout ${verb} is not available for ${t.def.resource.resource} in this practice cluster\n`);
    const d = t.obj as Deploy;
    let r: ExecResult;
    switch (verb) {
      case "status": {
        const timeout = parseDuration(flag(args, "timeout") ?? "0s") ?? 0;
        const watch = (flag(args, "watch") ?? "true") !== "false";
        r = await status(ctx, t, watch, timeout, targets.targets.length === 1);
        break;
      }
      case "history": {
        r = history(c, t, Number(flag(args, "revision") ?? 0));
        // rollout_history.go prints the object itself through -o (a jsonpath over the Deployment, say), else the history
        if (r.exitCode === 0 && fmt.kind !== "table" && fmt.kind !== "name")
          r = { ...r, stdout: printStructured(fmt, [t.obj], true, () => targetName(t).split("/")[0]).stdout };
        break;
      }
      case "undo":
        r = undo(c, t, Number(flag(args, "to-revision") ?? 0), dry.mode);
        break;
      case "restart":
        r = d.spec.paused
          ? fail(`error: deployments.apps ${JSON.stringify(d.metadata.name)} can't restart paused deployment (run rollout resume first)\n`)
          : patchSpec(
              c,
              t,
              { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": rfc3339(ctx.now) } } } } },
              "restarted",
            );
        break;
      case "pause":
        r = d.spec.paused
          ? fail(`error: deployments.apps ${JSON.stringify(d.metadata.name)} is already paused\n`)
          : patchSpec(c, t, { spec: { paused: true } }, "paused");
        break;
      case "resume":
        r = !d.spec.paused
          ? fail(`error: deployments.apps ${JSON.stringify(d.metadata.name)} is not paused\n`)
          : patchSpec(c, t, { spec: { paused: null } }, "resumed");
        break;
    }
    if (verb !== "status" && verb !== "history" && dry.mode === "none" && r.exitCode === 0) await settle(ctx);
    out = {
      stdout: out.stdout + r.stdout,
      stderr: out.stderr + r.stderr,
      exitCode: r.exitCode || out.exitCode,
      // rollout status of one target streams as a program (rollout-status.ts)
      ...(r.program ? { program: r.program } : {}),
    };
    if (r.exitCode) return out;
  }
  return out;
}
