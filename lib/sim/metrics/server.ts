/**
 * What metrics-server v0.7.2 answers on metrics.k8s.io/v1beta1 at a moment, computed when read.
 * Its scrape loop (pkg/server/server.go RunUntil) ticks when its container starts and every
 * --metric-resolution (15s) after; its storage (pkg/storage/node.go, pod.go) keeps the last two
 * points of each node and container and serves a usage only when it has both, so a node's metrics
 * appear after the second scrape, a container's once it has run 10s (freshContainerMinMetricsResolution)
 * before a scrape. The aggregator routes the group to the pod only while the APIService
 * v1beta1.metrics.k8s.io is Available (controllers/apiservice-availability.ts); otherwise the
 * request fails with 503 (without the APIService the group is not served at all: api/server.ts).
 * NodeMetrics and PodMetrics carry the node's or pod's labels and a creationTimestamp of now
 * (storage GetMetrics), the scrape's timestamp and the window between the two points.
 */
import { rfc3339 } from "../api/meta";
import type { ObjectReader } from "../kinds/types";
import type { KObject, Status } from "../api/types";
import type { Pod } from "../kinds/pods/types";
import { METRICS_APISERVICE, METRIC_RESOLUTION_MS, METRICS_SERVER_NAME } from "../cluster/bootstrap/metrics-server";
import { fromInt, milliValue, parseQuantity, quantityString } from "../kinds/_shared/quantity";
import { NODE_OVERHEAD, podUsage, shareNodeCpu, type Usage } from "./usage";

const PODS = { group: "", resource: "pods" };
const NODES = { group: "", resource: "nodes" };
const APISERVICES = { group: "apiregistration.k8s.io", resource: "apiservices" };
/** pkg/storage/pod.go freshContainerMinMetricsResolution */
const FRESH_CONTAINER_MIN_MS = 10_000;

export type MetricsResource = "nodes" | "pods";

/** client-go's message for a 503 without a Status body (the aggregator's proxy answers "service unavailable") */
function unavailable(resource: MetricsResource, name?: string): Status {
  return {
    apiVersion: "v1",
    kind: "Status",
    metadata: {},
    status: "Failure",
    message: `the server is currently unable to handle the request (get ${resource}.metrics.k8s.io${name ? ` ${name}` : ""})`,
    reason: "ServiceUnavailable",
    details: {
      group: "metrics.k8s.io",
      kind: resource,
      ...(name ? { name } : {}),
      causes: [{ reason: "UnexpectedServerResponse", message: "service unavailable" }],
    },
    code: 503,
  };
}

const startedAt = (p: Pod, container: string): number | undefined => {
  const s = (p.status?.containerStatuses ?? []).find((c) => c.name === container)?.state?.running?.startedAt;
  return s ? Date.parse(s) : undefined;
};

