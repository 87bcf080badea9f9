/**
 * ClusterRoles and ClusterRoleBindings of plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
 * (ClusterRoles(), ClusterRoleBindings()) with v1.32's default feature gates. admin, edit and view
 * carry only an aggregationRule here; the clusterrole-aggregation controller fills their rules.
 */
import { type BindingSpec, EVENTS, READ, READ_WRITE, type RoleSpec, WRITE, group, r, sa, urls, user } from "./dsl";

const AGG = "rbac.authorization.k8s.io/aggregate-to-";

export const CLUSTER_ROLES: RoleSpec[] = [
  { name: "cluster-admin", rules: [r("*", "*", "*"), urls("*", "*")] },
  {
    name: "system:discovery",
    rules: [urls("get", "/livez,/readyz,/healthz,/version,/version/,/openapi,/openapi/*,/api,/api/*,/apis,/apis/*")],
  },
  { name: "system:monitoring", rules: [urls("get", "/metrics,/metrics/slis,/livez,/readyz,/healthz,/livez/*,/readyz/*,/healthz/*")] },
  {
    name: "system:basic-user",
    rules: [
      r("create", "authorization.k8s.io", "selfsubjectaccessreviews,selfsubjectrulesreviews"),
      r("create", "authentication.k8s.io", "selfsubjectreviews"),
    ],
  },
  { name: "system:public-info-viewer", rules: [urls("get", "/livez,/readyz,/healthz,/version,/version/")] },
  { name: "admin", rules: [], aggregateFrom: "admin" },
  { name: "edit", rules: [], labels: { [`${AGG}admin`]: "true" }, aggregateFrom: "edit" },
  { name: "view", rules: [], labels: { [`${AGG}edit`]: "true" }, aggregateFrom: "view" },
  {
    name: "system:aggregate-to-admin",
    labels: { [`${AGG}admin`]: "true" },
    rules: [
      r("create", "authorization.k8s.io", "localsubjectaccessreviews"),
      r(READ_WRITE, "rbac.authorization.k8s.io", "roles,rolebindings"),
    ],
  },
  {
    name: "system:aggregate-to-edit",
    labels: { [`${AGG}edit`]: "true" },
    rules: [
      r(READ, "", "pods/attach,pods/proxy,pods/exec,pods/portforward,secrets,services/proxy"),
      r("impersonate", "", "serviceaccounts"),
      r(WRITE, "", "pods,pods/attach,pods/proxy,pods/exec,pods/portforward"),
      r("create", "", "pods/eviction"),
      r(
        WRITE,
        "",
        "replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/proxy,persistentvolumeclaims,configmaps,secrets,events",
      ),
      r("create", "", "serviceaccounts/token"),
      r(
        WRITE,
        "apps",
        "statefulsets,statefulsets/scale,daemonsets,deployments,deployments/scale,deployments/rollback,replicasets,replicasets/scale",
      ),
      r(WRITE, "autoscaling", "horizontalpodautoscalers"),
      r(WRITE, "batch", "jobs,cronjobs"),
      r(
        WRITE,
        "extensions",
        "daemonsets,deployments,deployments/scale,deployments/rollback,ingresses,replicasets,replicasets/scale,replicationcontrollers/scale,networkpolicies",
      ),
      r(WRITE, "policy", "poddisruptionbudgets"),
      r(WRITE, "networking.k8s.io", "networkpolicies,ingresses"),
      r(READ_WRITE, "coordination.k8s.io", "leases"),
    ],
  },
  {
    name: "system:aggregate-to-view",
    labels: { [`${AGG}view`]: "true" },
    rules: [
      r(
        READ,
        "",
        "pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,configmaps",
      ),
      r(
        READ,
        "",
        "limitranges,resourcequotas,bindings,events,pods/status,resourcequotas/status,namespaces/status,replicationcontrollers/status,pods/log",
      ),
      r(READ, "", "namespaces"),
      r(READ, "discovery.k8s.io", "endpointslices"),
      r(
        READ,
        "apps",
        "controllerrevisions,statefulsets,statefulsets/status,statefulsets/scale,daemonsets,daemonsets/status,deployments,deployments/status,deployments/scale,replicasets,replicasets/status,replicasets/scale",
      ),
      r(READ, "autoscaling", "horizontalpodautoscalers,horizontalpodautoscalers/status"),
      r(READ, "batch", "jobs,cronjobs,cronjobs/status,jobs/status"),
      r(
        READ,
        "extensions",
        "daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale,networkpolicies",
      ),
      r(READ, "policy", "poddisruptionbudgets,poddisruptionbudgets/status"),
      r(READ, "networking.k8s.io", "networkpolicies,ingresses,ingresses/status"),
    ],
  },
  { name: "system:heapster", rules: [r(READ, "", "events,pods,nodes,namespaces"), r(READ, "extensions", "deployments")] },
  {
    name: "system:node",
    rules: [
      r("create", "authentication.k8s.io", "tokenreviews"),
      r("create", "authorization.k8s.io", "subjectaccessreviews,localsubjectaccessreviews"),
      r(READ, "", "services"),
      r("create,get,list,watch", "", "nodes"),
      r("update,patch", "", "nodes/status"),
      r("update,patch", "", "nodes"),
      r("create,update,patch", "", "events"),
      r(READ, "", "pods"),
      r("create,delete", "", "pods"),
      r("update,patch", "", "pods/status"),
      r("create", "", "pods/eviction"),
      r(READ, "", "secrets,configmaps"),
      r("get", "", "persistentvolumeclaims,persistentvolumes"),
      r("get", "", "endpoints"),
      r("create,get,list,watch", "certificates.k8s.io", "certificatesigningrequests"),
      r("get,create,update,patch,delete", "coordination.k8s.io", "leases"),
      r("get", "storage.k8s.io", "volumeattachments"),
      r("create", "", "serviceaccounts/token"),
      r("get,update,patch", "", "persistentvolumeclaims/status"),
      r("get,watch,list", "storage.k8s.io", "csidrivers"),
      r("get,create,update,patch,delete", "storage.k8s.io", "csinodes"),
      r(READ, "node.k8s.io", "runtimeclasses"),
    ],
  },
  { name: "system:node-problem-detector", rules: [r("get", "", "nodes"), r("patch", "", "nodes/status"), EVENTS] },
  {
    name: "system:kubelet-api-admin",
    rules: [r(READ, "", "nodes"), r("proxy", "", "nodes"), r("*", "", "nodes/proxy,nodes/metrics,nodes/stats,nodes/log")],
  },
  { name: "system:node-bootstrapper", rules: [r("create,get,list,watch", "certificates.k8s.io", "certificatesigningrequests")] },
  {
    name: "system:auth-delegator",
    rules: [r("create", "authentication.k8s.io", "tokenreviews"), r("create", "authorization.k8s.io", "subjectaccessreviews")],
  },
  { name: "system:kube-aggregator", rules: [r(READ, "", "services,endpoints")] },
  {
    name: "system:kube-controller-manager",
    rules: [
      EVENTS,
      r("create", "coordination.k8s.io", "leases"),
      r("get,update", "coordination.k8s.io", "leases", "kube-controller-manager"),
      r("create", "", "secrets,serviceaccounts"),
      r("delete", "", "secrets"),
      r("get", "", "configmaps,namespaces,secrets,serviceaccounts"),
      r("update", "", "secrets,serviceaccounts"),
      r("create", "authentication.k8s.io", "tokenreviews"),
      r("create", "authorization.k8s.io", "subjectaccessreviews"),
      r("list,watch", "*", "*"),
      r("create", "", "serviceaccounts/token"),
    ],
  },
  { name: "system:kube-dns", rules: [r("list,watch", "", "endpoints,services")] },
  {
    name: "system:kube-scheduler",
    rules: [
      EVENTS,
      r("create", "coordination.k8s.io", "leases"),
      r("get,update", "coordination.k8s.io", "leases", "kube-scheduler"),
      r(READ, "", "nodes"),
      r("get,list,watch,delete", "", "pods"),
      r("create", "", "pods/binding,bindings"),
      r("patch,update", "", "pods/status"),
      r(READ, "", "services,replicationcontrollers"),
      r(READ, "apps,extensions", "replicasets"),
      r(READ, "apps", "statefulsets"),
      r(READ, "policy", "poddisruptionbudgets"),
      r(READ, "", "persistentvolumeclaims,persistentvolumes"),
      r("create", "authentication.k8s.io", "tokenreviews"),
      r("create", "authorization.k8s.io", "subjectaccessreviews"),
      r(READ, "storage.k8s.io", "csinodes"),
      r(READ, "", "namespaces"),
      r(READ, "storage.k8s.io", "csidrivers"),
      r(READ, "storage.k8s.io", "csistoragecapacities"),
    ],
  },
  {
    name: "system:persistent-volume-provisioner",
    rules: [
      r("get,list,watch,create,delete", "", "persistentvolumes"),
      r("get,list,watch,update", "", "persistentvolumeclaims"),
      r(READ, "storage.k8s.io", "storageclasses"),
      r("watch", "", "events"),
      EVENTS,
    ],
  },
  {
    name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
    rules: [r("create", "certificates.k8s.io", "certificatesigningrequests/nodeclient")],
  },
  {
    name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
    rules: [r("create", "certificates.k8s.io", "certificatesigningrequests/selfnodeclient")],
  },
  {
    name: "system:volume-scheduler",
    rules: [
      r("get,list,patch,update,watch", "", "persistentvolumes"),
      r(READ, "storage.k8s.io", "storageclasses"),
      r("get,list,patch,update,watch", "", "persistentvolumeclaims"),
    ],
  },
  {
    name: "system:certificates.k8s.io:legacy-unknown-approver",
    rules: [r("approve", "certificates.k8s.io", "signers", "kubernetes.io/legacy-unknown")],
  },
  {
    name: "system:certificates.k8s.io:kubelet-serving-approver",
    rules: [r("approve", "certificates.k8s.io", "signers", "kubernetes.io/kubelet-serving")],
  },
  {
    name: "system:certificates.k8s.io:kube-apiserver-client-approver",
    rules: [r("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client")],
  },
  {
    name: "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
    rules: [r("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client-kubelet")],
  },
  {
    name: "system:service-account-issuer-discovery",
    rules: [urls("get", "/.well-known/openid-configuration,/.well-known/openid-configuration/,/openid/v1/jwks,/openid/v1/jwks/")],
  },
  {
    name: "system:node-proxier",
    rules: [r("list,watch", "", "services,endpoints"), r(READ, "", "nodes"), EVENTS, r("list,watch", "discovery.k8s.io", "endpointslices")],
  },
];

