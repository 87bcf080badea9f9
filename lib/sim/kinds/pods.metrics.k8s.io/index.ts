/**
 * metrics.k8s.io/v1beta1 pods (PodMetrics): served by metrics-server through the aggregator,
 * read-only (get, list), computed when read (metrics/server.ts). Discovery: metrics-server
 * pkg/api/install.go (pods, namespaced, kind PodMetrics, verbs get/list). Table: pkg/api/table.go
 * addPodMetricsToTable (the containers' usages summed per resource).
 */
import type { KObject } from "../../api/types";
import { add, parseQuantity, quantityString, type Quantity } from "../_shared/quantity";
import { METRICS_APISERVICE } from "../../cluster/bootstrap/metrics-server";
import { metricsObjects } from "../../metrics/server";
import { resourceInfo } from "../_shared/discovery";
import type { KindDef } from "../types";
import { metricsTable } from "../nodes.metrics.k8s.io";

export type PodMetrics = KObject & {
  timestamp?: string;
  window?: string;
  containers?: { name: string; usage?: Record<string, string> }[];
};

function summed(p: PodMetrics): Record<string, string> {
  const total: Record<string, Quantity> = {};
  for (const c of p.containers ?? [])
    for (const [k, v] of Object.entries(c.usage ?? {})) {
      const q = parseQuantity(v);
      if ("error" in q) continue;
      total[k] = total[k] ? add(total[k], q) : q;
    }
  return Object.fromEntries(Object.entries(total).map(([k, q]) => [k, quantityString(q)]));
}

export const podMetrics: KindDef<PodMetrics> = {
  resource: resourceInfo("metrics.k8s.io/v1beta1", "PodMetrics", "pods", true, { verbs: ["get", "list"] }),
  aggregatedBy: METRICS_APISERVICE,
  computed: (objects, now, namespace) => metricsObjects(objects, now, "pods", namespace),
  table: metricsTable<PodMetrics>(summed, (p) => p.window ?? ""),
};
