/**
 * networking.k8s.io/v1 ingressclasses (cluster-scoped).
 * Discovery: pkg/registry/networking/ingressclass/storage/storage.go (no short names).
 * Defaulting: pkg/apis/networking/v1/defaults.go SetDefaults_IngressClass (parameters scope Cluster).
 * Validation: pkg/apis/networking/validation/validation.go ValidateIngressClass(Update):
 * controller is a domain-prefixed path, immutable; parameters reference and scope.
 * Table: printers.go printIngressClass. Describer: describe.go describeIngressClassV1.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import { tooLong } from "../_shared/field-errors";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { isDNS1123Subdomain, isDomainPrefixedPath, nameIsDNSSubdomain, validatePathSegmentName } from "../_shared/names";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "../_shared/prefix-writer";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export interface TypedLocalObjectReference {
  apiGroup?: string;
  kind?: string;
  name?: string;
}
export type IngressClass = Typed<{
  spec?: { controller?: string; parameters?: TypedLocalObjectReference & { scope?: string; namespace?: string } };
}>;

/** The annotation the DefaultIngressClass admission plugin looks for. */
export const IS_DEFAULT_INGRESS_CLASS = "ingressclass.kubernetes.io/is-default-class";

/** validateIngressTypedLocalObjectReference */
export function validateTypedLocalObjectReference(ref: TypedLocalObjectReference, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined)
    errs.push(...isDNS1123Subdomain(ref.apiGroup).map((m) => invalid(`${field}.apiGroup`, ref.apiGroup ?? "", m)));
  if (!ref.kind) errs.push(required(`${field}.kind`));
  else errs.push(...validatePathSegmentName(ref.kind, false).map((m) => invalid(`${field}.kind`, ref.kind ?? "", m)));
  if (!ref.name) errs.push(required(`${field}.name`));
  else errs.push(...validatePathSegmentName(ref.name, false).map((m) => invalid(`${field}.name`, ref.name ?? "", m)));
  return errs;
}

function validateSpec(ic: IngressClass): FieldError[] {
  const spec = ic.spec ?? {};
  const controller = spec.controller ?? "";
  const errs: FieldError[] = [];
  if (controller.length > 250) errs.push(tooLong("spec.controller", 250));
  errs.push(...isDomainPrefixedPath("spec.controller", controller));
  const params = spec.parameters;
  if (params) {
    const p = "spec.parameters";
    errs.push(...validateTypedLocalObjectReference(params, p));
    if (params.scope === undefined) errs.push(required(`${p}.scope`));
    else if (!["Cluster", "Namespace"].includes(params.scope))
      errs.push(notSupported(`${p}.scope`, params.scope, ["Cluster", "Namespace"]));
    else if (params.scope === "Namespace") {
      if (params.namespace === undefined) errs.push(required(`${p}.namespace`, "`parameters.scope` is set to 'Namespace'"));
      else errs.push(...nameIsDNSSubdomain(params.namespace, false).map((m) => invalid(`${p}.namespace`, params.namespace ?? "", m)));
    } else if (params.namespace !== undefined) errs.push(forbidden(`${p}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export const ingressclasses: KindDef<IngressClass> = {
  resource: resourceInfo("networking.k8s.io/v1", "IngressClass", "ingressclasses", false),
  defaults(ic) {
    const params = ic.spec?.parameters;
    if (params && params.scope === undefined) params.scope = "Cluster";
  },
  validate: validateSpec,
  validateUpdate(ic, old) {
    const errs = validateSpec(ic);
    if ((ic.spec?.controller ?? "") !== (old.spec?.controller ?? "")) errs.push(forbidden("spec.controller", "may not change once set"));
    return errs;
  },
  strategy: { tracksGeneration: true },
  table: {
    columns: [
      nameColumn(),
      column("Controller", "string", "Controller that is responsible for handling this class"),
      column("Parameters", "string", "A reference to a resource with additional parameters"),
      ageColumn(),
    ],
    rows(ic, { now }) {
      const p = ic.spec?.parameters;
      const params = p ? `${p.kind ?? ""}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ""}/${p.name ?? ""}` : "<none>";
      return [[ic.metadata.name, ic.spec?.controller ?? "", params, ageCell(ic, now)]];
    },
  },
  describe(ic, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ic.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ""}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, "Parameters:\n");
      if (p.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind ?? ""}\n`);
      w.write(LEVEL_1, `Name:\t${p.name ?? ""}\n`);
    }
    describeEventsFor(ic, ctx, w);
    return w.toString();
  },
};
