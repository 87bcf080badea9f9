/**
 * core/v1 Node. Table from printers.go printNode (STATUS from the Ready condition, ROLES from the
 * node-role.kubernetes.io/* labels); describer from describe.go describeNode, as kubectl v1.32
 * prints it (Lease, Conditions, Addresses, Capacity, System Info, Non-terminated Pods, Allocated
 * resources, Events).
 */
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { KObject } from "../../api/types";
import { rfc1123z } from "../../printers/describe-util";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { describeEvents } from "../_shared/events";
import { PrefixWriter } from "../_shared/prefix-writer";
import { ageOf } from "../../printers/duration";
import { formatQuantity, milli } from "../../printers/quantity";
import type { DescribeContext, KindDef } from "../types";

export interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Node extends KObject {
  spec?: {
    podCIDR?: string;
    podCIDRs?: string[];
    taints?: { key: string; value?: string; effect: string }[];
    unschedulable?: boolean;
    providerID?: string;
  };
  status?: {
    conditions?: NodeCondition[];
    addresses?: { type: string; address: string }[];
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    nodeInfo?: Record<string, string>;
  };
}

/** printers.go: "Ready", "NotReady", "Unknown", then ",SchedulingDisabled". */
export function nodeStatus(n: Node): string {
  const ready = (n.status?.conditions ?? []).find((c) => c.type === "Ready");
  const status = ready ? [ready.status === "True" ? "Ready" : "NotReady"] : ["Unknown"];
  if (n.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role, sorted. */
export function nodeRoles(n: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const r = k.slice("node-role.kubernetes.io/".length);
      if (r) roles.add(r);
    } else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return [...roles].sort();
}

const address = (n: Node, type: string) => (n.status?.addresses ?? []).find((a) => a.type === type)?.address ?? "<none>";
const orUnknown = (s: string | undefined) => s || "<unknown>";

function describeNode(node: Node, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const info = node.status?.nodeInfo ?? {};
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(",") || "<none>"}\n`);
  printLabelsMultiline(w, "Labels", node.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  // describe.go printTaintsMultilineWithIndent sorts by "effect,key"
  const taintKey = (t: { key: string; effect: string }) => `${t.effect},${t.key}`;
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) => (taintKey(a) < taintKey(b) ? -1 : taintKey(a) > taintKey(b) ? 1 : 0));
  if (!taints.length) w.write(0, "Taints:\t<none>\n");
  taints.forEach((t, i) => w.write(0, `${i ? "" : "Taints:"}\t${t.key}${t.value ? "=" + t.value : ""}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable ? "true" : "false"}\n`);
  const lease = ctx.get({ group: "coordination.k8s.io", resource: "leases" }, "kube-node-lease", node.metadata.name);
  w.write(0, "Lease:\n");
  const ls = (lease?.spec ?? {}) as { holderIdentity?: string; acquireTime?: string; renewTime?: string };
  w.write(1, `HolderIdentity:\t${ls.holderIdentity ?? "<unset>"}\n`);
  w.write(1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : "<unset>"}\n`);
  // the kubelet renews its lease every 10 s; without a stored lease the last renewal is the last 10 s tick
  w.write(1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : rfc1123z(Math.floor(ctx.now / 10000) * 10000 - 4000)}\n`);
  const conds = node.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    // a node whose kubelet stopped posting keeps its last heartbeats (controllers/node-monitor.ts)
    const silent = conds.some((c) => c.type === "Ready" && c.status === "Unknown");
    for (const c of conds) {
      // heartbeats are recent on a live node (the kubelet posts status every minute); NetworkUnavailable is set once by Calico
      const hb =
        c.type === "NetworkUnavailable" || !c.lastHeartbeatTime || silent
          ? (c.lastHeartbeatTime ?? "")
          : new Date(Math.floor(ctx.now / 60000) * 60000 - 60000).toISOString();
      // describe.go: "%v \t%v \t%s \t%s \t%v \t%v\n" (a blank after every cell but the message)
      w.write(
        1,
        `${c.type} \t${c.status} \t${hb ? rfc1123z(hb) : ""} \t${c.lastTransitionTime ? rfc1123z(c.lastTransitionTime) : ""} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const res = (title: string, m: Record<string, string> | undefined) => {
    if (!m || !Object.keys(m).length) return;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(m).sort()) w.write(1, `${k}:\t${m[k]}\n`);
  };
  res("Capacity", node.status?.capacity);
  res("Allocatable", node.status?.allocatable);
  w.write(0, "System Info:\n");
  w.write(1, `Machine ID:\t${info.machineID ?? ""}\n`);
  w.write(1, `System UUID:\t${info.systemUUID ?? ""}\n`);
  w.write(1, `Boot ID:\t${info.bootID ?? ""}\n`);
  w.write(1, `Kernel Version:\t${info.kernelVersion ?? ""}\n`);
  w.write(1, `OS Image:\t${info.osImage ?? ""}\n`);
  w.write(1, `Operating System:\t${info.operatingSystem ?? ""}\n`);
  w.write(1, `Architecture:\t${info.architecture ?? ""}\n`);
  w.write(1, `Container Runtime Version:\t${info.containerRuntimeVersion ?? ""}\n`);
  w.write(1, `Kubelet Version:\t${info.kubeletVersion ?? ""}\n`);
  // kubectl v1.32 still prints the deprecated field, empty since kubelets stopped setting it
  // (describe.go: w.Write(LEVEL_0, "  Kube-Proxy Version:\t%s\n", node.Status.NodeInfo.KubeProxyVersion))
  w.write(1, `Kube-Proxy Version:\t${info.kubeProxyVersion ?? ""}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);

  type Res = { requests?: Record<string, string>; limits?: Record<string, string> };
  const pods = ctx.list({ group: "", resource: "pods" }).filter((p) => {
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    return (p.spec as { nodeName?: string } | undefined)?.nodeName === node.metadata.name && phase !== "Succeeded" && phase !== "Failed";
  });
  const alloc = node.status?.allocatable ?? {};
  const pct = (v: number, of: string | undefined) => (of && milli(of) ? Math.trunc((v / milli(of)) * 100) : 0);
  const cell = (v: number, kind: "cpu" | "memory", of: string | undefined) => `${formatQuantity(v, kind)} (${pct(v, of)}%)`;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  // describeNodeResource: an empty column after Name ("Namespace\tName\t\tCPU Requests...")
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const tot = { cr: 0, cl: 0, mr: 0, ml: 0 };
  for (const p of pods) {
    const sum = { cr: 0, cl: 0, mr: 0, ml: 0 };
    for (const c of (p.spec as { containers?: { resources?: Res }[] }).containers ?? []) {
      sum.cr += milli(c.resources?.requests?.cpu ?? "0");
      sum.cl += milli(c.resources?.limits?.cpu ?? "0");
      sum.mr += milli(c.resources?.requests?.memory ?? "0");
      sum.ml += milli(c.resources?.limits?.memory ?? "0");
    }
    tot.cr += sum.cr;
    tot.cl += sum.cl;
    tot.mr += sum.mr;
    tot.ml += sum.ml;
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell(sum.cr, "cpu", alloc.cpu)}\t${cell(sum.cl, "cpu", alloc.cpu)}\t` +
        `${cell(sum.mr, "memory", alloc.memory)}\t${cell(sum.ml, "memory", alloc.memory)}\t${ageOf(p.metadata.creationTimestamp, ctx.now)}\n`,
    );
  }
  w.write(0, "Allocated resources:\n");
  w.write(1, "(Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  w.write(1, `cpu\t${cell(tot.cr, "cpu", alloc.cpu)}\t${cell(tot.cl, "cpu", alloc.cpu)}\n`);
  w.write(1, `memory\t${cell(tot.mr, "memory", alloc.memory)}\t${cell(tot.ml, "memory", alloc.memory)}\n`);
  for (const r of ["ephemeral-storage", "hugepages-1Gi", "hugepages-2Mi"]) w.write(1, `${r}\t0 (0%)\t0 (0%)\n`);
  // DescribeNode searches the node's events twice, as controllers record them (involvedObject.uid =
  // the node's uid) and as the kubelet does (uid = the node's name), and appends the second list
  if (ctx.showEvents) {
    const byName = { ...node, metadata: { ...node.metadata, uid: node.metadata.name } };
    describeEvents([...ctx.eventsFor(node), ...ctx.eventsFor(byName)], w, ctx.now);
  }
  return w.toString();
}

