/**
 * Per-kind table columns and row functions, after kubernetes pkg/printers/internalversion/
 * printers.go (`wide: true` is its `Priority: 1`). Rows are computed from the stored objects;
 * the printer adds NAMESPACE and LABELS.
 */
import type { CsrObject, NamespaceObject, NodeObject, PodObject, ServiceObject } from "../types";
import { age, humanDuration } from "./duration";

export interface Column {
  name: string;
  wide?: boolean;
}

export interface KindPrinter<T> {
  columns: Column[];
  row(obj: T, now: number): string[];
}

const c = (name: string, wide = false): Column => (wide ? { name, wide } : { name });

export const nodePrinter: KindPrinter<NodeObject> = {
  columns: [c("NAME"), c("STATUS"), c("ROLES"), c("AGE"), c("VERSION"), c("INTERNAL-IP", true), c("EXTERNAL-IP", true), c("OS-IMAGE", true), c("KERNEL-VERSION", true), c("CONTAINER-RUNTIME", true)],
  row(n, now) {
    return [n.metadata.name, nodeStatus(n), nodeRoles(n), age(n.metadata.creationTimestamp, now), n.status.kubeletVersion,
      n.status.internalIP || "<none>", "<none>", n.status.osImage, n.status.kernelVersion, n.status.containerRuntimeVersion];
  },
};

export function nodeStatus(n: NodeObject): string {
  const s = n.status.ready === "True" ? "Ready" : n.status.ready === "False" ? "NotReady" : "Unknown";
  return n.spec.unschedulable ? `${s},SchedulingDisabled` : s;
}

/** ROLES: node-role.kubernetes.io/<role> labels (and the legacy kubernetes.io/role), sorted. */
export function nodeRoles(n: NodeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const r = k.slice("node-role.kubernetes.io/".length);
      if (r) roles.add(r);
    } else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}

export const podPrinter: KindPrinter<PodObject> = {
  columns: [c("NAME"), c("READY"), c("STATUS"), c("RESTARTS"), c("AGE"), c("IP", true), c("NODE", true), c("NOMINATED NODE", true), c("READINESS GATES", true)],
  row(p, now) {
    const total = p.spec.containers.length;
    const ready = p.status.ready ? total : 0;
    const restarts = p.status.lastTerminationTime !== undefined
      ? `${p.status.restartCount} (${humanDuration(now - Math.floor(p.status.lastTerminationTime / 1000) * 1000)} ago)`
      : String(p.status.restartCount);
    const status = p.status.phase === "Succeeded" ? "Completed" : p.status.phase === "Pending" ? "ContainerCreating" : p.status.phase;
    return [p.metadata.name, `${ready}/${total}`, status, restarts, age(p.metadata.creationTimestamp, now),
      p.status.podIP || "<none>", p.spec.nodeName || "<none>", "<none>", "<none>"];
  },
};

export const namespacePrinter: KindPrinter<NamespaceObject> = {
  columns: [c("NAME"), c("STATUS"), c("AGE")],
  row: (ns, now) => [ns.metadata.name, ns.status.phase, age(ns.metadata.creationTimestamp, now)],
};

export const servicePrinter: KindPrinter<ServiceObject> = {
  columns: [c("NAME"), c("TYPE"), c("CLUSTER-IP"), c("EXTERNAL-IP"), c("PORT(S)"), c("AGE"), c("SELECTOR", true)],
  row(s, now) {
    const ports = s.spec.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(",");
    const ext = s.spec.type === "LoadBalancer" ? "<pending>" : "<none>";
    const sel = s.spec.selector && Object.keys(s.spec.selector).length
      ? Object.keys(s.spec.selector).sort().map((k) => `${k}=${s.spec.selector![k]}`).join(",")
      : "<none>";
    return [s.metadata.name, s.spec.type, s.spec.clusterIP || "<none>", ext, ports || "<none>", age(s.metadata.creationTimestamp, now), sel];
  },
};

export const csrPrinter: KindPrinter<CsrObject> = {
  columns: [c("NAME"), c("AGE"), c("SIGNERNAME"), c("REQUESTOR"), c("REQUESTEDDURATION"), c("CONDITION")],
  row(r, now) {
    const dur = r.spec.expirationSeconds !== undefined ? humanDuration(r.spec.expirationSeconds * 1000) : "<none>";
    return [r.metadata.name, age(r.metadata.creationTimestamp, now), r.spec.signerName || "<none>", r.spec.username, dur, csrCondition(r)];
  },
};

/** printers.go extractCSRStatus: Approved/Denied/Pending, then Failed, then Issued. */
export function csrCondition(r: CsrObject): string {
  let approved = false, denied = false, failed = false;
  for (const k of r.status.conditions) {
    if (k.type === "Approved") approved = true;
    else if (k.type === "Denied") denied = true;
    else if (k.type === "Failed") failed = true;
  }
  let s = denied ? "Denied" : approved ? "Approved" : "Pending";
  if (failed) s += ",Failed";
  if (r.status.certificate) s += ",Issued";
  return s;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PRINTERS: Record<string, KindPrinter<any>> = {
  nodes: nodePrinter,
  pods: podPrinter,
  namespaces: namespacePrinter,
  services: servicePrinter,
  csrs: csrPrinter,
};
