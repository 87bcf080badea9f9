/**
 * apps/v1 statefulsets.
 * Discovery: pkg/registry/apps/statefulset/storage/storage.go (ShortNames "sts", Categories
 * "all", scale and status). Names are DNS labels (ValidateStatefulSetName = NameIsDNSLabel).
 * Defaulting: pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet (StatefulSetAutoDeletePVC is GA
 * in v1.32, so the PVC retention policy is always defaulted), claim templates as PVCs.
 * Validation: pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec / ValidateStatefulSetUpdate
 * (which, unlike the other workloads, does not validate the pod spec of the template).
 * Table: printers.go printStatefulSet. Describer: describe.go describeStatefulSet.
 */
import { forbidden, goMap, goQuote, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { IntOrString, LabelSelector, PodTemplateSpec, Typed } from "../_shared/core-types";
import { formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo, scaleSubresource, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import {
  goIntOrString,
  intOrPercentValue,
  intOrStringString,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from "../_shared/intstr";
import { goLabelSelector, selectorMatches, selectorString, validateLabels, validateLabelSelector } from "../_shared/labels";
import { nameIsDNSLabel } from "../_shared/names";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { validateAnnotations, validateNonnegative } from "../_shared/pod-validation";
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { canonicalQuantity, quantityOf, quantityString } from "../_shared/quantity";
import { clone, semanticEqual } from "../_shared/semantic";
import {
  ageCell,
  ageColumn,
  column,
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  layoutContainerCells,
  nameColumn,
  wide,
} from "../_shared/table";
import { podStatusForController, podsStatusLine } from "../_shared/workloads";

interface ClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string | null };
  spec?: {
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  };
  status?: { phase?: string };
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template?: PodTemplateSpec;
  volumeClaimTemplates?: ClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } | null };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
}
export type StatefulSet = Typed<{
  spec?: StatefulSetSpec;
  status?: { replicas?: number; readyReplicas?: number; currentReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
}>;

function defaultStatefulSet(s: StatefulSet): void {
  const spec = (s.spec ??= {});
  if (!spec.podManagementPolicy) spec.podManagementPolicy = "OrderedReady";
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = "RollingUpdate";
    us.rollingUpdate ??= {};
  }
  if (us.type === "RollingUpdate" && us.rollingUpdate && us.rollingUpdate.partition === undefined) us.rollingUpdate.partition = 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = "Retain";
  if (!retention.whenScaled) retention.whenScaled = "Retain";
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec((spec.template ??= {}));
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.metadata ??= {};
    if (claim.metadata.creationTimestamp === undefined) claim.metadata.creationTimestamp = null;
    const cs = (claim.spec ??= {});
    cs.volumeMode ??= "Filesystem";
    for (const list of [cs.resources?.requests, cs.resources?.limits])
      for (const k of Object.keys(list ?? {})) if (list) list[k] = canonicalQuantity(list[k], true);
    claim.status ??= {};
    claim.status.phase ??= "Pending";
  }
}

const RETENTION = ["Retain", "Delete"];

/** %#v of the internal apps.RollingUpdateStatefulSetStrategy (a set maxUnavailable is a pointer: its address is not reproducible). */
function goRollingUpdate(ru: { partition?: number; maxUnavailable?: IntOrString }): { go: string } {
  const mu = ru.maxUnavailable === undefined ? "(*intstr.IntOrString)(nil)" : "(*intstr.IntOrString)(0xc0004f2b48)";
  return { go: `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${mu}}` };
}

