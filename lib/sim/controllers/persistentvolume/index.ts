/**
 * kube-controller-manager's persistentvolume-binder (pkg/controller/volume/persistentvolume/
 * pv_controller.go, v1.32): syncClaim binds a Pending claim to its best volume (match.ts) or says
 * why it cannot; syncVolume keeps each volume's phase (Available, Bound, Released, Failed) and
 * reclaims the volumes whose claim is gone. Binding writes what the real controller writes: the
 * volume's claimRef (and pv.kubernetes.io/bound-by-controller when the controller chose it), then
 * the claim's volumeName with pv.kubernetes.io/bind-completed (and bound-by-controller), and both
 * statuses. Dynamic provisioning is the external provisioner's (local-path.ts); this controller
 * only names it in the claim's storage-provisioner annotations and says it is waiting.
 */
import { rfc3339 } from "../../api/meta";
import { cachedList } from "../informer";
import { recordEvent } from "../recorder";
import type { Controller, ControllerEnv } from "../types";
import { findBestMatch, isVolumeBoundToClaim, type PV, type PVC } from "./match";
import { reclaimVolume } from "./reclaim";

export const PVS = { group: "", resource: "persistentvolumes" };
export const PVCS = { group: "", resource: "persistentvolumeclaims" };
export const STORAGE_CLASSES = { group: "storage.k8s.io", resource: "storageclasses" };

// pkg/controller/volume/persistentvolume/util/util.go
export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_DYNAMICALLY_PROVISIONED = "pv.kubernetes.io/provisioned-by";

const SOURCE = { component: "persistentvolume-controller" };

interface StorageClassLike {
  metadata: { name: string };
  provisioner?: string;
  volumeBindingMode?: string;
}

export function storageClass(env: ControllerEnv, name: string): StorageClassLike | undefined {
  return name ? env.api.store.get(STORAGE_CLASSES, undefined, name) : undefined;
}

/** pv_controller.go IsDelayBindingMode: the claim's class binds WaitForFirstConsumer. */
export function isDelayBinding(env: ControllerEnv, pvc: PVC): boolean {
  return storageClass(env, pvc.spec?.storageClassName ?? "")?.volumeBindingMode === "WaitForFirstConsumer";
}

function setClaimStatus(env: ControllerEnv, pvc: PVC, phase: string, pv: PV | undefined): PVC {
  const status = { ...(pvc.status ?? {}), phase };
  if (pv) {
    status.accessModes = [...(pv.spec?.accessModes ?? [])];
    status.capacity = { ...(pv.spec?.capacity ?? {}) } as Record<string, string>;
  } else {
    delete status.accessModes;
    delete status.capacity;
  }
  if (JSON.stringify(status) === JSON.stringify(pvc.status ?? {})) return pvc;
  const next = structuredClone(pvc);
  next.status = status;
  return env.api.store.put(PVCS, next);
}

/** updateVolumePhase: a new phase records lastPhaseTransitionTime (PersistentVolumeLastPhaseTransitionTime, GA in 1.31). */
export function setVolumePhase(env: ControllerEnv, pv: PV, phase: string, message = "", reason = ""): PV {
  const st = pv.status ?? {};
  if (st.phase === phase && (st.message ?? "") === message && (st.reason ?? "") === reason) return pv;
  const next = structuredClone(pv);
  next.status = {
    ...(message ? { message } : {}),
    phase,
    ...(reason ? { reason } : {}),
    lastPhaseTransitionTime: st.phase === phase ? (st as { lastPhaseTransitionTime?: string }).lastPhaseTransitionTime : rfc3339(env.now),
  } as PV["status"];
  return env.api.store.put(PVS, next);
}

function annotate<T extends PV | PVC>(o: T, key: string, value: string): void {
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [key]: value };
}

