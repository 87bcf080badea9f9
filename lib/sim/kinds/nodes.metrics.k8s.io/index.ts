/**
 * metrics.k8s.io/v1beta1 nodes (NodeMetrics): served by metrics-server through the aggregator,
 * read-only (get, list), computed when read (metrics/server.ts) from the simulated usage. Discovery:
 * metrics-server pkg/api/install.go (nodes, cluster-scoped, kind NodeMetrics, verbs get/list; the
 * watch it registers is not listed as a verb by discovery here either). Table: metrics-server
 * pkg/api/table.go addNodeMetricsToTable (Name, then the usage's resource names sorted, cpu and
 * memory, as quantities, then Window).
 */
import type { KObject } from "../../api/types";
import { METRICS_APISERVICE } from "../../cluster/bootstrap/metrics-server";
import { metricsObjects } from "../../metrics/server";
import { resourceInfo } from "../_shared/discovery";
import { column, nameColumn } from "../_shared/table";
import type { KindDef, TableDef } from "../types";

export type NodeMetrics = KObject & { timestamp?: string; window?: string; usage?: Record<string, string> };

/** pkg/api/table.go: Name, cpu, memory (format "quantity"), Window (format "duration") */
export function metricsTable<T extends KObject>(usage: (o: T) => Record<string, string>, window: (o: T) => string): TableDef<T> {
  return {
    columns: [
      nameColumn(),
      column("cpu", "string", "", 0, "quantity"),
      column("memory", "string", "", 0, "quantity"),
      column("Window", "string", "", 0, "duration"),
    ],
    rows: (o) => {
      const u = usage(o);
      return [[o.metadata.name, u.cpu ?? "0", u.memory ?? "0", window(o)]];
    },
  };
}

export const nodeMetrics: KindDef<NodeMetrics> = {
  resource: resourceInfo("metrics.k8s.io/v1beta1", "NodeMetrics", "nodes", false, { verbs: ["get", "list"] }),
  aggregatedBy: METRICS_APISERVICE,
  computed: (objects, now) => metricsObjects(objects, now, "nodes"),
  table: metricsTable<NodeMetrics>(
    (n) => n.usage ?? {},
    (n) => n.window ?? "",
  ),
};
