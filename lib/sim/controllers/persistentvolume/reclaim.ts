/**
 * reclaimVolume (pkg/controller/volume/persistentvolume/pv_controller.go) for a volume whose claim
 * is gone: Retain leaves it Released; Delete of a dynamically provisioned volume is its external
 * provisioner's (pv.kubernetes.io/provisioned-by names it; local-path.ts deletes its own);
 * Delete of a volume nobody provisioned goes to the in-tree plugin, which for hostPath deletes
 * only under /tmp (pkg/volume/hostpath/host_path.go hostPathDeleter.Delete) and otherwise fails:
 * phase Failed and a VolumeFailedDelete warning with the plugin's error.
 */
import type { ControllerEnv } from "../types";
import { ANN_DYNAMICALLY_PROVISIONED, event, PVS, setVolumePhase } from "./index";
import type { PV } from "./match";
import { removeVolumeData } from "./volume-data";

export function reclaimVolume(env: ControllerEnv, pv: PV): void {
  const policy = pv.spec?.persistentVolumeReclaimPolicy ?? "Retain";
  if (policy !== "Delete") return;
  if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED]) return;
  if (pv.status?.phase === "Failed") return;
  const path = pv.spec?.hostPath?.path;
  let error: string;
  if (path !== undefined) {
    if (/\/tmp\/.+/.test(path)) {
      removeVolumeData(env.state, pv);
      env.api.store.remove(PVS, undefined, pv.metadata.name);
      return;
    }
    // host_path.go hostPathDeleter.Delete
    error = `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  } else {
    // pv_controller.go doDeleteVolume: findDeletablePlugin finds none for local, nfs, csi without a driver
    error = `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
  }
  const failed = setVolumePhase(env, pv, "Failed", error);
  event(env, failed, "Warning", "VolumeFailedDelete", error);
}