/** bind(): volume first (claimRef, phase Bound), then the claim (volumeName, annotations, status). */
function bind(env: ControllerEnv, pv: PV, pvc: PVC): void {
  let vol = pv;
  const ref = pv.spec?.claimRef;
  const refOk = ref?.uid === pvc.metadata.uid && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace;
  if (!refOk) {
    const next = structuredClone(pv);
    (next.spec ??= {}).claimRef = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      name: pvc.metadata.name,
      namespace: pvc.metadata.namespace,
      resourceVersion: pvc.metadata.resourceVersion,
      uid: pvc.metadata.uid,
    };
    // a volume the user pre-bound keeps no bound-by-controller (bindVolumeToClaim: shouldSetBoundByController)
    if (!isVolumeBoundToClaim(pv, pvc)) annotate(next, ANN_BOUND_BY_CONTROLLER, "yes");
    vol = env.api.store.put(PVS, next);
  }
  vol = setVolumePhase(env, vol, "Bound");
  let claim = pvc;
  const ann = pvc.metadata.annotations ?? {};
  if (pvc.spec?.volumeName !== vol.metadata.name || ann[ANN_BIND_COMPLETED] !== "yes") {
    const next = structuredClone(pvc);
    if (next.spec?.volumeName !== vol.metadata.name) {
      (next.spec ??= {}).volumeName = vol.metadata.name;
      annotate(next, ANN_BOUND_BY_CONTROLLER, "yes");
    }
    annotate(next, ANN_BIND_COMPLETED, "yes");
    claim = env.api.store.put(PVCS, next);
  }
  setClaimStatus(env, claim, "Bound", vol);
}

const EVENTS = { group: "", resource: "events" };

/**
 * The controller says each thing once per object: the real one repeats it on every 15 s resync
 * ("x4 over 40s"), which a cluster that settles only on changes cannot count honestly.
 */
export function event(env: ControllerEnv, obj: PV | PVC, type: "Normal" | "Warning", reason: string, message: string): void {
  const said = cachedList(env.api.store, EVENTS, obj.metadata.namespace ?? "default").some(
    (e) => (e.involvedObject as { uid?: string }).uid === obj.metadata.uid && e.reason === reason && e.message === message,
  );
  if (!said) recordEvent(env, { obj }, type, reason, message, SOURCE);
}

