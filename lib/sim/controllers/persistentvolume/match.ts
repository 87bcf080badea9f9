/**
 * Which PersistentVolume a claim binds to, as the PV controller's index finds it
 * (pkg/controller/volume/persistentvolume/index.go findBestMatchForClaim and
 * pkg/volume/util/persistentvolume FindMatchingVolume, v1.32): a volume pre-bound to the claim
 * (spec.claimRef naming it) wins outright; otherwise the smallest Available volume whose class
 * (the beta annotation before spec.storageClassName, "" matching only ""), volume mode, access
 * modes (every requested mode among the volume's), capacity and the claim's label selector match.
 * With delayed binding (WaitForFirstConsumer) only pre-bound volumes are the controller's to take:
 * the scheduler picks the others once a pod names the claim.
 */
import type { KObject } from "../../api/types";
import { selectorMatches } from "../../kinds/_shared/labels";
import { cmp, quantityOf } from "../../kinds/_shared/quantity";
import { storageClassOf } from "../../kinds/_shared/storage";
import type { PersistentVolumeSpec } from "../../kinds/persistentvolumes";
import type { PersistentVolumeClaimSpec } from "../../kinds/persistentvolumeclaims";

export type PV = KObject & { spec?: PersistentVolumeSpec; status?: { phase?: string; message?: string; reason?: string } };
export type PVC = KObject & {
  spec?: PersistentVolumeClaimSpec;
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string> };
};

/** spec.claimRef names this claim (by namespace and name, and by uid once it has one). */
export function isVolumeBoundToClaim(pv: PV, pvc: PVC): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? "") !== (pvc.metadata.namespace ?? "")) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

const volumeMode = (m: string | undefined) => m ?? "Filesystem";

/** pkg/volume/util/persistentvolume: CheckVolumeModeMismatches, CheckAccessModes, the capacity and class checks. */
export function volumeMatches(pv: PV, pvc: PVC): boolean {
  if (storageClassOf(pv) !== storageClassOf(pvc)) return false;
  if (volumeMode(pv.spec?.volumeMode) !== volumeMode(pvc.spec?.volumeMode)) return false;
  const have = pv.spec?.accessModes ?? [];
  if (!(pvc.spec?.accessModes ?? []).every((m) => have.includes(m))) return false;
  const want = quantityOf(pvc.spec?.resources?.requests?.storage ?? "0");
  if (cmp(quantityOf(String(pv.spec?.capacity?.storage ?? "0")), want) < 0) return false;
  // a claim without a selector takes any volume (FindMatchingVolume converts only a non-nil selector)
  return !pvc.spec?.selector || selectorMatches(pvc.spec.selector, pv.metadata.labels ?? {});
}

/** The volume the claim should bind to, or undefined (FindMatchingVolume's order: pre-bound first, then the smallest). */
export function findBestMatch(pvc: PVC, volumes: PV[], delayBinding: boolean): PV | undefined {
  let best: PV | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, pvc)) {
      // a pre-bound volume that does not fit is skipped, not bound (FindMatchingVolume's "prebound" branch)
      if (volumeMatches(pv, pvc)) return pv;
      continue;
    }
    if (pv.spec?.claimRef) continue; // reserved for another claim
    if (pv.status?.phase !== "Available") continue;
    if (delayBinding) continue;
    if (!volumeMatches(pv, pvc)) continue;
    if (!best || cmp(quantityOf(String(pv.spec?.capacity?.storage ?? "0")), quantityOf(String(best.spec?.capacity?.storage ?? "0"))) < 0)
      best = pv;
  }
  return best;
}
