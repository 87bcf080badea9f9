/**
 * flowcontrol.apiserver.k8s.io/v1 flowschemas (cluster-scoped, status subresource).
 * Defaulting: pkg/apis/flowcontrol/v1/defaults.go SetDefaults_FlowSchemaSpec (matchingPrecedence 1000).
 * Validation: pkg/apis/flowcontrol/validation/validation.go ValidateFlowSchemaSpec (precedence
 * range, distinguisher, priority level reference, rules: subjects, resource and non-resource
 * rules). The apiserver's mandatory schemas (exempt, catch-all) must keep their fixed spec;
 * that check is not made here.
 * Table: printers.go printFlowSchema (lists are sorted by matching precedence, then name:
 * FlowSchemaSequence). No describer.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import { goSlice } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { isDNS1123Label, nameIsDNSSubdomain } from "../_shared/names";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface Subject {
  kind?: string;
  user?: { name?: string };
  group?: { name?: string };
  serviceAccount?: { namespace?: string; name?: string };
}
interface ResourceRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  clusterScope?: boolean;
  namespaces?: string[];
}
interface NonResourceRule {
  verbs?: string[];
  nonResourceURLs?: string[];
}
export type FlowSchema = Typed<{
  spec?: {
    priorityLevelConfiguration?: { name?: string };
    matchingPrecedence?: number;
    distinguisherMethod?: { type?: string };
    rules?: { subjects?: Subject[]; resourceRules?: ResourceRule[]; nonResourceRules?: NonResourceRule[] }[];
  };
  status?: { conditions?: { type?: string; status?: string; lastTransitionTime?: string; reason?: string; message?: string }[] };
}>;

const MAX_PRECEDENCE = 10000;
const VERBS = ["*", "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const NS_INTRO = "each member of this list must be '*' or a DNS-1123 label; ";
const hasWildcard = (a: string[]): boolean => a.includes("*");

function validateVerbs(verbs: string[] | undefined, p: string): FieldError[] {
  const v = verbs ?? [];
  if (!v.length) return [required(p, "verbs must contain at least one value")];
  if (hasWildcard(v)) return v.length > 1 ? [invalid(p, goSlice(v), "if '*' is present, must not specify other verbs")] : [];
  return v.every((x) => VERBS.includes(x)) ? [] : [notSupported(p, goSlice(v), VERBS)];
}

/** ValidateNonResourceURLPath */
function validateURLPath(path: string, p: string): FieldError | undefined {
  if (!path) return invalid(p, path, "must not be empty");
  if (path === "/") return undefined;
  if (!path.startsWith("/")) return invalid(p, path, "must start with slash");
  if (path.endsWith("/")) return invalid(p, path, "must not end with slash");
  const segs = path.slice(1).split("/");
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === "") return invalid(p, path, "must not have empty segment");
    if (segs[i] === "*" && i !== segs.length - 1) return invalid(p, path, "wildcard can only do suffix glob matching");
  }
  return undefined;
}

function validateSubject(s: Subject, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const need = (what: "user" | "group" | "serviceAccount", kind: string) => {
    const v = s[what];
    if (!v) return [required(`${p}.${what}`, `${what} is required when subject kind is '${kind}'`)];
    if (!v.name) return [required(`${p}.${what}.name`)];
    return [];
  };
  const forbid = (what: "user" | "group" | "serviceAccount", kind: string) =>
    s[what] ? [forbidden(`${p}.${what}`, `${what} is forbidden when subject kind is not '${kind}'`)] : [];
  switch (s.kind) {
    case "ServiceAccount": {
      const sa = s.serviceAccount;
      if (!sa) errs.push(required(`${p}.serviceAccount`, "serviceAccount is required when subject kind is 'ServiceAccount'"));
      else {
        if (!sa.name) errs.push(required(`${p}.serviceAccount.name`));
        else if (sa.name !== "*")
          errs.push(...nameIsDNSSubdomain(sa.name, false).map((m) => invalid(`${p}.serviceAccount.name`, sa.name ?? "", m)));
        if (sa.namespace)
          errs.push(...isDNS1123Label(sa.namespace).map((m) => invalid(`${p}.serviceAccount.namespace`, sa.namespace ?? "", m)));
        else errs.push(required(`${p}.serviceAccount.namespace`, "must specify namespace for service account"));
      }
      errs.push(...forbid("user", "User"), ...forbid("group", "Group"));
      break;
    }
    case "User":
      errs.push(...need("user", "User"), ...forbid("serviceAccount", "ServiceAccount"), ...forbid("group", "Group"));
      break;
    case "Group":
      errs.push(...need("group", "Group"), ...forbid("serviceAccount", "ServiceAccount"), ...forbid("user", "User"));
      break;
    default:
      errs.push(notSupported(`${p}.kind`, s.kind ?? "", ["Group", "ServiceAccount", "User"]));
  }
  return errs;
}