/** ValidateStatefulSetSpec */
function validateSpec(spec: StatefulSetSpec): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? "";
  if (!pmp) errs.push(required("spec.podManagementPolicy"));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel")
    errs.push(invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy ?? {};
  if (!us.type) errs.push(required("spec.updateStrategy"));
  else if (us.type === "OnDelete") {
    if (us.rollingUpdate)
      errs.push(
        invalid("spec.updateStrategy.rollingUpdate", goRollingUpdate(us.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"),
      );
  } else if (us.type === "RollingUpdate") {
    const ru = us.rollingUpdate;
    if (ru) {
      const p = "spec.updateStrategy.rollingUpdate";
      errs.push(...validateNonnegative(ru.partition ?? 0, `${p}.partition`));
      if (ru.maxUnavailable !== undefined) {
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
        if (intOrPercentValue(ru.maxUnavailable) === 0)
          errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), "cannot be 0"));
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
      }
    }
  } else {
    const ru = us.rollingUpdate
      ? "(*apps.RollingUpdateStatefulSetStrategy)(0xc0004f2b40)"
      : "(*apps.RollingUpdateStatefulSetStrategy)(nil)";
    errs.push(
      invalid(
        "spec.updateStrategy",
        { go: `apps.StatefulSetUpdateStrategy{Type:${goQuote(us.type)}, RollingUpdate:${ru}}` },
        "must be 'RollingUpdate' or 'OnDelete'",
      ),
    );
  }
  const r = spec.persistentVolumeClaimRetentionPolicy;
  if (r) {
    for (const k of ["whenDeleted", "whenScaled"] as const) {
      if (!RETENTION.includes(r[k] ?? "")) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, r[k] ?? "", RETENTION));
    }
  }
  errs.push(...validateNonnegative(spec.replicas, "spec.replicas"));
  errs.push(...validateNonnegative(spec.minReadySeconds, "spec.minReadySeconds"));
  if (spec.ordinals) errs.push(...validateNonnegative(spec.ordinals.start, "spec.ordinals.start"));
  if (!spec.selector) errs.push(required("spec.selector"));
  else {
    errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
    if (!Object.keys(spec.selector.matchLabels ?? {}).length && !(spec.selector.matchExpressions ?? []).length) {
      errs.push(invalid("spec.selector", goLabelSelector(spec.selector), "empty selector is invalid for statefulset"));
    }
  }
  const str = selectorString(spec.selector);
  if (typeof str !== "string") errs.push(invalid("spec.selector", goLabelSelector(spec.selector), ""));
  else {
    // ValidatePodTemplateSpecForStatefulSet: selector match, template labels and annotations only
    const labels = spec.template?.metadata?.labels;
    if ((!spec.selector || str !== "") && !selectorMatches(spec.selector, labels)) {
      errs.push(invalid("spec.template.metadata.labels", goMap(labels), "`selector` does not match template `labels`"));
    }
    errs.push(...validateLabels(labels, "spec.template.labels"));
    errs.push(...validateAnnotations(spec.template?.metadata?.annotations, "spec.template.annotations"));
  }
  const rp = spec.template?.spec?.restartPolicy ?? "";
  if (rp !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", rp, ["Always"]));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"));
  }
  return errs;
}

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, the retention policy and minReadySeconds may change. */
function validateUpdate(s: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateSpec(s.spec ?? {});
  const a = clone(s.spec ?? {});
  const b = old.spec ?? {};
  for (const k of [
    "replicas",
    "template",
    "updateStrategy",
    "minReadySeconds",
    "ordinals",
    "persistentVolumeClaimRetentionPolicy",
  ] as const) {
    (a as Record<string, unknown>)[k] = b[k];
  }
  if (!semanticEqual(a, b)) {
    errs.push(
      forbidden(
        "spec",
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

/** describeVolumeClaimTemplates */
function describeClaimTemplates(claims: ClaimTemplate[] | undefined, w: Writer): void {
  if (!claims?.length) {
    w.write(LEVEL_0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(LEVEL_0, "Volume Claims:\n");
  for (const c of claims) {
    w.write(LEVEL_1, `Name:\t${c.metadata?.name ?? ""}\n`);
    const sc = c.spec?.storageClassName ?? c.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
    w.write(LEVEL_1, `StorageClass:\t${sc}\n`);
    printLabelsMultiline(w, "Labels", c.metadata?.labels, "  ");
    printLabelsMultiline(w, "Annotations", c.metadata?.annotations, "  ");
    const storage = c.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage === undefined ? "<default>" : quantityString(quantityOf(storage))}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(c.spec?.accessModes ?? []).join(" ")}]\n`);
  }
}

export const statefulsets: KindDef<StatefulSet> = {
  resource: resourceInfo("apps/v1", "StatefulSet", "statefulsets", true, {
    shortNames: ["sts"],
    categories: ["all"],
    subresources: [scaleSubresource(), statusSubresource()],
  }),
  validateName: nameIsDNSLabel,
  defaults: defaultStatefulSet,
  validate: (s) => validateSpec(s.spec ?? {}),
  validateUpdate: validateUpdate,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(s) {
      s.status = { replicas: 0, availableReplicas: 0 };
    },
    scale: { specReplicasPath: "spec.replicas", statusReplicasPath: "status.replicas", labelSelectorPath: "spec.selector" },
  },
  table: {
    // printers.go statefulSetColumnDefinitions, printStatefulSet
    columns: [
      nameColumn(),
      column("Ready", "string", "Number of the pod with ready state"),
      ageColumn(),
      wide("Containers", CONTAINERS_DESCRIPTION),
      wide("Images", IMAGES_DESCRIPTION),
    ],
    rows(s, { now }) {
      const [names, images] = layoutContainerCells(s.spec?.template?.spec?.containers);
      return [[s.metadata.name, `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, ageCell(s, now), names, images]];
    },
  },
  describe(s, ctx) {
    const spec = s.spec ?? {};
    const w = new PrefixWriter();
    const sel = selectorString(spec.selector);
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(s.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${typeof sel === "string" ? sel : ""}\n`);
    printLabelsMultiline(w, "Labels", s.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", s.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${s.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ""}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru?.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${intOrStringString(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(podStatusForController(ctx, s, spec.selector))}\n`);
    describePodTemplate(spec.template, w);
    describeClaimTemplates(spec.volumeClaimTemplates, w);
    describeEventsFor(s, ctx, w);
    return w.toString();
  },
};
