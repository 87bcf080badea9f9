/**
 * core/v1 persistentvolumeclaims.
 * Discovery: pkg/registry/core/persistentvolumeclaim/storage/storage.go (ShortNames "pvc", status).
 * Defaulting: pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaimSpec (volumeMode
 * Filesystem), SetDefaults_ResourceList.
 * Strategy: pkg/registry/core/persistentvolumeclaim/strategy.go PrepareForCreate clears the status
 * and mirrors dataSource/dataSourceRef (EnforceDataSourceBackwardsCompatibility). The claim then
 * reads phase Pending, which the PV controller records at once; the simulator sets it here.
 * The DefaultStorageClass admission plugin (plugin/pkg/admission/storage/storageclass/setdefault)
 * also runs here: a claim without storageClassName gets the default class, the newest when
 * several are marked default.
 * Validation: pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimSpec and
 * ValidatePersistentVolumeClaimUpdate (spec immutable except requests; no shrinking).
 * Table: printers.go printPersistentVolumeClaim. Describer: describe.go
 * PersistentVolumeClaimDescriber (Used By, Conditions, Events).
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { LabelSelector, ResourceList, Typed } from "../_shared/core-types";
import {
  formatRFC1123Z,
  goSliceV,
  printAnnotationsMultiline,
  printLabelsMultiline,
  translateTimestampSince,
} from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { byteCompare, validateLabelSelector } from "../_shared/labels";
import { isDNS1123Subdomain, nameIsDNSSubdomain } from "../_shared/names";
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { cmp, fromInt, parseQuantity, quantityOf, quantityString } from "../_shared/quantity";
import { defaultResourceList, validateResourceQuantityValue } from "../_shared/resources";
import { semanticEqual } from "../_shared/semantic";
import { ACCESS_MODES, accessModesString, BETA_STORAGE_CLASS, storageClassOf, VOLUME_MODES } from "../_shared/storage";
import { SWAGGER } from "../_shared/swagger-docs";
import { isDefaultClass } from "../storageclasses";
import { ageCell, ageColumn, column, nameColumn, wide } from "../_shared/table";

interface TypedObjectReference {
  apiGroup?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}
export interface PersistentVolumeClaimSpec {
  accessModes?: string[];
  selector?: LabelSelector;
  resources?: { requests?: ResourceList; limits?: ResourceList };
  volumeName?: string;
  storageClassName?: string;
  volumeMode?: string;
  dataSource?: TypedObjectReference;
  dataSourceRef?: TypedObjectReference;
  volumeAttributesClassName?: string;
}
interface PVCCondition {
  type?: string;
  status?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}
export type PersistentVolumeClaim = Typed<{
  spec?: PersistentVolumeClaimSpec;
  status?: { phase?: string; accessModes?: string[]; capacity?: ResourceList; conditions?: PVCCondition[] };
}>;

/** validateDataSource / validateDataSourceRef */
function validateDataSource(ds: TypedObjectReference, field: string, ref: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ds.name) errs.push(required(`${field}.name`));
  if (!ds.kind) errs.push(required(`${field}.kind`));
  const group = ds.apiGroup ?? "";
  if (!group && ds.kind !== "PersistentVolumeClaim")
    errs.push(invalid(field, ds.kind ?? "", "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (group) errs.push(...isDNS1123Subdomain(group).map((m) => invalid(`${field}.apiGroup`, group, m)));
  if (ref && ds.namespace)
    errs.push(...nameIsDNSSubdomain(ds.namespace, false).map((m) => invalid(`${field}.namespace`, ds.namespace ?? "", m)));
  return errs;
}

/** ValidatePersistentVolumeClaimSpec, at `field` ("spec", or a template's "spec.volumeClaimTemplates[0].spec"). */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (!modes.length) errs.push(required(`${field}.accessModes`, "at least 1 access mode is required"));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, `${field}.selector`));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(`${field}.accessModes`, m, ACCESS_MODES));
    if (m === "ReadWriteOncePod") rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(`${field}.accessModes`, "may not use ReadWriteOncePod with other access modes"));
  const storage = spec.resources?.requests?.storage;
  const sp = `${field}.resources[storage]`;
  if (storage === undefined) errs.push(required(sp));
  else {
    const q = parseQuantity(storage);
    if (!("error" in q) && cmp(q, fromInt(0)) <= 0) errs.push(invalid(sp, quantityString(q), "must be greater than zero"));
    else errs.push(...validateResourceQuantityValue("storage", storage, sp));
  }
  if (spec.storageClassName)
    errs.push(
      ...nameIsDNSSubdomain(spec.storageClassName, false).map((m) => invalid(`${field}.storageClassName`, spec.storageClassName ?? "", m)),
    );
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode))
    errs.push(notSupported(`${field}.volumeMode`, spec.volumeMode, VOLUME_MODES));
  if (spec.dataSource) errs.push(...validateDataSource(spec.dataSource, `${field}.dataSource`, false));
  if (spec.dataSourceRef) errs.push(...validateDataSource(spec.dataSourceRef, `${field}.dataSourceRef`, true));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource)
      errs.push(invalid(field, { go: `${field}.dataSource` }, "may not be specified when dataSourceRef.namespace is specified"));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const a = spec.dataSource;
    const b = spec.dataSourceRef;
    if (a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name)
      errs.push(invalid(field, { go: `${field}.dataSource` }, "must match dataSourceRef"));
  }
  return errs;
}

