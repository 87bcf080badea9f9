/**
 * Pieces of pkg/apis/admissionregistration shared by webhook configurations and admission
 * policies: v1 defaulting (SetDefaults_Rule scope "*", _ServiceReference port 443,
 * _MatchResources) and validation (validation.go validateRuleWithOperations, validateRule,
 * validateResources, validateMatchResources, validateNamedRuleWithOperations, and
 * k8s.io/apiserver/pkg/util/webhook ValidateWebhookURL / ValidateWebhookService).
 * CEL expressions are only checked for presence: the simulator has no CEL compiler.
 */
import { duplicate, goSlice, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { LabelSelector } from "./core-types";
import { validateLabelSelector } from "./labels";
import { isDNS1123Subdomain, isValidPortNum, validatePathSegmentName } from "./names";

export interface Rule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  scope?: string;
}
export interface RuleWithOperations extends Rule {
  operations?: string[];
}
export interface NamedRuleWithOperations extends RuleWithOperations {
  resourceNames?: string[];
}
export interface ServiceReference {
  namespace?: string;
  name?: string;
  path?: string;
  port?: number;
}
export interface WebhookClientConfig {
  url?: string;
  service?: ServiceReference;
  caBundle?: string;
}
export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
  matchPolicy?: string;
}
export interface MatchCondition {
  name?: string;
  expression?: string;
}

export const FAILURE_POLICIES = ["Fail", "Ignore"];
export const MATCH_POLICIES = ["Equivalent", "Exact"];
const OPERATIONS = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];
const SCOPES = ["*", "Cluster", "Namespaced"];

export function defaultRule(r: Rule): void {
  r.scope ??= "*";
}

export function defaultClientConfig(cc: WebhookClientConfig | undefined): void {
  if (cc?.service) cc.service.port ??= 443;
}

/** SetDefaults_MatchResources */
export function defaultMatchResources(m: MatchResources | undefined): void {
  if (!m) return;
  m.matchPolicy ??= "Equivalent";
  m.namespaceSelector ??= {};
  m.objectSelector ??= {};
  for (const r of [...(m.resourceRules ?? []), ...(m.excludeResourceRules ?? [])]) defaultRule(r);
}

const hasWildcard = (a: string[] | undefined): boolean => (a ?? []).includes("*");

