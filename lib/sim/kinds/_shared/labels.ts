/**
 * Label sets and selectors as apimachinery v0.32.4 prints, matches and validates them:
 * pkg/labels/labels.go (Set.String, FormatLabels), pkg/labels/selector.go (Requirement.String,
 * sorted by key), pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, FormatLabelSelector)
 * and pkg/apis/meta/v1/validation/validation.go (ValidateLabels, ValidateLabelSelector).
 */
import { forbidden, goQuote, invalid, required, type FieldError } from "../../api/field";
import type { LabelSelector } from "./core-types";
import { isQualifiedName, isValidLabelValue } from "./names";

/** labels.Set(m).String(): "k=v" pairs sorted as strings (not by key), joined with ",". */
export function labelSetString(m: Record<string, string> | undefined): string {
  return Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(byteCompare)
    .join(",");
}

/** labels.FormatLabels: the set, or "<none>" when empty. */
export function formatLabels(m: Record<string, string> | undefined): string {
  return labelSetString(m) || "<none>";
}

/** Go compares strings bytewise; for the ASCII of labels that is code-unit order. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);

interface Requirement {
  key: string;
  op: "=" | "in" | "notin" | "exists" | "!";
  values: string[];
}

/** LabelSelectorAsSelector: undefined for a nil selector (labels.Nothing()), an error for an unknown operator. */
function requirements(ls: LabelSelector | undefined | null): Requirement[] | "nothing" | { error: string } {
  if (!ls) return "nothing";
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key: k, op: "=", values: [v] });
  for (const e of ls.matchExpressions ?? []) {
    if (!OPERATORS.has(e.operator)) return { error: `${JSON.stringify(e.operator)} is not a valid label selector operator` };
    const op = e.operator === "In" ? "in" : e.operator === "NotIn" ? "notin" : e.operator === "Exists" ? "exists" : "!";
    reqs.push({ key: e.key, op, values: [...(e.values ?? [])] });
  }
  // internalSelector.Add sorts by key (sort.Sort; equal keys keep their order for the small lists here)
  return reqs
    .map((r, i) => [r, i] as const)
    .sort((a, b) => byteCompare(a[0].key, b[0].key) || a[1] - b[1])
    .map(([r]) => r);
}

function requirementString(r: Requirement): string {
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort(byteCompare).join(",");
  switch (r.op) {
    case "=":
      return `${r.key}=${vals}`;
    case "in":
      return `${r.key} in (${vals})`;
    case "notin":
      return `${r.key} notin (${vals})`;
    case "exists":
      return r.key;
    case "!":
      return `!${r.key}`;
  }
}

/** labels.Selector.String() of LabelSelectorAsSelector(ls): "" for nil and empty selectors. */
export function selectorString(ls: LabelSelector | undefined | null): string | { error: string } {
  const reqs = requirements(ls);
  if (reqs === "nothing") return "";
  if ("error" in reqs) return reqs;
  return reqs.map(requirementString).join(",");
}

/** metav1.FormatLabelSelector: "<none>" when empty, "<error>" when the selector cannot be built. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  const s = selectorString(ls);
  if (typeof s !== "string") return "<error>";
  return s || "<none>";
}

/** Selector.Matches: a nil selector matches nothing, an empty one everything. */
export function selectorMatches(ls: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  const reqs = requirements(ls);
  if (reqs === "nothing" || "error" in reqs) return false;
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=":
      case "in":
        return has && r.values.includes(l[r.key]);
      case "notin":
        return !has || !r.values.includes(l[r.key]);
      case "exists":
        return has;
      case "!":
        return !has;
    }
  });
}

/** labels.SelectorFromSet(m).Matches(labels): every pair of `set` present in `labels`. */
export function setMatches(set: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(set ?? {}).every(([k, v]) => labels?.[k] === v);
}

export function validateLabelName(name: string, field: string): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(field, name, m));
}

/** ValidateLabels: each key a qualified name, each value a label value; errors point at the map's path. */
export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, field));
    errs.push(...isValidLabelValue(v).map((m) => invalid(field, v, m)));
  }
  return errs;
}

/** ValidateLabelSelector with AllowInvalidLabelValueInSelector: false. */
export function validateLabelSelector(ls: LabelSelector | undefined | null, field: string): FieldError[] {
  if (!ls) return [];
  const errs = validateLabels(ls.matchLabels, `${field}.matchLabels`);
  (ls.matchExpressions ?? []).forEach((e, i) => {
    const p = `${field}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (e.operator === "In" || e.operator === "NotIn") {
      if (!values.length) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === "Exists" || e.operator === "DoesNotExist") {
      if (values.length) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(`${p}.operator`, e.operator, "not a valid selector operator"));
    errs.push(...validateLabelName(e.key, `${p}.key`));
    values.forEach((v, j) => errs.push(...isValidLabelValue(v).map((m) => invalid(`${p}.values[${j}]`, v, m))));
  });
  return errs;
}

/** %#v of a *metav1.LabelSelector as field.Invalid prints it (the pointer is dereferenced). */
export function goLabelSelector(ls: LabelSelector | undefined | null): { go: string } | null {
  if (!ls) return null;
  const q = (v: string | undefined): string => goQuote(v ?? "");
  const ml = ls.matchLabels
    ? `map[string]string{${Object.keys(ls.matchLabels)
        .sort(byteCompare)
        .map((k) => `${q(k)}:${q(ls.matchLabels?.[k])}`)
        .join(", ")}}`
    : "map[string]string(nil)";
  const me = ls.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${ls.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => q(v)).join(", ")}}` : "[]string(nil)"}}`,
        )
        .join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return { go: `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}` };
}
