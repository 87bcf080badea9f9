/**
 * The kube-aggregator's availability controller for APIServices backed by a Service
 * (staging/src/k8s.io/kube-aggregator/pkg/controllers/status/remote/remote_available_controller.go,
 * v1.32 sync): Available is False with ServiceNotFound, ServicePortError, EndpointsNotFound or
 * MissingEndpoints when the Service, its port, its EndpointSlices or a ready endpoint with that
 * port's name is missing, and True ("Passed", "all checks passed") otherwise (the discovery GET
 * it then makes always answers here: the simulated metrics-server serves its group once it has a
 * ready endpoint). SetAPIServiceCondition keeps lastTransitionTime while the status stays the same;
 * updateAPIServiceStatus writes only a changed status.
 */
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import type { APIService } from "../kinds/apiservices";
import { cachedList } from "./informer";
import type { Controller } from "./types";
import { putIfChanged } from "./workload-util";

const APISERVICES = { group: "apiregistration.k8s.io", resource: "apiservices" };
const SERVICES = { group: "", resource: "services" };
const SLICES = { group: "discovery.k8s.io", resource: "endpointslices" };

type Condition = NonNullable<NonNullable<APIService["status"]>["conditions"]>[number];
type Slice = KObject & {
  endpoints?: { conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number }[];
};

/** sync's Available condition for one service-backed APIService (status, reason, message) */
export function availability(
  a: APIService,
  get: (gr: typeof SERVICES, ns: string, name: string) => KObject | undefined,
  slicesOf: (ns: string, service: string) => Slice[],
): Pick<Condition, "status" | "reason" | "message"> {
  const ref = a.spec?.service ?? {};
  const name = ref.name ?? "";
  const ns = ref.namespace ?? "";
  const svc = get(SERVICES, ns, name);
  if (!svc) return { status: "False", reason: "ServiceNotFound", message: `service/${name} in "${ns}" is not present` };
  const spec = (svc.spec ?? {}) as { type?: string; ports?: { name?: string; port?: number }[] };
  if ((spec.type ?? "ClusterIP") === "ClusterIP") {
    const port = (spec.ports ?? []).find((p) => p.port === (ref.port ?? 443));
    if (!port)
      return {
        status: "False",
        reason: "ServicePortError",
        message: `service/${name} in "${ns}" is not listening on port ${ref.port ?? 443}`,
      };
    const portName = port.name ?? "";
    const slices = slicesOf(ns, name);
    if (!slices.length)
      return { status: "False", reason: "EndpointsNotFound", message: `cannot find endpointslices for service/${name} in "${ns}"` };
    // hasAvailableEndpoint
    const available = slices.some(
      (s) =>
        (s.endpoints ?? []).some((e) => e.conditions?.ready === undefined || e.conditions.ready) &&
        (s.ports ?? []).some((p) => p.name === portName && p.port !== undefined),
    );
    if (!available)
      return {
        status: "False",
        reason: "MissingEndpoints",
        message: `endpointslices for service/${name} in "${ns}" have no addresses with port name "${portName}"`,
      };
  }
  return { status: "True", reason: "Passed", message: "all checks passed" };
}

export const apiServiceAvailability: Controller = {
  name: "apiservice-availability",
  relevant: (r) =>
    r.key.startsWith("apiregistration.k8s.io/apiservices/") ||
    r.key.startsWith("/services/") ||
    r.key.startsWith("discovery.k8s.io/endpointslices/"),
  reconcile(env) {
    const store = env.api.store;
    const slicesOf = (ns: string, service: string) =>
      cachedList(store, SLICES, ns).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === service) as Slice[];
    let changed = false;
    for (const a of cachedList(store, APISERVICES) as APIService[]) {
      if (!a.spec?.service) continue; // the local APIService controller's
      const want = availability(a, (gr, ns, name) => store.get(gr, ns, name), slicesOf);
      const conditions = a.status?.conditions ?? [];
      const old = conditions.find((c) => c.type === "Available");
      const same = old && old.status === want.status;
      const cond: Condition = {
        lastTransitionTime: same ? old.lastTransitionTime : rfc3339(env.now),
        message: want.message,
        reason: want.reason,
        status: want.status,
        type: "Available",
      };
      const next = structuredClone(a);
      next.status = {
        ...next.status,
        conditions: old ? conditions.map((c) => (c.type === "Available" ? cond : c)) : [...conditions, cond],
      };
      if (putIfChanged(env, APISERVICES, a, next)) changed = true;
    }
    return changed;
  },
};