function validateResources(resources: string[] | undefined, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const res = resources ?? [];
  if (!res.length) errs.push(required(p));
  const withWildcardSub = new Set<string>();
  const subWithWildcardRes = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSub = false;
  res.forEach((rs, i) => {
    if (!rs) {
      errs.push(required(`${p}[${i}]`));
      return;
    }
    if (rs === "*/*") doubleWildcard = true;
    if (rs === "*") singleWildcard = true;
    const slash = rs.indexOf("/");
    if (slash < 0) {
      withoutSub = rs !== "*";
      return;
    }
    const [r, s] = [rs.slice(0, slash), rs.slice(slash + 1)];
    if (withWildcardSub.has(r)) errs.push(invalid(`${p}[${i}]`, rs, `if '${r}/*' is present, must not specify ${rs}`));
    if (subWithWildcardRes.has(s)) errs.push(invalid(`${p}[${i}]`, rs, `if '*/${s}' is present, must not specify ${rs}`));
    if (s === "*") withWildcardSub.add(r);
    if (r === "*") subWithWildcardRes.add(s);
  });
  if (res.length > 1 && doubleWildcard) errs.push(invalid(p, goSlice(res), "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSub)
    errs.push(invalid(p, goSlice(res), "if '*' is present, must not specify other resources without subresources"));
  return errs;
}

/** %#v of []admissionregistration.OperationType */
const goOps = (ops: string[]): { go: string } => ({ go: `[]admissionregistration.OperationType{${ops.map((o) => `"${o}"`).join(", ")}}` });

export function validateRuleWithOperations(r: RuleWithOperations, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const ops = r.operations ?? [];
  if (!ops.length) errs.push(required(`${p}.operations`));
  if (ops.length > 1 && hasWildcard(ops))
    errs.push(invalid(`${p}.operations`, goOps(ops), "if '*' is present, must not specify other operations"));
  ops.forEach((o, i) => {
    if (!OPERATIONS.includes(o)) errs.push(notSupported(`${p}.operations[${i}]`, o, OPERATIONS));
  });
  if (!r.apiGroups?.length) errs.push(required(`${p}.apiGroups`));
  if ((r.apiGroups ?? []).length > 1 && hasWildcard(r.apiGroups))
    errs.push(invalid(`${p}.apiGroups`, goSlice(r.apiGroups), "if '*' is present, must not specify other API groups"));
  if (!r.apiVersions?.length) errs.push(required(`${p}.apiVersions`));
  if ((r.apiVersions ?? []).length > 1 && hasWildcard(r.apiVersions))
    errs.push(invalid(`${p}.apiVersions`, goSlice(r.apiVersions), "if '*' is present, must not specify other API versions"));
  (r.apiVersions ?? []).forEach((v, i) => {
    if (!v) errs.push(required(`${p}.apiVersions[${i}]`));
  });
  errs.push(...validateResources(r.resources, `${p}.resources`));
  if (r.scope !== undefined && !SCOPES.includes(r.scope)) errs.push(notSupported(`${p}.scope`, r.scope, SCOPES));
  return errs;
}

function validateNamedRule(r: NamedRuleWithOperations, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (r.resourceNames ?? []).forEach((n, i) => {
    errs.push(...validatePathSegmentName(n, false).map((m) => invalid(`${p}.resourceNames[${i}]`, n, m)));
    if (seen.has(n)) errs.push(duplicate(`${p}.resourceNames[${i}]`, n));
    seen.add(n);
  });
  return errs.concat(validateRuleWithOperations(r, p));
}

export function validateMatchResources(m: MatchResources | undefined, p: string): FieldError[] {
  if (!m) return [];
  const errs: FieldError[] = [];
  if (m.matchPolicy === undefined) errs.push(required(`${p}.matchPolicy`));
  else if (!MATCH_POLICIES.includes(m.matchPolicy)) errs.push(notSupported(`${p}.matchPolicy`, m.matchPolicy, MATCH_POLICIES));
  if (!m.namespaceSelector) errs.push(required(`${p}.namespaceSelector`));
  else errs.push(...validateLabelSelector(m.namespaceSelector, `${p}.namespaceSelector`));
  if (!m.objectSelector) errs.push(required(`${p}.objectSelector`));
  else errs.push(...validateLabelSelector(m.objectSelector, `${p}.objectSelector`));
  (m.resourceRules ?? []).forEach((r, i) => errs.push(...validateNamedRule(r, `${p}.resourceRules[${i}]`)));
  (m.excludeResourceRules ?? []).forEach((r, i) => errs.push(...validateNamedRule(r, `${p}.excludeResourceRules[${i}]`)));
  return errs;
}

/** validateMatchConditions, without compiling the expressions. */
export function validateMatchConditions(conds: MatchCondition[] | undefined, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (conds ?? []).forEach((c, i) => {
    if (!(c.expression ?? "").trim()) errs.push(required(`${p}[${i}].expression`));
    if (!c.name) errs.push(required(`${p}[${i}].name`));
    if (c.name) {
      if (names.has(c.name)) errs.push(duplicate(`${p}[${i}].name`, c.name));
      names.add(c.name);
    }
  });
  return errs;
}

const FORM = "; desired format: https://host[/path]";

/** ValidateWebhookURL (forceHttps) and ValidateWebhookService. */
export function validateClientConfig(cc: WebhookClientConfig | undefined, p: string): FieldError[] {
  const c = cc ?? {};
  if ((c.url === undefined) === (c.service === undefined)) return [required(p, "exactly one of url or service is required")];
  const errs: FieldError[] = [];
  if (c.url !== undefined) {
    const up = `${p}.url`;
    let u: URL | undefined;
    try {
      u = new URL(c.url);
    } catch {
      return [invalid(up, "", `host must be specified${FORM}`)];
    }
    const scheme = u.protocol.replace(/:$/, "");
    if (scheme !== "https") errs.push(invalid(up, scheme, `'https' is the only allowed URL scheme${FORM}`));
    if (!u.host) errs.push(invalid(up, u.host, `host must be specified${FORM}`));
    if (u.username || u.password)
      errs.push(invalid(up, u.password ? `${u.username}:${u.password}` : u.username, "user information is not permitted in the URL"));
    if (u.hash) errs.push(invalid(up, u.hash.slice(1), "fragments are not permitted in the URL"));
    if (u.search) errs.push(invalid(up, u.search.slice(1), "query parameters are not permitted in the URL"));
    return errs;
  }
  const s = c.service ?? {};
  const sp = `${p}.service`;
  if (!s.name) errs.push(required(`${sp}.name`, "service name is required"));
  if (!s.namespace) errs.push(required(`${sp}.namespace`, "service namespace is required"));
  const portErrs = isValidPortNum(s.port ?? 0);
  if (portErrs.length) errs.push(invalid(`${sp}.port`, s.port ?? 0, `port is not valid: ${portErrs.join(", ")}`));
  const path = s.path;
  if (path === undefined || path === "/" || path === "") return errs;
  if (path === "//") return [...errs, invalid(`${sp}.path`, path, "segment[0] may not be empty")];
  if (!path.startsWith("/")) errs.push(invalid(`${sp}.path`, path, "must start with a '/'"));
  let check = path.slice(1);
  if (check.endsWith("/")) check = check.slice(0, -1);
  check.split("/").forEach((step, i) => {
    if (!step) {
      errs.push(invalid(`${sp}.path`, path, `segment[${i}] may not be empty`));
      return;
    }
    for (const f of isDNS1123Subdomain(step)) errs.push(invalid(`${sp}.path`, path, `segment[${i}]: ${f}`));
  });
  return errs;
}
