/**
 * autoscaling/v2 horizontalpodautoscalers (autoscaling/v1 is served too; see ./conversion.ts).
 * Discovery: pkg/registry/autoscaling/horizontalpodautoscaler/storage/storage.go (ShortNames
 * "hpa", Categories "all", status subresource).
 * Defaulting: pkg/apis/autoscaling/v2/defaults.go SetDefaults_HorizontalPodAutoscaler (minReplicas
 * 1, a cpu 80% utilization metric when none is given, behavior rules filled from the defaults).
 * Strategy: status reset on create (desiredReplicas and currentMetrics always serialise),
 * generation tracking. Validation: ./validation.ts.
 * Table: printers.go printHorizontalPodAutoscaler. Describer: describe.go describeHorizontalPodAutoscalerV2.
 */
import type { KindDef } from "../types";
import { formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";
import { describeMetrics, formatHPAMetrics } from "./format";
import type { HorizontalPodAutoscaler, HPAScalingRules } from "./types";
import { validateHPA } from "./validation";

export type { HorizontalPodAutoscaler } from "./types";

const SCALE_UP: HPAScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN: HPAScalingRules = { selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] };

/** GenerateHPAScale{Up,Down}Rules: the defaults, overridden by whatever the user set. */
function scalingRules(from: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  const to: HPAScalingRules = structuredClone(defaults);
  if (!from) return to;
  if (from.selectPolicy !== undefined) to.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined) to.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (from.policies !== undefined) to.policies = from.policies;
  return to;
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
export function defaultHPA(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {});
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length)
    spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
  if (spec.behavior) {
    spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, SCALE_UP);
    spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, SCALE_DOWN);
  }
}

/** printDirectionBehavior */
function printDirectionBehavior(w: Writer, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined)
    w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(LEVEL_2, "Policies:\n");
    for (const p of rules.policies)
      w.write(LEVEL_3, `- Type: ${p.type ?? ""}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
  }
}

export const horizontalpodautoscalers: KindDef<HorizontalPodAutoscaler> = {
  resource: resourceInfo("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, {
    shortNames: ["hpa"],
    categories: ["all"],
    subresources: [statusSubresource()],
  }),
  defaults: defaultHPA,
  validate: validateHPA,
  validateUpdate: validateHPA,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(hpa) {
      hpa.status = { desiredReplicas: 0, currentMetrics: null };
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Reference", "string", SWAGGER.hpaScaleTargetRef),
      column("Targets", "string", SWAGGER.hpaMetrics),
      column("MinPods", "string", SWAGGER.hpaMinReplicas),
      column("MaxPods", "string", SWAGGER.hpaMaxReplicas),
      column("Replicas", "string", SWAGGER.hpaCurrentReplicas),
      ageColumn(),
    ],
    rows(hpa, { now }) {
      const spec = hpa.spec ?? {};
      return [
        [
          hpa.metadata.name,
          `${spec.scaleTargetRef?.kind ?? ""}/${spec.scaleTargetRef?.name ?? ""}`,
          formatHPAMetrics(spec.metrics, hpa.status?.currentMetrics),
          spec.minReplicas !== undefined ? String(spec.minReplicas) : "<unset>",
          spec.maxReplicas ?? 0,
          hpa.status?.currentReplicas ?? 0,
          ageCell(hpa, now),
        ],
      ];
    },
  },
  describe(hpa, ctx) {
    const spec = hpa.spec ?? {};
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", hpa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ""}/${spec.scaleTargetRef?.name ?? ""}\n`);
    w.write(LEVEL_0, "Metrics:\t( current / target )\n");
    describeMetrics(hpa, w);
    w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas !== undefined ? spec.minReplicas : "<unset>"}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, "Behavior:\n");
      printDirectionBehavior(w, "Scale Up", spec.behavior.scaleUp);
      printDirectionBehavior(w, "Scale Down", spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ""} pods:\t`);
    w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
    const conds = hpa.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------\t-------\n");
      for (const c of conds) w.write(LEVEL_1, `${c.type ?? ""}\t${c.status ?? ""}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
    }
    describeEventsFor(hpa, ctx, w);
    return w.toString();
  },
};