function validateSpec(fs: FlowSchema): FieldError[] {
  const spec = fs.spec ?? {};
  const errs: FieldError[] = [];
  const mp = spec.matchingPrecedence ?? 0;
  if (mp <= 0) errs.push(invalid("spec.matchingPrecedence", mp, "must be a positive value"));
  if (mp > MAX_PRECEDENCE) errs.push(invalid("spec.matchingPrecedence", mp, `must not be greater than ${MAX_PRECEDENCE}`));
  if (mp === 1 && fs.metadata.name !== "exempt")
    errs.push(invalid("spec.matchingPrecedence", mp, "only the schema named 'exempt' may have matchingPrecedence 1"));
  const dm = spec.distinguisherMethod;
  if (dm && !["ByNamespace", "ByUser"].includes(dm.type ?? "")) {
    errs.push(
      notSupported("spec.distinguisherMethod.type", { go: `&flowcontrol.FlowDistinguisherMethod{Type:"${dm.type ?? ""}"}` }, [
        "ByNamespace",
        "ByUser",
      ]),
    );
  }
  const pl = spec.priorityLevelConfiguration?.name ?? "";
  if (pl) errs.push(...nameIsDNSSubdomain(pl, false).map((m) => invalid("spec.priorityLevelConfiguration.name", pl, m)));
  else errs.push(required("spec.priorityLevelConfiguration.name", "must reference a priority level"));
  (spec.rules ?? []).forEach((rule, i) => {
    const p = `spec.rules[${i}]`;
    if (rule.subjects?.length) rule.subjects.forEach((s, j) => errs.push(...validateSubject(s, `${p}.subjects[${j}]`)));
    else errs.push(required(`${p}.subjects`, "subjects must contain at least one value"));
    if (!rule.resourceRules?.length && !rule.nonResourceRules?.length)
      errs.push(required(p, "at least one of resourceRules and nonResourceRules has to be non-empty"));
    (rule.resourceRules ?? []).forEach((r, j) => {
      const rp = `${p}.resourceRules[${j}]`;
      errs.push(...validateVerbs(r.verbs, `${rp}.verbs`));
      const groups = r.apiGroups ?? [];
      if (!groups.length) errs.push(required(`${rp}.apiGroups`, "resource rules must supply at least one api group"));
      else if (groups.length > 1 && hasWildcard(groups))
        errs.push(invalid(`${rp}.apiGroups`, goSlice(groups), "if '*' is present, must not specify other api groups"));
      const res = r.resources ?? [];
      if (!res.length) errs.push(required(`${rp}.resources`, "resource rules must supply at least one resource"));
      else if (res.length > 1 && hasWildcard(res))
        errs.push(invalid(`${rp}.resources`, goSlice(res), "if '*' is present, must not specify other resources"));
      const ns = r.namespaces ?? [];
      if (!ns.length && !r.clusterScope)
        errs.push(required(`${rp}.namespaces`, "resource rules that are not cluster scoped must supply at least one namespace"));
      else if (hasWildcard(ns)) {
        if (ns.length > 1) errs.push(invalid(`${rp}.namespaces`, goSlice(ns), "if '*' is present, must not specify other namespaces"));
      } else ns.forEach((n, k) => errs.push(...isDNS1123Label(n).map((m) => invalid(`${rp}.namespaces[${k}]`, n, NS_INTRO + m))));
    });
    (rule.nonResourceRules ?? []).forEach((r, j) => {
      const rp = `${p}.nonResourceRules[${j}]`;
      errs.push(...validateVerbs(r.verbs, `${rp}.verbs`));
      const urls = r.nonResourceURLs ?? [];
      if (!urls.length) errs.push(required(`${rp}.nonResourceURLs`, "nonResourceURLs must contain at least one value"));
      else if (hasWildcard(urls)) {
        if (urls.length > 1)
          errs.push(invalid(`${rp}.nonResourceURLs`, goSlice(urls), "if '*' is present, must not specify other non-resource URLs"));
      } else {
        urls.forEach((u, k) => {
          const e = validateURLPath(u, `${rp}.nonResourceURLs[${k}]`);
          if (e) errs.push(e);
        });
      }
    });
  });
  return errs;
}

export const flowschemas: KindDef<FlowSchema> = {
  resource: resourceInfo("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "flowschemas", false, { subresources: [statusSubresource()] }),
  defaults(fs) {
    const spec = (fs.spec ??= {});
    if (!spec.matchingPrecedence) spec.matchingPrecedence = 1000;
  },
  validate: validateSpec,
  validateUpdate: validateSpec,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(fs) {
      fs.status = {};
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("PriorityLevel", "string", SWAGGER.fsPriorityLevel),
      column("MatchingPrecedence", "string", SWAGGER.fsMatchingPrecedence),
      column("DistinguisherMethod", "string", SWAGGER.fsDistinguisherMethod),
      ageColumn(),
      column("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration"),
    ],
    rows(fs, { now }) {
      const dangling = (fs.status?.conditions ?? []).find((c) => c.type === "Dangling");
      return [
        [
          fs.metadata.name,
          fs.spec?.priorityLevelConfiguration?.name ?? "",
          fs.spec?.matchingPrecedence ?? 0,
          fs.spec?.distinguisherMethod?.type ?? "<none>",
          ageCell(fs, now),
          dangling ? (dangling.status ?? "") : "?",
        ],
      ];
    },
  },
};
