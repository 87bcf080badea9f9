/**
 * The controller roles of plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go
 * with v1.32's default feature gates (DynamicResourceAllocation, MultiCIDRServiceAllocator,
 * ClusterTrustBundle, VolumeAttributesClass, StorageVersionAPI, StorageVersionMigrator and
 * SELinuxChangePolicy are off, so their roles are absent). Each role
 * system:controller:<name> is bound to the ServiceAccount kube-system/<name>.
 */
import { EVENTS, READ, type RoleSpec, r } from "./dsl";

const controllers: [string, ReturnType<typeof r>[]][] = [
  [
    "attachdetach-controller",
    [
      r("list,watch", "", "persistentvolumes,persistentvolumeclaims"),
      r(READ, "", "nodes"),
      r("patch,update", "", "nodes/status"),
      r("list,watch", "", "pods"),
      EVENTS,
      r("get,create,delete,list,watch", "storage.k8s.io", "volumeattachments"),
      r(READ, "storage.k8s.io", "csidrivers"),
      r(READ, "storage.k8s.io", "csinodes"),
    ],
  ],
  [
    "certificate-controller",
    [
      r("get,list,watch,delete", "certificates.k8s.io", "certificatesigningrequests"),
      r("update", "certificates.k8s.io", "certificatesigningrequests/status,certificatesigningrequests/approval"),
      r("approve", "certificates.k8s.io", "signers", "kubernetes.io/kube-apiserver-client-kubelet"),
      r(
        "sign",
        "certificates.k8s.io",
        "signers",
        "kubernetes.io/legacy-unknown,kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,kubernetes.io/kubelet-serving",
      ),
      r("create", "authorization.k8s.io", "subjectaccessreviews"),
      EVENTS,
    ],
  ],
  ["clusterrole-aggregation-controller", [r("escalate,get,list,watch,update,patch", "rbac.authorization.k8s.io", "clusterroles")]],
  [
    "cronjob-controller",
    [
      r("get,list,watch,update", "batch", "cronjobs"),
      r("get,list,watch,create,update,delete,patch", "batch", "jobs"),
      r("update", "batch", "cronjobs/status"),
      r("update", "batch", "cronjobs/finalizers"),
      r("list,watch,delete", "", "pods"),
      EVENTS,
    ],
  ],
  [
    "daemon-set-controller",
    [
      r(READ, "extensions,apps", "daemonsets"),
      r("update", "extensions,apps", "daemonsets/status"),
      r("update", "extensions,apps", "daemonsets/finalizers"),
      r("list,watch", "", "nodes"),
      r("list,watch,create,delete,patch", "", "pods"),
      r("create", "", "pods/binding"),
      r("get,list,watch,create,delete,update,patch", "apps", "controllerrevisions"),
      EVENTS,
    ],
  ],
  [
    "deployment-controller",
    [
      r("get,list,watch,update", "extensions,apps", "deployments"),
      r("update", "extensions,apps", "deployments/status"),
      r("update", "extensions,apps", "deployments/finalizers"),
      r("get,list,watch,create,update,patch,delete", "apps,extensions", "replicasets"),
      r("get,list,watch,update", "", "pods"),
      EVENTS,
    ],
  ],
  [
    "disruption-controller",
    [
      r(READ, "extensions,apps", "deployments"),
      r(READ, "apps,extensions", "replicasets"),
      r(READ, "", "replicationcontrollers"),
      r(READ, "policy", "poddisruptionbudgets"),
      r(READ, "apps", "statefulsets"),
      r("update", "policy", "poddisruptionbudgets/status"),
      r("patch,update", "", "pods/status"),
      r("get", "*", "*/scale"),
      EVENTS,
    ],
  ],
  [
    "endpoint-controller",
    [
      r(READ, "", "services,pods"),
      r("get,list,watch,create,update,delete", "", "endpoints"),
      r("create", "", "endpoints/restricted"),
      EVENTS,
    ],
  ],
  [
    "endpointslice-controller",
    [
      r(READ, "", "services,pods,nodes"),
      r("update", "", "services/finalizers"),
      r("get,list,watch,create,update,delete", "discovery.k8s.io", "endpointslices"),
      EVENTS,
    ],
  ],
  [
    "endpointslicemirroring-controller",
    [
      r(READ, "", "services,endpoints"),
      r("update", "", "services/finalizers"),
      r("update", "", "endpoints/finalizers"),
      r("get,list,watch,create,update,delete", "discovery.k8s.io", "endpointslices"),
      EVENTS,
    ],
  ],
  [
    "ephemeral-volume-controller",
    [r(READ, "", "pods"), r("update", "", "pods/finalizers"), r("get,list,watch,create", "", "persistentvolumeclaims"), EVENTS],
  ],
  [
    "expand-controller",
    [
      r("get,list,watch,update,patch", "", "persistentvolumes"),
      r("update,patch", "", "persistentvolumeclaims/status"),
      r(READ, "", "persistentvolumeclaims"),
      EVENTS,
      r("get", "", "services"),
    ],
  ],
  ["generic-garbage-collector", [r("get,list,watch,patch,update,delete", "*", "*"), EVENTS]],
  [
    "horizontal-pod-autoscaler",
    [
      r(READ, "autoscaling", "horizontalpodautoscalers"),
      r("update", "autoscaling", "horizontalpodautoscalers/status"),
      r("get,update", "*", "*/scale"),
      r("list,watch", "", "pods"),
      r("list,watch", "metrics.k8s.io", "pods"),
      r(READ, "custom.metrics.k8s.io", "*"),
      r(READ, "external.metrics.k8s.io", "*"),
      EVENTS,
    ],
  ],
  [
    "job-controller",
    [
      r("get,list,watch,update,patch", "batch", "jobs"),
      r("update", "batch", "jobs/status"),
      r("update", "batch", "jobs/finalizers"),
      r("list,watch,create,delete,patch", "", "pods"),
      EVENTS,
    ],
  ],
  [
    "namespace-controller",
    [
      r("get,list,watch,delete", "", "namespaces"),
      r("update", "", "namespaces/finalize,namespaces/status"),
      r("get,list,watch,delete,deletecollection", "*", "*"),
    ],
  ],
  [
    "node-controller",
    [
      r("get,list,watch,update,delete,patch", "", "nodes"),
      r("patch,update", "", "nodes/status"),
      r("patch,update", "", "pods/status"),
      r("list,watch,get,delete", "", "pods"),
      EVENTS,
    ],
  ],
  [
    "persistent-volume-binder",
    [
      r("get,list,watch,update,create,delete", "", "persistentvolumes"),
      r("update", "", "persistentvolumes/status"),
      r("get,list,watch,update", "", "persistentvolumeclaims"),
      r("update", "", "persistentvolumeclaims/status"),
      r("list,watch,get,create,delete", "", "pods"),
      r(READ, "storage.k8s.io", "storageclasses"),
      r("list,watch", "", "nodes"),
      EVENTS,
      r("watch", "", "events"),
      r("get", "", "services"),
    ],
  ],
  ["pod-garbage-collector", [r("list,watch,delete", "", "pods"), r(READ, "", "nodes"), r("patch", "", "pods/status")]],
  [
    "replicaset-controller",
    [
      r("get,list,watch,update", "apps,extensions", "replicasets"),
      r("update", "apps,extensions", "replicasets/status"),
      r("update", "apps,extensions", "replicasets/finalizers"),
      r("list,watch,patch,create,delete", "", "pods"),
      EVENTS,
    ],
  ],
  [
    "replication-controller",
    [
      r("get,list,watch,update", "", "replicationcontrollers"),
      r("update", "", "replicationcontrollers/status"),
      r("update", "", "replicationcontrollers/finalizers"),
      r("list,watch,patch,create,delete", "", "pods"),
      EVENTS,
    ],
  ],
  ["resourcequota-controller", [r("list,watch", "*", "*"), r("update", "", "resourcequotas/status"), EVENTS]],
  ["route-controller", [r("list,watch", "", "nodes"), r("patch", "", "nodes/status"), EVENTS]],
  ["service-account-controller", [r("create", "", "serviceaccounts"), EVENTS]],
  ["service-controller", [r(READ, "", "services"), r("patch,update", "", "services/status"), r("list,watch", "", "nodes"), EVENTS]],
  [
    "statefulset-controller",
    [
      r("list,watch", "", "pods"),
      r(READ, "apps", "statefulsets"),
      r("update", "apps", "statefulsets/status"),
      r("update", "apps", "statefulsets/finalizers"),
      r("get,create,delete,update,patch", "", "pods"),
      r("get,create,delete,update,patch,list,watch", "apps", "controllerrevisions"),
      r("get,create,list,watch", "", "persistentvolumeclaims"),
      r("update,delete", "", "persistentvolumeclaims"),
      r("update", "", "pods/finalizers"),
      EVENTS,
    ],
  ],
  ["ttl-controller", [r("update,patch,list,watch", "", "nodes"), EVENTS]],
  ["pvc-protection-controller", [r("get,list,watch,update", "", "persistentvolumeclaims"), r("list,watch,get", "", "pods"), EVENTS]],
  ["pv-protection-controller", [r("get,list,watch,update", "", "persistentvolumes"), EVENTS]],
  ["ttl-after-finished-controller", [r("get,list,watch,delete", "batch", "jobs"), EVENTS]],
  ["root-ca-cert-publisher", [r("create,update", "", "configmaps"), EVENTS]],
  [
    "validatingadmissionpolicy-status-controller",
    [
      r(READ, "admissionregistration.k8s.io", "validatingadmissionpolicies"),
      r("get,patch,update", "admissionregistration.k8s.io", "validatingadmissionpolicies/status"),
      EVENTS,
    ],
  ],
  [
    "legacy-service-account-token-cleaner",
    [r("get", "", "configmaps", "kube-apiserver-legacy-service-account-token-tracking"), r("patch,delete", "", "secrets")],
  ],
];

export const CONTROLLER_ROLES: RoleSpec[] = controllers.map(([name, rules]) => ({ name: `system:controller:${name}`, rules }));

/** kube-controller-manager's per-controller service accounts (--use-service-account-credentials). */
export const CONTROLLER_ACCOUNTS: string[] = controllers.map(([name]) => name);
