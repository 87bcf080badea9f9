/**
 * The control plane kubelet's file source: the pods in /etc/kubernetes/manifests (staticPodPath in
 * /var/lib/kubelet/config.yaml) and their mirror pods in the API. Editing a manifest changes the
 * cluster as on a real node: a moment after the write (pkg/kubelet/config/file_linux.go watches the
 * directory with inotify; the sync loop picks the change up), the kubelet replaces the pod, whose
 * containers then start, crash and back off like any other (kubelet.ts). A file that does not
 * parse yields no pod (pkg/kubelet/config/file.go skips it), so its pod goes away.
 *
 * Nothing extra is stored: the mirror pod's `kubernetes.io/config.hash` annotation is the hash of
 * the file it came from (the kubelet's hash of the pod, pkg/kubelet/config/common.go), and the
 * pending re-read is an event on the cluster's timed queue (owner "static-pods").
 */
import { parseAllDocuments } from "yaml";
import { rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import { STATIC_MANIFESTS } from "../cluster/manifests";
import { CONTROLLER_USER } from "../controllers/workload-util";
import type { ControllerEnv, TimedHandler } from "../controllers/types";
import type { Vfs } from "../fs/vfs";
import { toYaml } from "../printers/yaml";
import { schedule } from "../time/timeline";
import type { ClusterState } from "../types";
import { fakeDigest } from "./images";

export const MANIFEST_DIR = "/etc/kubernetes/manifests";
/** from the write to the kubelet acting on it */
const PICKUP_MS = 2_000;
const KEY = "static-pods";
const PODS = { group: "", resource: "pods" };
const NODES = { group: "", resource: "nodes" };

type J = Record<string, unknown>;
interface Desired {
  name: string;
  namespace: string;
  hash: string;
  manifest: J;
}

const isManifest = (name: string) => !name.startsWith(".") && /\.(ya?ml|json)$/.test(name);
const contentHash = (text: string) => fakeDigest(`static-pod:${text}`).slice(0, 32);

function manifestFiles(fs: Vfs): string[] {
  const r = fs.readdir(MANIFEST_DIR);
  return r.ok ? r.value.filter(isManifest).map((n) => `${MANIFEST_DIR}/${n}`) : [];
}

/** The pod a manifest file defines, or undefined when the kubelet would reject the file. */
function parseManifest(text: string): J | undefined {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length) return undefined;
  const pod = docs[0].toJS() as unknown;
  if (!pod || typeof pod !== "object") return undefined;
  const p = pod as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown }; spec?: { containers?: unknown } };
  if (p.kind !== "Pod" || p.apiVersion !== "v1" || typeof p.metadata?.name !== "string") return undefined;
  if (!Array.isArray(p.spec?.containers) || !p.spec.containers.length) return undefined;
  return pod as J;
}

function desiredPods(fs: Vfs, node: string): Map<string, Desired> {
  const out = new Map<string, Desired>();
  for (const path of manifestFiles(fs)) {
    const text = fs.readFile(path);
    const manifest = text.ok ? parseManifest(text.value) : undefined;
    if (!text.ok || !manifest) continue;
    const meta = manifest.metadata as { name: string; namespace?: string };
    const name = `${meta.name}-${node}`;
    out.set(name, { name, namespace: meta.namespace ?? "default", hash: contentHash(text.value), manifest });
  }
  return out;
}

function mirrorPods(env: ControllerEnv, node: string): KObject[] {
  return env.api.store
    .list(PODS)
    .filter((p) => p.metadata.annotations?.["kubernetes.io/config.mirror"] && (p.spec as { nodeName?: string }).nodeName === node);
}

/** kubeadm's pods as bootstrapped carry a uid-derived hash: they match the file kubeadm wrote. */
function bootstrapHash(state: ClusterState, pod: KObject): string | undefined {
  const component = pod.metadata.labels?.component;
  if (!component || !(component in STATIC_MANIFESTS)) return undefined;
  if (pod.metadata.annotations?.["kubernetes.io/config.hash"] !== pod.metadata.uid.replace(/-/g, "")) return undefined;
  return contentHash(toYaml(STATIC_MANIFESTS[component as keyof typeof STATIC_MANIFESTS](state.config)));
}

const podHash = (state: ClusterState, pod: KObject) => bootstrapHash(state, pod) ?? pod.metadata.annotations?.["kubernetes.io/config.hash"];

/**
 * Called before each settle: when a manifest changed since the kubelet last acted on it, the re-read
 * is scheduled PICKUP_MS after the latest write. Cheap when nothing changed: only mtimes are read.
 */
export function watchManifests(env: ControllerEnv): void {
  const state = env.state;
  if (state.timeline?.events.some((e) => e.owner === "static-pods")) return;
  const node = state.config.controlPlane.name;
  const files = manifestFiles(env.fs);
  const mirrors = mirrorPods(env, node);
  const seen = (p: KObject) => Date.parse(p.metadata.annotations?.["kubernetes.io/config.seen"] ?? "") || 0;
  const lastSeen = mirrors.reduce((m, p) => Math.max(m, seen(p)), 0);
  const latest = Math.max(env.fs.stat(MANIFEST_DIR)?.mtime ?? 0, ...files.map((f) => env.fs.stat(f)?.mtime ?? 0));
  if (latest <= lastSeen && files.length === mirrors.length) return;
  if (!changes(env, node).length) return;
  schedule(state, { at: latest + PICKUP_MS, owner: "static-pods", key: KEY, uid: KEY, step: "sync" });
}

type Change = { remove?: KObject; create?: Desired };

function changes(env: ControllerEnv, node: string): Change[] {
  const desired = desiredPods(env.fs, node);
  const out: Change[] = [];
  for (const pod of mirrorPods(env, node)) {
    const want = desired.get(pod.metadata.name);
    desired.delete(pod.metadata.name);
    if (!want) out.push({ remove: pod });
    else if (podHash(env.state, pod) !== want.hash) out.push({ remove: pod, create: want });
  }
  for (const want of desired.values()) out.push({ create: want });
  return out;
}

function createMirror(env: ControllerEnv, nodeName: string, want: Desired): void {
  const node = env.api.store.get(NODES, undefined, nodeName);
  const meta = want.manifest.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const spec = structuredClone(want.manifest.spec) as J;
  const seen = `${rfc3339(env.now).slice(0, 19)}.${String(Math.floor(env.random() * 1e9)).padStart(9, "0")}Z`;
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: want.name,
      namespace: want.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      annotations: {
        ...(meta.annotations ?? {}),
        "kubernetes.io/config.hash": want.hash,
        "kubernetes.io/config.mirror": want.hash,
        "kubernetes.io/config.seen": seen,
        "kubernetes.io/config.source": "file",
      },
      ...(node ? { ownerReferences: [{ apiVersion: "v1", kind: "Node", name: nodeName, uid: node.metadata.uid, controller: true }] } : {}),
    },
    spec: { ...spec, nodeName, tolerations: [{ effect: "NoExecute", operator: "Exists" }] },
  };
  env.api.request({ verb: "create", resource: "pods", namespace: want.namespace, body, user: CONTROLLER_USER });
}

export const staticPodsTimed: TimedHandler = (env) => {
  const node = env.state.config.controlPlane.name;
  for (const change of changes(env, node)) {
    if (change.remove) {
      const { name, namespace } = change.remove.metadata;
      env.api.request({ verb: "delete", resource: "pods", namespace, name, gracePeriodSeconds: 0, user: CONTROLLER_USER });
    }
    if (change.create) createMirror(env, node, change.create);
  }
};
