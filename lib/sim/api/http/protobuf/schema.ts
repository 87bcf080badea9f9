/**
 * The protobuf messages kubectl v1.32's typed clients send to the apiserver, as field tables
 * (number → JSON name and type) read from the generated.proto files of k8s.io/api and
 * k8s.io/apimachinery v0.32.3 (meta/v1, runtime, core/v1, rbac/v1, certificates/v1,
 * authentication/v1, authorization/v1; the generators' workload, service and policy kinds read off
 * kubectl v1.32's own request bodies). They cover `create namespace|secret|configmap|service|
 * deployment|job|cronjob|quota|priorityclass|ingress|poddisruptionbudget|serviceaccount|
 * role|clusterrole|rolebinding|clusterrolebinding|token`, `certificate approve|deny` (the CSR's
 * approval update), `auth whoami` and `auth can-i` (with --list). `pointer` marks fields that
 * are Go pointers (kept when zero); other zero values are dropped, as Go's omitempty does.
 */

/** "intstr" is util/intstr.IntOrString ({type, intVal, strVal} on the wire), "quantity" resource.Quantity ({string}). */
export type FieldType =
  | "string"
  | "bytes"
  | "int"
  | "bool"
  | "time"
  | "intstr"
  | "quantity"
  | { msg: string }
  | { map: "string" | "bytes" | "quantity" | { msg: string } };

export interface FieldDef {
  name: string;
  type: FieldType;
  repeated?: boolean;
  pointer?: boolean;
  /** a Go struct embedded with json:",inline": its fields join the parent's */
  inline?: boolean;
}

export type MessageDef = Record<number, FieldDef>;

const s = (name: string): FieldDef => ({ name, type: "string" });
const ss = (name: string): FieldDef => ({ name, type: "string", repeated: true });
const m = (name: string, msg: string, repeated = false): FieldDef => ({ name, type: { msg }, ...(repeated ? { repeated } : {}) });
const strMap = (name: string): FieldDef => ({ name, type: { map: "string" } });

