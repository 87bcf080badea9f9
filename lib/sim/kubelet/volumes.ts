/**
 * The files a pod's volumes put in a container (pkg/volume/configmap, secret, downwardapi,
 * projected, emptydir; the atomic writer's visible names, without its ..data symlinks): each key
 * of a ConfigMap or a decoded Secret is a file under the mount path (or only `items`, at their
 * paths), downwardAPI items are the pod's fields, emptyDir is an empty directory, and hostPath and
 * persistentVolumeClaim volumes (bound to a hostPath or local volume) show the directory of the
 * pod's node as the cluster keeps it (controllers/persistentvolume/volume-data.ts). A volume whose
 * object is missing fails to mount with the kubelet's FailedMount text, and the pod waits.
 */
import type { KObject } from "../api/types";
import type { Container, PodSpec, PodStatus } from "../kinds/pods/types";
import { type ObjectGetter, notFound, objectData, podFieldValue } from "./env";
import { fakeDigest } from "./images";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

interface Item {
  key?: string;
  path: string;
  fieldRef?: { fieldPath?: string };
}
interface ObjectSource {
  name?: string;
  items?: Item[];
  optional?: boolean;
}
interface Volume {
  name: string;
  configMap?: ObjectSource;
  secret?: ObjectSource & { secretName?: string };
  emptyDir?: unknown;
  hostPath?: { path?: string };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  downwardAPI?: { items?: Item[] };
  projected?: {
    sources?: {
      configMap?: ObjectSource;
      secret?: ObjectSource;
      downwardAPI?: { items?: Item[] };
      serviceAccountToken?: { path: string };
    }[];
  };
}

/** A volume's contents: file paths relative to the volume's root. */
type VolumeFiles = { ok: true; files: Record<string, string> } | { ok: false; error: string };

function fromObject(pod: Pod, kind: "configmap" | "secret", src: ObjectSource, get: ObjectGetter): VolumeFiles {
  const ns = pod.metadata.namespace ?? "default";
  const obj = get(kind === "configmap" ? "configmaps" : "secrets", ns, src.name ?? "");
  if (!obj) return src.optional ? { ok: true, files: {} } : { ok: false, error: notFound(kind, src.name ?? "") };
  const data = objectData(kind, obj);
  if (!src.items?.length) return { ok: true, files: data };
  const files: Record<string, string> = {};
  for (const it of src.items) {
    const key = it.key ?? "";
    if (!Object.prototype.hasOwnProperty.call(data, key)) {
      if (src.optional) continue;
      // pkg/volume/configmap/configmap.go MakePayload: "configmap references non-existent config key: %v"
      return { ok: false, error: `${kind} references non-existent ${kind === "configmap" ? "config" : "secret"} key: ${key}` };
    }
    files[it.path] = data[key];
  }
  return { ok: true, files };
}

function fromDownward(pod: Pod, items: Item[] | undefined): VolumeFiles {
  const files: Record<string, string> = {};
  for (const it of items ?? []) if (it.fieldRef) files[it.path] = podFieldValue(pod, it.fieldRef.fieldPath ?? "") ?? "";
  return { ok: true, files };
}

/** A bound token's look (header.claims.signature); the simulated apiserver never checks it from inside a pod. */
function podToken(pod: Pod): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const claims = {
    aud: ["https://kubernetes.default.svc.cluster.local"],
    iss: "https://kubernetes.default.svc.cluster.local",
    sub: `system:serviceaccount:${pod.metadata.namespace ?? "default"}:${pod.spec.serviceAccountName ?? "default"}`,
  };
  return `${b64({ alg: "RS256" })}.${b64(claims)}.${Buffer.from(fakeDigest(pod.metadata.uid ?? ""), "hex").toString("base64url")}`;
}

/** A directory on a node: where a hostPath or persistent volume's files are kept. */
export interface HostDir {
  node: string;
  root: string;
}

/**
 * The node directory behind a hostPath volume or a claim bound to a hostPath or local volume;
 * undefined for other volumes (and for claims on other volume types, which mount empty).
 */
