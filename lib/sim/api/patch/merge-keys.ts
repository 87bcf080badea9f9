/**
 * The patch strategies of the built-in types, as data: the `patchStrategy:"merge"` and
 * `patchMergeKey` struct tags of staging/src/k8s.io/api/{core,apps,batch,rbac,...}/v1/types.go and
 * apimachinery's ObjectMeta. Keys are field paths (list items are entered without an index);
 * a PodSpec can sit at several places (pods, templates of workloads, jobs and cronjobs).
 */

export interface ListStrategy {
  /** merge items by this key; absent for primitive lists merged as sets (finalizers) */
  key?: string;
  /** retainKeys: a patch naming a field clears the item's other union members (volumes) */
  retainKeys?: boolean;
}

/** Relative to a PodSpec (core/v1 types.go: PodSpec, Container, EphemeralContainer). */
const POD_SPEC: Record<string, ListStrategy> = {
  volumes: { key: "name", retainKeys: true },
  initContainers: { key: "name" },
  containers: { key: "name" },
  ephemeralContainers: { key: "name" },
  imagePullSecrets: { key: "name" },
  hostAliases: { key: "ip" },
  topologySpreadConstraints: { key: "topologyKey" },
  resourceClaims: { key: "name", retainKeys: true },
  schedulingGates: { key: "name" },
};

/** Relative to a Container. */
const CONTAINER: Record<string, ListStrategy> = {
  ports: { key: "containerPort" },
  env: { key: "name" },
  volumeMounts: { key: "mountPath" },
  volumeDevices: { key: "devicePath" },
};

/** Everything else, by absolute path per kind-independent position. */
const FIXED: Record<string, ListStrategy> = {
  "metadata.finalizers": {},
  "metadata.ownerReferences": { key: "uid" },
  // core/v1 Service, ServiceAccount, Node, Pod status
  "spec.ports": { key: "port" },
  secrets: { key: "name" },
  imagePullSecrets: { key: "name" },
  "status.conditions": { key: "type" },
  "status.addresses": { key: "type" },
  "status.containerStatuses": { key: "name" },
  "status.initContainerStatuses": { key: "name" },
  "status.podIPs": { key: "ip" },
  "status.hostIPs": { key: "ip" },
};

/** Where a PodSpec sits, by kind. */
const POD_SPEC_AT: Record<string, string[]> = {
  Pod: ["spec"],
  PodTemplate: ["template.spec"],
  ReplicationController: ["spec.template.spec"],
  ReplicaSet: ["spec.template.spec"],
  Deployment: ["spec.template.spec"],
  DaemonSet: ["spec.template.spec"],
  StatefulSet: ["spec.template.spec"],
  Job: ["spec.template.spec"],
  CronJob: ["spec.jobTemplate.spec.template.spec"],
};

/** The list strategy of the field at `path` ("spec.containers", "spec.template.spec.containers.env") of a `kind`. */
export function listStrategy(kind: string, path: string): ListStrategy | undefined {
  for (const base of POD_SPEC_AT[kind] ?? []) {
    if (!path.startsWith(base + ".")) continue;
    const rel = path.slice(base.length + 1);
    if (POD_SPEC[rel]) return POD_SPEC[rel];
    const m = /^(containers|initContainers|ephemeralContainers)\.(.+)$/.exec(rel);
    if (m && CONTAINER[m[2]]) return CONTAINER[m[2]];
  }
  if (kind !== "Service" && path === "spec.ports") return undefined;
  if (path === "status.conditions" && (kind === "CertificateSigningRequest" || kind.endsWith("Binding"))) return undefined;
  return FIXED[path];
}

/**
 * Map fields with `patchStrategy:"retainKeys"`: apps/v1 types.go DeploymentSpec.Strategy. A
 * three-way patch that changes them names the keys to keep (`$retainKeys`), so switching to
 * Recreate clears rollingUpdate.
 */
export function mapRetainKeys(kind: string, path: string): boolean {
  return kind === "Deployment" && path === "spec.strategy";
}
