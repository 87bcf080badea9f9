/**
 * core/v1 resourcequotas.
 * Discovery: pkg/registry/core/resourcequota/storage/storage.go (ShortNames "quota", status).
 * Defaulting: SetDefaults_ResourceList on spec.hard.
 * Strategy: pkg/registry/core/resourcequota/strategy.go, PrepareForCreate clears the status
 * (the resource quota controller fills status.hard and status.used).
 * Validation: pkg/apis/core/validation/validation.go ValidateResourceQuota(Update): resource
 * names, quantities, scopes and scope selectors; scopes are immutable.
 * Table: printers.go printResourceQuota (v1.32 order NAME, REQUEST, LIMIT, AGE; "name: used/hard" lists).
 * Describer: describe.go ResourceQuotaDescriber / describeQuota (no events).
 */
import { invalid, required, type FieldError } from "../../api/field";
import { goSlice } from "../../api/field";
import type { KindDef } from "../types";
import type { ResourceList, Typed } from "../_shared/core-types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { byteCompare } from "../_shared/labels";
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { fromInt, parseQuantity, quantityString, value, type Quantity } from "../_shared/quantity";
import {
  defaultResourceList,
  isStandardQuotaResourceName,
  validateResourceQuantityValue,
  validateResourceQuotaResourceName,
} from "../_shared/resources";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface ScopedResourceSelectorRequirement {
  scopeName?: string;
  operator?: string;
  values?: string[];
}
export interface ResourceQuotaSpec {
  hard?: ResourceList;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
}
export type ResourceQuota = Typed<{ spec?: ResourceQuotaSpec; status?: { hard?: ResourceList; used?: ResourceList } }>;

const STANDARD_SCOPES = [
  "Terminating",
  "NotTerminating",
  "BestEffort",
  "NotBestEffort",
  "PriorityClass",
  "CrossNamespacePodAffinity",
  "VolumeAttributesClass",
];
const POD_COUNT = ["pods"];
const POD_COMPUTE = ["cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"];

/** helper.IsResourceQuotaScopeValidForResource */
function scopeValidFor(scope: string, resource: string): boolean {
  switch (scope) {
    case "Terminating":
    case "NotTerminating":
    case "NotBestEffort":
    case "PriorityClass":
    case "CrossNamespacePodAffinity":
      return POD_COUNT.includes(resource) || POD_COMPUTE.includes(resource);
    case "BestEffort":
      return POD_COUNT.includes(resource);
    case "VolumeAttributesClass":
      return ["persistentvolumeclaims", "requests.storage"].includes(resource);
    default:
      return true;
  }
}

/** %#v of a ScopeSelector, as the "unsupported scope applied to resource" error prints it. */
function goScopeSelector(sel: ResourceQuotaSpec["scopeSelector"]): { go: string } {
  const reqs = (sel?.matchExpressions ?? []).map(
    (r) =>
      `core.ScopedResourceSelectorRequirement{ScopeName:"${r.scopeName ?? ""}", Operator:"${r.operator ?? ""}", Values:${goSlice(r.values).go}}`,
  );
  return { go: `&core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{${reqs.join(", ")}}}` };
}
const goScopes = (scopes: string[] | undefined): { go: string } => ({
  go: scopes ? `[]core.ResourceQuotaScope{${scopes.map((x) => `"${x}"`).join(", ")}}` : "[]core.ResourceQuotaScope(nil)",
});