export function hostDirOf(pod: Pod, v: Volume, get: ObjectGetter): HostDir | { error: string } | undefined {
  const node = pod.spec.nodeName ?? "";
  if (v.hostPath?.path) return { node, root: v.hostPath.path.replace(/\/+$/, "") || "/" };
  const claimName = v.persistentVolumeClaim?.claimName;
  if (claimName === undefined) return undefined;
  const pvc = get("persistentvolumeclaims", pod.metadata.namespace ?? "default", claimName);
  // pkg/kubelet/volumemanager/populator desired_state_of_world_populator.go getPVCExtractPV
  if (!pvc)
    return {
      error: `error processing PVC ${pod.metadata.namespace ?? "default"}/${claimName}: failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`,
    };
  const volumeName = (pvc.spec as { volumeName?: string } | undefined)?.volumeName ?? "";
  const pv = volumeName ? get("persistentvolumes", "", volumeName) : undefined;
  if (!pv) return { error: `error processing PVC ${pod.metadata.namespace ?? "default"}/${claimName}: PVC is not bound` };
  const spec = pv.spec as { hostPath?: { path?: string }; local?: { path?: string } } | undefined;
  const path = spec?.hostPath?.path ?? spec?.local?.path;
  return path ? { node, root: path.replace(/\/+$/, "") || "/" } : undefined;
}

export function volumeFiles(pod: Pod, v: Volume, get: ObjectGetter): VolumeFiles {
  const host = hostDirOf(pod, v, get);
  if (host && "error" in host) return { ok: false, error: host.error };
  if (host) return { ok: true, files: get.nodeFiles?.(host.node, host.root) ?? {} };
  if (v.configMap) return fromObject(pod, "configmap", v.configMap, get);
  if (v.secret) return fromObject(pod, "secret", { ...v.secret, name: v.secret.secretName ?? v.secret.name }, get);
  if (v.downwardAPI) return fromDownward(pod, v.downwardAPI.items);
  if (v.projected) {
    const files: Record<string, string> = {};
    for (const s of v.projected.sources ?? []) {
      const part = s.configMap
        ? fromObject(pod, "configmap", s.configMap, get)
        : s.secret
          ? fromObject(pod, "secret", s.secret, get)
          : s.downwardAPI
            ? fromDownward(pod, s.downwardAPI.items)
            : s.serviceAccountToken
              ? ({ ok: true, files: { [s.serviceAccountToken.path]: podToken(pod) } } as const)
              : ({ ok: true, files: {} } as const);
      if (!part.ok) return part;
      Object.assign(files, part.files);
    }
    return { ok: true, files };
  }
  return { ok: true, files: {} };
}

/** The first volume that cannot be set up, as the FailedMount event says it (operation_generator.go: "MountVolume.SetUp failed for volume %q : %v"). */
export function mountFailure(pod: Pod, get: ObjectGetter): string | undefined {
  for (const v of (pod.spec.volumes ?? []) as Volume[]) {
    const r = volumeFiles(pod, v, get);
    if (!r.ok) return `MountVolume.SetUp failed for volume "${v.name}" : ${r.error}`;
  }
  return undefined;
}

export interface Mounts {
  /** absolute path → content */
  files: Record<string, string>;
  /** mount points (emptyDir and every volume's root) */
  dirs: string[];
  /** mount points whose files are a node's (hostPath, persistent volumes): what is written there is kept */
  hostMounts: { mountPath: string; dir: HostDir; readOnly: boolean }[];
}

/** What `c` sees of the pod's volumes at its mount paths (subPath mounts one file or folder of the volume). */
export function containerMounts(pod: Pod, c: Container, get: ObjectGetter): Mounts {
  const out: Mounts = { files: {}, dirs: [], hostMounts: [] };
  const volumes = new Map(((pod.spec.volumes ?? []) as Volume[]).map((v) => [v.name, v]));
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (!v) continue;
    const r = volumeFiles(pod, v, get);
    if (!r.ok) continue;
    const root = m.mountPath.replace(/\/+$/, "") || "/";
    const sub = m.subPath?.replace(/^\/+|\/+$/g, "");
    const host = hostDirOf(pod, v, get);
    if (host && !("error" in host)) {
      const dir = sub ? { node: host.node, root: `${host.root === "/" ? "" : host.root}/${sub}` } : host;
      out.hostMounts.push({ mountPath: root, dir, readOnly: !!m.readOnly || !!v.persistentVolumeClaim?.readOnly });
    }
    if (sub && Object.prototype.hasOwnProperty.call(r.files, sub)) {
      out.files[root] = r.files[sub];
      continue;
    }
    out.dirs.push(root);
    for (const [rel, content] of Object.entries(r.files)) {
      if (sub && !rel.startsWith(`${sub}/`)) continue;
      out.files[`${root === "/" ? "" : root}/${sub ? rel.slice(sub.length + 1) : rel}`] = content;
    }
  }
  return out;
}
