/**
 * admissionregistration.k8s.io/v1 validatingadmissionpolicies (cluster-scoped, category
 * api-extensions, status subresource).
 * Defaulting: pkg/apis/admissionregistration/v1/defaults.go SetDefaults_ValidatingAdmissionPolicySpec
 * (failurePolicy Fail) and SetDefaults_MatchResources.
 * Validation: pkg/apis/admissionregistration/validation/validation.go validateValidatingAdmissionPolicySpec
 * (failure policy, paramKind, matchConstraints with at least one resource rule, validations or
 * audit annotations, messages, reasons); CEL expressions are checked for presence only.
 * Strategy: status reset on create (the type-checking controller fills it), generation tracking.
 * Table: printers.go printValidatingAdmissionPolicy (VALIDATIONS, PARAMKIND). No describer.
 */
import { duplicate, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import {
  defaultMatchResources,
  FAILURE_POLICIES,
  type MatchCondition,
  type MatchResources,
  validateMatchConditions,
  validateMatchResources,
} from "../_shared/admission";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName } from "../_shared/names";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface Validation {
  expression?: string;
  message?: string;
  reason?: string;
  messageExpression?: string;
}
export type ValidatingAdmissionPolicy = Typed<{
  spec?: {
    paramKind?: { apiVersion?: string; kind?: string };
    matchConstraints?: MatchResources;
    validations?: Validation[];
    failurePolicy?: string;
    auditAnnotations?: { key?: string; valueExpression?: string }[];
    matchConditions?: MatchCondition[];
    variables?: { name?: string; expression?: string }[];
  };
  status?: { observedGeneration?: number; typeChecking?: unknown; conditions?: unknown[] };
}>;

const REASONS = ["Forbidden", "Invalid", "RequestEntityTooLarge"];
const CEL_IDENT = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const CEL_RESERVED = [
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
];

function validateParamKind(pk: { apiVersion?: string; kind?: string }, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const av = pk.apiVersion ?? "";
  if (!av) errs.push(required(`${p}.apiVersion`));
  else {
    const slashes = av.split("/").length - 1;
    if (slashes > 1) errs.push(invalid(`${p}.apiVersion`, av, `unexpected GroupVersion string: ${av}`));
    else {
      const [group, version] = slashes ? av.split("/") : ["", av];
      if (group) {
        const e = isDNS1123Subdomain(group);
        if (e.length) errs.push(invalid(`${p}.apiVersion`, group, e.join(",")));
      }
      if (!version) errs.push(invalid(`${p}.apiVersion`, av, "version must be specified"));
      else {
        const e = isDNS1035Label(version);
        if (e.length) errs.push(invalid(`${p}.apiVersion`, version, e.join(",")));
      }
    }
  }
  const kind = pk.kind ?? "";
  if (!kind) errs.push(required(`${p}.kind`));
  else {
    const e = isDNS1035Label(kind.toLowerCase());
    if (e.length) errs.push(invalid(`${p}.kind`, kind, `may have mixed case, but should otherwise match: ${e.join(",")}`));
  }
  return errs;
}

