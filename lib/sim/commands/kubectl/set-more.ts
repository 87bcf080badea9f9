/**
 * kubectl set resources and set serviceaccount (staging/src/k8s.io/kubectl/pkg/cmd/set/
 * set_resources.go, set_serviceaccount.go, v1.32), over set-common.ts.
 */
import { canonicalQuantity } from "../../kinds/_shared/quantity";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, NO_RESOURCES } from "./client";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { podSpecOf, runSetOver } from "./set-common";
import { selectContainers } from "./set-env";

// cli-runtime resource/builder.go: no resources at all
type ResourceList = Record<string, string>;
/** generateversioned.HandleResourceRequirementsV1's parse of "cpu=100m,memory=256Mi", canonical as a Quantity marshals. */
function resourceList(spec: string): ResourceList | string {
  const out: ResourceList = {};
  for (const part of spec.split(",")) {
    const [name, value, ...rest] = part.split("=");
    if (value === undefined || rest.length) return `Invalid argument syntax ${part}, expected <resource>=<value>`;
    out[name] = String(canonicalQuantity(value));
  }
  return out;
}

export async function runSetResources(ctx: CommandContext, args: ParsedArgs): Promise<ExecResult> {
  if (boolFlag(args, "all") && flag(args, "selector")) return errResult("error: cannot set --all and --selector at the same time\n");
  const limitsText = flag(args, "limits") ?? "";
  const requestsText = flag(args, "requests") ?? "";
  if (!limitsText && !requestsText)
    return errResult("error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
  const limits = limitsText ? resourceList(limitsText) : {};
  const requests = requestsText ? resourceList(requestsText) : {};
  if (typeof limits === "string") return errResult(`error: ${limits}\n`);
  if (typeof requests === "string") return errResult(`error: ${requests}\n`);
  const selector = flag(args, "containers") ?? "*";
  return runSetOver(ctx, args, args.operands, {
    operation: "resource requirements updated",
    patchFailure: "failed to patch resources update to pod template ",
    change(t) {
      const changed = structuredClone(t.obj);
      const at = podSpecOf(changed);
      const spec = at?.spec ?? {};
      const selected = [...selectContainers(spec.containers, selector), ...selectContainers(spec.initContainers, selector)];
      if (!at || !selected.length) return { changed: `error: unable to find container named ${selector}\n`, patch: {} };
      for (const ctr of selected) {
        const res = (ctr.resources ??= {});
        if (limitsText) res.limits = { ...res.limits, ...limits };
        if (requestsText) res.requests = { ...res.requests, ...requests };
      }
      return {
        changed,
        patch: at.wrap({ containers: spec.containers, ...(spec.initContainers ? { initContainers: spec.initContainers } : {}) }),
      };
    },
  });
}

export async function runSetServiceAccount(ctx: CommandContext, args: ParsedArgs): Promise<ExecResult> {
  if (args.operands.length < 2) return errResult(NO_RESOURCES);
  const name = args.operands[args.operands.length - 1];
  return runSetOver(ctx, args, args.operands.slice(0, -1), {
    operation: "serviceaccount updated",
    patchFailure: "failed to patch ServiceAccountName ",
    change(t) {
      const changed = structuredClone(t.obj);
      const at = podSpecOf(changed);
      if (!at?.spec) return undefined;
      at.spec.serviceAccountName = name;
      return { changed, patch: at.wrap({ serviceAccountName: name }) };
    },
  });
}