/** A short stand-in for the cmp.Diff ValidatePersistentVolumeClaimUpdate appends (go-cmp's output is deliberately unstable). */
function specDiff(old: PersistentVolumeClaimSpec, cur: PersistentVolumeClaimSpec): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(cur)])] as (keyof PersistentVolumeClaimSpec)[];
  const lines = ["  core.PersistentVolumeClaimSpec{"];
  for (const k of keys) {
    if (semanticEqual(old[k], cur[k])) continue;
    lines.push(`- \t${k}: ${JSON.stringify(old[k] ?? null)},`, `+ \t${k}: ${JSON.stringify(cur[k] ?? null)},`);
  }
  lines.push("  }");
  return lines.join("\n") + "\n";
}

function validateUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = validatePersistentVolumeClaimSpec(pvc.spec ?? {}, "spec");
  const cur: PersistentVolumeClaimSpec = JSON.parse(JSON.stringify(pvc.spec ?? {})) as PersistentVolumeClaimSpec;
  const prev: PersistentVolumeClaimSpec = JSON.parse(JSON.stringify(old.spec ?? {})) as PersistentVolumeClaimSpec;
  if (!prev.volumeName) prev.volumeName = cur.volumeName;
  const oldAnn = old.metadata.annotations?.[BETA_STORAGE_CLASS];
  const newAnn = pvc.metadata.annotations?.[BETA_STORAGE_CLASS];
  if (
    oldAnn !== undefined &&
    prev.storageClassName === undefined &&
    cur.storageClassName === oldAnn &&
    (newAnn === undefined || newAnn === oldAnn)
  ) {
    delete cur.storageClassName;
  } else {
    if ((newAnn ?? "") !== (oldAnn ?? ""))
      errs.push(invalid(`metadata.annotations[${BETA_STORAGE_CLASS}]`, newAnn ?? "", "field is immutable"));
    if (
      cur.storageClassName !== undefined &&
      prev.storageClassName === undefined &&
      (oldAnn === undefined || cur.storageClassName === oldAnn)
    ) {
      cur.storageClassName = prev.storageClassName;
    }
  }
  if (pvc.status?.phase === "Bound" && cur.resources?.requests) {
    if (prev.resources?.requests?.storage === undefined) delete cur.resources.requests.storage;
    else cur.resources.requests.storage = prev.resources.requests.storage;
  }
  cur.volumeAttributesClassName = prev.volumeAttributesClassName;
  if (!semanticEqual(cur, prev)) {
    errs.push(
      forbidden(
        "spec",
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff(prev, cur)}`,
      ),
    );
  }
  if (cmp(quantityOf(pvc.spec?.resources?.requests?.storage), quantityOf(old.spec?.resources?.requests?.storage)) < 0) {
    // RecoverVolumeExpansionFailure is beta and on in v1.32: shrinking is refused only at or below the recorded capacity
    if (cmp(quantityOf(pvc.spec?.resources?.requests?.storage), quantityOf(old.status?.capacity?.storage)) <= 0) {
      errs.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
    }
  }
  if ((pvc.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null))
    errs.push(invalid("volumeMode", pvc.spec?.volumeMode ?? null, "field is immutable"));
  return errs;
}

/** The DefaultStorageClass admission plugin's pick: classes marked default, newest first, then by name. */
function defaultStorageClass(
  classes: { metadata: { name: string; creationTimestamp?: string; annotations?: Record<string, string> } }[],
): string | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") ||
      byteCompare(a.metadata.name, b.metadata.name),
  );
  return defaults[0]?.metadata.name;
}

/** printPersistentVolumeClaim(isFullPVC): also used for claim templates (StatefulSets, ephemeral volumes). */
export function printPersistentVolumeClaim(w: Writer, pvc: PersistentVolumeClaim, full: boolean, now: number): void {
  const spec = pvc.spec ?? {};
  if (full) {
    w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ""}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
  if (full) {
    if (pvc.metadata.deletionTimestamp)
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ""}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ""}\n`);
  printLabelsMultiline(w, "Labels", pvc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pvc.metadata.annotations);
  if (full) w.write(LEVEL_0, `Finalizers:\t${goSliceV(pvc.metadata.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(quantityOf(pvc.status?.capacity?.storage)) : ""}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ""}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, "DataSource:\n");
    if (spec.dataSource.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ""}\n`);
  }
}