export const MESSAGES: Record<string, MessageDef> = {
  // staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto
  ObjectMeta: {
    1: s("name"),
    2: s("generateName"),
    3: s("namespace"),
    4: s("selfLink"),
    5: s("uid"),
    6: s("resourceVersion"),
    7: { name: "generation", type: "int" },
    8: { name: "creationTimestamp", type: "time" },
    9: { name: "deletionTimestamp", type: "time" },
    10: { name: "deletionGracePeriodSeconds", type: "int", pointer: true },
    11: strMap("labels"),
    12: strMap("annotations"),
    13: m("ownerReferences", "OwnerReference", true),
    14: ss("finalizers"),
    // 17 managedFields: not kept (server-side apply is not simulated)
  },
  OwnerReference: {
    5: s("apiVersion"),
    1: s("kind"),
    3: s("name"),
    4: s("uid"),
    6: { name: "controller", type: "bool", pointer: true },
    7: { name: "blockOwnerDeletion", type: "bool", pointer: true },
  },
  LabelSelector: { 1: strMap("matchLabels"), 2: m("matchExpressions", "LabelSelectorRequirement", true) },
  LabelSelectorRequirement: { 1: s("key"), 2: s("operator"), 3: ss("values") },
  FieldSelectorRequirement: { 1: s("key"), 2: s("operator"), 3: ss("values") },
  // staging/src/k8s.io/api/core/v1/generated.proto
  Namespace: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "NamespaceSpec"), 3: m("status", "NamespaceStatus") },
  NamespaceSpec: { 1: ss("finalizers") },
  NamespaceStatus: { 1: s("phase"), 2: m("conditions", "NamespaceCondition", true) },
  NamespaceCondition: { 1: s("type"), 2: s("status"), 4: { name: "lastTransitionTime", type: "time" }, 5: s("reason"), 6: s("message") },
  Secret: {
    1: m("metadata", "ObjectMeta"),
    5: { name: "immutable", type: "bool", pointer: true },
    2: { name: "data", type: { map: "bytes" } },
    4: strMap("stringData"),
    3: s("type"),
  },
  ServiceAccount: {
    1: m("metadata", "ObjectMeta"),
    2: m("secrets", "ObjectReference", true),
    3: m("imagePullSecrets", "LocalObjectReference", true),
    4: { name: "automountServiceAccountToken", type: "bool", pointer: true },
  },
  ObjectReference: {
    1: s("kind"),
    2: s("namespace"),
    3: s("name"),
    4: s("uid"),
    5: s("apiVersion"),
    6: s("resourceVersion"),
    7: s("fieldPath"),
  },
  LocalObjectReference: { 1: s("name") },
  // the workloads and services the generators create (field numbers read off real kubectl v1.32's request bodies)
  ConfigMap: {
    1: m("metadata", "ObjectMeta"),
    4: { name: "immutable", type: "bool", pointer: true },
    2: strMap("data"),
    3: { name: "binaryData", type: { map: "bytes" } },
  },
  Service: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "ServiceSpec") },
  ServiceSpec: {
    1: m("ports", "ServicePort", true),
    2: strMap("selector"),
    3: s("clusterIP"),
    4: s("type"),
    5: ss("externalIPs"),
    7: s("sessionAffinity"),
    8: s("loadBalancerIP"),
    9: ss("loadBalancerSourceRanges"),
    10: s("externalName"),
    11: s("externalTrafficPolicy"),
    12: { name: "healthCheckNodePort", type: "int" },
    13: { name: "publishNotReadyAddresses", type: "bool" },
  },
  ServicePort: {
    1: s("name"),
    2: s("protocol"),
    6: s("appProtocol"),
    3: { name: "port", type: "int" },
    4: { name: "targetPort", type: "intstr" },
    5: { name: "nodePort", type: "int" },
  },
  Deployment: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "DeploymentSpec") },
  DeploymentSpec: {
    1: { name: "replicas", type: "int", pointer: true },
    2: m("selector", "LabelSelector"),
    3: m("template", "PodTemplateSpec"),
    4: m("strategy", "DeploymentStrategy"),
    5: { name: "minReadySeconds", type: "int" },
    6: { name: "revisionHistoryLimit", type: "int", pointer: true },
    7: { name: "paused", type: "bool" },
    9: { name: "progressDeadlineSeconds", type: "int", pointer: true },
  },
  DeploymentStrategy: { 1: s("type") },
  Job: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "JobSpec") },
  JobSpec: {
    1: { name: "parallelism", type: "int", pointer: true },
    2: { name: "completions", type: "int", pointer: true },
    3: { name: "activeDeadlineSeconds", type: "int", pointer: true },
    4: m("selector", "LabelSelector"),
    6: m("template", "PodTemplateSpec"),
    7: { name: "backoffLimit", type: "int", pointer: true },
    8: { name: "ttlSecondsAfterFinished", type: "int", pointer: true },
  },
  CronJob: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "CronJobSpec") },
  CronJobSpec: {
    1: s("schedule"),
    2: { name: "startingDeadlineSeconds", type: "int", pointer: true },
    3: s("concurrencyPolicy"),
    4: { name: "suspend", type: "bool", pointer: true },
    5: m("jobTemplate", "JobTemplateSpec"),
    6: { name: "successfulJobsHistoryLimit", type: "int", pointer: true },
    7: { name: "failedJobsHistoryLimit", type: "int", pointer: true },
  },
  JobTemplateSpec: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "JobSpec") },
  PodTemplateSpec: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "PodSpec") },
  PodSpec: {
    2: m("containers", "Container", true),
    3: s("restartPolicy"),
    6: s("dnsPolicy"),
    7: strMap("nodeSelector"),
    8: s("serviceAccountName"),
    10: s("nodeName"),
    19: s("schedulerName"),
    24: s("priorityClassName"),
  },
  Container: {
    1: s("name"),
    2: s("image"),
    3: ss("command"),
    4: ss("args"),
    5: s("workingDir"),
    6: m("ports", "ContainerPort", true),
    7: m("env", "EnvVar", true),
    8: m("resources", "ResourceRequirements"),
    14: s("imagePullPolicy"),
    16: { name: "stdin", type: "bool" },
    17: { name: "stdinOnce", type: "bool" },
    18: { name: "tty", type: "bool" },
  },
  ContainerPort: {
    1: s("name"),
    2: { name: "hostPort", type: "int" },
    3: { name: "containerPort", type: "int" },
    4: s("protocol"),
    5: s("hostIP"),
  },
  EnvVar: { 1: s("name"), 2: s("value") },
  ResourceRequirements: { 1: { name: "limits", type: { map: "quantity" } }, 2: { name: "requests", type: { map: "quantity" } } },
  ResourceQuota: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "ResourceQuotaSpec") },
  PriorityClass: {
    1: m("metadata", "ObjectMeta"),
    2: { name: "value", type: "int", pointer: true },
    3: { name: "globalDefault", type: "bool" },
    4: s("description"),
    5: { name: "preemptionPolicy", type: "string", pointer: true },
  },
  Ingress: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "IngressSpec") },
  IngressSpec: {
    4: s("ingressClassName"),
    1: m("defaultBackend", "IngressBackend"),
    2: m("tls", "IngressTLS", true),
    3: m("rules", "IngressRule", true),
  },
  IngressBackend: { 4: m("service", "IngressServiceBackend") },
  IngressServiceBackend: { 1: s("name"), 2: m("port", "ServiceBackendPort") },
  ServiceBackendPort: { 1: s("name"), 2: { name: "number", type: "int" } },
  IngressTLS: { 1: ss("hosts"), 2: s("secretName") },
  IngressRule: { 1: s("host"), 2: { name: "ingressRuleValue", type: { msg: "IngressRuleValue" }, inline: true } },
  IngressRuleValue: { 1: m("http", "HTTPIngressRuleValue") },
  HTTPIngressRuleValue: { 1: m("paths", "HTTPIngressPath", true) },
  HTTPIngressPath: { 1: s("path"), 3: s("pathType"), 2: m("backend", "IngressBackend") },
  PodDisruptionBudget: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "PodDisruptionBudgetSpec") },
  // authentication/v1 generated.proto: kubectl create token's TokenRequest
  TokenRequest: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "TokenRequestSpec") },
  TokenRequestSpec: {
    1: ss("audiences"),
    4: { name: "expirationSeconds", type: "int", pointer: true },
    3: m("boundObjectRef", "BoundObjectReference"),
  },
  BoundObjectReference: { 1: s("kind"), 2: s("apiVersion"), 3: s("name"), 4: s("uid") },
  PodDisruptionBudgetSpec: {
    1: { name: "minAvailable", type: "intstr", pointer: true },
    2: m("selector", "LabelSelector"),
    3: { name: "maxUnavailable", type: "intstr", pointer: true },
    4: s("unhealthyPodEvictionPolicy"),
  },
  ResourceQuotaSpec: { 1: { name: "hard", type: { map: "quantity" } }, 2: ss("scopes") },
  // staging/src/k8s.io/api/rbac/v1/generated.proto
  Role: { 1: m("metadata", "ObjectMeta"), 2: m("rules", "PolicyRule", true) },
  ClusterRole: { 1: m("metadata", "ObjectMeta"), 2: m("rules", "PolicyRule", true), 3: m("aggregationRule", "AggregationRule") },
  AggregationRule: { 1: m("clusterRoleSelectors", "LabelSelector", true) },
  PolicyRule: { 1: ss("verbs"), 2: ss("apiGroups"), 3: ss("resources"), 4: ss("resourceNames"), 5: ss("nonResourceURLs") },
  RoleBinding: { 1: m("metadata", "ObjectMeta"), 2: m("subjects", "Subject", true), 3: m("roleRef", "RoleRef") },
  ClusterRoleBinding: { 1: m("metadata", "ObjectMeta"), 2: m("subjects", "Subject", true), 3: m("roleRef", "RoleRef") },
  Subject: { 1: s("kind"), 2: s("apiGroup"), 3: s("name"), 4: s("namespace") },
  RoleRef: { 1: s("apiGroup"), 2: s("kind"), 3: s("name") },
  // staging/src/k8s.io/api/certificates/v1/generated.proto
  CertificateSigningRequest: {
    1: m("metadata", "ObjectMeta"),
    2: m("spec", "CertificateSigningRequestSpec"),
    3: m("status", "CertificateSigningRequestStatus"),
  },
  CertificateSigningRequestSpec: {
    1: { name: "request", type: "bytes" },
    7: s("signerName"),
    8: { name: "expirationSeconds", type: "int", pointer: true },
    5: ss("usages"),
    2: s("username"),
    3: s("uid"),
    4: ss("groups"),
    6: { name: "extra", type: { map: { msg: "ExtraValue" } } },
  },
  CertificateSigningRequestStatus: {
    1: m("conditions", "CertificateSigningRequestCondition", true),
    2: { name: "certificate", type: "bytes" },
  },
  CertificateSigningRequestCondition: {
    1: s("type"),
    6: s("status"),
    2: s("reason"),
    3: s("message"),
    4: { name: "lastUpdateTime", type: "time" },
    5: { name: "lastTransitionTime", type: "time" },
  },
  // ExtraValue (certificates/v1 and authentication/v1 alike): a []string on the wire as {items}
  ExtraValue: { 1: ss("items") },
  // staging/src/k8s.io/api/authentication/v1/generated.proto
  SelfSubjectReview: { 1: m("metadata", "ObjectMeta"), 2: m("status", "SelfSubjectReviewStatus") },
  SelfSubjectReviewStatus: { 1: m("userInfo", "UserInfo") },
  UserInfo: { 1: s("username"), 2: s("uid"), 3: ss("groups"), 4: { name: "extra", type: { map: { msg: "ExtraValue" } } } },
  // staging/src/k8s.io/api/authorization/v1/generated.proto
  SelfSubjectAccessReview: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "SelfSubjectAccessReviewSpec") },
  SelfSubjectAccessReviewSpec: { 1: m("resourceAttributes", "ResourceAttributes"), 2: m("nonResourceAttributes", "NonResourceAttributes") },
  ResourceAttributes: {
    1: s("namespace"),
    2: s("verb"),
    3: s("group"),
    4: s("version"),
    5: s("resource"),
    6: s("subresource"),
    7: s("name"),
    8: m("fieldSelector", "FieldSelectorAttributes"),
    9: m("labelSelector", "LabelSelectorAttributes"),
  },
  NonResourceAttributes: { 1: s("path"), 2: s("verb") },
  FieldSelectorAttributes: { 1: s("rawSelector"), 2: m("requirements", "FieldSelectorRequirement", true) },
  LabelSelectorAttributes: { 1: s("rawSelector"), 2: m("requirements", "LabelSelectorRequirement", true) },
  SelfSubjectRulesReview: { 1: m("metadata", "ObjectMeta"), 2: m("spec", "SelfSubjectRulesReviewSpec") },
  SelfSubjectRulesReviewSpec: { 1: s("namespace") },
};

