/**
 * apps/v1 replicasets.
 * Discovery: pkg/registry/apps/replicaset/storage/storage.go (ShortNames "rs", Categories "all",
 * scale and status subresources). Defaulting: pkg/apis/apps/v1/defaults.go SetDefaults_ReplicaSet.
 * Validation: pkg/apis/apps/validation/validation.go ValidateReplicaSetSpec, and the apps/v1
 * selector immutability of pkg/registry/apps/replicaset/strategy.go. Field selector
 * status.replicas: ReplicaSetToSelectableFields.
 */
import { invalid } from "../../api/field";
import type { KindDef } from "../types";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { resourceInfo, scaleSubresource, statusSubresource } from "../_shared/discovery";
import { printAnnotationsMultiline, printController, printLabelsMultiline } from "../_shared/describe-helpers";
import { describeEventsFor } from "../_shared/events";
import { formatLabelSelector, goLabelSelector } from "../_shared/labels";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { validateNonnegative } from "../_shared/pod-validation";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "../_shared/prefix-writer";
import { semanticEqual } from "../_shared/semantic";
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
import { validateSelectorAndTemplate } from "../deployments/validation";
import type { ReplicaSet } from "./types";

function validateReplicaSet(rs: ReplicaSet) {
  const spec = rs.spec ?? {};
  return [
    ...validateNonnegative(spec.replicas, "spec.replicas"),
    ...validateNonnegative(spec.minReadySeconds, "spec.minReadySeconds"),
    ...validateSelectorAndTemplate(spec.selector, spec.template, "ReplicaSet"),
  ];
}

export const replicasets: KindDef<ReplicaSet> = {
  resource: resourceInfo("apps/v1", "ReplicaSet", "replicasets", true, {
    shortNames: ["rs"],
    categories: ["all"],
    subresources: [scaleSubresource(), statusSubresource()],
  }),
  defaults(rs) {
    const spec = (rs.spec ??= {});
    spec.replicas ??= 1;
    defaultPodTemplateSpec((spec.template ??= {}));
  },
  validate: (rs) => validateReplicaSet(rs),
  validateUpdate(rs, old) {
    const errs = validateReplicaSet(rs);
    if (!semanticEqual(rs.spec?.selector, old.spec?.selector))
      errs.push(invalid("spec.selector", goLabelSelector(rs.spec?.selector), "field is immutable"));
    return errs;
  },
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(rs) {
      rs.status = { replicas: 0 };
    },
    scale: { specReplicasPath: "spec.replicas", statusReplicasPath: "status.replicas", labelSelectorPath: "spec.selector" },
  },
  table: {
    // printers.go replicaSetColumnDefinitions, printReplicaSet
    columns: [
      nameColumn(),
      column("Desired", "integer", SWAGGER.rsSpecReplicas),
      column("Current", "integer", SWAGGER.rsStatusReplicas),
      column("Ready", "integer", SWAGGER.rsStatusReady),
      ageColumn(),
      wide("Containers", CONTAINERS_DESCRIPTION),
      wide("Images", IMAGES_DESCRIPTION),
      wide("Selector", SWAGGER.rsSpecSelector),
    ],
    rows(rs, { now }) {
      const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
      return [
        [
          rs.metadata.name,
          rs.spec?.replicas ?? 0,
          rs.status?.replicas ?? 0,
          rs.status?.readyReplicas ?? 0,
          ageCell(rs, now),
          names,
          images,
          formatLabelSelector(rs.spec?.selector),
        ],
      ];
    },
  },
  describe(rs, ctx) {
    // describe.go describeReplicaSet
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rs.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
    const controlledBy = printController(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, "Pods Status:\t");
    w.write(LEVEL_0, `${podsStatusLine(podStatusForController(ctx, rs, rs.spec?.selector))}\n`);
    describePodTemplate(rs.spec?.template, w);
    const conditions = rs.status?.conditions ?? [];
    if (conditions.length) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(LEVEL_1, "----\t------\t------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
    }
    describeEventsFor(rs, ctx, w);
    return w.toString();
  },
  selectableFields: (rs) => ({ "status.replicas": String(rs.status?.replicas ?? 0) }),
};
