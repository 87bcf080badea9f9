/**
 * Whether anything listens on the apiserver's port: the control plane's kube-apiserver static pod
 * exists, its container is running (the kubelet's view, kubelet.ts), and that run is one that gets
 * as far as serving. The kubelet decided at the container's start how its run ends: a run due to
 * exit (an apiserver that cannot reach its storage runs for a while but never opens its secure
 * port) has its "exit" on the timed queue. A crashed or removed apiserver refuses connections,
 * which is what kubectl then reports.
 */
import { objectKey, storeFor } from "../api/store";
import type { ContainerStatus } from "../kinds/pods/types";
import type { ClusterState } from "../types";

const PODS = { group: "", resource: "pods" };
const CONTAINER = "kube-apiserver";

/** undefined when the apiserver serves; otherwise why not, in a learner's words. */
export function apiserverDownReason(state: ClusterState): string | undefined {
  const name = `kube-apiserver-${state.config.controlPlane.name}`;
  const pod = storeFor(state).get(PODS, "kube-system", name);
  if (!pod || pod.metadata.deletionTimestamp) return "there is no kube-apiserver pod: the kubelet found no valid manifest for it";
  const statuses = (pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? [];
  const status = statuses.find((s) => s.name === CONTAINER);
  if (!status?.state?.running) {
    const why = status?.state?.waiting?.reason ?? (status?.state?.terminated ? "Error" : "not started");
    return `the kube-apiserver container is not running (${why})`;
  }
  const key = objectKey(PODS, "kube-system", name);
  const exits = state.timeline?.events.some(
    (e) => e.owner === "kubelet" && e.key === key && e.uid === pod.metadata.uid && e.step === "exit" && e.container === CONTAINER,
  );
  return exits ? "the kube-apiserver container runs but exits before it serves (it keeps restarting)" : undefined;
}

export const apiserverListening = (state: ClusterState): boolean => apiserverDownReason(state) === undefined;
