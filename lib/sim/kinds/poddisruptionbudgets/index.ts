/**
 * policy/v1 poddisruptionbudgets.
 * Discovery: pkg/registry/policy/poddisruptionbudget/storage/storage.go (ShortNames "pdb", status).
 * Strategy: status reset on create (its four counters always serialise), generation tracking.
 * Validation: pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec
 * (minAvailable xor maxUnavailable, int or percent up to 100%, selector, eviction policy).
 * Table: printers.go printPodDisruptionBudget ("N/A" for the unset bound).
 * Describer: describe.go describePodDisruptionBudgetV1.
 */
import { invalid, notSupported, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { IntOrString, LabelSelector, Typed } from "../_shared/core-types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { goIntOrString, intOrStringString, isNotMoreThan100Percent, validatePositiveIntOrPercent } from "../_shared/intstr";
import { formatLabelSelector, goLabelSelector, validateLabelSelector } from "../_shared/labels";
import { LEVEL_0, LEVEL_2, PrefixWriter } from "../_shared/prefix-writer";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type PodDisruptionBudget = Typed<{
  spec?: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: {
    observedGeneration?: number;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    disruptedPods?: Record<string, string>;
    conditions?: unknown[];
  };
}>;

const EVICTION_POLICIES = ["AlwaysAllow", "IfHealthyBudget"];

/** %#v of a policy.PodDisruptionBudgetSpec, as the "both set" error prints it (pointers as addresses in Go; shown as values here). */
function goSpec(spec: NonNullable<PodDisruptionBudget["spec"]>): { go: string } {
  const ptr = (v: IntOrString | undefined) => (v === undefined ? "(*intstr.IntOrString)(nil)" : `&${goIntOrString(v).go}`);
  const sel = goLabelSelector(spec.selector);
  return {
    go: `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable)}, Selector:${sel ? `&${sel.go}` : "(*v1.LabelSelector)(nil)"}, MaxUnavailable:${ptr(spec.maxUnavailable)}, UnhealthyPodEvictionPolicy:${spec.unhealthyPodEvictionPolicy === undefined ? "(*policy.UnhealthyPodEvictionPolicyType)(nil)" : `&"${spec.unhealthyPodEvictionPolicy}"`}}`,
  };
}

function validateSpec(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
    errs.push(invalid("spec", goSpec(spec), "minAvailable and maxUnavailable cannot be both set"));
  for (const f of ["minAvailable", "maxUnavailable"] as const) {
    if (spec[f] === undefined) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`), ...isNotMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  const p = spec.unhealthyPodEvictionPolicy;
  if (p !== undefined && !EVICTION_POLICIES.includes(p)) errs.push(notSupported("spec.unhealthyPodEvictionPolicy", p, EVICTION_POLICIES));
  return errs;
}

export const poddisruptionbudgets: KindDef<PodDisruptionBudget> = {
  resource: resourceInfo("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, {
    shortNames: ["pdb"],
    subresources: [statusSubresource()],
  }),
  validate: validateSpec,
  validateUpdate: validateSpec,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(pdb) {
      pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Min Available", "string", "The minimum number of pods that must be available."),
      column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
      column("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
      ageColumn(),
    ],
    rows: (pdb, { now }) => [
      [
        pdb.metadata.name,
        pdb.spec?.minAvailable !== undefined ? intOrStringString(pdb.spec.minAvailable) : "N/A",
        pdb.spec?.maxUnavailable !== undefined ? intOrStringString(pdb.spec.maxUnavailable) : "N/A",
        pdb.status?.disruptionsAllowed ?? 0,
        ageCell(pdb, now),
      ],
    ],
  },
  describe(pdb, ctx) {
    const spec = pdb.spec ?? {};
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ""}\n`);
    if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${intOrStringString(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${intOrStringString(spec.maxUnavailable)}\n`);
    w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : "<unset>"}\n`);
    w.write(LEVEL_0, "Status:\n");
    const s = pdb.status ?? {};
    w.write(LEVEL_2, `Allowed disruptions:\t${s.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${s.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${s.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${s.expectedPods ?? 0}\n`);
    describeEventsFor(pdb, ctx, w);
    return w.toString();
  },
};
