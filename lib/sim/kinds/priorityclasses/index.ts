/**
 * scheduling.k8s.io/v1 priorityclasses (cluster-scoped).
 * Discovery: pkg/registry/scheduling/priorityclass/storage/storage.go (ShortNames "pc").
 * Defaulting: pkg/apis/scheduling/v1/defaults.go SetDefaults_PriorityClass (PreemptLowerPriority).
 * Validation: pkg/apis/scheduling/validation/validation.go ValidatePriorityClass(Update):
 * "system-" names are reserved for the two built-in classes, user values at most 1000000000,
 * value and preemptionPolicy immutable. (The Priority admission plugin's single-global-default
 * rule is not a kind rule.)
 * Table: printers.go printPriorityClass (PREEMPTIONPOLICY shown by default: priority 0 column,
 * cell added under Wide, which the apiserver always uses). Describer: describe.go describePriorityClass.
 * `systemPriorityClasses` are the two classes every cluster has.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { formatLabels } from "../_shared/labels";
import { LEVEL_0, PrefixWriter } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type PriorityClass = Typed<{ value?: number; globalDefault?: boolean; description?: string; preemptionPolicy?: string }>;

const SYSTEM: { name: string; value: number; description: string }[] = [
  {
    name: "system-node-critical",
    value: 2000001000,
    description: "Used for system critical pods that must not be moved from their current node.",
  },
  {
    name: "system-cluster-critical",
    value: 2000000000,
    description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  },
];
const HIGHEST_USER_PRIORITY = 1000000000;

/** The built-in classes as the apiserver creates them at startup (pkg/apis/scheduling/types.go, plugin bootstrap). */
export function systemPriorityClasses(creationTimestamp: string, uid: (name: string) => string): PriorityClass[] {
  return SYSTEM.map((s) => ({
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: s.name, uid: uid(s.name), resourceVersion: "", creationTimestamp, generation: 1 },
    value: s.value,
    description: s.description,
    preemptionPolicy: "PreemptLowerPriority",
  }));
}

function validatePC(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name;
  const value = pc.value ?? 0;
  if (name.startsWith("system-")) {
    const known = SYSTEM.find((s) => s.name === name);
    const err = !known
      ? `${name} is not a known system priority class`
      : known.value !== value
        ? `value of ${name} PriorityClass must be ${known.value}`
        : pc.globalDefault
          ? `globalDefault of ${name} PriorityClass must be false`
          : "";
    if (err)
      errs.push(forbidden("metadata.name", `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden("value", `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  const p = pc.preemptionPolicy;
  if (p !== undefined) {
    if (p === "") errs.push(required("preemptionPolicy"));
    else if (!["PreemptLowerPriority", "Never"].includes(p))
      errs.push(notSupported("preemptionPolicy", p, ["PreemptLowerPriority", "Never"]));
  }
  return errs;
}

export const priorityclasses: KindDef<PriorityClass> = {
  resource: resourceInfo("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false, { shortNames: ["pc"] }),
  defaults(pc) {
    pc.preemptionPolicy ??= "PreemptLowerPriority";
  },
  validate: validatePC,
  validateUpdate(pc, old) {
    const errs: FieldError[] = [];
    if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(forbidden("value", "may not be changed in an update."));
    if (pc.preemptionPolicy !== old.preemptionPolicy)
      errs.push(invalid("preemptionPolicy", pc.preemptionPolicy ?? null, "field is immutable"));
    return errs;
  },
  table: {
    columns: [
      nameColumn(),
      column("Value", "integer", SWAGGER.pcValue),
      column("Global-Default", "boolean", SWAGGER.pcGlobalDefault),
      ageColumn(),
      column("PreemptionPolicy", "string", SWAGGER.pcPreemptionPolicy),
    ],
    rows: (pc, { now }) => [[pc.metadata.name, pc.value ?? 0, pc.globalDefault ?? false, ageCell(pc, now), pc.preemptionPolicy ?? ""]],
  },
  describe(pc, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ""}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ""}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    describeEventsFor(pc, ctx, w);
    return w.toString();
  },
};
