/**
 * Rancher's local-path-provisioner (v0.0.30, provisioner.go on sig-storage-lib-external-provisioner
 * controller.go), as long as its pod runs: a claim addressed to rancher.io/local-path (the PV
 * controller's storage-provisioner annotation) with a selected node gets a hostPath volume
 * pvc-<claim uid> under /opt/local-path-provisioner/pvc-<uid>_<namespace>_<name> on that node,
 * pinned there by node affinity and pre-bound to the claim (the PV controller completes the
 * binding); a Released volume of its own with reclaim policy Delete is deleted with its directory.
 * Its events are the library's: Provisioning, then ProvisioningSucceeded, from
 * "rancher.io/local-path_<pod>_<uuid>". The helper pods that run the setup and teardown scripts are
 * not shown.
 */
import { newUid, rfc3339 } from "../../api/meta";
import { LOCAL_PATH_NAMESPACE, LOCAL_PATH_PROVISIONER, LOCAL_PATH_ROOT } from "../../cluster/bootstrap/local-path";
import { cachedList } from "../informer";
import { recordEvent } from "../recorder";
import type { Controller, ControllerEnv } from "../types";
import { ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, PVCS, PVS, storageClass } from "./index";
import type { PV, PVC } from "./match";
import { removeVolumeData } from "./volume-data";

const PODS = { group: "", resource: "pods" };

/** The provisioner's running pod (its identity names it), or undefined: then nothing is provisioned or deleted. */
function provisionerPod(env: ControllerEnv): string | undefined {
  const pod = cachedList(env.api.store, PODS, LOCAL_PATH_NAMESPACE).find(
    (p) =>
      p.metadata.labels?.app === "local-path-provisioner" &&
      !p.metadata.deletionTimestamp &&
      (p.status as { phase?: string } | undefined)?.phase === "Running",
  );
  return pod?.metadata.name;
}

function provision(env: ControllerEnv, pvc: PVC, identity: string): void {
  const node = pvc.metadata.annotations?.[ANN_SELECTED_NODE] ?? "";
  const ns = pvc.metadata.namespace ?? "default";
  const name = `pvc-${pvc.metadata.uid}`;
  if (env.api.store.get(PVS, undefined, name)) return;
  const source = { component: identity };
  // sig-storage-lib-external-provisioner controller.go provisionClaimOperation
  recordEvent(
    env,
    { obj: pvc },
    "Normal",
    "Provisioning",
    `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`,
    source,
  );
  const sc = storageClass(env, pvc.spec?.storageClassName ?? "") as { reclaimPolicy?: string } | undefined;
  const pv: PV = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      annotations: { "local.path.provisioner/selected-node": node, [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER },
      creationTimestamp: rfc3339(env.now),
      name,
      resourceVersion: "",
      uid: newUid(env.random),
    },
    spec: {
      accessModes: [...(pvc.spec?.accessModes ?? [])],
      capacity: { storage: String(pvc.spec?.resources?.requests?.storage ?? "0") },
      claimRef: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        name: pvc.metadata.name,
        namespace: ns,
        resourceVersion: pvc.metadata.resourceVersion,
        uid: pvc.metadata.uid,
      },
      // provisioner.go: a hostPath of type DirectoryOrCreate unless the class asks for "local"
      hostPath: { path: `${LOCAL_PATH_ROOT}/${name}_${ns}_${pvc.metadata.name}`, type: "DirectoryOrCreate" },
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] }] },
      },
      persistentVolumeReclaimPolicy: sc?.reclaimPolicy ?? "Delete",
      storageClassName: pvc.spec?.storageClassName ?? "",
      volumeMode: pvc.spec?.volumeMode ?? "Filesystem",
    },
    status: { phase: "Pending", lastPhaseTransitionTime: rfc3339(env.now) } as PV["status"],
  };
  env.api.store.put(PVS, pv);
  recordEvent(env, { obj: pvc }, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${name}`, source);
}

export const localPathProvisioner: Controller = {
  name: "local-path-provisioner",
  relevant: (r) =>
    r.key.startsWith("/persistentvolumeclaims/") ||
    r.key.startsWith("/persistentvolumes/") ||
    r.key.startsWith(`/pods/${LOCAL_PATH_NAMESPACE}/`),
  reconcile(env) {
    const pod = provisionerPod(env);
    if (!pod) return false;
    // the library's identity: "<provisioner>_<hostname>_<uuid>", its uuid drawn at start (from the pod's name here, to stay put)
    const identity = `${LOCAL_PATH_PROVISIONER}_${pod}_${newUid(seeded(pod))}`;
    const rv = env.api.store.resourceVersion;
    for (const c of cachedList(env.api.store, PVCS) as PVC[]) {
      const ann = c.metadata.annotations ?? {};
      if (c.metadata.deletionTimestamp || c.spec?.volumeName || c.status?.phase !== "Pending") continue;
      if (ann[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER || !ann[ANN_SELECTED_NODE]) continue;
      provision(env, c, identity);
    }
    for (const v of cachedList(env.api.store, PVS) as PV[]) {
      if (v.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== LOCAL_PATH_PROVISIONER) continue;
      if (v.status?.phase !== "Released" || v.spec?.persistentVolumeReclaimPolicy !== "Delete") continue;
      removeVolumeData(env.state, v);
      env.api.store.remove(PVS, undefined, v.metadata.name);
    }
    return env.api.store.resourceVersion !== rv;
  },
};

/** A fixed random source from a string (FNV-1a, then xorshift), so the identity is the same on every call. */
function seeded(s: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    return h / 2 ** 32;
  };
}
