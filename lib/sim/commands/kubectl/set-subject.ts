/**
 * kubectl set subject (staging/src/k8s.io/kubectl/pkg/cmd/set/set_subject.go, v1.32): adds
 * --user, --group and --serviceaccount=NAMESPACE:NAME subjects to RoleBindings and
 * ClusterRoleBindings (each list sorted and without repeats, as sets.NewString(...).List(); a
 * subject already bound is not added again), then patches each changed binding. Errors are
 * collected and printed together at the end (utilerrors.NewAggregate through cmdutil.CheckErr).
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import { parseOutput, printStructured } from "../../printers/output";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, patchObject } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { META_ORDER } from "../../api/meta";
import { typedJson } from "./generate";
import { kindPrefix } from "./resources";
import { withoutManagedFields } from "./set-common";
import { loadSetTargets, objectName, type SetTarget } from "./set-targets";
import { isResult } from "./session";

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const RBAC_GROUP = "rbac.authorization.k8s.io";
const sortedUnique = (xs: string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const sameSubject = (a: Subject, b: Subject) =>
  a.kind === b.kind && (a.apiGroup ?? "") === (b.apiGroup ?? "") && a.name === b.name && (a.namespace ?? "") === (b.namespace ?? "");

/** Validate's checks, in its order. */
function validate(args: ParsedArgs, targets: SetTarget[]): string | undefined {
  if (boolFlag(args, "all") && flag(args, "selector")) return "cannot set --all and --selector at the same time";
  const sas = args.flags.get("serviceaccount") ?? [];
  if (!(args.flags.get("user") ?? []).length && !(args.flags.get("group") ?? []).length && !sas.length)
    return "you must specify at least one value of user, group or serviceaccount";
  for (const sa of sas) {
    const tokens = sa.split(":");
    if (tokens.length !== 2 || tokens[1] === "") return "serviceaccount must be <namespace>:<name>";
    if (tokens[0] === "" && targets.some((t) => t.obj.kind === "ClusterRoleBinding"))
      return "serviceaccount must be <namespace>:<name>, namespace must be specified";
  }
  return undefined;
}

/** rbacv1.RoleBinding/ClusterRoleBinding as json.MarshalIndent writes the typed object (struct order). */
function typedBinding(o: KObject): unknown {
  const b = o as KObject & { subjects?: Subject[]; roleRef?: Record<string, string> };
  const meta = b.metadata as unknown as Record<string, unknown>;
  return {
    kind: b.kind,
    apiVersion: b.apiVersion,
    metadata: Object.fromEntries(META_ORDER.filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]])),
    subjects: b.subjects?.map((s) => ({ kind: s.kind, apiGroup: s.apiGroup, name: s.name, namespace: s.namespace })),
    roleRef: b.roleRef && { apiGroup: b.roleRef.apiGroup, kind: b.roleRef.kind, name: b.roleRef.name },
  };
}

export async function runSetSubject(ctx: CommandContext, args: ParsedArgs): Promise<ExecResult> {
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(`error: could not get value for --dry-run: ${dry.error.replace(/^error: /, "")}`);
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const local = boolFlag(args, "local");
  const loaded = loadSetTargets(c, {
    refs: args.operands,
    files: args.flags.get("filename") ?? [],
    local,
    all: boolFlag(args, "all"),
    selector: flag(args, "selector") ?? "",
    verb: "set subject",
  });
  if (!loaded.ok) return errResult(loaded.stderr);
  const invalid = validate(args, loaded.targets);
  if (invalid) return errResult(`error: ${invalid}\n`);
  const wanted: Subject[] = [
    ...sortedUnique(args.flags.get("user") ?? []).map((name) => ({ kind: "User", apiGroup: RBAC_GROUP, name })),
    ...sortedUnique(args.flags.get("group") ?? []).map((name) => ({ kind: "Group", apiGroup: RBAC_GROUP, name })),
    ...sortedUnique(args.flags.get("serviceaccount") ?? []).map((sa) => {
      const [namespace, name] = sa.split(":");
      return { kind: "ServiceAccount", namespace: namespace || c.namespace, name };
    }),
  ];
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  const print = (t: SetTarget, o: KObject) => {
    if (fmt.kind === "table") return `${kindPrefix(t.def)}/${o.metadata.name} subjects updated${suffix}\n`;
    if (fmt.kind === "json") return typedJson(typedBinding(withoutManagedFields(o)));
    return printStructured(fmt, [withoutManagedFields(o)], true, () => kindPrefix(t.def)).stdout;
  };
  let stdout = "";
  const errors: string[] = [];
  for (const t of loaded.targets) {
    if (t.obj.kind !== "RoleBinding" && t.obj.kind !== "ClusterRoleBinding") {
      errors.push(`error: ${objectName(t)} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`);
      continue;
    }
    const existing = (t.obj as { subjects?: Subject[] }).subjects ?? [];
    const added = wanted.filter((s) => !existing.some((e) => sameSubject(e, s)));
    // CalculatePatches' "{}": nothing to add, nothing printed
    if (!added.length) continue;
    const subjects = [...existing, ...added];
    const changed = { ...structuredClone(t.obj), subjects } as KObject;
    if (local || dry.mode === "client") {
      // the object kubectl read went through the typed RoleBinding: an empty apiGroup is omitted (omitempty)
      const typedSubjects = subjects.map((x) => (x.apiGroup === "" ? { kind: x.kind, name: x.name, namespace: x.namespace } : x));
      stdout += print(t, { ...changed, subjects: typedSubjects });
      continue;
    }
    const resp = patchObject(c, t.def, t.obj, "merge", { subjects }, dry.mode === "server");
    if (isFailure(resp)) {
      errors.push(`failed to patch subjects to rolebinding: ${resp.body.message ?? ""}`);
      continue;
    }
    stdout += print(t, resp.body as KObject);
  }
  if (!local && dry.mode !== "client") await settle(ctx);
  return { stdout, stderr: dry.warning + aggregate(errors), exitCode: errors.length ? 1 : 0 };
}

/** cmdutil.CheckErr of utilerrors.NewAggregate: one error as itself, several as "[a, b]"; "error: " prefixed once. */
function aggregate(errors: string[]): string {
  if (!errors.length) return "";
  const msg = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  const line = msg.startsWith("error: ") ? msg : `error: ${msg}`;
  return line.endsWith("\n") ? line : `${line}\n`;
}
