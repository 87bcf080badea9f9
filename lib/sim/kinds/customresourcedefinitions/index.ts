/**
 * apiextensions.k8s.io/v1 customresourcedefinitions (cluster-scoped, short names crd and crds,
 * category api-extensions, status subresource; api/discovery/apis__apiextensions.k8s.io__v1.json).
 * Defaulting: apiextensions/v1 defaults.go SetDefaults_CustomResourceDefinitionSpec (singular
 * from kind, listKind, conversion None, webhook service port 443).
 * Strategy: PrepareForCreate resets the status and records the storage version in
 * status.storedVersions (the establishing controller then accepts the names).
 * Validation: apiextensions validation.go ValidateCustomResourceDefinition: the name must be
 * plural.group; group, scope, versions (unique, one storage, schemas required), names; group,
 * plural, scope and kind are immutable. OpenAPI schemas are required but not checked inside.
 * Table: none in printers.go, so NAME and CREATED AT. No describer: the generic one.
 * ./resources.ts turns a CRD into the discovery entry and table of its custom resources.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { isDNS1035Label, isDNS1123Subdomain } from "../_shared/names";
import { DEFAULT_TABLE } from "../_shared/table";
import type { CustomResourceDefinition, CRDNames } from "./types";

export type { CustomResourceDefinition } from "./types";

const ERR_JOIN = ",";

function validateNames(n: CRDNames, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const label = (v: string | undefined, f: string, mixed = false) => {
    if (!v) return;
    const e = isDNS1035Label(mixed ? v.toLowerCase() : v);
    if (e.length)
      errs.push(invalid(`${p}.${f}`, v, mixed ? `may have mixed case, but should otherwise match: ${e.join(ERR_JOIN)}` : e.join(ERR_JOIN)));
  };
  label(n.plural, "plural");
  label(n.singular, "singular");
  label(n.kind, "kind", true);
  label(n.listKind, "listKind", true);
  (n.shortNames ?? []).forEach((s, i) => {
    const e = isDNS1035Label(s);
    if (e.length) errs.push(invalid(`${p}.shortNames[${i}]`, s, e.join(ERR_JOIN)));
  });
  if (n.kind && n.kind === n.listKind) errs.push(invalid(`${p}.listKind`, n.listKind, "kind and listKind may not be the same"));
  (n.categories ?? []).forEach((c, i) => {
    const e = isDNS1035Label(c);
    if (e.length) errs.push(invalid(`${p}.categories[${i}]`, c, e.join(ERR_JOIN)));
  });
  return errs;
}

function validateCRD(crd: CustomResourceDefinition): FieldError[] {
  const spec = crd.spec ?? {};
  const errs: FieldError[] = [];
  const names = spec.names ?? {};
  if (crd.metadata.name !== `${names.plural ?? ""}.${spec.group ?? ""}`)
    errs.push(invalid("metadata.name", crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  const group = spec.group ?? "";
  if (!group) errs.push(required("spec.group"));
  else if (isDNS1123Subdomain(group).length) errs.push(invalid("spec.group", group, isDNS1123Subdomain(group).join(ERR_JOIN)));
  else if (group.split(".").length < 2) errs.push(invalid("spec.group", group, "should be a domain with at least one dot"));
  const scope = spec.scope ?? "";
  if (!scope) errs.push(required("spec.scope"));
  else if (!["Cluster", "Namespaced"].includes(scope)) errs.push(notSupported("spec.scope", scope, ["Cluster", "Namespaced"]));
  const versions = spec.versions ?? [];
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, "schemas are required"));
  });
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const name = v.name ?? "";
    if (seen.has(name)) unique = false;
    seen.add(name);
    const e = isDNS1035Label(name);
    if (e.length) errs.push(invalid(`spec.versions[${i}].name`, name, e.join(ERR_JOIN)));
    if (!v.deprecated && v.deprecationWarning !== undefined)
      errs.push(invalid(`spec.versions[${i}].deprecationWarning`, v.deprecationWarning, "can only be set for deprecated versions"));
  });
  const goVersions = { go: "[]apiextensions.CustomResourceDefinitionVersion{...}" };
  if (!unique) errs.push(invalid("spec.versions", goVersions, "must contain unique version names"));
  if (versions.filter((v) => v.storage).length !== 1)
    errs.push(invalid("spec.versions", goVersions, "must have exactly one version marked as storage version"));
  for (const f of ["plural", "singular", "kind", "listKind"] as const) if (!names[f]) errs.push(required(`spec.names.${f}`));
  errs.push(...validateNames(names, "spec.names"));
  const conv = spec.conversion;
  if (conv) {
    if (!conv.strategy) errs.push(required("spec.conversion.strategy"));
    else if (!["None", "Webhook"].includes(conv.strategy))
      errs.push(notSupported("spec.conversion.strategy", conv.strategy, ["None", "Webhook"]));
    if (conv.strategy === "Webhook" && !conv.webhook)
      errs.push(required("spec.conversion.webhookClientConfig", "required when strategy is set to Webhook"));
    if (conv.strategy !== "Webhook" && conv.webhook)
      errs.push(forbidden("spec.conversion.webhookClientConfig", "should not be set when strategy is not set to Webhook"));
  }
  return errs;
}

export const customresourcedefinitions: KindDef<CustomResourceDefinition> = {
  resource: resourceInfo("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false, {
    shortNames: ["crd", "crds"],
    categories: ["api-extensions"],
    subresources: [statusSubresource()],
  }),
  defaults(crd) {
    const spec = (crd.spec ??= {});
    const names = (spec.names ??= {});
    if (!names.singular && names.kind) names.singular = names.kind.toLowerCase();
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
    spec.conversion ??= { strategy: "None" };
    const svc = spec.conversion.webhook?.clientConfig?.service;
    if (svc) svc.port ??= 443;
  },
  validate: validateCRD,
  validateUpdate(crd, old) {
    const errs = validateCRD(crd);
    const [s, o] = [crd.spec ?? {}, old.spec ?? {}];
    if (s.group !== o.group) errs.push(invalid("spec.group", s.group ?? "", "field is immutable"));
    if (s.names?.plural !== o.names?.plural) errs.push(invalid("spec.names.plural", s.names?.plural ?? "", "field is immutable"));
    const established = (old.status?.conditions ?? []).some((c) => c.type === "Established" && c.status === "True");
    if (established) {
      if (s.scope !== o.scope) errs.push(invalid("spec.scope", s.scope ?? "", "field is immutable"));
      if (s.names?.kind !== o.names?.kind) errs.push(invalid("spec.names.kind", s.names?.kind ?? "", "field is immutable"));
    }
    return errs;
  },
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(crd) {
      const storage = (crd.spec?.versions ?? []).find((v) => v.storage);
      crd.status = { acceptedNames: { plural: "", kind: "" }, storedVersions: storage?.name ? [storage.name] : [] };
    },
  },
  table: DEFAULT_TABLE,
};