/** The top-level message of each apiVersion/kind a client may send. */
export const KIND_MESSAGES: Record<string, string> = {
  "v1/Namespace": "Namespace",
  "v1/Secret": "Secret",
  "v1/Service": "Service",
  "v1/ResourceQuota": "ResourceQuota",
  "apps/v1/Deployment": "Deployment",
  "batch/v1/Job": "Job",
  "batch/v1/CronJob": "CronJob",
  "scheduling.k8s.io/v1/PriorityClass": "PriorityClass",
  "networking.k8s.io/v1/Ingress": "Ingress",
  "policy/v1/PodDisruptionBudget": "PodDisruptionBudget",
  "v1/ConfigMap": "ConfigMap",
  "v1/ServiceAccount": "ServiceAccount",
  "rbac.authorization.k8s.io/v1/Role": "Role",
  "rbac.authorization.k8s.io/v1/ClusterRole": "ClusterRole",
  "rbac.authorization.k8s.io/v1/RoleBinding": "RoleBinding",
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": "ClusterRoleBinding",
  "certificates.k8s.io/v1/CertificateSigningRequest": "CertificateSigningRequest",
  "authentication.k8s.io/v1/SelfSubjectReview": "SelfSubjectReview",
  "authentication.k8s.io/v1/TokenRequest": "TokenRequest",
  "authorization.k8s.io/v1/SelfSubjectAccessReview": "SelfSubjectAccessReview",
  "authorization.k8s.io/v1/SelfSubjectRulesReview": "SelfSubjectRulesReview",
};

/** Extra value messages are []string in JSON. */
export const FLATTEN = new Set(["ExtraValue"]);
