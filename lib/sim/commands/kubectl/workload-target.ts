/**
 * Naming a workload on kubectl's command line, as the workload verbs (logs, scale, rollout) do:
 * `TYPE NAME`, `TYPE/NAME` or a pod name, resolved through discovery, fetched through the request
 * path (so RBAC and NotFound answer as the apiserver does), and the pods behind it
 * (polymorphichelpers.AttachablePodForObject: the selector's pods, the best one first).
 */
import { labelSelectorRequirements, labelsMatch } from "../../api/selectors";
import type { KObject } from "../../api/types";
import type { KindDef } from "../../kinds/types";
import { type Client, isFailure, statusText } from "./client";
import { kindPrefix, resolveResource } from "./resources";

export interface Target {
  def: KindDef;
  obj: KObject;
}

export type TargetResult = { ok: true; targets: Target[] } | { ok: false; stderr: string };

/** `operands` as kubectl's resource builder reads them: "deploy/web", or "deploy web [more]", or (defaultType) a bare name. */
export function resolveTargets(c: Client, operands: string[], defaultType?: string): TargetResult {
  const pairs: { type: string; name: string }[] = [];
  if (operands.some((o) => o.includes("/"))) {
    for (const o of operands) {
      const i = o.indexOf("/");
      if (i < 0)
        return {
          ok: false,
          stderr: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n`,
        };
      pairs.push({ type: o.slice(0, i), name: o.slice(i + 1) });
    }
  } else if (defaultType && operands.length === 1) pairs.push({ type: defaultType, name: operands[0] });
  else {
    const [type, ...names] = operands;
    for (const name of names) pairs.push({ type, name });
  }
  const targets: Target[] = [];
  for (const p of pairs) {
    const def = resolveResource(c.api, p.type);
    if (!def) return { ok: false, stderr: `error: the server doesn't have a resource type "${p.type}"\n` };
    const r = c.request({
      verb: "get",
      group: def.resource.group,
      version: def.resource.version,
      resource: def.resource.resource,
      namespace: def.resource.namespaced ? c.namespace : undefined,
      name: p.name,
    });
    if (isFailure(r)) return { ok: false, stderr: statusText(r.body) };
    targets.push({ def, obj: r.body as KObject });
  }
  return { ok: true, targets };
}

export function targetName(t: Target): string {
  return `${kindPrefix(t.def)}/${t.obj.metadata.name}`;
}

type PodLike = KObject & { status?: { phase?: string; conditions?: { type: string; status: string }[] } };

/** The pods a workload selects, ranked as kubectl's GetFirstPod ranks them (ready and running first). */
export function podsOf(c: Client, obj: KObject): PodLike[] {
  if (obj.kind === "Pod") return [obj];
  const spec = obj.spec as { selector?: Parameters<typeof labelSelectorRequirements>[0] | Record<string, string> } | undefined;
  const sel = spec?.selector;
  const reqs =
    obj.kind === "Service" || obj.kind === "ReplicationController"
      ? labelSelectorRequirements({ matchLabels: sel as Record<string, string> })
      : labelSelectorRequirements(sel);
  const r = c.request({ verb: "list", resource: "pods", namespace: obj.metadata.namespace });
  if (isFailure(r)) return [];
  const items = ((r.body as { items?: PodLike[] }).items ?? []).filter((p) => labelsMatch(reqs, p.metadata.labels));
  const rank = (p: PodLike) => [
    (p.status?.conditions ?? []).some((x) => x.type === "Ready" && x.status === "True") ? 0 : 1,
    p.status?.phase === "Running" ? 0 : 1,
  ];
  return items.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp);
  });
}
