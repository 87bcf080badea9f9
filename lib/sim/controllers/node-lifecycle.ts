/**
 * The node lifecycle controller's taint of cordoned nodes (pkg/controller/nodelifecycle,
 * TaintNodesByCondition, v1.32): a node with spec.unschedulable carries
 * node.kubernetes.io/unschedulable:NoSchedule (with its timeAdded), and loses it when uncordoned.
 */
import { rfc3339 } from "../api/meta";
import type { Controller } from "./types";
import { cachedList } from "./informer";

const NODES = { group: "", resource: "nodes" };
const KEY = "node.kubernetes.io/unschedulable";
interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export const nodeLifecycle: Controller = {
  name: "node-lifecycle",
  relevant: (r) => r.key.startsWith("/nodes/"),
  reconcile(env) {
    let changed = false;
    for (const node of cachedList(env.api.store, NODES)) {
      const spec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
      const has = (spec.taints ?? []).some((t) => t.key === KEY && t.effect === "NoSchedule");
      if (!!spec.unschedulable === has) continue;
      const next = structuredClone(node);
      const s = (next.spec ??= {}) as { taints?: Taint[] };
      const taints = (s.taints ?? []).filter((t) => t.key !== KEY);
      if (spec.unschedulable) taints.push({ effect: "NoSchedule", key: KEY, timeAdded: rfc3339(env.now) });
      if (taints.length) s.taints = taints;
      else delete s.taints;
      env.api.store.put(NODES, next);
      changed = true;
    }
    return changed;
  },
};
