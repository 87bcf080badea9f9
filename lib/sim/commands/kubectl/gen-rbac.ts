/**
 * `create role|clusterrole|rolebinding|clusterrolebinding` (staging/src/k8s.io/kubectl/pkg/cmd/create/
 * create_role.go, create_clusterrole.go, create_rolebinding.go, create_clusterrolebinding.go).
 */
import type { KObject } from "../../api/types";
import { type Client, errResult } from "./client";
import { flag, type ParsedArgs } from "./flags";
import { enforcedNamespace, objectMeta, sliceFlag } from "./generate";
import type { Built } from "./gen-workloads";
import { resolveResource } from "./resources";

const VALID_VERBS = [
  "*",
  "get",
  "delete",
  "list",
  "create",
  "update",
  "patch",
  "watch",
  "proxy",
  "deletecollection",
  "use",
  "bind",
  "escalate",
  "impersonate",
];

/**
 * `--aggregation-rule` is a pflag MapStringString: comma-separated key=value pairs, repeatable, merged.
 * With it, create_clusterrole.go Validate refuses any rule flag and RunCreateRole sends no rules.
 */
function buildAggregatedClusterRole(name: string, args: ParsedArgs): Built | undefined {
  const given = args.flags.get("aggregation-rule");
  if (!given) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const value of given) {
    for (const pair of value.split(",")) {
      const eq = pair.indexOf("=");
      if (eq < 0) {
        return errResult(
          `error: invalid argument "${value}" for "--aggregation-rule" flag: malformed pair, expect string=string\nSee 'kubectl create clusterrole --help' for usage.\n`,
        );
      }
      matchLabels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  if (!Object.keys(matchLabels).length) return undefined;
  for (const f of ["non-resource-url", "verb", "resource", "resource-name"]) {
    if (sliceFlag(args, f).length) {
      return errResult("error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n");
    }
  }
  const obj = {
    kind: "ClusterRole",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: objectMeta(name, {}),
    rules: null,
    aggregationRule: { clusterRoleSelectors: [{ matchLabels }] },
  };
  return { obj: obj as unknown as KObject, failurePrefix: "" };
}

export function buildRole(c: Client, verb: "role" | "clusterrole", name: string, args: ParsedArgs): Built {
  const aggregated = verb === "clusterrole" ? buildAggregatedClusterRole(name, args) : undefined;
  if (aggregated) return aggregated;
  const verbs = sliceFlag(args, "verb");
  if (!verbs.length) return errResult("error: at least one verb must be specified\n");
  for (const v of verbs) if (!VALID_VERBS.includes(v)) return errResult(`error: invalid verb: '${v}'\n`);
  const byGroup = new Map<string, string[]>();
  for (const res of sliceFlag(args, "resource")) {
    const [typed, sub] = res.split("/", 2);
    const def = resolveResource(c.api, typed);
    // create_role.go returns the RESTMapper's error as it is, which kubectl prints without "error: "
    if (!def) return errResult(`the server doesn't have a resource type "${typed}"\n`);
    const full = sub ? `${def.resource.resource}/${sub}` : def.resource.resource;
    const g = byGroup.get(def.resource.group) ?? [];
    if (!g.includes(full)) g.push(full);
    byGroup.set(def.resource.group, g);
  }
  const names = sliceFlag(args, "resource-name");
  const rules: unknown[] = [...byGroup.keys()]
    .sort()
    .map((g) => ({ verbs, apiGroups: [g], resources: byGroup.get(g), resourceNames: names.length ? names : undefined }));
  const urls = sliceFlag(args, "non-resource-url");
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  if (!rules.length) {
    // create_role.go and create_clusterrole.go validate with different words
    const msg = verb === "role" ? "at least one resource must be specified" : "one of resource or nonResourceURL must be specified";
    return errResult(`error: ${msg}\n`);
  }
  const kind = verb === "role" ? "Role" : "ClusterRole";
  const obj = {
    kind,
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: objectMeta(name, { namespace: verb === "role" ? enforcedNamespace(c) : undefined }),
    rules,
  };
  return { obj: obj as unknown as KObject, failurePrefix: "" };
}

export function buildBinding(c: Client, verb: "rolebinding" | "clusterrolebinding", name: string, args: ParsedArgs): Built {
  const role = flag(args, "role");
  const clusterrole = flag(args, "clusterrole");
  if (verb === "rolebinding" && !!role === !!clusterrole) return errResult("error: exactly one of clusterrole or role must be specified\n");
  if (verb === "clusterrolebinding" && !clusterrole) return errResult("error: exactly one of clusterrole or role must be specified\n");
  const subjects: unknown[] = [
    ...(args.flags.get("user") ?? []).map((n) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: n })),
    ...(args.flags.get("group") ?? []).map((n) => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: n })),
  ];
  for (const s of args.flags.get("serviceaccount") ?? []) {
    const [ns, n] = s.split(":");
    if (!n) return errResult(`error: serviceaccount must be <namespace>:<name>\n`);
    subjects.push({ kind: "ServiceAccount", name: n, namespace: ns });
  }
  const obj = {
    kind: verb === "rolebinding" ? "RoleBinding" : "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: objectMeta(name, { namespace: verb === "rolebinding" ? enforcedNamespace(c) : undefined }),
    subjects: subjects.length ? subjects : undefined,
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: role ? "Role" : "ClusterRole", name: role ?? clusterrole },
  };
  return { obj: obj as unknown as KObject, failurePrefix: "" };
}
