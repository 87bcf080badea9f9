/** The RBAC objects of a fresh kubeadm cluster: the apiserver's bootstrap policy, then kubeadm's and Calico's. */
import { aggregateAll } from "../../../api/rbac/aggregation";
import type { ClusterRole } from "../../../api/rbac/types";
import { type Factory, GR } from "../factory";
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES } from "./cluster-roles";
import { CONTROLLER_ROLES } from "./controller-roles";
import type { BindingSpec, RoleSpec } from "./dsl";
import { sa } from "./dsl";
import { KUBEADM_CLUSTER_ROLE_BINDINGS, KUBEADM_CLUSTER_ROLES } from "./kubeadm";
import { NAMESPACED_BINDINGS, NAMESPACED_ROLES } from "./namespaced";

const BOOTSTRAP_LABELS = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };
const API = "rbac.authorization.k8s.io/v1";

export function createPolicy(f: Factory): void {
  // the apiserver's poststarthook writes the bootstrap policy first, ~1 minute before kubeadm's additions
  const role = (spec: RoleSpec, bootstrap: boolean, secondsAgo: number): ClusterRole => ({
    apiVersion: API,
    kind: "ClusterRole",
    metadata: f.meta(
      spec.name,
      secondsAgo,
      bootstrap ? { labels: { ...BOOTSTRAP_LABELS, ...spec.labels }, annotations: AUTOUPDATE } : { labels: spec.labels },
    ),
    ...(spec.aggregateFrom
      ? {
          aggregationRule: {
            clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${spec.aggregateFrom}`]: "true" } }],
          },
        }
      : {}),
    rules: spec.rules,
  });
  const roles = [
    ...CLUSTER_ROLES.map((s) => role(s, true, 75)),
    ...CONTROLLER_ROLES.map((s) => role(s, true, 75)),
    ...KUBEADM_CLUSTER_ROLES.map((s) => role(s, false, s.name.startsWith("calico") ? 57 : 71)),
  ];
  aggregateAll(roles);
  for (const r of roles) f.add(GR.clusterroles, r);
  const binding = (b: BindingSpec, bootstrap: boolean, secondsAgo: number) => ({
    apiVersion: API,
    kind: "ClusterRoleBinding",
    metadata: f.meta(b.name, secondsAgo, bootstrap ? { labels: BOOTSTRAP_LABELS, annotations: AUTOUPDATE } : {}),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: b.roleKind ?? "ClusterRole", name: b.role },
    ...(b.subjects.length ? { subjects: b.subjects } : {}),
  });
  const controllerBindings: BindingSpec[] = CONTROLLER_ROLES.map((r) => ({
    name: r.name,
    role: r.name,
    subjects: [sa("kube-system", r.name.slice("system:controller:".length))],
  }));
  for (const b of [...CLUSTER_ROLE_BINDINGS, ...controllerBindings]) f.add(GR.clusterrolebindings, binding(b, true, 75));
  for (const b of KUBEADM_CLUSTER_ROLE_BINDINGS) f.add(GR.clusterrolebindings, binding(b, false, b.name.startsWith("calico") ? 57 : 71));
  for (const r of NAMESPACED_ROLES) {
    f.add(GR.roles, {
      apiVersion: API,
      kind: "Role",
      metadata: f.meta(r.name, r.bootstrap ? 75 : 70, {
        namespace: r.namespace,
        ...(r.bootstrap ? { labels: BOOTSTRAP_LABELS, annotations: AUTOUPDATE } : {}),
      }),
      rules: r.rules,
    });
  }
  for (const b of NAMESPACED_BINDINGS) {
    f.add(GR.rolebindings, {
      apiVersion: API,
      kind: "RoleBinding",
      metadata: f.meta(b.name, b.bootstrap ? 75 : 70, {
        namespace: b.namespace,
        ...(b.bootstrap ? { labels: BOOTSTRAP_LABELS, annotations: AUTOUPDATE } : {}),
      }),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: b.role },
      subjects: b.subjects,
    });
  }
}
