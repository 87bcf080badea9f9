/**
 * storage.k8s.io/v1 storageclasses (cluster-scoped).
 * Discovery: pkg/registry/storage/storageclass/storage/storage.go (ShortNames "sc").
 * Defaulting: pkg/apis/storage/v1/defaults.go SetDefaults_StorageClass (Delete, Immediate).
 * Validation: pkg/apis/storage/validation/validation.go ValidateStorageClass(Update):
 * provisioner, parameters, reclaim policy, binding mode, allowed topologies; parameters,
 * provisioner, reclaim policy and binding mode are immutable.
 * Table: printers.go printStorageClass (" (default)" after the default class's name).
 * Describer: describe.go describeStorageClass.
 */
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import { tooLong } from "../_shared/field-errors";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { printBoolPtr } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { formatLabels, validateLabelName } from "../_shared/labels";
import { byteLen, isQualifiedName } from "../_shared/names";
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { semanticEqual } from "../_shared/semantic";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export interface TopologySelectorTerm {
  matchLabelExpressions?: { key: string; values?: string[] }[];
}
export type StorageClass = Typed<{
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  mountOptions?: string[];
  allowVolumeExpansion?: boolean;
  volumeBindingMode?: string;
  allowedTopologies?: TopologySelectorTerm[];
}>;

export const IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
export const IS_DEFAULT_CLASS_BETA = "storageclass.beta.kubernetes.io/is-default-class";

/** storageutil.IsDefaultAnnotation */
export const isDefaultClass = (sc: { metadata: { annotations?: Record<string, string> } }): boolean =>
  sc.metadata.annotations?.[IS_DEFAULT_CLASS] === "true" || sc.metadata.annotations?.[IS_DEFAULT_CLASS_BETA] === "true";

/** ValidateTopologySelectorTerm, for each term of allowedTopologies. */
function validateTopologies(terms: TopologySelectorTerm[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen: string[] = [];
  (terms ?? []).forEach((term, i) => {
    const keys = new Map<string, string[]>();
    (term.matchLabelExpressions ?? []).forEach((req, j) => {
      const p = `${field}[${i}].matchLabelExpressions[${j}]`;
      const values = req.values ?? [];
      if (!values.length) errs.push(required(`${p}.values`));
      values.forEach((v, k) => {
        if (values.indexOf(v) !== k) errs.push(duplicate(`${p}.values[${k}]`, v));
      });
      errs.push(...validateLabelName(req.key, `${p}.key`));
      if (keys.has(req.key)) errs.push(duplicate(`${p}.key`, req.key));
      keys.set(req.key, [...new Set(values)].sort());
    });
    const canonical = JSON.stringify([...keys.entries()].sort());
    if (seen.includes(canonical)) errs.push(duplicate(`${field}[${i}].matchLabelExpressions`, ""));
    seen.push(canonical);
  });
  return errs;
}

function validateStorageClass(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  const prov = sc.provisioner ?? "";
  if (!prov) errs.push(required("provisioner"));
  else errs.push(...isQualifiedName(prov.toLowerCase()).map((m) => invalid("provisioner", prov.toLowerCase(), m)));
  const params = sc.parameters ?? {};
  if (Object.keys(params).length > 512) errs.push(tooLong("parameters", 512));
  else {
    let size = 0;
    for (const [k, v] of Object.entries(params)) {
      if (!k) errs.push(invalid("parameters", k, "field can not be empty."));
      size += byteLen(k) + byteLen(v);
    }
    if (size > 256 * 1024) errs.push(tooLong("parameters", 256 * 1024));
  }
  const rp = sc.reclaimPolicy ?? "";
  if (rp && !["Delete", "Retain"].includes(rp)) errs.push(notSupported("reclaimPolicy", rp, ["Delete", "Retain"]));
  if (sc.volumeBindingMode === undefined) errs.push(required("volumeBindingMode"));
  else if (!["Immediate", "WaitForFirstConsumer"].includes(sc.volumeBindingMode))
    errs.push(notSupported("volumeBindingMode", sc.volumeBindingMode, ["Immediate", "WaitForFirstConsumer"]));
  return errs.concat(validateTopologies(sc.allowedTopologies, "allowedTopologies"));
}

/** printAllowedTopologies */
function printAllowedTopologies(w: Writer, terms: TopologySelectorTerm[]): void {
  w.write(LEVEL_0, "AllowedTopologies:\t");
  if (!terms.length) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  terms.forEach((term, i) => {
    w.write(LEVEL_1, `Term ${i}:\t`);
    const reqs = term.matchLabelExpressions ?? [];
    if (!reqs.length) w.writeLine("<none>");
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_1, "\t");
      w.write(LEVEL_0, `${req.key} in${req.values?.length ? ` [${req.values.join(", ")}]` : ""}\n`);
    });
  });
}

export const storageclasses: KindDef<StorageClass> = {
  resource: resourceInfo("storage.k8s.io/v1", "StorageClass", "storageclasses", false, { shortNames: ["sc"] }),
  defaults(sc) {
    sc.reclaimPolicy ??= "Delete";
    sc.volumeBindingMode ??= "Immediate";
  },
  validate: validateStorageClass,
  validateUpdate(sc, old) {
    const errs: FieldError[] = [];
    if (!semanticEqual(sc.parameters, old.parameters)) errs.push(forbidden("parameters", "updates to parameters are forbidden."));
    if (sc.provisioner !== old.provisioner) errs.push(forbidden("provisioner", "updates to provisioner are forbidden."));
    if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    if (sc.volumeBindingMode !== old.volumeBindingMode)
      errs.push(invalid("volumeBindingMode", sc.volumeBindingMode ?? null, "field is immutable"));
    return errs;
  },
  table: {
    columns: [
      nameColumn(),
      column("Provisioner", "string", SWAGGER.scProvisioner),
      column("ReclaimPolicy", "string", SWAGGER.scReclaimPolicy),
      column("VolumeBindingMode", "string", SWAGGER.scBindingMode),
      column("AllowVolumeExpansion", "string", SWAGGER.scExpansion),
      ageColumn(),
    ],
    rows: (sc, { now }) => [
      [
        isDefaultClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name,
        sc.provisioner ?? "",
        sc.reclaimPolicy ?? "Delete",
        sc.volumeBindingMode ?? "Immediate",
        sc.allowVolumeExpansion ?? false,
        ageCell(sc, now),
      ],
    ],
  },
  describe(sc, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(sc) ? "Yes" : "No"}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ""}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
    if (!sc.mountOptions?.length) w.write(LEVEL_0, "MountOptions:\t<none>\n");
    else {
      w.write(LEVEL_0, "MountOptions:\n");
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy !== undefined) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode !== undefined) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies) printAllowedTopologies(w, sc.allowedTopologies);
    describeEventsFor(sc, ctx, w);
    return w.toString();
  },
};