/** The last scrape at or before `now` of the running metrics-server, and whether its storage is ready (two scrapes). */
export function lastScrape(objects: ObjectReader, now: number): { at: number; ready: boolean } | undefined {
  const pods = (objects.list(PODS, "kube-system") as Pod[]).filter(
    (p) => p.metadata.labels?.["k8s-app"] === METRICS_SERVER_NAME && p.status?.phase === "Running" && !p.metadata.deletionTimestamp,
  );
  let best: { at: number; ready: boolean } | undefined;
  for (const p of pods) {
    const start = startedAt(p, METRICS_SERVER_NAME);
    if (start === undefined || start > now) continue;
    const at = start + Math.floor((now - start) / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
    const s = { at, ready: at - start >= METRIC_RESOLUTION_MS };
    if (!best || s.at > best.at) best = s;
  }
  return best;
}

const nodeReady = (n: KObject) =>
  ((n.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? []).some(
    (c) => c.type === "Ready" && c.status === "True",
  );

const cpuQuantity = (nanocores: number) => quantityString({ mant: BigInt(nanocores), scale: -9, format: "DecimalSI" });
const memoryQuantity = (bytes: number) => quantityString(fromInt(bytes, "BinarySI"));
const usageOf = (u: Usage) => ({ cpu: cpuQuantity(u.cpu), memory: memoryQuantity(u.memory) });
const windowOf = (ms: number) => `${ms / 1000}s`;

/** Pods that run on a node, with each container's usage at the scrape, and the earliest start among them. */
function podPoints(
  objects: ObjectReader,
  scrape: number,
  namespace?: string,
): { pod: Pod; containers: { name: string; usage: Usage }[]; window: number }[] {
  const readyNodes = new Set(
    objects
      .list(NODES)
      .filter(nodeReady)
      .map((n) => n.metadata.name),
  );
  const out: { pod: Pod; containers: { name: string; usage: Usage }[]; window: number }[] = [];
  for (const pod of objects.list(PODS) as Pod[]) {
    if (pod.status?.phase !== "Running" || !readyNodes.has(pod.spec?.nodeName ?? "")) continue;
    let window = METRIC_RESOLUTION_MS;
    let all = true;
    for (const c of pod.spec?.containers ?? []) {
      const start = startedAt(pod, c.name);
      // a container has a previous point if it ran at the scrape before, or is fresh (10s-15s old)
      if (start === undefined || scrape - start < FRESH_CONTAINER_MIN_MS) {
        all = false;
        break;
      }
      window = Math.min(window, scrape - start);
    }
    if (all && pod.spec?.containers?.length) out.push({ pod, containers: podUsage(pod), window });
  }
  // a node's CPUs are shared among all its pods, whichever namespace was asked for
  for (const node of objects.list(NODES)) {
    const on = out.filter((p) => p.pod.spec?.nodeName === node.metadata.name);
    // podUsage lists a pod's containers in the pod's order
    const specs = on.flatMap((p) => (p.pod.spec?.containers ?? []).map((spec, i) => ({ spec, usage: p.containers[i].usage })));
    shareNodeCpu(specs, nodeCpuCapacity(node), NODE_OVERHEAD[isControlPlaneNode(node) ? "controlPlane" : "worker"].cpu);
  }
  return namespace === undefined ? out : out.filter((p) => p.pod.metadata.namespace === namespace);
}

const isControlPlaneNode = (n: KObject) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined;

/** The node's CPU capacity in nanocores. */
function nodeCpuCapacity(n: KObject): number {
  const raw = (n.status as { capacity?: { cpu?: string } } | undefined)?.capacity?.cpu;
  const q = raw === undefined ? undefined : parseQuantity(raw);
  return q === undefined || "error" in q ? Number.MAX_SAFE_INTEGER : Number(milliValue(q)) * 1_000_000;
}

/** The NodeMetrics or PodMetrics metrics-server serves at `now` (all of them; the request path applies selectors), or the failure. */
export function metricsObjects(objects: ObjectReader, now: number, resource: MetricsResource, namespace?: string): KObject[] | Status {
  const apiService = objects.get(APISERVICES, undefined, METRICS_APISERVICE);
  const conditions = ((apiService?.status ?? {}) as { conditions?: { type?: string; status?: string }[] }).conditions ?? [];
  if (!conditions.some((c) => c.type === "Available" && c.status === "True")) return unavailable(resource);
  const scrape = lastScrape(objects, now);
  if (!scrape?.ready) return [];
  const meta = (o: KObject) => ({
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    creationTimestamp: rfc3339(now),
    ...(o.metadata.labels ? { labels: { ...o.metadata.labels } } : {}),
  });
  if (resource === "pods") {
    return podPoints(objects, scrape.at, namespace).map(({ pod, containers, window }) => ({
      apiVersion: "metrics.k8s.io/v1beta1",
      kind: "PodMetrics",
      metadata: meta(pod) as KObject["metadata"],
      timestamp: rfc3339(scrape.at),
      window: windowOf(window),
      containers: containers.map((c) => ({ name: c.name, usage: usageOf(c.usage) })),
    }));
  }
  const points = podPoints(objects, scrape.at);
  const nodes = objects
    .list(NODES)
    .filter((n) => nodeReady(n) && Date.parse(n.metadata.creationTimestamp) <= scrape.at - METRIC_RESOLUTION_MS);
  return nodes.map((n) => {
    const total = { ...NODE_OVERHEAD[isControlPlaneNode(n) ? "controlPlane" : "worker"] };
    for (const p of points)
      if (p.pod.spec?.nodeName === n.metadata.name)
        for (const c of p.containers) {
          total.cpu += c.usage.cpu;
          total.memory += c.usage.memory;
        }
    return {
      apiVersion: "metrics.k8s.io/v1beta1",
      kind: "NodeMetrics",
      metadata: meta(n) as KObject["metadata"],
      timestamp: rfc3339(scrape.at),
      window: windowOf(METRIC_RESOLUTION_MS),
      usage: usageOf(total),
    };
  });
}
