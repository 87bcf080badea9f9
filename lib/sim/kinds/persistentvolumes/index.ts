/**
 * core/v1 persistentvolumes (cluster-scoped).
 * Discovery: pkg/registry/core/persistentvolume/storage/storage.go (ShortNames "pv", status).
 * Defaulting: pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolume (Retain, Filesystem).
 * Strategy: PrepareForCreate resets the status to Pending with lastPhaseTransitionTime (GA 1.31).
 * Validation: pkg/apis/core/validation/validation.go ValidatePersistentVolumeSpec (access modes,
 * capacity, reclaim policy, one volume source; local volumes need node affinity).
 * Table: printers.go printPersistentVolume. Describer: describe.go describePersistentVolume
 * (hostPath, local, nfs and csi sources; others print as in the source's default branch).
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ObjectReference, Typed } from "../_shared/core-types";
import { goSliceV, printAnnotationsMultiline, printLabelsMultiline, translateTimestampSince } from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { byteCompare } from "../_shared/labels";
import { isDNS1123Subdomain } from "../_shared/names";
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { canonicalQuantity, cmp, fromInt, parseQuantity, quantityOf, quantityString } from "../_shared/quantity";
import { ACCESS_MODES, accessModesString, storageClassOf, VOLUME_MODES } from "../_shared/storage";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn, wide } from "../_shared/table";

interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface PersistentVolumeSpec {
  capacity?: Record<string, string | number>;
  accessModes?: string[];
  claimRef?: ObjectReference;
  persistentVolumeReclaimPolicy?: string;
  storageClassName?: string;
  mountOptions?: string[];
  volumeMode?: string;
  volumeAttributesClassName?: string;
  nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
  hostPath?: { path?: string; type?: string };
  local?: { path?: string; fsType?: string };
  nfs?: { server?: string; path?: string; readOnly?: boolean };
  csi?: { driver?: string; volumeHandle?: string; fsType?: string; readOnly?: boolean; volumeAttributes?: Record<string, string> };
  [source: string]: unknown;
}
export type PersistentVolume = Typed<{
  spec?: PersistentVolumeSpec;
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}>;

const PV_SOURCES = [
  "hostPath",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "glusterfs",
  "flocker",
  "nfs",
  "rbd",
  "quobyte",
  "cephfs",
  "iscsi",
  "cinder",
  "fc",
  "flexVolume",
  "azureFile",
  "vsphereVolume",
  "azureDisk",
  "photonPersistentDisk",
  "portworxVolume",
  "scaleIO",
  "local",
  "storageos",
  "csi",
];

function validateSpec(pv: PersistentVolume): FieldError[] {
  const spec = pv.spec ?? {};
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (!modes.length) errs.push(required("spec.accessModes"));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported("spec.accessModes", m, ACCESS_MODES));
  if (modes.includes("ReadWriteOncePod") && modes.some((m) => m !== "ReadWriteOncePod" && ACCESS_MODES.includes(m))) {
    errs.push(forbidden("spec.accessModes", "may not use ReadWriteOncePod with other access modes"));
  }
  const cap = spec.capacity;
  if (!cap || !Object.keys(cap).length) errs.push(required("spec.capacity"));
  if (!cap || !("storage" in cap) || Object.keys(cap).length > 1) {
    errs.push(notSupported("spec.capacity", { go: cap ? "core.ResourceList{...}" : "core.ResourceList(nil)" }, ["storage"]));
  }
  for (const [k, raw] of Object.entries(cap ?? {})) {
    const q = parseQuantity(raw);
    if (!("error" in q) && cmp(q, fromInt(0)) <= 0)
      errs.push(invalid(`spec.capacity[${k}]`, quantityString(q), "must be greater than zero"));
  }
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp && !["Delete", "Recycle", "Retain"].includes(rp))
    errs.push(notSupported("spec.persistentVolumeReclaimPolicy", rp, ["Delete", "Recycle", "Retain"]));
  const terms = spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (spec.nodeAffinity) {
    if (!spec.nodeAffinity.required) errs.push(required("spec.nodeAffinity.required", "must specify required node constraints"));
    else if (!terms?.length)
      errs.push(required("spec.nodeAffinity.required.nodeSelectorTerms", "must have at least one node selector term"));
  }
  let count = 0;
  for (const src of PV_SOURCES) {
    if (spec[src] === undefined || spec[src] === null) continue;
    if (count > 0) {
      errs.push(forbidden(`spec.${src === "cephfs" ? "cephFS" : src}`, "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    if (src === "hostPath" && !spec.hostPath?.path) errs.push(required("spec.hostPath.path"));
    if (src === "local") {
      if (!spec.local?.path) errs.push(required("spec.local.path"));
      if (!spec.nodeAffinity) errs.push(required("spec.nodeAffinity", "Local volume requires node affinity"));
    }
    if (src === "nfs") {
      if (!spec.nfs?.server) errs.push(required("spec.nfs.server"));
      if (!spec.nfs?.path) errs.push(required("spec.nfs.path"));
    }
    if (src === "csi") {
      if (!spec.csi?.driver) errs.push(required("spec.csi.driver"));
      else
        errs.push(...isDNS1123Subdomain(spec.csi.driver.toLowerCase()).map((m) => invalid("spec.csi.driver", spec.csi?.driver ?? "", m)));
      if (!spec.csi?.volumeHandle) errs.push(required("spec.csi.volumeHandle"));
    }
  }
  if (count === 0) errs.push(required("spec", "must specify a volume type"));
  if (spec.storageClassName)
    errs.push(...isDNS1123Subdomain(spec.storageClassName).map((m) => invalid("spec.storageClassName", spec.storageClassName ?? "", m)));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported("spec.volumeMode", spec.volumeMode, VOLUME_MODES));
  return errs;
}

function printNodeAffinity(w: Writer, pv: PersistentVolume): void {
  w.write(LEVEL_0, "Node Affinity:\t");
  const req = pv.spec?.nodeAffinity?.required;
  if (!req) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  w.write(LEVEL_1, "Required Terms:\t");
  const terms = req.nodeSelectorTerms ?? [];
  if (!terms.length) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const exprs = term.matchExpressions ?? [];
    if (!exprs.length) w.writeLine("<none>");
    exprs.forEach((e, j) => {
      if (j !== 0) w.write(LEVEL_2, "\t");
      const s = `${e.key} ${e.operator.toLowerCase()}`;
      w.write(LEVEL_0, `${e.values?.length ? `${s} [${e.values.join(", ")}]` : s}\n`);
    });
  });
}

function printSource(w: Writer, spec: PersistentVolumeSpec): void {
  if (spec.hostPath)
    w.write(
      LEVEL_2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ""}\n    HostPathType:\t${spec.hostPath.type ?? "<none>"}\n`,
    );
  else if (spec.nfs)
    w.write(
      LEVEL_2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ""}\n    Path:\t${spec.nfs.path ?? ""}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`,
    );
  else if (spec.local)
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ""}\n`);
  else if (spec.csi) {
    const c = spec.csi;
    w.write(
      LEVEL_2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver ?? ""}\n    FSType:\t${c.fsType ?? ""}\n    VolumeHandle:\t${c.volumeHandle ?? ""}\n    ReadOnly:\t${c.readOnly === true}\n`,
    );
    const keys = Object.keys(c.volumeAttributes ?? {}).sort(byteCompare);
    w.write(LEVEL_2, "VolumeAttributes:\t");
    if (!keys.length) w.writeLine("<none>");
    keys.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_2, "\t");
      const line = `${k}=${c.volumeAttributes?.[k] ?? ""}`;
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
  } else w.write(LEVEL_1, "<unknown>\n");
}

export const persistentvolumes: KindDef<PersistentVolume> = {
  resource: resourceInfo("v1", "PersistentVolume", "persistentvolumes", false, { shortNames: ["pv"], subresources: [statusSubresource()] }),
  defaults(pv) {
    const spec = (pv.spec ??= {});
    (pv.status ??= {}).phase ||= "Pending";
    spec.persistentVolumeReclaimPolicy ||= "Retain";
    spec.volumeMode ??= "Filesystem";
    for (const k of Object.keys(spec.capacity ?? {})) if (spec.capacity) spec.capacity[k] = canonicalQuantity(spec.capacity[k], true);
    if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = "";
  },
  validate: (pv) => validateSpec(pv),
  validateUpdate(pv, old) {
    const errs = validateSpec(pv);
    const src = (v: PersistentVolume) => Object.fromEntries(PV_SOURCES.map((s) => [s, v.spec?.[s]]));
    if (JSON.stringify(src(pv)) !== JSON.stringify(src(old)))
      errs.push(forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"));
    if ((pv.spec?.volumeMode ?? "") !== (old.spec?.volumeMode ?? ""))
      errs.push(invalid("volumeMode", pv.spec?.volumeMode ?? null, "field is immutable"));
    return errs;
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(pv, ctx) {
      pv.status = {
        phase: "Pending",
        lastPhaseTransitionTime: new Date(Math.floor(ctx.now / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      };
    },
  },
  table: {
    // printers.go persistentVolumeColumnDefinitions, printPersistentVolume
    columns: [
      nameColumn(),
      column("Capacity", "string", SWAGGER.pvCapacity),
      column("Access Modes", "string", SWAGGER.pvAccessModes),
      column("Reclaim Policy", "string", SWAGGER.pvReclaimPolicy),
      column("Status", "string", SWAGGER.pvPhase),
      column("Claim", "string", SWAGGER.pvClaimRef),
      column("StorageClass", "string", "StorageClass of the pv"),
      column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
      column("Reason", "string", SWAGGER.pvReason),
      ageColumn(),
      wide("VolumeMode", SWAGGER.pvVolumeMode),
    ],
    rows(pv, { now }) {
      const spec = pv.spec ?? {};
      const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : "";
      const phase = pv.metadata.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? "");
      return [
        [
          pv.metadata.name,
          quantityString(quantityOf(spec.capacity?.storage)),
          accessModesString(spec.accessModes),
          spec.persistentVolumeReclaimPolicy ?? "",
          phase,
          claim,
          storageClassOf(pv),
          spec.volumeAttributesClassName ?? "<unset>",
          pv.status?.reason ?? "",
          ageCell(pv, now),
          spec.volumeMode ?? "<unset>",
        ],
      ];
    },
  },
  // PersistentVolumeToSelectableFields keeps a legacy "name" field
  selectableFields: (pv) => ({ name: pv.metadata.name }),
  describe(pv, ctx) {
    const spec = pv.spec ?? {};
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", pv.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSliceV(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    if (pv.metadata.deletionTimestamp)
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pv.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ""}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : ""}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${quantityString(quantityOf(spec.capacity?.storage))}\n`);
    printNodeAffinity(w, pv);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ""}\n`);
    w.write(LEVEL_0, "Source:\n");
    printSource(w, spec);
    describeEventsFor(pv, ctx, w);
    return w.toString();
  },
};
