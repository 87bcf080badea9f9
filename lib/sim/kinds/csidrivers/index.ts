/**
 * storage.k8s.io/v1 csidrivers (cluster-scoped).
 * Discovery: pkg/registry/storage/csidriver/storage/storage.go (no short names).
 * Defaulting: pkg/apis/storage/v1/defaults.go SetDefaults_CSIDriver (attachRequired true,
 * podInfoOnMount/storageCapacity/requiresRepublish false, fsGroupPolicy ReadWriteOnceWithFSType,
 * volumeLifecycleModes [Persistent], seLinuxMount false with SELinuxMountReadWriteOncePod on).
 * Validation: pkg/apis/storage/validation/validation.go ValidateCSIDriver (the object's name is
 * checked as a CSI driver name at "name"). Table: printers.go printCSIDriver. No describer.
 */
import { duplicate, invalid, notSupported, required, type FieldError } from "../../api/field";
import { tooLong } from "../_shared/field-errors";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { isDNS1123Subdomain } from "../_shared/names";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type CSIDriver = Typed<{
  spec?: {
    attachRequired?: boolean;
    podInfoOnMount?: boolean;
    volumeLifecycleModes?: string[];
    storageCapacity?: boolean;
    fsGroupPolicy?: string;
    tokenRequests?: { audience?: string; expirationSeconds?: number }[];
    requiresRepublish?: boolean;
    seLinuxMount?: boolean;
  };
}>;

/** ValidateCSIDriverName */
export function validateCSIDriverName(name: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!name) errs.push(required(field));
  if (name.length > 63) errs.push(tooLong(field, 63));
  return errs.concat(isDNS1123Subdomain(name.toLowerCase()).map((m) => invalid(field, name, m)));
}

function validateDriver(d: CSIDriver): FieldError[] {
  const spec = d.spec ?? {};
  const errs = validateCSIDriverName(d.metadata.name, "name");
  // the path is "attachedRequired" in the source
  if (spec.attachRequired === undefined) errs.push(required("spec.attachedRequired"));
  if (spec.podInfoOnMount === undefined) errs.push(required("spec.podInfoOnMount"));
  if (spec.storageCapacity === undefined) errs.push(required("spec.storageCapacity"));
  if (spec.fsGroupPolicy === undefined) errs.push(required("spec.fsGroupPolicy"));
  else if (!["File", "None", "ReadWriteOnceWithFSType"].includes(spec.fsGroupPolicy))
    errs.push(notSupported("spec.fsGroupPolicy", spec.fsGroupPolicy, ["File", "None", "ReadWriteOnceWithFSType"]));
  const audiences = new Set<string>();
  (spec.tokenRequests ?? []).forEach((t, i) => {
    const p = `spec.tokenRequests[${i}]`;
    const a = t.audience ?? "";
    if (audiences.has(a)) errs.push(duplicate(`${p}.audience`, a));
    audiences.add(a);
    const exp = t.expirationSeconds;
    if (exp !== undefined) {
      if (exp < 600) errs.push(invalid(`${p}.expirationSeconds`, exp, "may not specify a duration less than 10 minutes"));
      if (exp > 2 ** 32) errs.push(invalid(`${p}.expirationSeconds`, exp, "may not specify a duration larger than 2^32 seconds"));
    }
  });
  const modes = spec.volumeLifecycleModes ?? [];
  if (!modes.length) errs.push(required("spec.volumeLifecycleModes", "at least one mode must be specified"));
  for (const m of modes)
    if (!["Persistent", "Ephemeral"].includes(m)) errs.push(notSupported("spec.volumeLifecycleModes", m, ["Persistent", "Ephemeral"]));
  return errs;
}

export const csidrivers: KindDef<CSIDriver> = {
  resource: resourceInfo("storage.k8s.io/v1", "CSIDriver", "csidrivers", false),
  // ValidateCSIDriver checks the name itself, at "name"
  validateName: () => [],
  defaults(d) {
    const spec = (d.spec ??= {});
    spec.attachRequired ??= true;
    spec.podInfoOnMount ??= false;
    spec.storageCapacity ??= false;
    spec.fsGroupPolicy ??= "ReadWriteOnceWithFSType";
    if (!spec.volumeLifecycleModes?.length) spec.volumeLifecycleModes = ["Persistent"];
    spec.requiresRepublish ??= false;
    spec.seLinuxMount ??= false;
  },
  validate: validateDriver,
  validateUpdate(d, old) {
    const errs = validateDriver(d);
    if (JSON.stringify(d.spec?.volumeLifecycleModes ?? []) !== JSON.stringify(old.spec?.volumeLifecycleModes ?? [])) {
      errs.push(
        invalid(
          "spec.volumeLifecycleModes",
          { go: `[]storage.VolumeLifecycleMode{${(d.spec?.volumeLifecycleModes ?? []).map((m) => `"${m}"`).join(", ")}}` },
          "field is immutable",
        ),
      );
    }
    return errs;
  },
  table: {
    columns: [
      nameColumn(),
      column("AttachRequired", "boolean", SWAGGER.csiAttachRequired),
      column("PodInfoOnMount", "boolean", SWAGGER.csiPodInfoOnMount),
      column("StorageCapacity", "boolean", SWAGGER.csiStorageCapacity),
      column("TokenRequests", "string", SWAGGER.csiTokenRequests),
      column("RequiresRepublish", "boolean", SWAGGER.csiRequiresRepublish),
      column("Modes", "string", SWAGGER.csiModes),
      ageColumn(),
    ],
    rows(d, { now }) {
      const s = d.spec ?? {};
      const tokens = s.tokenRequests ? s.tokenRequests.map((t) => t.audience ?? "").join(",") : "<unset>";
      return [
        [
          d.metadata.name,
          s.attachRequired ?? true,
          s.podInfoOnMount ?? false,
          s.storageCapacity ?? false,
          tokens,
          s.requiresRepublish ?? false,
          (s.volumeLifecycleModes ?? []).join(",") || "<none>",
          ageCell(d, now),
        ],
      ];
    },
  },
};
