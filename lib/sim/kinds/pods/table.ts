/** printers.go printPod: READY, STATUS (phase, reason, init and container states, Terminating), RESTARTS with "(X ago)". */
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { TableCell } from "../../api/types";
import { ageOf, humanDuration } from "../../printers/duration";
import type { PrintContext, TableDef } from "../types";
import type { ContainerStatus, Pod } from "./types";

function terminatedReason(t: NonNullable<ContainerStatus["state"]>["terminated"], prefix = ""): string {
  if (!t) return "";
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

export function podRow(pod: Pod, ctx: PrintContext): TableCell[] {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let lastRestart = 0;
  let ready = 0;
  let reason: string = status.reason || status.phase || "";
  for (const c of status.conditions ?? []) if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  let initializing = false;
  const inits = spec.initContainers ?? [];
  (status.initContainerStatuses ?? []).some((c, i) => {
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
    const st = c.state ?? {};
    if (st.terminated && (st.terminated.exitCode ?? 0) === 0) return false;
    if (st.terminated) reason = terminatedReason(st.terminated, "Init:");
    else if (st.waiting?.reason && st.waiting.reason !== "PodInitializing") reason = `Init:${st.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    return true;
  });
  const initialized = (status.conditions ?? []).some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initialized) {
    restarts = 0;
    lastRestart = 0;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      const finished = c.lastState?.terminated?.finishedAt;
      if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated) reason = terminatedReason(st.terminated);
      else if (c.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning)
      reason = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True") ? "Running" : "NotReady";
  }
  const terminal = status.phase === "Succeeded" || status.phase === "Failed";
  if (pod.metadata.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && !terminal) reason = "Terminating";
  const restartsCell = restarts !== 0 && lastRestart ? `${restarts} (${humanDuration(ctx.now - lastRestart)} ago)` : String(restarts);
  const gates = spec.readinessGates ?? [];
  const gatesCell = gates.length
    ? `${gates.filter((g) => (status.conditions ?? []).find((c) => c.type === g.conditionType)?.status === "True").length}/${gates.length}`
    : "<none>";
  return [
    pod.metadata.name,
    `${ready}/${spec.containers.length}`,
    reason,
    restartsCell,
    ageOf(pod.metadata.creationTimestamp, ctx.now),
    status.podIPs?.[0]?.ip || "<none>",
    spec.nodeName || "<none>",
    status.nominatedNodeName || "<none>",
    gatesCell,
  ];
}

export const podTable: TableDef<Pod> = {
  columns: [
    NAME_COLUMN,
    column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    column("Status", "string", "The aggregate status of the containers in this pod."),
    column(
      "Restarts",
      "string",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE_COLUMN,
    column("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
    column("Node", "string", "NodeName indicates in which node this pod is scheduled.", 1),
    column(
      "Nominated Node",
      "string",
      "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
      1,
    ),
    column(
      "Readiness Gates",
      "string",
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
      1,
    ),
  ],
  rows: (pod, ctx) => [podRow(pod, ctx)],
};
