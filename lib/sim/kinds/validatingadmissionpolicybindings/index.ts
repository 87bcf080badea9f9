/**
 * admissionregistration.k8s.io/v1 validatingadmissionpolicybindings (cluster-scoped, category
 * api-extensions).
 * Defaulting: SetDefaults_MatchResources when matchResources is given.
 * Validation: pkg/apis/admissionregistration/validation/validation.go
 * validateValidatingAdmissionPolicyBindingSpec (policyName, paramRef, matchResources,
 * validationActions). Strategy: generation tracking.
 * Table: printers.go printValidatingAdmissionPolicyBinding (POLICYNAME, PARAMREF). No describer.
 */
import { duplicate, invalid, notSupported, required, forbidden, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { LabelSelector, Typed } from "../_shared/core-types";
import { defaultMatchResources, type MatchResources, validateMatchResources } from "../_shared/admission";
import { resourceInfo } from "../_shared/discovery";
import { validateLabelSelector } from "../_shared/labels";
import { nameIsDNSSubdomain, validatePathSegmentName } from "../_shared/names";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelector;
  parameterNotFoundAction?: string;
}
export type ValidatingAdmissionPolicyBinding = Typed<{
  spec?: { policyName?: string; paramRef?: ParamRef; matchResources?: MatchResources; validationActions?: string[] };
}>;

const ACTIONS = ["Audit", "Deny", "Warn"];

function validateBinding(b: ValidatingAdmissionPolicyBinding): FieldError[] {
  const spec = b.spec ?? {};
  const errs: FieldError[] = [];
  const policy = spec.policyName ?? "";
  if (!policy) errs.push(required("spec.policyName"));
  else errs.push(...nameIsDNSSubdomain(policy, false).map((m) => invalid("spec.policyName", policy, m)));
  const pr = spec.paramRef;
  if (pr) {
    const p = "spec.paramRef";
    if (pr.name) {
      errs.push(...validatePathSegmentName(pr.name, false).map((m) => invalid(`${p}.name`, pr.name ?? "", m)));
      if (pr.selector) errs.push(forbidden(`${p}.name`, "name and selector are mutually exclusive"));
    }
    if (pr.selector) {
      errs.push(...validateLabelSelector(pr.selector, `${p}.selector`));
      if (pr.name) errs.push(forbidden(`${p}.selector`, "name and selector are mutually exclusive"));
    }
    if (!pr.name && !pr.selector) errs.push(required(p, "one of name or selector must be specified"));
    if (!pr.parameterNotFoundAction) errs.push(required(`${p}.parameterNotFoundAction`));
    else if (!["Deny", "Allow"].includes(pr.parameterNotFoundAction))
      errs.push(notSupported(`${p}.parameterNotFoundAction`, pr.parameterNotFoundAction, ["Deny", "Allow"]));
  }
  errs.push(...validateMatchResources(spec.matchResources, "spec.matchResources"));
  const actions = spec.validationActions ?? [];
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    if (!ACTIONS.includes(a)) errs.push(notSupported(`spec.validationActions[${i}]`, a, ACTIONS));
    if (seen.has(a)) errs.push(duplicate(`spec.validationActions[${i}]`, a));
    seen.add(a);
  });
  if (seen.has("Deny") && seen.has("Warn")) {
    errs.push(
      invalid(
        "spec.validationActions",
        { go: `[]admissionregistration.ValidationAction{${actions.map((a) => `"${a}"`).join(", ")}}` },
        "must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)",
      ),
    );
  }
  if (!seen.size) errs.push(required("spec.validationActions", "at least one validation action is required"));
  return errs;
}

/** The protobuf-generated (*metav1.LabelSelector).String() the PARAMREF cell prints for a selector. */
export function labelSelectorProtoString(sel: LabelSelector): string {
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels?.[k] ?? ""},`)
    .join("");
  const exprs = (sel.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(" ")}],},`)
    .join("");
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export const validatingadmissionpolicybindings: KindDef<ValidatingAdmissionPolicyBinding> = {
  resource: resourceInfo(
    "admissionregistration.k8s.io/v1",
    "ValidatingAdmissionPolicyBinding",
    "validatingadmissionpolicybindings",
    false,
    { categories: ["api-extensions"] },
  ),
  defaults(b) {
    defaultMatchResources(b.spec?.matchResources);
  },
  validate: validateBinding,
  validateUpdate: validateBinding,
  strategy: { tracksGeneration: true },
  table: {
    columns: [
      nameColumn(),
      column("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding binded to"),
      column("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
      ageColumn(),
    ],
    rows(b, { now }) {
      const pr = b.spec?.paramRef;
      let param = "<unset>";
      if (pr?.name) param = pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
      else if (pr?.selector) param = labelSelectorProtoString(pr.selector);
      return [[b.metadata.name, b.spec?.policyName ?? "", param, ageCell(b, now)]];
    },
  },
};
