/**
 * The LimitRanger admission plugin for pods (plugin/pkg/admission/limitranger/admission.go):
 * on create, containers without requests or limits get the defaults of the namespace's
 * LimitRanges (`default` → limits, `defaultRequest` → requests) and the pod is annotated
 * `kubernetes.io/limit-ranger`; then every Container and Pod item's min, max and
 * maxLimitRequestRatio is enforced, a violation refusing the pod as Forbidden. Pod updates and
 * subresources are left alone (SupportsAttributes: containers cannot change on update).
 * Go ranges over resource maps in random order; the simulator takes resources by name.
 */
import type { LimitRange, LimitRangeItem } from "../kinds/limitranges";
import type { ResourceList } from "../kinds/_shared/core-types";
import { add, cmp, milliValue, parseQuantity, quantityString, type Quantity } from "../kinds/_shared/quantity";
import type { AdmissionEnv, AdmissionRequest } from "./admission";
import { forbidden } from "./status";
import type { Status } from "./types";

const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

interface Container {
  name: string;
  resources?: { limits?: ResourceList; requests?: ResourceList };
}
interface PodLike {
  metadata: { annotations?: Record<string, string> };
  spec?: { containers?: Container[]; initContainers?: Container[] };
}

function applies(r: AdmissionRequest): boolean {
  return (
    r.def.resource.resource === "pods" && !r.def.resource.group && r.operation === "CREATE" && !r.subresource && !!r.object && !!r.namespace
  );
}

function limitRanges(r: AdmissionRequest, env: AdmissionEnv): LimitRange[] {
  return env.store.list({ group: "", resource: "limitranges" }, r.namespace);
}

const byName = (l: ResourceList | undefined) => Object.keys(l ?? {}).sort();
const containersOf = (pod: PodLike) => [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];

/** Admit: PodMutateLimitFunc (defaultContainerResourceRequirements, mergePodResourceRequirements). */
export function limitRangerMutate(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (!applies(r)) return undefined;
  const pod = r.object as unknown as PodLike;
  for (const lr of limitRanges(r, env)) {
    const limits: ResourceList = {};
    const requests: ResourceList = {};
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== "Container") continue;
      Object.assign(requests, item.defaultRequest ?? {});
      Object.assign(limits, item.default ?? {});
    }
    const notes: string[] = [];
    for (const c of containersOf(pod)) {
      const res = (c.resources ??= {});
      const setRequests = byName(requests).filter((k) => !(k in (res.requests ?? {})));
      const setLimits = byName(limits).filter((k) => !(k in (res.limits ?? {})));
      if (setLimits.length) res.limits = { ...(res.limits ?? {}), ...Object.fromEntries(setLimits.map((k) => [k, limits[k]])) };
      if (setRequests.length) res.requests = { ...(res.requests ?? {}), ...Object.fromEntries(setRequests.map((k) => [k, requests[k]])) };
      if (setRequests.length) notes.push(`${setRequests.join(", ")} request for container ${c.name}`);
      if (setLimits.length) notes.push(`${setLimits.join(", ")} limit for container ${c.name}`);
    }
    if (notes.length)
      pod.metadata.annotations = {
        ...(pod.metadata.annotations ?? {}),
        [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}`,
      };
  }
  return undefined;
}

function quantity(v: string | number | undefined): Quantity | undefined {
  if (v === undefined) return undefined;
  const q = parseQuantity(v);
  return "error" in q ? undefined : q;
}

const str = (v: string | number) => {
  const q = quantity(v);
  return q ? quantityString(q) : String(v);
};

function minConstraint(type: string, name: string, enforced: string | number, req: ResourceList, lim: ResourceList): string | undefined {
  const e = quantity(enforced);
  const rq = quantity(req[name]);
  const lq = quantity(lim[name]);
  if (!e) return undefined;
  if (!rq) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milliValue(rq) < milliValue(e)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${quantityString(rq)}`;
  if (lq && milliValue(lq) < milliValue(e))
    return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${quantityString(lq)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string | number, req: ResourceList, lim: ResourceList): string | undefined {
  const e = quantity(enforced);
  const rq = quantity(req[name]);
  const lq = quantity(lim[name]);
  if (!e) return undefined;
  if (!lq) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (milliValue(lq) > milliValue(e)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${quantityString(lq)}`;
  if (rq && milliValue(rq) > milliValue(e))
    return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${quantityString(rq)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: string | number, req: ResourceList, lim: ResourceList): string | undefined {
  const e = quantity(enforced);
  if (!e) return undefined;
  const rq = quantity(req[name]);
  const lq = quantity(lim[name]);
  if (!rq || milliValue(rq) === 0n)
    return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is 0`;
  if (!lq || milliValue(lq) === 0n)
    return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is 0`;
  const ratio = Number(milliValue(lq)) / Number(milliValue(rq));
  if (ratio * 1000 > Number(milliValue(e)))
    return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(type: string, item: LimitRangeItem, req: ResourceList, lim: ResourceList): string[] {
  const errs: (string | undefined)[] = [];
  for (const k of byName(item.min)) errs.push(minConstraint(type, k, (item.min ?? {})[k], req, lim));
  for (const k of byName(item.max)) errs.push(maxConstraint(type, k, (item.max ?? {})[k], req, lim));
  for (const k of byName(item.maxLimitRequestRatio)) errs.push(ratioConstraint(type, k, (item.maxLimitRequestRatio ?? {})[k], req, lim));
  return errs.filter((e): e is string => e !== undefined);
}

/** podRequests/podLimits: the containers' sum, raised to any init container's larger value. */
function podTotal(pod: PodLike, bucket: "requests" | "limits"): ResourceList {
  const total = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? [])
    for (const [k, v] of Object.entries(c.resources?.[bucket] ?? {})) {
      const q = quantity(v);
      if (q) total.set(k, total.has(k) ? add(total.get(k) as Quantity, q) : q);
    }
  for (const c of pod.spec?.initContainers ?? [])
    for (const [k, v] of Object.entries(c.resources?.[bucket] ?? {})) {
      const q = quantity(v);
      const cur = total.get(k);
      if (q && (!cur || cmp(q, cur) > 0)) total.set(k, q);
    }
  return Object.fromEntries([...total].map(([k, q]) => [k, quantityString(q)]));
}

/** Validate: PodValidateLimitFunc, its errors aggregated as utilerrors.NewAggregate prints them. */
export function limitRangerValidate(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (!applies(r)) return undefined;
  const pod = r.object as unknown as PodLike;
  for (const lr of limitRanges(r, env)) {
    const errs: string[] = [];
    for (const item of lr.spec?.limits ?? []) {
      if (item.type === "Container")
        for (const c of containersOf(pod)) errs.push(...check("Container", item, c.resources?.requests ?? {}, c.resources?.limits ?? {}));
      if (item.type === "Pod") errs.push(...check("Pod", item, podTotal(pod, "requests"), podTotal(pod, "limits")));
    }
    if (errs.length) return forbidden({ group: "", resource: "pods" }, r.name, errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`);
  }
  return undefined;
}
