/**
 * What every step of the kubelet's pod worker uses, the container lifecycle (kubelet.ts) and the
 * probe workers (probe-worker.ts) alike: the next step on the cluster's timeline, the kubelet's
 * events, a container's status and the program its image runs.
 */
import { objectKey } from "../api/store";
import { filesUnder } from "../controllers/persistentvolume/volume-data";
import type { KObject } from "../api/types";
import type { Container, ContainerStatus, PodSpec, PodStatus } from "../kinds/pods/types";
import { recordEvent } from "../controllers/recorder";
import type { ControllerEnv } from "../controllers/types";
import { schedule, type TimedEvent } from "../time/timeline";
import { clusterDns } from "./dns";
import { containerEnvironment, type ObjectGetter } from "./env";
import { fakeDigest, type ImageInfo, IMAGES, parseImage } from "./images";
import { setConditions } from "./status";

export const PODS = { group: "", resource: "pods" };

export type Pod = KObject & { spec: PodSpec; status?: PodStatus };

/** uniform in [lo, hi) ms from the cluster's PRNG */
export const jitter = (env: ControllerEnv, lo: number, hi: number) => Math.round(lo + env.random() * (hi - lo));

export function later(env: ControllerEnv, pod: Pod, step: string, ms: number, extra: Partial<TimedEvent> = {}): void {
  schedule(env.state, {
    at: env.now + ms,
    owner: "kubelet",
    key: objectKey(PODS, pod.metadata.namespace, pod.metadata.name),
    uid: pod.metadata.uid,
    step,
    ...extra,
  });
}

const kubeletOf = (pod: Pod) => ({ component: "kubelet", host: pod.spec.nodeName ?? "" });
/** Is `c` one of the pod's init containers (they run to completion, in order, before the others)? */
export const isInit = (pod: Pod, c: Container) => (pod.spec.initContainers ?? []).some((x) => x.name === c.name);
/** The event's object reference into the pod (pkg/kubelet/container/ref.go: spec.initContainers{name} for init containers). */
export const fieldPath = (pod: Pod, c: Container) => `${isInit(pod, c) ? "spec.initContainers" : "spec.containers"}{${c.name}}`;
export const ev = (
  env: ControllerEnv,
  pod: Pod,
  c: Container | undefined,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  occurrences = 1,
) => recordEvent(env, { obj: pod, ...(c ? { fieldPath: fieldPath(pod, c) } : {}) }, type, reason, message, kubeletOf(pod), occurrences);

/** A container's status, init or regular (names are unique across both lists). */
export function containerStatus(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === name);
}

/** The pod's container (init or regular) of that name. */
export function containerNamed(pod: Pod, name: string | undefined): Container | undefined {
  return name === undefined ? undefined : [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((x) => x.name === name);
}

export function updateContainer(env: ControllerEnv, pod: Pod, name: string, f: (s: ContainerStatus) => ContainerStatus): Pod {
  const cur = env.api.store.get(PODS, pod.metadata.namespace, pod.metadata.name) as Pod | undefined;
  if (!cur) return pod;
  const next = structuredClone(cur);
  const map = (list: ContainerStatus[] | undefined) => list?.map((s) => (s.name === name ? f(s) : s));
  const inits = map(next.status?.initContainerStatuses);
  next.status = {
    ...next.status,
    containerStatuses: map(next.status?.containerStatuses) ?? [],
    ...(inits ? { initContainerStatuses: inits } : {}),
  };
  setConditions(next, env.now, {});
  env.api.store.put(PODS, next);
  return next;
}

export function imageOf(c: Container): ImageInfo | undefined {
  return IMAGES.get(parseImage(c.image ?? "").repository);
}

/** Reads ConfigMaps, Secrets and Services as the kubelet's object managers do (from the store). */
export const storeGetter = (env: ControllerEnv): ObjectGetter =>
  Object.assign(
    (resource: Parameters<ObjectGetter>[0], namespace: string, name: string) => env.api.store.get({ group: "", resource }, namespace, name),
    {
      nodeFiles: (node: string, root: string) => filesUnder(env.state, node, root),
    },
  );

/** The program's environment for a run starting now (or at `startedAt`, epoch ms, of a run already going). */
export function programEnv(env: ControllerEnv, c: Container, pod: Pod, startedAt = Math.floor(env.now / 1000) * 1000) {
  const get = storeGetter(env);
  const resolved = containerEnvironment(pod, c, get);
  return resolved.ok
    ? {
        hostname: pod.metadata.name,
        podIP: pod.status?.podIP ?? "",
        env: resolved.env,
        node: { fs: env.fs, now: env.now },
        dns: clusterDns(pod, get),
        startedAt,
      }
    : resolved;
}

/** Is the container that `since` started still the one running? (a restarted one has a new id) */
export const sameRun = (pod: Pod, c: Container, since: number | undefined) =>
  since === undefined ||
  containerStatus(pod, c.name)?.containerID === `containerd://${fakeDigest(`${pod.metadata.uid}/${c.name}/${since}`)}`;
