/** `kubectl describe node` (describe.go describeNode), rendered from the native Node and its pods. */
import type { Json } from "../model/native";
import type { NodeObject } from "../types";
import { nodeRoles } from "./columns";
import { DescribeWriter, rfc1123z } from "./describe-util";
import { age } from "./duration";
import { formatQuantity, milli } from "./quantity";

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function describeNode(node: NodeObject, native: Json, pods: J[], now: number): string {
  const n = native as J;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node)}\n`);
  w.map("Labels", node.metadata.labels, "=");
  w.map("Annotations", node.metadata.annotations, ": ");
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = node.spec.taints ?? [];
  if (!taints.length) w.write(0, "Taints:\t<none>\n");
  taints.forEach((t, i) => w.write(0, `${i ? "" : "Taints:"}\t${t.key}${t.value ? "=" + t.value : ""}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${node.spec.unschedulable ? "true" : "false"}\n`);
  w.write(0, "Lease:\n");
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, "AcquireTime:\t<unset>\n");
  // the kubelet renews its lease every 10 s
  w.write(1, `RenewTime:\t${rfc1123z(Math.floor(now / 10000) * 10000 - 4000)}\n`);
  w.write(0, "Conditions:\n");
  w.write(1, "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
  w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
  for (const c of n.status.conditions as J[]) {
    // heartbeats are recent on a live node; the transition stays at registration
    const hb = c.type === "NetworkUnavailable" ? c.lastHeartbeatTime : new Date(Math.floor(now / 60000) * 60000 - 60000).toISOString().replace(".000Z", "Z");
    w.write(1, `${c.type}\t${c.status}\t${rfc1123z(Date.parse(hb))}\t${rfc1123z(Date.parse(c.lastTransitionTime))}\t${c.reason}\t${c.message}\n`);
  }
  w.write(0, "Addresses:\n");
  for (const a of n.status.addresses as J[]) w.write(1, `${a.type}:\t${a.address}\n`);
  const res = (title: string, m: Record<string, string>) => {
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(m).sort()) w.write(1, `${k}:\t${m[k]}\n`);
  };
  res("Capacity", node.status.capacity);
  res("Allocatable", node.status.allocatable);
  const info = n.status.nodeInfo as J;
  w.write(0, "System Info:\n");
  w.write(1, `Machine ID:\t${info.machineID}\n`);
  w.write(1, `System UUID:\t${info.systemUUID}\n`);
  w.write(1, `Boot ID:\t${info.bootID}\n`);
  w.write(1, `Kernel Version:\t${info.kernelVersion}\n`);
  w.write(1, `OS Image:\t${info.osImage}\n`);
  w.write(1, `Operating System:\t${info.operatingSystem}\n`);
  w.write(1, `Architecture:\t${info.architecture}\n`);
  w.write(1, `Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
  w.write(1, `Kubelet Version:\t${info.kubeletVersion}\n`);
  w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  w.write(0, `PodCIDRs:\t${node.spec.podCIDR}\n`);

  const alloc = node.status.allocatable;
  const pct = (v: number, of: string) => (milli(of) ? Math.trunc((v / milli(of)) * 100) : 0);
  const cell = (v: number, kind: "cpu" | "memory", of: string) => `${formatQuantity(v, kind)} (${pct(v, of)}%)`;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t------------\t----------\t---------------\t-------------\t---\n");
  const tot = { cr: 0, cl: 0, mr: 0, ml: 0 };
  for (const p of pods) {
    const sum = { cr: 0, cl: 0, mr: 0, ml: 0 };
    for (const c of p.spec.containers as J[]) {
      sum.cr += milli(c.resources?.requests?.cpu ?? "0");
      sum.cl += milli(c.resources?.limits?.cpu ?? "0");
      sum.mr += milli(c.resources?.requests?.memory ?? "0");
      sum.ml += milli(c.resources?.limits?.memory ?? "0");
    }
    tot.cr += sum.cr; tot.cl += sum.cl; tot.mr += sum.mr; tot.ml += sum.ml;
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t${cell(sum.cr, "cpu", alloc.cpu)}\t${cell(sum.cl, "cpu", alloc.cpu)}\t` +
      `${cell(sum.mr, "memory", alloc.memory)}\t${cell(sum.ml, "memory", alloc.memory)}\t${age(Date.parse(p.metadata.creationTimestamp), now)}\n`);
  }
  w.write(0, "Allocated resources:\n");
  w.write(1, "(Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  w.write(1, `cpu\t${cell(tot.cr, "cpu", alloc.cpu)}\t${cell(tot.cl, "cpu", alloc.cpu)}\n`);
  w.write(1, `memory\t${cell(tot.mr, "memory", alloc.memory)}\t${cell(tot.ml, "memory", alloc.memory)}\n`);
  for (const r of ["ephemeral-storage", "hugepages-1Gi", "hugepages-2Mi"]) w.write(1, `${r}\t0 (0%)\t0 (0%)\n`);
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}