interface PodLike {
  metadata: { name: string; uid: string };
  spec?: { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] };
}

export const persistentvolumeclaims: KindDef<PersistentVolumeClaim> = {
  resource: resourceInfo("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, {
    shortNames: ["pvc"],
    subresources: [statusSubresource()],
  }),
  defaults(pvc) {
    const spec = (pvc.spec ??= {});
    spec.volumeMode ??= "Filesystem";
    defaultResourceList(spec.resources?.requests);
    defaultResourceList(spec.resources?.limits);
    const status = (pvc.status ??= {});
    status.phase ||= "Pending";
    defaultResourceList(status.capacity);
  },
  validate: (pvc) => validatePersistentVolumeClaimSpec(pvc.spec ?? {}, "spec"),
  validateUpdate,
  strategy: {
    statusSubresource: true,
    prepareForCreate(pvc, ctx) {
      pvc.status = { phase: "Pending" };
      const spec = (pvc.spec ??= {});
      if (spec.dataSource && !spec.dataSourceRef) spec.dataSourceRef = { ...spec.dataSource };
      else if (spec.dataSourceRef && !spec.dataSource && !spec.dataSourceRef.namespace) {
        const { apiGroup, kind, name } = spec.dataSourceRef;
        spec.dataSource = { ...(apiGroup !== undefined ? { apiGroup } : {}), kind, name };
      }
      if (spec.storageClassName === undefined && pvc.metadata.annotations?.[BETA_STORAGE_CLASS] === undefined) {
        const def = defaultStorageClass(ctx.objects.list({ group: "storage.k8s.io", resource: "storageclasses" }));
        if (def !== undefined) spec.storageClassName = def;
      }
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Status", "string", SWAGGER.pvcPhase),
      column("Volume", "string", SWAGGER.pvcVolumeName),
      column("Capacity", "string", SWAGGER.pvcCapacity),
      column("Access Modes", "string", SWAGGER.pvcAccessModes),
      column("StorageClass", "string", "StorageClass of the pvc"),
      column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
      ageColumn(),
      wide("VolumeMode", SWAGGER.pvcVolumeMode),
    ],
    rows(pvc, { now }) {
      const spec = pvc.spec ?? {};
      const phase = pvc.metadata.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? "");
      const bound = !!spec.volumeName;
      return [
        [
          pvc.metadata.name,
          phase,
          spec.volumeName ?? "",
          bound ? quantityString(quantityOf(pvc.status?.capacity?.storage)) : "",
          bound ? accessModesString(pvc.status?.accessModes) : "",
          storageClassOf(pvc),
          spec.volumeAttributesClassName ?? "<unset>",
          ageCell(pvc, now),
          spec.volumeMode ?? "<unset>",
        ],
      ];
    },
  },
  selectableFields: (pvc) => ({ name: pvc.metadata.name }),
  describe(pvc, ctx) {
    const w = new PrefixWriter();
    printPersistentVolumeClaim(w, pvc, true, ctx.now);
    // getPodsForPVC: pods mounting the claim, then pods owning it (generic ephemeral volumes)
    const pods = ctx.list({ group: "", resource: "pods" }, pvc.metadata.namespace) as unknown as PodLike[];
    const users: PodLike[] = [];
    for (const pod of pods)
      for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) users.push(pod);
    for (const ref of pvc.metadata.ownerReferences ?? []) {
      if (ref.kind !== "Pod") continue;
      const owner = pods.find((p) => p.metadata.uid === ref.uid);
      if (owner && !users.some((p) => p.metadata.uid === owner.metadata.uid)) users.push(owner);
    }
    users.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    w.write(LEVEL_0, "Used By:\t");
    if (!users.length) w.writeLine("<none>");
    users.forEach((p, i) => {
      if (i !== 0) w.write(LEVEL_0, "\t");
      w.write(LEVEL_0, `${p.metadata.name}\n`);
    });
    const conds = pvc.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const c of conds) {
        w.write(
          LEVEL_1,
          `${c.type ?? ""} \t${c.status ?? ""} \t${formatRFC1123Z(c.lastProbeTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
        );
      }
    }
    describeEventsFor(pvc, ctx, w);
    return w.toString();
  },
};