function validateSpec(spec: ResourceQuotaSpec): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(spec.hard ?? {})) {
    errs.push(...validateResourceQuotaResourceName(k, `spec.hard[${k}]`), ...validateResourceQuantityValue(k, v, `spec.hard[${k}]`));
  }
  const hard = Object.keys(spec.hard ?? {}).sort(byteCompare);
  const scopes = spec.scopes ?? [];
  const conflicting = (set: Set<string>) =>
    (set.has("BestEffort") && set.has("NotBestEffort") ? 1 : 0) + (set.has("Terminating") && set.has("NotTerminating") ? 1 : 0);
  if (scopes.length) {
    for (const scope of scopes) {
      if (!STANDARD_SCOPES.includes(scope)) errs.push(invalid("spec.scopes", goScopes(scopes), "unsupported scope"));
      for (const k of hard)
        if (isStandardQuotaResourceName(k) && !scopeValidFor(scope, k))
          errs.push(invalid("spec.scopes", goScopes(scopes), "unsupported scope applied to resource"));
    }
    for (let i = 0; i < conflicting(new Set(scopes)); i++) errs.push(invalid("spec.scopes", goScopes(scopes), "conflicting scopes"));
  }
  if (spec.scopeSelector) {
    const p = "spec.scopeSelector.matchExpressions";
    const seen = new Set<string>();
    for (const r of spec.scopeSelector.matchExpressions ?? []) {
      const name = r.scopeName ?? "";
      if (!STANDARD_SCOPES.includes(name)) errs.push(invalid(`${p}.scopeName`, name, "unsupported scope"));
      for (const k of hard)
        if (isStandardQuotaResourceName(k) && !scopeValidFor(name, k))
          errs.push(invalid(p, goScopeSelector(spec.scopeSelector), "unsupported scope applied to resource"));
      if (
        ["BestEffort", "NotBestEffort", "Terminating", "NotTerminating", "CrossNamespacePodAffinity"].includes(name) &&
        r.operator !== "Exists"
      ) {
        errs.push(
          invalid(
            `${p}.operator`,
            r.operator ?? "",
            "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
          ),
        );
      }
      switch (r.operator) {
        case "In":
        case "NotIn":
          if (!r.values?.length)
            errs.push(required(`${p}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
          break;
        case "Exists":
        case "DoesNotExist":
          if (r.values?.length)
            errs.push(
              invalid(`${p}.values`, goSlice(r.values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"),
            );
          break;
        default:
          errs.push(invalid(`${p}.operator`, r.operator ?? "", "not a valid selector operator"));
      }
      seen.add(name);
    }
    for (let i = 0; i < conflicting(seen); i++) errs.push(invalid(p, goScopes(spec.scopes), "conflicting scopes"));
  }
  return errs;
}

const quantity = (raw: string | number | undefined): Quantity => {
  if (raw === undefined) return fromInt(0);
  const p = parseQuantity(raw);
  return "error" in p ? fromInt(0) : p;
};

function helpText(scope: string): string {
  switch (scope) {
    case "Terminating":
      return "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.";
    case "NotTerminating":
      return "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.";
    case "BestEffort":
      return "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.";
    case "NotBestEffort":
      return "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.";
    default:
      return "";
  }
}

/** describeQuota's used cell: converted to the hard value's format when they differ. */
function usedString(used: string | number | undefined, hard: string | number | undefined): string {
  const h = quantity(hard);
  const u = used === undefined ? undefined : parseQuantity(used);
  if (!u || "error" in u) return quantityString(fromInt(0, h.format));
  return u.format === h.format ? quantityString(u) : quantityString(fromInt(value(u), h.format));
}

/** DescribeResourceQuotas: the "Resource Quotas" section of a namespace's description. */
export function describeResourceQuotas(items: ResourceQuota[], w: Writer): void {
  if (!items.length) {
    w.write(LEVEL_0, "No resource quota.\n");
    return;
  }
  w.write(LEVEL_0, "Resource Quotas\n");
  for (const rq of [...items].sort((a, b) => byteCompare(a.metadata.name, b.metadata.name))) {
    w.write(LEVEL_1, `Name:\t${rq.metadata.name}\n`);
    const scopes = [...(rq.spec?.scopes ?? [])].sort(byteCompare);
    if (scopes.length) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(", ")}\n`);
      for (const sc of scopes) if (helpText(sc)) w.write(LEVEL_1, `* ${helpText(sc)}\n`);
    }
    w.write(LEVEL_1, "Resource\tUsed\tHard\n");
    w.write(LEVEL_1, "--------\t---\t---\n");
    for (const r of Object.keys(rq.status?.hard ?? {}).sort(byteCompare)) {
      w.write(LEVEL_1, `${r}\t${quantityString(quantity(rq.status?.used?.[r]))}\t${quantityString(quantity(rq.status?.hard?.[r]))}\n`);
    }
  }
}

export const resourcequotas: KindDef<ResourceQuota> = {
  resource: resourceInfo("v1", "ResourceQuota", "resourcequotas", true, { shortNames: ["quota"], subresources: [statusSubresource()] }),
  defaults(rq) {
    defaultResourceList(rq.spec?.hard);
    defaultResourceList(rq.status?.hard);
    defaultResourceList(rq.status?.used);
  },
  validate: (rq) => validateSpec(rq.spec ?? {}),
  validateUpdate(rq, old) {
    const errs = validateSpec(rq.spec ?? {});
    const a = new Set(rq.spec?.scopes ?? []);
    const b = new Set(old.spec?.scopes ?? []);
    if (a.size !== b.size || [...a].some((x) => !b.has(x)))
      errs.push(invalid("spec.scopes", goScopes(rq.spec?.scopes), "field is immutable"));
    return errs;
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(rq) {
      rq.status = {};
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
      column(
        "Limit",
        "string",
        "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
      ),
      ageColumn(),
    ],
    rows(rq, { now }) {
      const req: string[] = [];
      const lim: string[] = [];
      for (const r of Object.keys(rq.status?.hard ?? {}).sort(byteCompare)) {
        const pieces = r.split(".");
        (pieces.length > 1 && pieces[0] === "limits" ? lim : req).push(
          `${r}: ${quantityString(quantity(rq.status?.used?.[r]))}/${quantityString(quantity(rq.status?.hard?.[r]))}`,
        );
      }
      return [[rq.metadata.name, req.join(", "), lim.join(", "), ageCell(rq, now)]];
    },
  },
  describe(rq) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${rq.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rq.metadata.namespace ?? ""}\n`);
    const scopes = [...(rq.spec?.scopes ?? [])].sort(byteCompare);
    if (scopes.length) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(", ")}\n`);
      for (const sc of scopes) if (helpText(sc)) w.write(LEVEL_0, ` * ${helpText(sc)}\n`);
    }
    w.write(LEVEL_0, "Resource\tUsed\tHard\n");
    w.write(LEVEL_0, "--------\t----\t----\n");
    for (const r of Object.keys(rq.status?.hard ?? {}).sort(byteCompare)) {
      w.write(
        LEVEL_0,
        `${r}\t${usedString(rq.status?.used?.[r], rq.status?.hard?.[r])}\t${quantityString(quantity(rq.status?.hard?.[r]))}\n`,
      );
    }
    return w.toString();
  },
};
