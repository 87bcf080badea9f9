/**
 * core/v1 podtemplates.
 * Discovery: pkg/registry/core/podtemplate/storage/storage.go (no short names).
 * Defaulting: the pod template defaults (zz_generated.defaults.go SetObjectDefaults_PodTemplate).
 * Validation: pkg/apis/core/validation/validation.go ValidatePodTemplate (ValidatePodTemplateSpec
 * at "template"). Strategy: generation tracking (template changes bump it).
 * Table: printers.go printPodTemplate (NAME, CONTAINERS, IMAGES, POD LABELS; no AGE).
 * No describer in describe.go: the generic one.
 */
import type { KindDef } from "../types";
import type { PodTemplateSpec, Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { formatLabels } from "../_shared/labels";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { validatePodTemplateSpec } from "../_shared/pod-validation";
import { column, CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, layoutContainerCells, nameColumn } from "../_shared/table";

export type PodTemplate = Typed<{ template?: PodTemplateSpec }>;

export const podtemplates: KindDef<PodTemplate> = {
  resource: resourceInfo("v1", "PodTemplate", "podtemplates", true),
  defaults(pt) {
    defaultPodTemplateSpec((pt.template ??= {}));
  },
  validate: (pt) => validatePodTemplateSpec(pt.template, "template"),
  validateUpdate: (pt) => validatePodTemplateSpec(pt.template, "template"),
  strategy: { tracksGeneration: true },
  table: {
    columns: [
      nameColumn(),
      column("Containers", "string", CONTAINERS_DESCRIPTION),
      column("Images", "string", IMAGES_DESCRIPTION),
      column("Pod Labels", "string", "The labels for the pod template."),
    ],
    rows(pt) {
      const [names, images] = layoutContainerCells(pt.template?.spec?.containers);
      return [[pt.metadata.name, names, images, formatLabels(pt.template?.metadata?.labels)]];
    },
  },
};
