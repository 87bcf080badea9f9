/**
 * Helpers persistent volumes and claims share: pkg/apis/core/helper GetAccessModesAsString
 * (RWO, ROX, RWX, RWOP in that order, without duplicates) and GetPersistentVolume(Claim)Class
 * (the beta annotation wins over spec.storageClassName).
 */
export const BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

export function accessModesString(modes: string[] | undefined): string {
  const m = modes ?? [];
  return (
    [
      ["ReadWriteOnce", "RWO"],
      ["ReadOnlyMany", "ROX"],
      ["ReadWriteMany", "RWX"],
      ["ReadWriteOncePod", "RWOP"],
    ] as const
  )
    .filter(([mode]) => m.includes(mode))
    .map(([, short]) => short)
    .join(",");
}

export function storageClassOf(obj: { metadata: { annotations?: Record<string, string> }; spec?: { storageClassName?: string } }): string {
  const ann = obj.metadata.annotations?.[BETA_STORAGE_CLASS];
  return ann !== undefined ? ann : (obj.spec?.storageClassName ?? "");
}

export const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
export const VOLUME_MODES = ["Block", "Filesystem"];