function validatePolicy(vap: ValidatingAdmissionPolicy): FieldError[] {
  const spec = vap.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.failurePolicy === undefined) errs.push(required("spec.failurePolicy"));
  else if (!FAILURE_POLICIES.includes(spec.failurePolicy))
    errs.push(notSupported("spec.failurePolicy", spec.failurePolicy, FAILURE_POLICIES));
  if (spec.paramKind) errs.push(...validateParamKind(spec.paramKind, "spec.paramKind"));
  if (!spec.matchConstraints) errs.push(required("spec.matchConstraints"));
  else {
    errs.push(...validateMatchResources(spec.matchConstraints, "spec.matchConstraints"));
    if (!spec.matchConstraints.resourceRules?.length) errs.push(required("spec.matchConstraints.resourceRules"));
  }
  errs.push(...validateMatchConditions(spec.matchConditions, "spec.matchConditions"));
  (spec.variables ?? []).forEach((v, i) => {
    const p = `spec.variables[${i}]`;
    if (!(v.name ?? "").trim()) errs.push(required(`${p}.name`, "name is not specified"));
    else if (!CEL_IDENT.test(v.name ?? "") || CEL_RESERVED.includes(v.name ?? ""))
      errs.push(invalid(`${p}.name`, v.name ?? "", "name is not a valid CEL identifier"));
    if (!(v.expression ?? "").trim()) errs.push(required(`${p}.expression`, "expression is not specified"));
  });
  const validations = spec.validations ?? [];
  const audits = spec.auditAnnotations ?? [];
  if (!validations.length && !audits.length) {
    errs.push(required("spec.validations", "validations or auditAnnotations must contain at least one item"));
    errs.push(required("spec.auditAnnotations", "validations or auditAnnotations must contain at least one item"));
    return errs;
  }
  validations.forEach((v, i) => {
    const p = `spec.validations[${i}]`;
    if (!(v.expression ?? "").trim()) errs.push(required(`${p}.expression`, "expression is not specified"));
    if (v.messageExpression !== undefined && v.messageExpression.length > 0 && !v.messageExpression.trim())
      errs.push(invalid(`${p}.messageExpression`, v.messageExpression, "must be non-empty if specified"));
    const msg = v.message ?? "";
    if (msg.length > 0 && !msg.trim()) errs.push(invalid(`${p}.message`, msg, "message must be non-empty if specified"));
    else if (/[\n\r]/.test(msg.trim())) errs.push(invalid(`${p}.message`, msg, "message must not contain line breaks"));
    if (v.reason !== undefined && !REASONS.includes(v.reason)) errs.push(notSupported(`${p}.reason`, v.reason, REASONS));
  });
  if (audits.length > 20)
    errs.push(
      invalid(
        "spec.auditAnnotations",
        { go: "[]admissionregistration.AuditAnnotation{...}" },
        "must not have more than 20 auditAnnotations",
      ),
    );
  const keys = new Set<string>();
  audits.forEach((a, i) => {
    const p = `spec.auditAnnotations[${i}]`;
    const key = a.key ?? "";
    if (vap.metadata.name)
      errs.push(...isQualifiedName(`${vap.metadata.name}/${key}`).map((m) => invalid(`${p}.key`, `${vap.metadata.name}/${key}`, m)));
    else errs.push(invalid(`${p}.key`, key, "requires metadata.name be non-empty"));
    const ve = (a.valueExpression ?? "").trim();
    if (!ve) errs.push(required(`${p}.valueExpression`, "valueExpression is not specified"));
    else if (ve.length > 5 * 1024) errs.push(required(`${p}.valueExpression`, `must not exceed ${5 * 1024} bytes in length`));
    if (keys.has(key)) errs.push(duplicate(`${p}.key`, key));
    keys.add(key);
  });
  return errs;
}

export const validatingadmissionpolicies: KindDef<ValidatingAdmissionPolicy> = {
  resource: resourceInfo("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false, {
    categories: ["api-extensions"],
    subresources: [statusSubresource()],
  }),
  defaults(vap) {
    const spec = (vap.spec ??= {});
    spec.failurePolicy ??= "Fail";
    defaultMatchResources(spec.matchConstraints);
  },
  validate: validatePolicy,
  validateUpdate: validatePolicy,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(vap) {
      vap.status = {};
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Validations", "integer", "Validations indicates the number of validation rules defined in this configuration"),
      column("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
      ageColumn(),
    ],
    rows(vap, { now }) {
      const pk = vap.spec?.paramKind;
      return [
        [
          vap.metadata.name,
          (vap.spec?.validations ?? []).length,
          pk ? `${pk.apiVersion ?? ""}/${pk.kind ?? ""}` : "<unset>",
          ageCell(vap, now),
        ],
      ];
    },
  },
};