export const nodes: KindDef<Node> = {
  resource: {
    group: "",
    version: "v1",
    kind: "Node",
    resource: "nodes",
    singular: "node",
    shortNames: ["no"],
    namespaced: false,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    subresources: [
      { name: "proxy", verbs: ["create", "delete", "get", "patch", "update"] },
      { name: "status", verbs: ["get", "patch", "update"] },
    ],
  },
  strategy: { statusSubresource: true },
  table: {
    columns: [
      NAME_COLUMN,
      column("Status", "string", "The status of the node"),
      column("Roles", "string", "The roles of the node"),
      AGE_COLUMN,
      column("Version", "string", "Kubelet Version reported by the node."),
      column(
        "Internal-IP",
        "string",
        "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
        1,
      ),
      column(
        "External-IP",
        "string",
        "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
        1,
      ),
      column("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
      column("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
      column(
        "Container-Runtime",
        "string",
        "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
        1,
      ),
    ],
    rows: (n, ctx) => {
      const info = n.status?.nodeInfo ?? {};
      return [
        [
          n.metadata.name,
          nodeStatus(n),
          nodeRoles(n).join(",") || "<none>",
          ageOf(n.metadata.creationTimestamp, ctx.now),
          info.kubeletVersion ?? "",
          address(n, "InternalIP"),
          address(n, "ExternalIP"),
          orUnknown(info.osImage),
          orUnknown(info.kernelVersion),
          orUnknown(info.containerRuntimeVersion),
        ],
      ];
    },
  },
  describe: describeNode,
  selectableFields: (n) => ({ "spec.unschedulable": String(!!n.spec?.unschedulable) }),
};
