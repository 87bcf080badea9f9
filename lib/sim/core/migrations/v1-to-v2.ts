/**
 * State version 1 → 2: the five fixed arrays (nodes, pods, namespaces, services, csrs) become the
 * object store. The kube-system objects of version 1 were always kubeadm's own, so the migration
 * regenerates a fresh cluster's objects for the same config and creation time (deterministic
 * names stay: nodes, static pods, services, namespaces; the random suffixes and uids of
 * DaemonSet and Deployment pods are drawn anew, as after a restart), then carries over what a
 * learner could change in version 1: namespaces created or deleted, and CSRs with their
 * conditions and issued certificates.
 */
import { rfc3339 } from "../../api/meta";
import { type ObjectKey, objectKey } from "../../api/store";
import type { KObject } from "../../api/types";
import { BASELINE_VERSION, baselineOf } from "../../cluster/baseline";
import type { ClusterConfig, FsNode } from "../../types";
import { nextRandom, type RngState } from "../rng";
import type { V1Csr, V1Objects } from "./v1-types";

const NAMESPACES = { group: "", resource: "namespaces" };
const CSRS = { group: "certificates.k8s.io", resource: "certificatesigningrequests" };

function fileText(fs: Record<string, FsNode>, path: string): string {
  const n = fs[path];
  return n?.type === "file" ? n.content : "";
}

function csrObject(c: V1Csr): KObject {
  const m = c.metadata;
  return {
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    metadata: {
      ...(m.annotations && Object.keys(m.annotations).length ? { annotations: { ...m.annotations } } : {}),
      creationTimestamp: rfc3339(m.creationTimestamp),
      ...(m.labels && Object.keys(m.labels).length ? { labels: { ...m.labels } } : {}),
      name: m.name,
      resourceVersion: m.resourceVersion,
      uid: m.uid,
    },
    spec: {
      ...(c.spec.expirationSeconds !== undefined ? { expirationSeconds: c.spec.expirationSeconds } : {}),
      groups: [...c.spec.groups],
      request: c.spec.request,
      signerName: c.spec.signerName,
      ...(c.spec.uid ? { uid: c.spec.uid } : {}),
      usages: [...c.spec.usages],
      username: c.spec.username,
    },
    status: {
      ...(c.status.certificate ? { certificate: c.status.certificate } : {}),
      ...(c.status.conditions.length
        ? {
            conditions: c.status.conditions.map((k) => ({
              lastTransitionTime: rfc3339(k.lastTransitionTime),
              lastUpdateTime: rfc3339(k.lastUpdateTime),
              message: k.message,
              reason: k.reason,
              status: k.status,
              type: k.type,
            })),
          }
        : {}),
    },
  };
}

export function migrateV1(s: Record<string, unknown>): Record<string, unknown> {
  const config = s.config as ClusterConfig;
  const fs = s.fs as Record<string, FsNode>;
  const old = s.objects as V1Objects;
  const rng = [...(s.rng as RngState)] as RngState;
  const baseline = {
    version: BASELINE_VERSION,
    seed: Math.floor(nextRandom(rng) * 2 ** 32),
    caPem: fileText(fs, "/etc/kubernetes/pki/ca.crt"),
    frontProxyCaPem: fileText(fs, "/etc/kubernetes/pki/front-proxy-ca.crt"),
  };
  const generated = baselineOf(config, s.createdAt as number, baseline);
  const objects: Record<ObjectKey, KObject> = structuredClone(generated.objects);
  let rv = Math.max(generated.resourceVersion, s.resourceVersion as number);

  const kept = new Set(old.namespaces.map((n) => n.metadata.name));
  const defaults = new Set(["default", "kube-node-lease", "kube-public", "kube-system"]);
  // default namespaces the learner deleted go, with everything in them
  for (const ns of defaults) {
    if (kept.has(ns)) continue;
    for (const key of Object.keys(objects)) {
      const o = objects[key];
      if (o.metadata.namespace === ns || key === objectKey(NAMESPACES, undefined, ns)) delete objects[key];
    }
  }
  // namespaces the learner created come back with their uid, labels and creation time
  for (const n of old.namespaces) {
    if (defaults.has(n.metadata.name)) continue;
    const m = n.metadata;
    objects[objectKey(NAMESPACES, undefined, m.name)] = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        creationTimestamp: rfc3339(m.creationTimestamp),
        labels: { ...(m.labels ?? {}), "kubernetes.io/metadata.name": m.name },
        name: m.name,
        resourceVersion: String(++rv),
        uid: m.uid,
      },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: n.status.phase },
    };
  }
  for (const c of old.csrs) objects[objectKey(CSRS, undefined, c.metadata.name)] = csrObject(c);
  const maxRv = Math.max(rv, ...old.csrs.map((c) => Number(c.metadata.resourceVersion)), s.resourceVersion as number);
  return { ...s, version: 2, baseline, objects, resourceVersion: maxRv, rng };
}