export const CLUSTER_ROLE_BINDINGS: BindingSpec[] = [
  { name: "cluster-admin", role: "cluster-admin", subjects: [group("system:masters")] },
  { name: "system:monitoring", role: "system:monitoring", subjects: [group("system:monitoring")] },
  { name: "system:discovery", role: "system:discovery", subjects: [group("system:authenticated")] },
  { name: "system:basic-user", role: "system:basic-user", subjects: [group("system:authenticated")] },
  {
    name: "system:public-info-viewer",
    role: "system:public-info-viewer",
    subjects: [group("system:authenticated"), group("system:unauthenticated")],
  },
  { name: "system:node-proxier", role: "system:node-proxier", subjects: [user("system:kube-proxy")] },
  { name: "system:kube-controller-manager", role: "system:kube-controller-manager", subjects: [user("system:kube-controller-manager")] },
  { name: "system:kube-dns", role: "system:kube-dns", subjects: [sa("kube-system", "kube-dns")] },
  { name: "system:kube-scheduler", role: "system:kube-scheduler", subjects: [user("system:kube-scheduler")] },
  { name: "system:volume-scheduler", role: "system:volume-scheduler", subjects: [user("system:kube-scheduler")] },
  { name: "system:node", role: "system:node", subjects: [] },
  {
    name: "system:service-account-issuer-discovery",
    role: "system:service-account-issuer-discovery",
    subjects: [group("system:serviceaccounts")],
  },
];
