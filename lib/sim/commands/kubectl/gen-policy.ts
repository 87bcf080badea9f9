/**
 * `create quota|priorityclass|ingress|poddisruptionbudget`
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_quota.go, create_priorityclass.go,
 * create_ingress.go, create_pdb.go): typed objects in struct field order and their Validate texts.
 */
import { parseLabelSelector } from "../../api/selectors";
import type { KObject } from "../../api/types";
import { parseQuantity, quantityString } from "../../kinds/_shared/quantity";
import { type Client, errResult } from "./client";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { enforcedNamespace, goMap, intFlag, objectMeta } from "./generate";
import type { Built } from "./gen-workloads";
import { isResult } from "./session";

export function buildQuota(c: Client, name: string, args: ParsedArgs): Built {
  const hardSpec = flag(args, "hard") ?? "";
  const scopesSpec = flag(args, "scopes") ?? "";
  let hard: Record<string, string> | undefined;
  if (hardSpec) {
    hard = {};
    for (const stmt of hardSpec.split(",")) {
      const parts = stmt.split("=");
      if (parts.length !== 2) return errResult(`error: Invalid argument syntax ${stmt}, expected <resource>=<value>\n`);
      const q = parseQuantity(parts[1]);
      if ("error" in q) return errResult(`error: ${q.error}\n`);
      hard[parts[0]] = quantityString(q);
    }
    // a Go map marshals with sorted keys
    hard = goMap(hard);
  }
  let scopes: string[] | undefined;
  if (scopesSpec) {
    scopes = scopesSpec.split(",");
    if (scopes.includes("")) return errResult('error: invalid resource quota scope ""\n');
  }
  const obj = {
    kind: "ResourceQuota",
    apiVersion: "v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c) }),
    spec: { hard, scopes },
    status: {},
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create quota: " };
}

export function buildPriorityClass(name: string, args: ParsedArgs): Built {
  const value = intFlag("create priorityclass", args, "value", 0);
  if (isResult(value)) return value;
  const obj = {
    kind: "PriorityClass",
    apiVersion: "scheduling.k8s.io/v1",
    metadata: objectMeta(name),
    value,
    globalDefault: boolFlag(args, "global-default") || undefined,
    description: flag(args, "description") || undefined,
    preemptionPolicy: flag(args, "preemption-policy") ?? "PreemptLowerPriority",
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create priorityclass: " };
}

// create_ingress.go ruleRegex (regexHostPathSvc + regexTLS + "$")
const RULE = /^([\w*\-.]*)(\/[^,=\n]*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/;

/** parseServiceBackendPort: intstr.Parse, a number or a port name. */
function backend(service: string) {
  const [svc, port] = service.split(":");
  return { service: { name: svc, port: /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

export function buildIngress(c: Client, name: string, args: ParsedArgs): Built {
  const rules = args.flags.get("rule") ?? [];
  const annotationArgs = args.flags.get("annotation") ?? [];
  const defaultBackend = flag(args, "default-backend") ?? "";
  if (!defaultBackend && !rules.length) {
    return errResult(
      "error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n",
    );
  }
  for (const r of rules)
    if (!RULE.test(r)) return errResult(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n`);
  for (const a of annotationArgs)
    if (!a.includes("=")) return errResult(`error: annotation ${a} is invalid and should be in format key=[value]\n`);
  if (defaultBackend && defaultBackend.split(":").length !== 2)
    return errResult("error: default-backend should be in format servicename:serviceport\n");
  const annotations: Record<string, string> = {};
  for (const a of annotationArgs) annotations[a.slice(0, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
  // buildTLSRules: one entry per secret, each host once
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  const seenHosts = new Set<string>();
  for (const r of rules) {
    const parts = r.split(",");
    if (parts.length !== 2) continue;
    const host = r.split("/")[0];
    const secretName = parts[1].split("=")[1] ?? "";
    if (seenHosts.has(host)) continue;
    seenHosts.add(host);
    const same = tls.find((t) => (t.secretName ?? "") === secretName);
    if (same) {
      same.hosts = [...(same.hosts ?? []), host];
      continue;
    }
    if (host || secretName) tls.push({ hosts: host ? [host] : undefined, secretName: secretName || undefined });
  }
  // buildIngressRules: paths of one host gather under its rule
  const ingressRules: { host?: string; http: { paths: unknown[] } }[] = [];
  for (const r of rules) {
    const noTls = r.split(",")[0];
    const slash = noTls.indexOf("/");
    const host = noTls.slice(0, slash);
    const [pathPart, service] = noTls.slice(slash + 1).split("=");
    let path = `/${pathPart}`;
    let pathType = "Exact";
    if (path.endsWith("*")) {
      pathType = "Prefix";
      path = path.slice(0, -1);
    }
    const entry = { path, pathType, backend: backend(service) };
    const existing = ingressRules.find((x) => (x.host ?? "") === host);
    if (existing) existing.http.paths.push(entry);
    else ingressRules.push({ host: host || undefined, http: { paths: [entry] } });
  }
  const obj = {
    kind: "Ingress",
    apiVersion: "networking.k8s.io/v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c), annotations }),
    spec: {
      ingressClassName: flag(args, "class") || undefined,
      defaultBackend: defaultBackend ? backend(defaultBackend) : undefined,
      tls: tls.length ? tls : undefined,
      rules: ingressRules.length ? ingressRules : undefined,
    },
    status: { loadBalancer: {} },
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create ingress: " };
}

const OPERATORS: Record<string, string> = { in: "In", notin: "NotIn", exists: "Exists", "!": "DoesNotExist" };

/** metav1.ParseToLabelSelector: equality into matchLabels, set-based into matchExpressions. */
function toLabelSelector(s: string): { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | string {
  const parsed = parseLabelSelector(s);
  if ("error" in parsed) return parsed.error;
  // labels.Parse returns the requirements sorted by key, each one's values sorted (a sets.String)
  const reqs = [...parsed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const matchLabels: Record<string, string> = {};
  const matchExpressions: unknown[] = [];
  for (const r of reqs) {
    if (r.op === "=") matchLabels[r.key] = r.values[0];
    else if (OPERATORS[r.op])
      matchExpressions.push({ key: r.key, operator: OPERATORS[r.op], values: r.values.length ? [...r.values].sort() : undefined });
    else return `"${r.op === "gt" ? ">" : r.op === "lt" ? "<" : r.op}" is not a valid label selector operator`;
  }
  return {
    matchLabels: Object.keys(matchLabels).length ? goMap(matchLabels) : undefined,
    matchExpressions: matchExpressions.length ? matchExpressions : undefined,
  };
}

const INT_OR_PERCENT = /^[0-9]+%?$/;
const intOrString = (v: string) => (/^-?\d+$/.test(v) ? Number(v) : v);

export function buildPdb(c: Client, name: string, args: ParsedArgs): Built {
  const selector = flag(args, "selector") ?? "";
  const min = flag(args, "min-available") ?? "";
  const max = flag(args, "max-unavailable") ?? "";
  if (!selector) return errResult("error: a selector must be specified\n");
  if (!min && !max) return errResult("error: one of min-available or max-unavailable must be specified\n");
  if (min && max) return errResult("error: min-available and max-unavailable cannot be both specified\n");
  if (min && !INT_OR_PERCENT.test(min)) return errResult("error: invalid format specified for min-available\n");
  if (max && !INT_OR_PERCENT.test(max)) return errResult("error: invalid format specified for max-unavailable\n");
  const sel = toLabelSelector(selector);
  if (typeof sel === "string") return errResult(`error: ${sel}\n`);
  const obj = {
    kind: "PodDisruptionBudget",
    apiVersion: "policy/v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c) }),
    spec: { minAvailable: min ? intOrString(min) : undefined, selector: sel, maxUnavailable: max ? intOrString(max) : undefined },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
  return { obj: obj as unknown as KObject, failurePrefix: "failed to create poddisruptionbudgets: " };
}
