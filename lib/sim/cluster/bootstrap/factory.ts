/**
 * Stamps the objects of a fresh cluster the way the apiserver stamped them when kubeadm, the
 * controllers and the kubelets created them: uids from the cluster's PRNG, resourceVersions in
 * creation order, RFC 3339 creation times a little before the cluster's `now`.
 */
import { newUid, rfc3339 } from "../../api/meta";
import type { GroupResource, KObject, ObjectMeta, OwnerReference } from "../../api/types";

export interface Made {
  gr: GroupResource;
  obj: KObject;
}

export interface MetaOpts {
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: KObject;
  /** blockOwnerDeletion on the owner reference (controllers set it; the kubelet's mirror pods do not) */
  block?: boolean;
  /** controller: true on the owner reference (default true; a node Lease's reference has neither flag) */
  controller?: boolean;
  generateName?: string;
  generation?: number;
}

export class Factory {
  readonly made: Made[] = [];
  private rv: number;

  constructor(
    readonly now: number,
    readonly random: () => number,
    firstResourceVersion: number,
  ) {
    this.rv = firstResourceVersion;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  /** epoch ms `seconds` before now */
  at(seconds: number): number {
    return this.now - seconds * 1000;
  }

  time(seconds: number): string {
    return rfc3339(this.at(seconds));
  }

  /** metav1.MicroTime: "2026-11-28T09:08:29.123000Z" */
  microTime(seconds: number): string {
    return new Date(this.at(seconds)).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  }

  meta(name: string, secondsAgo: number, o: MetaOpts = {}): ObjectMeta {
    const m: ObjectMeta = {
      name,
      uid: newUid(this.random),
      resourceVersion: "",
      creationTimestamp: this.time(secondsAgo),
    };
    if (o.generateName) m.generateName = o.generateName;
    if (o.namespace) m.namespace = o.namespace;
    if (o.labels) m.labels = { ...o.labels };
    if (o.annotations) m.annotations = { ...o.annotations };
    if (o.generation !== undefined) m.generation = o.generation;
    if (o.owner) m.ownerReferences = [ownerRef(o.owner, o.block ?? true, o.controller ?? true)];
    return m;
  }

  /** an object made earlier changed (a later install updated it): it gets the next resourceVersion */
  touch(obj: KObject): void {
    obj.metadata.resourceVersion = String(++this.rv);
  }

  add<T extends KObject>(gr: GroupResource, obj: T): T {
    obj.metadata.resourceVersion = String(++this.rv);
    this.made.push({ gr, obj });
    return obj;
  }
}

export function ownerRef(owner: KObject, block: boolean, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    ...(block ? { blockOwnerDeletion: true } : {}),
    ...(controller ? { controller: true } : {}),
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
  };
}

export const GR = {
  namespaces: { group: "", resource: "namespaces" },
  nodes: { group: "", resource: "nodes" },
  pods: { group: "", resource: "pods" },
  services: { group: "", resource: "services" },
  endpoints: { group: "", resource: "endpoints" },
  configmaps: { group: "", resource: "configmaps" },
  secrets: { group: "", resource: "secrets" },
  serviceaccounts: { group: "", resource: "serviceaccounts" },
  endpointslices: { group: "discovery.k8s.io", resource: "endpointslices" },
  deployments: { group: "apps", resource: "deployments" },
  replicasets: { group: "apps", resource: "replicasets" },
  daemonsets: { group: "apps", resource: "daemonsets" },
  controllerrevisions: { group: "apps", resource: "controllerrevisions" },
  leases: { group: "coordination.k8s.io", resource: "leases" },
  priorityclasses: { group: "scheduling.k8s.io", resource: "priorityclasses" },
  clusterroles: { group: "rbac.authorization.k8s.io", resource: "clusterroles" },
  clusterrolebindings: { group: "rbac.authorization.k8s.io", resource: "clusterrolebindings" },
  roles: { group: "rbac.authorization.k8s.io", resource: "roles" },
  rolebindings: { group: "rbac.authorization.k8s.io", resource: "rolebindings" },
  storageclasses: { group: "storage.k8s.io", resource: "storageclasses" },
  apiservices: { group: "apiregistration.k8s.io", resource: "apiservices" },
} as const;

/**
 * pod-template-hash / controller-revision-hash: rand.SafeEncodeString of a decimal fnv32, so each
 * digit maps into "456789bcdf" ("668d6bf9bc"); a 10-digit uint32 starts with 1-4 ("5"-"8").
 */
export function randomHash(random: () => number): string {
  const digits = "456789bcdf";
  let s = "5678"[Math.floor(random() * 4)];
  for (let i = 0; i < 9; i++) s += digits[Math.floor(random() * 10)];
  return s;
}
