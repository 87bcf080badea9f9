/**
 * The control plane node's containers as containerd holds them, derived from the kubelet's view of
 * the pods bound to it (kubelet/kubelet.ts): each container's current run and the one before it
 * (the kubelet keeps the last dead container of each, for `kubectl logs --previous`).
 */
import { storeFor } from "../../api/store";
import type { KObject } from "../../api/types";
import type { Container, ContainerStatus, PodSpec, PodStatus } from "../../kinds/pods/types";
import { fakeDigest, parseImage } from "../../kubelet/images";
import type { ClusterState } from "../../types";

export type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export interface RuntimeContainer {
  id: string;
  podId: string;
  pod: Pod;
  container: Container;
  name: string;
  /** image ID as the kubelet reports it (`sha256:<hex>`) */
  imageId: string;
  state: "Running" | "Exited";
  attempt: number;
  createdAt: number;
  finishedAt?: number;
  exitCode?: number;
}

const PODS = { group: "", resource: "pods" };

/** The pod sandbox's id: containerd's 64 hex digits (not in the API; derived from the pod's uid). */
export const sandboxId = (pod: Pod) => fakeDigest(`${pod.metadata.uid}/sandbox`);

const stripRuntime = (id: string | undefined) => (id ?? "").replace(/^containerd:\/\//, "");

export function nodePods(state: ClusterState): Pod[] {
  const node = state.config.controlPlane.name;
  return storeFor(state)
    .list(PODS)
    .filter((p) => (p as Pod).spec.nodeName === node && (p as Pod).status?.startTime) as Pod[];
}

/** one id per image, as kubelet.ts reports imageID for the containers it starts */
const imageId = (s: ContainerStatus) => `sha256:${fakeDigest(parseImage(s.image ?? "").repository)}`;

export function nodeContainers(state: ClusterState): RuntimeContainer[] {
  const out: RuntimeContainer[] = [];
  for (const pod of nodePods(state)) {
    for (const s of pod.status?.containerStatuses ?? []) {
      const container = pod.spec.containers.find((c) => c.name === s.name);
      if (!container) continue;
      const base = { podId: sandboxId(pod), pod, container, name: s.name, imageId: imageId(s) };
      const run = s.state?.running;
      const ended = s.state?.terminated;
      const last = s.lastState?.terminated;
      const current = run ?? ended;
      if (current && s.containerID) {
        out.push({
          ...base,
          id: stripRuntime(s.containerID),
          state: run ? "Running" : "Exited",
          attempt: s.restartCount ?? 0,
          createdAt: Date.parse(current.startedAt ?? ""),
          ...(ended ? { finishedAt: Date.parse(ended.finishedAt ?? ""), exitCode: ended.exitCode } : {}),
        });
      }
      // while waiting (CrashLoopBackOff) the last run is the container status' own id
      if (last?.containerID && (!current || last.containerID !== s.containerID)) {
        out.push({
          ...base,
          id: stripRuntime(last.containerID),
          state: "Exited",
          attempt: Math.max((s.restartCount ?? 0) - (current ? 1 : 0), 0),
          createdAt: Date.parse(last.startedAt ?? ""),
          finishedAt: Date.parse(last.finishedAt ?? ""),
          exitCode: last.exitCode,
        });
      }
    }
  }
  // crictl sorts by creation time, newest first (cmd/crictl/container.go getContainersList)
  return out.sort((a, b) => b.createdAt - a.createdAt);
}
