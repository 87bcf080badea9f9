/**
 * kubectl set selector (staging/src/k8s.io/kubectl/pkg/cmd/set/set_selector.go, v1.32): the last
 * operand is the selector (metav1.ParseToLabelSelector, apimachinery/pkg/apis/meta/v1/helpers.go),
 * the others name the objects (set-targets.ts: TYPE NAME, TYPE/NAME, --all, -f, --local). Only a
 * Service takes it; its spec.selector is replaced. Each object is patched in turn and the first
 * error ends the run (resource.Visit), printed as cmdutil.CheckErr prints it.
 */
import { parseLabelSelector } from "../../api/selectors";
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import { parseOutput, printStructured } from "../../printers/output";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, patchObject, statusText } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { kindPrefix } from "./resources";
import { withoutManagedFields } from "./set-common";
import { loadSetTargets } from "./set-targets";
import { isResult } from "./session";

// metav1.LabelSelectorOperator names, as a LabelSelectorRequirement prints with %v
const EXPRESSION_OPS: Record<string, string> = { in: "In", notin: "NotIn", exists: "Exists", "!": "DoesNotExist" };

/** ParseToLabelSelector: matchLabels, or the error set_selector.go prints for this object. */
function parseSelector(text: string): { matchLabels: Record<string, string>; expressions: string[] } | string {
  const reqs = parseLabelSelector(text);
  if ("error" in reqs) return `couldn't parse the selector string "${text}": ${reqs.error}`;
  const matchLabels: Record<string, string> = {};
  const expressions: string[] = [];
  for (const r of reqs) {
    if (r.op === "=") matchLabels[r.key] = r.values[0];
    else if (r.op === "gt" || r.op === "lt") return `"${r.op}" isn't supported in label selectors`;
    else if (r.op === "!=") return `"!=" is not a valid label selector operator`;
    else expressions.push(`{${r.key} ${EXPRESSION_OPS[r.op]} [${r.values.join(" ")}]}`);
  }
  return { matchLabels, expressions };
}

export async function runSetSelector(ctx: CommandContext, args: ParsedArgs): Promise<ExecResult> {
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  // getResourcesAndSelector: the last argument is the selector
  const refs = args.operands.slice(0, -1);
  const selectorText = args.operands.at(-1);
  const selector = selectorText === undefined ? undefined : parseSelector(selectorText);
  if (typeof selector === "string") return errResult(`error: ${selector}\n`);
  // Validate runs before the resource builder's errors surface, which is when RunSelector visits
  if (!selector) return errResult("error: one selector is required\n");
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const local = boolFlag(args, "local");
  const loaded = loadSetTargets(c, {
    refs,
    files: args.flags.get("filename") ?? [],
    local,
    all: boolFlag(args, "all"),
    selector: "",
    verb: "set selector",
  });
  if (!loaded.ok) return errResult(loaded.stderr);
  const writeToServer = !local && dry.mode !== "client";
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  const resourceVersion = flag(args, "resource-version") ?? "";
  let stdout = "";
  const print = (def: Parameters<typeof kindPrefix>[0], o: KObject) =>
    fmt.kind === "table"
      ? `${kindPrefix(def)}/${o.metadata.name} selector updated${suffix}\n`
      : printStructured(fmt, [withoutManagedFields(o)], true, () => kindPrefix(def)).stdout;
  for (const t of loaded.targets) {
    if (selector.expressions.length)
      return { stdout, stderr: `error: match expression [${selector.expressions.join(" ")}] not supported on this object\n`, exitCode: 1 };
    if (t.obj.kind !== "Service") return { stdout, stderr: "error: setting a selector is only supported for Services\n", exitCode: 1 };
    const changed = structuredClone(t.obj);
    const spec = (changed.spec ?? {}) as { selector?: Record<string, string> };
    // an empty map is omitted (omitempty), so an empty selector removes the field
    if (Object.keys(selector.matchLabels).length) spec.selector = { ...selector.matchLabels };
    else delete spec.selector;
    changed.spec = spec;
    if (resourceVersion) changed.metadata = { ...changed.metadata, resourceVersion };
    if (!writeToServer) {
      stdout += print(t.def, changed);
      continue;
    }
    const old = (t.obj.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
    const removed = Object.fromEntries(Object.keys(old).map((k) => [k, null]));
    const patch: Record<string, unknown> = {
      spec: { selector: Object.keys(selector.matchLabels).length ? { ...removed, ...selector.matchLabels } : null },
    };
    // set_selector.go clears the resourceVersion from the original so that the patch always carries it
    if (resourceVersion) patch.metadata = { resourceVersion };
    const resp = patchObject(c, t.def, t.obj, "merge", patch, dry.mode === "server");
    if (isFailure(resp)) {
      await settle(ctx);
      return { stdout, stderr: statusText(resp.body), exitCode: 1 };
    }
    stdout += print(t.def, resp.body as KObject);
  }
  if (writeToServer) await settle(ctx);
  return { stdout, stderr: dry.warning, exitCode: 0 };
}
