/**
 * apps/v1 daemonsets.
 * Discovery: pkg/registry/apps/daemonset/storage/storage.go (ShortNames "ds", Categories "all",
 * status). Defaulting: pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet (maxUnavailable 1,
 * maxSurge 0). Strategy: pkg/registry/apps/daemonset/strategy.go keeps a template generation that
 * apps/v1 serves as the annotation deprecated.daemonset.template.generation (1 on create, +1
 * when the template changes). Validation: ValidateDaemonSetSpec, ValidateRollingUpdateDaemonSet.
 * Table: printers.go printDaemonSet. Describer: describe.go describeDaemonSet.
 */
import { forbidden, goMap, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { IntOrString, LabelSelector, PodTemplateSpec, Typed } from "../_shared/core-types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { goIntOrString, intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from "../_shared/intstr";
import {
  formatLabelSelector,
  formatLabels,
  goLabelSelector,
  selectorMatches,
  selectorString,
  validateLabelSelector,
} from "../_shared/labels";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { validateNonnegative, validatePodTemplateSpec } from "../_shared/pod-validation";
import { LEVEL_0, PrefixWriter } from "../_shared/prefix-writer";
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

export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
}
export type DaemonSet = Typed<{
  spec?: {
    selector?: LabelSelector | null;
    template?: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } | null };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}>;

export const TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

function validateSpec(ds: DaemonSet): FieldError[] {
  const spec = ds.spec ?? {};
  const errs = validateLabelSelector(spec.selector, "spec.selector");
  const str = selectorString(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (typeof str === "string" && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid("spec.template.metadata.labels", goMap(labels), "`selector` does not match template `labels`"));
  }
  if (spec.selector && !Object.keys(spec.selector.matchLabels ?? {}).length && !(spec.selector.matchExpressions ?? []).length) {
    errs.push(invalid("spec.selector", goLabelSelector(spec.selector), "empty selector is invalid for daemonset"));
  }
  errs.push(...validatePodTemplateSpec(spec.template, "spec.template"));
  const rp = spec.template?.spec?.restartPolicy ?? "";
  if (rp !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", rp, ["Always"]));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in DaemonSet is not Supported"));
  }
  errs.push(...validateNonnegative(spec.minReadySeconds, "spec.minReadySeconds"));
  const us = spec.updateStrategy ?? {};
  if (us.type === "RollingUpdate") {
    const ru = us.rollingUpdate;
    if (!ru) errs.push(required("spec.updateStrategy.rollingUpdate"));
    else {
      const p = "spec.updateStrategy.rollingUpdate";
      errs.push(
        ...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`),
        ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
      );
      errs.push(
        ...isNotMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`),
        ...isNotMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`),
      );
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge)
        errs.push(invalid(`${p}.maxSurge`, goIntOrString(ru.maxSurge), "may not be set when maxUnavailable is non-zero"));
      else if (!hasUnavailable && !hasSurge) errs.push(required(`${p}.maxUnavailable`, "cannot be 0 when maxSurge is 0"));
    }
  } else if (us.type !== "OnDelete") {
    const ru = us.rollingUpdate ? "(*apps.RollingUpdateDaemonSet)(0xc0004f2b60)" : "(*apps.RollingUpdateDaemonSet)(nil)";
    errs.push(
      notSupported("spec.updateStrategy", { go: `apps.DaemonSetUpdateStrategy{Type:"${us.type ?? ""}", RollingUpdate:${ru}}` }, [
        "RollingUpdate",
        "OnDelete",
      ]),
    );
  }
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errs;
}

export const daemonsets: KindDef<DaemonSet> = {
  resource: resourceInfo("apps/v1", "DaemonSet", "daemonsets", true, {
    shortNames: ["ds"],
    categories: ["all"],
    subresources: [statusSubresource()],
  }),
  defaults(ds) {
    const spec = (ds.spec ??= {});
    const us = (spec.updateStrategy ??= {});
    if (!us.type) us.type = "RollingUpdate";
    if (us.type === "RollingUpdate") {
      const ru = (us.rollingUpdate ??= {});
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplateSpec((spec.template ??= {}));
  },
  validate: (ds) => validateSpec(ds),
  validateUpdate(ds, old) {
    const errs: FieldError[] = [];
    const gen = Number(ds.metadata.annotations?.[TEMPLATE_GENERATION] ?? 0);
    const oldGen = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? 0);
    if (gen < oldGen) errs.push(invalid("spec.templateGeneration", gen, "must not be decremented"));
    return errs.concat(validateSpec(ds));
  },
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(ds) {
      ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
      ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: "1" };
    },
    prepareForUpdate(ds, old) {
      const oldGen = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? 1);
      const changed = !semanticEqual(ds.spec?.template, old.spec?.template);
      ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION]: String(changed ? oldGen + 1 : oldGen) };
    },
  },
  table: {
    // printers.go daemonSetColumnDefinitions, printDaemonSet
    columns: [
      nameColumn(),
      column("Desired", "integer", SWAGGER.dsDesired),
      column("Current", "integer", SWAGGER.dsCurrent),
      column("Ready", "integer", SWAGGER.dsReady),
      column("Up-to-date", "integer", SWAGGER.dsUpdated),
      column("Available", "integer", SWAGGER.dsAvailable),
      column("Node Selector", "string", SWAGGER.podSpecNodeSelector),
      ageColumn(),
      wide("Containers", CONTAINERS_DESCRIPTION),
      wide("Images", IMAGES_DESCRIPTION),
      wide("Selector", SWAGGER.dsSelector),
    ],
    rows(ds, { now }) {
      const st = ds.status ?? {};
      const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
      return [
        [
          ds.metadata.name,
          st.desiredNumberScheduled ?? 0,
          st.currentNumberScheduled ?? 0,
          st.numberReady ?? 0,
          st.updatedNumberScheduled ?? 0,
          st.numberAvailable ?? 0,
          formatLabels(ds.spec?.template?.spec?.nodeSelector),
          ageCell(ds, now),
          names,
          images,
          formatLabelSelector(ds.spec?.selector),
        ],
      ];
    },
  },
  describe(ds, ctx) {
    const st = ds.status ?? {};
    const w = new PrefixWriter();
    const sel = selectorString(ds.spec?.selector);
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Selector:\t${typeof sel === "string" ? sel : ""}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, "Labels", ds.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(podStatusForController(ctx, ds, ds.spec?.selector))}\n`);
    describePodTemplate(ds.spec?.template, w);
    describeEventsFor(ds, ctx, w);
    return w.toString();
  },
};