/** syncUnboundClaim, volumeName unset: find a volume, or explain why the claim waits. */
function syncUnboundClaim(env: ControllerEnv, pvc: PVC, volumes: PV[]): void {
  const name = pvc.spec?.volumeName ?? "";
  if (name) {
    const pv = volumes.find((v) => v.metadata.name === name);
    if (!pv || (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc))) {
      setClaimStatus(env, pvc, "Pending", undefined);
      return;
    }
    bind(env, pv, pvc);
    return;
  }
  const delay = isDelayBinding(env, pvc);
  const pv = findBestMatch(pvc, volumes, delay);
  if (pv) {
    bind(env, pv, pvc);
    return;
  }
  const ann = pvc.metadata.annotations ?? {};
  const className = pvc.spec?.storageClassName ?? "";
  if (delay && !ann[ANN_SELECTED_NODE]) {
    // pv_controller.go syncUnboundClaim: events.WaitForFirstConsumer
    event(env, pvc, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
  } else if (className === "") {
    // pv_controller.go syncUnboundClaim: events.FailedBinding, EventTypeNormal
    event(env, pvc, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
  } else {
    const sc = storageClass(env, className);
    if (!sc) {
      // provisionClaim → getProvisionerNameFromClaim: the class lister's NotFound error
      event(env, pvc, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${className}" not found`);
    } else if (sc.provisioner === "kubernetes.io/no-provisioner") {
      // findProvisionablePlugin finds no in-tree plugin of that name, and it is not a CSI driver either
      event(env, pvc, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${sc.provisioner}`);
    } else if (ann[ANN_STORAGE_PROVISIONER] !== sc.provisioner) {
      const next = structuredClone(pvc);
      annotate(next, ANN_BETA_STORAGE_PROVISIONER, sc.provisioner ?? "");
      annotate(next, ANN_STORAGE_PROVISIONER, sc.provisioner ?? "");
      pvc = env.api.store.put(PVCS, next);
      // pv_controller.go provisionClaimOperationExternal: events.ExternalProvisioning
      event(
        env,
        pvc,
        "Normal",
        "ExternalProvisioning",
        `Waiting for a volume to be created either by the external provisioner '${sc.provisioner ?? ""}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
    }
  }
  setClaimStatus(env, pvc, "Pending", undefined);
}

/** syncBoundClaim: a claim that was bound stays Bound, or is Lost with the controller's warning. */
function syncBoundClaim(env: ControllerEnv, pvc: PVC, volumes: PV[]): void {
  const lost = (reason: string, message: string) => {
    if (pvc.status?.phase === "Lost") return;
    setClaimStatus(env, pvc, "Lost", undefined);
    event(env, pvc, "Warning", reason, message);
  };
  const name = pvc.spec?.volumeName ?? "";
  // pv_controller.go syncBoundClaim
  if (!name) return lost("ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
  const pv = volumes.find((v) => v.metadata.name === name);
  if (!pv) return lost("ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
  const ref = pv.spec?.claimRef;
  if (ref && ref.uid !== pvc.metadata.uid)
    return lost("ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
  bind(env, pv, pvc);
}

/** syncVolume: the volume's phase from its claimRef and the claim it names. */
function syncVolume(env: ControllerEnv, pv: PV, claims: Map<string, PVC>): void {
  const ref = pv.spec?.claimRef;
  if (!ref || !ref.uid) {
    setVolumePhase(env, pv, "Available");
    return;
  }
  let claim = claims.get(`${ref.namespace ?? ""}/${ref.name ?? ""}`);
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    let vol = pv;
    if (pv.status?.phase !== "Released" && pv.status?.phase !== "Failed") vol = setVolumePhase(env, pv, "Released");
    reclaimVolume(env, vol);
    return;
  }
  if (!claim.spec?.volumeName) return; // the claim's sync finishes the binding
  if (claim.spec.volumeName === pv.metadata.name) {
    setVolumePhase(env, pv, "Bound");
    return;
  }
  // bound to a claim that is bound elsewhere: a volume the controller chose is unbound (unbindVolume)
  const next = structuredClone(pv);
  if (next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
    delete next.spec?.claimRef;
    delete next.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
  } else if (next.spec?.claimRef) delete next.spec.claimRef.uid;
  setVolumePhase(env, env.api.store.put(PVS, next), "Available");
}

export const persistentVolumeController: Controller = {
  name: "persistentvolume-binder",
  relevant: (r) =>
    r.key.startsWith("/persistentvolumes/") ||
    r.key.startsWith("/persistentvolumeclaims/") ||
    r.key.startsWith("storage.k8s.io/storageclasses/"),
  reconcile(env) {
    const rv = env.api.store.resourceVersion;
    const claims = cachedList(env.api.store, PVCS) as PVC[];
    for (const c of claims) {
      if (c.metadata.deletionTimestamp) continue;
      const cur = env.api.store.get(PVCS, c.metadata.namespace, c.metadata.name) as PVC;
      const volumes = cachedList(env.api.store, PVS) as PV[];
      if (cur.metadata.annotations?.[ANN_BIND_COMPLETED]) syncBoundClaim(env, cur, volumes);
      else syncUnboundClaim(env, cur, volumes);
    }
    const byName = new Map((cachedList(env.api.store, PVCS) as PVC[]).map((c) => [`${c.metadata.namespace ?? ""}/${c.metadata.name}`, c]));
    for (const v of cachedList(env.api.store, PVS) as PV[]) {
      const cur = env.api.store.get(PVS, undefined, v.metadata.name);
      if (cur && !cur.metadata.deletionTimestamp) syncVolume(env, cur, byName);
    }
    return env.api.store.resourceVersion !== rv;
  },
};
