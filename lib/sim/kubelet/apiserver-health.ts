/**
 * Whether anything listens on the apiserver's port: the control plane's kube-apiserver static pod
 * exists and its container is running (the kubelet's view, kubelet.ts; a crashed or removed
 * apiserver refuses connections, which is what kubectl then reports).
 */
import { storeFor } from "../api/store";
import type { ContainerStatus } from "../kinds/pods/types";
import type { ClusterState } from "../types";

const PODS = { group: "", resource: "pods" };

export function apiserverListening(state: ClusterState): boolean {
  const node = state.config.controlPlane.name;
  const pod = storeFor(state).get(PODS, "kube-system", `kube-apiserver-${node}`);
  if (!pod || pod.metadata.deletionTimestamp) return false;
  const statuses = (pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? [];
  return statuses.some((s) => s.name === "kube-apiserver" && !!s.state?.running);
}
