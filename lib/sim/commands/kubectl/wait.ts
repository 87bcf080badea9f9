/**
 * kubectl wait (staging/src/k8s.io/kubectl/pkg/cmd/wait/{wait,condition,delete,create,json}.go,
 * v1.32): --for=condition=NAME[=VALUE], --for=delete, --for=create, --for=jsonpath='{...}'[=VALUE],
 * on TYPE/NAME, TYPE NAME..., -l or --all; --timeout (default 30s) is one deadline for the whole
 * run, and the objects are waited for one after another: once it has passed, every object still
 * to be checked fails. The texts are real kubectl v1.32.3's against sim:api: "pod/x condition met",
 * "error: timed out waiting for the condition on pods/x", "error: condition not met for pods/x"
 * (--timeout=0s), several errors one per line without "error: ".
 *
 * When the condition already holds the command returns at once. Otherwise, at the end of an
 * interactive line, it is a foreground program that settles the cluster at each queued event
 * (lib/sim/programs); elsewhere (`kubectl wait ... && kubectl get pods`, a loop) it waits on the
 * simulated clock inside the command (programs/run-inline.ts).
 */
import type { KObject } from "../../api/types";
import { storeFor } from "../../api/store";
import { evalSteps, JsonPathError } from "../../jsonpath";
import { parsePath } from "../../jsonpath/parse";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import { mayHoldTerminal, runInline } from "../../programs/run-inline";
import type { ProgramDef } from "../../programs/types";
import type { ClusterState, CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, NO_RESOURCES, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { parseDuration } from "./logs";
import { resolveArgs } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

type Cond =
  | { kind: "condition"; type: string; status: string }
  | { kind: "delete" }
  | { kind: "create" }
  | { kind: "jsonpath"; path: string; value?: string };

interface Target {
  group: string;
  resource: string;
  namespace?: string;
  name: string;
  /** the object waited for (--for=delete: a new object with the same name is another one) */
  uid?: string;
  /** "pod", "deployment.apps": what "condition met" names */
  prefix: string;
}

export interface WaitState {
  targets: Target[];
  cond: Cond;
  deadline: number;
  /** --timeout=0: one look, "condition not met" */
  once: boolean;
  /** the next target to wait for */
  next: number;
  out: string;
  errors: string[];
}

// wait.go: no resources
/** wait.go conditionFuncFor */
function parseFor(spec: string): Cond | { error: string } {
  if (spec === "delete") return { kind: "delete" };
  if (spec === "create") return { kind: "create" };
  if (spec.startsWith("condition=")) {
    const [type, ...status] = spec.slice("condition=".length).split("=");
    return { kind: "condition", type, status: status.length ? status.join("=") : "true" };
  }
  if (spec.startsWith("jsonpath=")) {
    const rest = spec.slice("jsonpath=".length);
    const close = rest.startsWith("{") ? rest.indexOf("}") : -1;
    const [path, value] = close >= 0 ? [rest.slice(0, close + 1), rest.slice(close + 1)] : [rest, ""];
    if (value && !value.startsWith("="))
      return {
        error: `error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n`,
      };
    return { kind: "jsonpath", path, ...(value ? { value: value.slice(1) } : {}) };
  }
  return { error: `error: unrecognized condition: ${JSON.stringify(spec)}\n` };
}

function holds(cond: Cond, t: Target, o: KObject | undefined): boolean {
  const alive = o !== undefined && (t.uid === undefined || o.metadata.uid === t.uid);
  switch (cond.kind) {
    case "delete":
      return !alive;
    case "create":
      return o !== undefined;
    case "condition": {
      if (!o) return false;
      const conds =
        (o as { status?: { conditions?: { type?: string; status?: string; observedGeneration?: number }[] } }).status?.conditions ?? [];
      const c = conds.find((x) => (x.type ?? "").toLowerCase() === cond.type.toLowerCase());
      if (!c || (c.status ?? "").toLowerCase() !== cond.status.toLowerCase()) return false;
      // condition.go: a condition observed for an older generation does not count
      return c.observedGeneration === undefined || o.metadata.generation === undefined || c.observedGeneration >= o.metadata.generation;
    }
    case "jsonpath": {
      if (!o) return false;
      let values: unknown[];
      try {
        values = evalSteps(parsePath(cond.path.replace(/^\{|\}$/g, "").replace(/^(?![.[])/, ".")), [o]);
      } catch (e) {
        if (e instanceof JsonPathError) return false;
        throw e;
      }
      if (cond.value === undefined) return values.length > 0;
      const v = values.length === 1 ? values[0] : undefined;
      return (typeof v === "string" || typeof v === "number" || typeof v === "boolean") && String(v) === cond.value;
    }
  }
}

/** Checks the targets in order at `now`; returns what it printed. */
function evaluate(s: WaitState, state: ClusterState, now: number): string {
  const store = storeFor(state);
  let printed = "";
  while (s.next < s.targets.length) {
    const t = s.targets[s.next];
    const o = store.get({ group: t.group, resource: t.resource }, t.namespace, t.name);
    const late = now >= s.deadline;
    if (holds(s.cond, t, o) && !(late && !s.once)) printed += `${t.prefix}/${t.name} condition met\n`;
    else if (late)
      s.errors.push(
        s.once ? `condition not met for ${t.resource}/${t.name}` : `timed out waiting for the condition on ${t.resource}/${t.name}`,
      );
    else break;
    s.next++;
  }
  s.out += printed;
  return printed;
}

const ended = (s: WaitState) => s.next >= s.targets.length;
const errorText = (s: WaitState) => (s.errors.length === 1 ? `error: ${s.errors[0]}\n` : s.errors.map((e) => `${e}\n`).join(""));
const crlf = (t: string) => t.replace(/\n/g, "\r\n");

function step(s: WaitState, state: ClusterState, now: number, printed: string) {
  if (ended(s)) return { output: crlf(printed + errorText(s)), nextAt: null, exitCode: s.errors.length ? 1 : 0 };
  return { output: crlf(printed), nextAt: Math.min(nextWake(state, now), s.deadline) };
}

function isState(d: unknown): d is WaitState {
  const s = d as Partial<WaitState> | null;
  return (
    !!s &&
    Array.isArray(s.targets) &&
    typeof s.cond === "object" &&
    typeof s.deadline === "number" &&
    typeof s.next === "number" &&
    Array.isArray(s.errors)
  );
}

export const waitProgram: ProgramDef<WaitState> = {
  name: "kubectl-wait",
  parse: (data) => (isState(data) ? structuredClone(data) : null),
  start(s, ctx) {
    return step(s, ctx.state, ctx.now, evaluate(s, ctx.state, ctx.now));
  },
  async tick(s, ctx) {
    let printed = "";
    await settleThrough(ctx.command(), ctx.now, (at) => (printed += ended(s) ? "" : evaluate(s, ctx.state, at)));
    return step(s, ctx.state, ctx.now, printed);
  },
  interrupt() {
    return { output: "^C\r\n", nextAt: null, exitCode: 130 };
  },
  render(s) {
    return crlf(s.out);
  },
};

export async function runWait(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "wait", argv);
  if (isResult(args)) return args;
  const cond = parseFor(flag(args, "for") ?? "");
  if ("error" in cond) return errResult(cond.error);
  const timeoutRaw = flag(args, "timeout") ?? "30s";
  const timeout = /^-/.test(timeoutRaw) ? 7 * 86_400_000 : parseDuration(timeoutRaw);
  if (timeout === undefined)
    return errResult(`error: invalid argument "${timeoutRaw}" for "--timeout" flag: time: invalid duration "${timeoutRaw}"\n`);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) return errResult(NO_RESOURCES);
  const all = boolFlag(args, "all-namespaces");
  const resolved = resolveArgs(c, args.operands, { allNamespaces: all, files, verb: "wait" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const labelSelector = flag(args, "selector") ?? "";
  const fieldSelector = flag(args, "field-selector") ?? "";
  const targets: Target[] = [];
  for (const req of resolved.requests) {
    const r = req.def.resource;
    const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
    const prefix = kindPrefix(req.def);
    const add = (o: KObject) =>
      targets.push({
        group: r.group,
        resource: r.resource,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        name: o.metadata.name,
        ...(o.metadata.uid ? { uid: o.metadata.uid } : {}),
        prefix,
      });
    if (req.names.length)
      for (const name of req.names) {
        const resp = c.request({ ...base, verb: "get", name });
        if (!isFailure(resp)) add(resp.body as KObject);
        else if (resp.body.reason === "NotFound" && cond.kind === "create")
          targets.push({ group: r.group, resource: r.resource, ...(req.namespace ? { namespace: req.namespace } : {}), name, prefix });
        // delete.go: an object that is already gone is no error
        else if (!(resp.body.reason === "NotFound" && cond.kind === "delete")) return errResult(statusText(resp.body));
      }
    else {
      const resp = c.request({ ...base, verb: "list", labelSelector, fieldSelector });
      if (isFailure(resp)) return errResult(statusText(resp.body));
      for (const o of (resp.body as { items: KObject[] }).items) add(o);
    }
  }
  if (!targets.length && cond.kind !== "delete") return errResult("error: no matching resources found\n");
  const s: WaitState = { targets, cond, deadline: ctx.now + timeout, once: timeout === 0, next: 0, out: "", errors: [] };
  // the condition already holds (or a zero timeout): the answer at once, nothing holds the terminal
  const probe = structuredClone(s);
  evaluate(probe, ctx.state, ctx.now);
  if (ended(probe)) return { stdout: probe.out, stderr: errorText(probe), exitCode: probe.errors.length ? 1 : 0 };
  if (mayHoldTerminal(ctx)) return { stdout: probe.out, stderr: "", exitCode: 0, program: { program: "kubectl-wait", data: s } };
  const r = await runInline(waitProgram, s, ctx);
  return { stdout: s.out, stderr: errorText(s), exitCode: r.exitCode };
}
