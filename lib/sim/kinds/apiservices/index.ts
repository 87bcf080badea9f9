/**
 * apiregistration.k8s.io/v1 apiservices (cluster-scoped, category api-extensions, status
 * subresource; served by the kube-aggregator; api/discovery/apis__apiregistration.k8s.io__v1.json).
 * Defaulting: apiregistration v1 SetDefaults_ServiceReference (port 443).
 * Validation: kube-aggregator pkg/apis/apiregistration/validation ValidateAPIService (the name
 * is version.group; group, version, priorities, service reference, caBundle rules).
 * Table: kube-aggregator's REST ConvertToTable (NAME, SERVICE "ns/name" or "Local",
 * AVAILABLE "True", "False (Reason)" or "Unknown", AGE). No describer.
 */
import { invalid, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { isDNS1035Label, isDNS1123Subdomain, isValidPortNum, validatePathSegmentName } from "../_shared/names";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type APIService = Typed<{
  spec?: {
    service?: { namespace?: string; name?: string; port?: number };
    group?: string;
    version?: string;
    insecureSkipTLSVerify?: boolean;
    caBundle?: string;
    groupPriorityMinimum?: number;
    versionPriority?: number;
  };
  status?: { conditions?: { type?: string; status?: string; lastTransitionTime?: string; reason?: string; message?: string }[] };
}>;

const base64Len = (s: string): number => Math.floor((s.length * 3) / 4) - (s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0);

function validateAPIService(a: APIService): FieldError[] {
  const spec = a.spec ?? {};
  const errs: FieldError[] = [];
  const requiredName = `${spec.version ?? ""}.${spec.group ?? ""}`;
  if (!validatePathSegmentName(a.metadata.name, false).length && a.metadata.name !== requiredName) {
    errs.push(invalid("metadata.name", a.metadata.name, `must be \`spec.version+"."+spec.group\`: "${requiredName}"`));
  }
  const group = spec.group ?? "";
  if (!group && spec.version !== "v1") errs.push(required("spec.group", "only v1 may have an empty group and it better be legacy kube"));
  if (group) errs.push(...isDNS1123Subdomain(group).map((m) => invalid("spec.group", group, m)));
  errs.push(...isDNS1035Label(spec.version ?? "").map((m) => invalid("spec.version", spec.version ?? "", m)));
  const gpm = spec.groupPriorityMinimum ?? 0;
  if (gpm <= 0 || gpm > 20000) errs.push(invalid("spec.groupPriorityMinimum", gpm, "must be positive and less than 20000"));
  const vp = spec.versionPriority ?? 0;
  if (vp <= 0 || vp > 1000) errs.push(invalid("spec.versionPriority", vp, "must be positive and less than 1000"));
  if (!spec.service) {
    if (spec.caBundle)
      errs.push(invalid("spec.caBundle", `${base64Len(spec.caBundle)} bytes`, "local APIServices may not have a caBundle"));
    if (spec.insecureSkipTLSVerify)
      errs.push(invalid("spec.insecureSkipTLSVerify", true, "local APIServices may not have insecureSkipTLSVerify"));
    return errs;
  }
  if (!spec.service.namespace) errs.push(required("spec.service.namespace"));
  if (!spec.service.name) errs.push(required("spec.service.name"));
  const portErrs = isValidPortNum(spec.service.port ?? 0);
  if (portErrs.length) errs.push(invalid("spec.service.port", spec.service.port ?? 0, `port is not valid: ${portErrs.join(", ")}`));
  if (spec.insecureSkipTLSVerify && spec.caBundle)
    errs.push(invalid("spec.insecureSkipTLSVerify", true, "may not be true if caBundle is present"));
  return errs;
}

export const apiservices: KindDef<APIService> = {
  resource: resourceInfo("apiregistration.k8s.io/v1", "APIService", "apiservices", false, {
    categories: ["api-extensions"],
    subresources: [statusSubresource()],
  }),
  validateName: validatePathSegmentName,
  defaults(a) {
    if (a.spec?.service) a.spec.service.port ??= 443;
  },
  validate: validateAPIService,
  validateUpdate: validateAPIService,
  strategy: {
    statusSubresource: true,
    prepareForCreate(a) {
      a.status = {};
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Service", "string", "The reference to the service that hosts this API endpoint."),
      column("Available", "string", "Whether this service is available."),
      ageColumn(),
    ],
    rows(a, { now }) {
      const svc = a.spec?.service;
      const cond = (a.status?.conditions ?? []).find((c) => c.type === "Available");
      let available = "Unknown";
      if (cond) available = cond.status === "True" || !cond.reason ? (cond.status ?? "") : `${cond.status ?? ""} (${cond.reason})`;
      return [[a.metadata.name, svc ? `${svc.namespace ?? ""}/${svc.name ?? ""}` : "Local", available, ageCell(a, now)]];
    },
  },
};
