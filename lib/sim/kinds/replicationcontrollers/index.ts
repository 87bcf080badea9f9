/**
 * core/v1 replicationcontrollers.
 * Discovery: pkg/registry/core/replicationcontroller/storage/storage.go (ShortNames "rc",
 * Categories "all", scale and status subresources).
 * Defaulting: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController (selector and
 * labels from the template's labels, replicas 1) and the pod template defaults.
 * Validation: pkg/apis/core/validation/validation.go ValidateReplicationControllerSpec and
 * ValidatePodTemplateSpecForRC (restartPolicy Always only, no activeDeadlineSeconds).
 * Strategy: status reset on create, generation tracking. Field selector status.replicas:
 * ControllerToSelectableFields.
 * Table: printers.go printReplicationController. Describer: describe.go describeReplicationController.
 */
import { invalid, notSupported, required, type FieldError } from "../../api/field";
import { goMap } from "../../api/field";
import type { KindDef } from "../types";
import type { PodTemplateSpec, Typed } from "../_shared/core-types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo, scaleSubresource, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { formatLabels, setMatches } from "../_shared/labels";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { validateNonnegative, validatePodTemplateSpec } from "../_shared/pod-validation";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
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

export type ReplicationController = Typed<{
  spec?: { replicas?: number; minReadySeconds?: number; selector?: Record<string, string>; template?: PodTemplateSpec };
  status?: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: { type?: string; status?: string; reason?: string; message?: string; lastTransitionTime?: string }[];
  };
}>;

function validateSpec(rc: ReplicationController): FieldError[] {
  const spec = rc.spec ?? {};
  const errs = validateNonnegative(spec.minReadySeconds, "spec.minReadySeconds");
  if (!Object.keys(spec.selector ?? {}).length) errs.push(required("spec.selector"));
  errs.push(...validateNonnegative(spec.replicas ?? 0, "spec.replicas"));
  const t = spec.template;
  if (!t) {
    errs.push(required("spec.template"));
    return errs;
  }
  if (Object.keys(spec.selector ?? {}).length && !setMatches(spec.selector, t.metadata?.labels)) {
    errs.push(invalid("spec.template.metadata.labels", goMap(t.metadata?.labels), "`selector` does not match template `labels`"));
  }
  errs.push(...validatePodTemplateSpec(t, "spec.template"));
  if (t.spec?.restartPolicy !== "Always")
    errs.push(notSupported("spec.template.spec.restartPolicy", t.spec?.restartPolicy ?? "", ["Always"]));
  if (t.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      invalid(
        "spec.template.spec.activeDeadlineSeconds",
        t.spec.activeDeadlineSeconds,
        "activeDeadlineSeconds in ReplicationController is not Supported",
      ),
    );
  }
  return errs;
}

export const replicationcontrollers: KindDef<ReplicationController> = {
  resource: resourceInfo("v1", "ReplicationController", "replicationcontrollers", true, {
    shortNames: ["rc"],
    categories: ["all"],
    subresources: [scaleSubresource(), statusSubresource()],
  }),
  defaults(rc) {
    const spec = (rc.spec ??= {});
    const labels = spec.template?.metadata?.labels;
    if (labels) {
      if (!Object.keys(spec.selector ?? {}).length) spec.selector = { ...labels };
      if (!Object.keys(rc.metadata.labels ?? {}).length) rc.metadata.labels = { ...labels };
    }
    spec.replicas ??= 1;
    if (spec.template) defaultPodTemplateSpec(spec.template);
  },
  validate: validateSpec,
  validateUpdate: validateSpec,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(rc) {
      rc.status = { replicas: 0 };
    },
    scale: { specReplicasPath: "spec.replicas", statusReplicasPath: "status.replicas", labelSelectorPath: "spec.selector" },
  },
  table: {
    columns: [
      nameColumn(),
      column("Desired", "integer", SWAGGER.rcSpecReplicas),
      column("Current", "integer", SWAGGER.rcStatusReplicas),
      column("Ready", "integer", SWAGGER.rcStatusReady),
      ageColumn(),
      wide("Containers", CONTAINERS_DESCRIPTION),
      wide("Images", IMAGES_DESCRIPTION),
      wide("Selector", SWAGGER.rcSpecSelector),
    ],
    rows(rc, { now }) {
      const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
      return [
        [
          rc.metadata.name,
          rc.spec?.replicas ?? 0,
          rc.status?.replicas ?? 0,
          rc.status?.readyReplicas ?? 0,
          ageCell(rc, now),
          names,
          images,
          formatLabels(rc.spec?.selector),
        ],
      ];
    },
  },
  selectableFields: (rc) => ({ "status.replicas": String(rc.status?.replicas ?? 0) }),
  describe(rc, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rc.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rc.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(podStatusForController(ctx, rc, rc.spec?.selector ?? {}, true))}\n`);
    describePodTemplate(rc.spec?.template, w);
    const conditions = rc.status?.conditions ?? [];
    if (conditions.length) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(LEVEL_1, "----\t------\t------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type ?? ""} \t${c.status ?? ""}\t${c.reason ?? ""}\n`);
    }
    describeEventsFor(rc, ctx, w);
    return w.toString();
  },
};
