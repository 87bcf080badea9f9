/**
 * storage.k8s.io/v1 csistoragecapacities (namespaced, published by CSI drivers).
 * Discovery: pkg/registry/storage/csistoragecapacity/storage/storage.go (no short names).
 * Defaulting: SetDefaults_ResourceList semantics do not apply (capacity is a single Quantity).
 * Validation: pkg/apis/storage/validation/validation.go ValidateCSIStorageCapacity(Update)
 * (storageClassName, quantities; nodeTopology and storageClassName immutable).
 * Table: printers.go printCSIStorageCapacity (no AGE column). No describer.
 */
import { invalid, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { LabelSelector, Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { goLabelSelector, validateLabelSelector } from "../_shared/labels";
import { nameIsDNSSubdomain } from "../_shared/names";
import { canonicalQuantity, cmp, fromInt, parseQuantity, quantityString } from "../_shared/quantity";
import { semanticEqual } from "../_shared/semantic";
import { SWAGGER } from "../_shared/swagger-docs";
import { column, nameColumn } from "../_shared/table";

export type CSIStorageCapacity = Typed<{
  nodeTopology?: LabelSelector;
  storageClassName?: string;
  capacity?: string | number;
  maximumVolumeSize?: string | number;
}>;

function nonNegative(raw: string | number | undefined, field: string): FieldError[] {
  if (raw === undefined) return [];
  const q = parseQuantity(raw);
  return !("error" in q) && cmp(q, fromInt(0)) < 0 ? [invalid(field, quantityString(q), "must be greater than or equal to 0")] : [];
}

function validateCapacity(c: CSIStorageCapacity): FieldError[] {
  const errs = c.nodeTopology ? validateLabelSelector(c.nodeTopology, "nodeTopology") : [];
  const sc = c.storageClassName ?? "";
  errs.push(...nameIsDNSSubdomain(sc, false).map((m) => invalid("storageClassName", sc, m)));
  return errs.concat(nonNegative(c.capacity, "capacity"), nonNegative(c.maximumVolumeSize, "maximumVolumeSize"));
}

export const csistoragecapacities: KindDef<CSIStorageCapacity> = {
  resource: resourceInfo("storage.k8s.io/v1", "CSIStorageCapacity", "csistoragecapacities", true),
  defaults(c) {
    if (c.capacity !== undefined) c.capacity = canonicalQuantity(c.capacity);
    if (c.maximumVolumeSize !== undefined) c.maximumVolumeSize = canonicalQuantity(c.maximumVolumeSize);
  },
  validate: validateCapacity,
  validateUpdate(c, old) {
    const errs = validateCapacity(c);
    if (!semanticEqual(c.nodeTopology, old.nodeTopology))
      errs.push(invalid("nodeTopology", goLabelSelector(c.nodeTopology) ?? null, "field is immutable"));
    if (c.storageClassName !== old.storageClassName) errs.push(invalid("storageClassName", c.storageClassName ?? "", "field is immutable"));
    return errs;
  },
  table: {
    columns: [
      nameColumn(),
      column("StorageClassName", "string", SWAGGER.cscStorageClassName),
      column("Capacity", "string", SWAGGER.cscCapacity),
    ],
    rows(c) {
      const q = c.capacity === undefined ? undefined : parseQuantity(c.capacity);
      return [[c.metadata.name, c.storageClassName ?? "", !q || "error" in q ? "<unset>" : quantityString(q)]];
    },
  },
};
