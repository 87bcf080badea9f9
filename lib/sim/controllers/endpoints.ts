/**
 * The endpoints and endpointslice controllers (pkg/controller/endpoint/endpoints_controller.go and
 * pkg/controller/endpointslice, v1.32): for each Service with a selector, the selected pods with an
 * IP become addresses (ready ones) or notReadyAddresses, with the service's ports resolved to the
 * pods' container ports (a named targetPort looks the name up in the pod), in one Endpoints object
 * named after the Service and one EndpointSlice `<service>-<suffix>` owned by it. Objects are only
 * rewritten when their content changes (the comparison ignores order, so the fresh cluster's
 * kube-dns objects stay as bootstrap wrote them).
 */
import { cachedList } from "./informer";
import { randomSuffix, rfc3339 } from "../api/meta";
import { labelSelectorRequirements, labelsMatch } from "../api/selectors";
import type { KObject } from "../api/types";
import type { PodSpec, PodStatus } from "../kinds/pods/types";
import type { Controller, ControllerEnv } from "./types";
import { canonicalJson, createAsSystem, isReady, ownerReference } from "./workload-util";

const SERVICES = { group: "", resource: "services" };
const ENDPOINTS = { group: "", resource: "endpoints" };
const SLICES = { group: "discovery.k8s.io", resource: "endpointslices" };
const PODS = { group: "", resource: "pods" };

type Pod = KObject & { spec: PodSpec; status?: PodStatus };
interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}
interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  type?: string;
  publishNotReadyAddresses?: boolean;
}

function targetPort(sp: ServicePort, pod: Pod): number | undefined {
  const t = sp.targetPort ?? sp.port;
  if (typeof t === "number") return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod.spec.containers)
    for (const p of c.ports ?? []) if (p.name === t && (p.protocol ?? "TCP") === (sp.protocol ?? "TCP")) return p.containerPort;
  return undefined;
}

const sortedBy = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

function sameContent(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v)
      ? sortedBy(v.map(norm), canonicalJson)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]))
        : v;
  return canonicalJson(norm(a)) === canonicalJson(norm(b));
}

function syncService(env: ControllerEnv, svc: KObject): boolean {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  if (!spec.selector || spec.type === "ExternalName") return false;
  const ns = svc.metadata.namespace;
  const reqs = labelSelectorRequirements({ matchLabels: spec.selector });
  const pods = (cachedList(env.api.store, PODS, ns) as Pod[]).filter(
    (p) =>
      labelsMatch(reqs, p.metadata.labels) &&
      p.status?.podIP &&
      !p.metadata.deletionTimestamp &&
      p.status.phase !== "Succeeded" &&
      p.status.phase !== "Failed",
  );
  const ports = spec.ports ?? [];
  const ref = (p: Pod) => ({ kind: "Pod", name: p.metadata.name, namespace: ns, uid: p.metadata.uid });
  const ready = (p: Pod) => isReady(p) || !!spec.publishNotReadyAddresses;
  const portsFor = (p: Pod) =>
    ports.flatMap((sp) => {
      const n = targetPort(sp, p);
      return n === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port: n, protocol: sp.protocol ?? "TCP" }];
    });
  const first = pods[0];
  const epPorts = first ? portsFor(first) : [];
  const addr = (p: Pod) => ({ ip: p.status?.podIP ?? "", nodeName: p.spec.nodeName ?? "", targetRef: ref(p) });
  const readyAddrs = sortedBy(pods.filter(ready).map(addr), (a) => a.ip);
  const notReady = sortedBy(pods.filter((p) => !ready(p)).map(addr), (a) => a.ip);
  const subsets =
    pods.length && epPorts.length
      ? [
          {
            ...(readyAddrs.length ? { addresses: readyAddrs } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady } : {}),
            ports: epPorts,
          },
        ]
      : [];
  const labels = { ...(svc.metadata.labels ?? {}), ...(spec.clusterIP === "None" ? { "service.kubernetes.io/headless": "" } : {}) };
  const trigger = { "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(env.now) };
  let changed = false;
  const ep = env.api.store.get(ENDPOINTS, ns, svc.metadata.name);
  if (!ep) {
    createAsSystem(env, ENDPOINTS, {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name: svc.metadata.name,
        namespace: ns,
        uid: "",
        resourceVersion: "",
        creationTimestamp: "",
        labels,
        annotations: trigger,
      },
      ...(subsets.length ? { subsets } : {}),
    });
    changed = true;
  } else if (!sameContent(ep.subsets ?? [], subsets)) {
    const next = structuredClone(ep);
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    next.metadata.annotations = { ...next.metadata.annotations, ...trigger };
    env.api.store.put(ENDPOINTS, next);
    changed = true;
  }
  const endpoints = sortedBy(pods, (p) => p.status?.podIP ?? "").map((p) => ({
    addresses: [p.status?.podIP ?? ""],
    conditions: { ready: ready(p), serving: isReady(p), terminating: false },
    nodeName: p.spec.nodeName ?? "",
    targetRef: ref(p),
  }));
  // discovery/v1 EndpointPort.name is a pointer the controller always sets ("" for an unnamed port); describe dereferences it
  const slicePorts = (
    first
      ? portsFor(first)
      : ports.map((sp) => ({
          name: sp.name,
          port: typeof sp.targetPort === "number" ? sp.targetPort : sp.port,
          protocol: sp.protocol ?? "TCP",
        }))
  ).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol }));
  const slice = cachedList(env.api.store, SLICES, ns).find(
    (s) =>
      s.metadata.labels?.["kubernetes.io/service-name"] === svc.metadata.name &&
      s.metadata.labels?.["endpointslice.kubernetes.io/managed-by"] === "endpointslice-controller.k8s.io",
  );
  if (!slice) {
    createAsSystem(env, SLICES, {
      addressType: "IPv4",
      apiVersion: "discovery.k8s.io/v1",
      endpoints,
      kind: "EndpointSlice",
      metadata: {
        name: `${svc.metadata.name}-${randomSuffix(env.random)}`,
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        uid: "",
        resourceVersion: "",
        creationTimestamp: "",
        generation: 1,
        labels: {
          ...labels,
          "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
          "kubernetes.io/service-name": svc.metadata.name,
        },
        annotations: trigger,
        ownerReferences: [ownerReference(svc)],
      },
      ports: slicePorts,
    });
    changed = true;
  } else if (!sameContent(slice.endpoints ?? [], endpoints) || !sameContent(slice.ports ?? [], slicePorts)) {
    const next = structuredClone(slice);
    next.endpoints = endpoints;
    next.ports = slicePorts;
    next.metadata.generation = (next.metadata.generation ?? 1) + 1;
    next.metadata.annotations = { ...next.metadata.annotations, ...trigger };
    env.api.store.put(SLICES, next);
    changed = true;
  }
  return changed;
}

export const endpointsController: Controller = {
  name: "endpoints",
  relevant: (r) => r.key.startsWith("/services/") || r.key.startsWith("/pods/"),
  reconcile(env, changes) {
    let changed = false;
    const namespaces = changes ? [...new Set(changes.map((r) => r.object.metadata.namespace ?? ""))] : [undefined];
    for (const ns of namespaces)
      for (const svc of cachedList(env.api.store, SERVICES, ns))
        if (!svc.metadata.deletionTimestamp && syncService(env, svc)) changed = true;
    return changed;
  },
};
