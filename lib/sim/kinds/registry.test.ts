import { describe, expect, it } from "vitest";
import { NOW } from "./__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "./__tests__/kubectl-oracle";
import type { World } from "./__tests__/world";
import { STANDARD_VERBS, type ResourceInfo } from "./types";
import { KINDS } from "./registry";

/**
 * `kubectl api-resources` on a kubeadm v1.32 cluster whose only aggregated add-on is metrics-server:
 * every resource the apiserver, the apiextensions-apiserver and the kube-aggregator serve by
 * default, and metrics.k8s.io. Sources:
 * - which groups/versions are on: pkg/controlplane/apiserver/options and pkg/controlplane
 *   (DefaultAPIResourceConfigSource: GA versions only; beta APIs are off by default since v1.24,
 *   so networking.k8s.io/v1beta1 servicecidrs/ipaddresses (GA in v1.33), storage.k8s.io/v1beta1
 *   volumeattributesclasses, resource.k8s.io, coordination.k8s.io/v1alpha2 leasecandidates,
 *   admissionregistration mutatingadmissionpolicies, flowcontrol v1beta3 (removed in v1.32) are absent);
 * - names, short names, namespaced flags, verbs: each pkg/registry/<group>/<resource>/storage/storage.go
 *   (ShortNames(), Categories(), NamespaceScoped()) and api/discovery/*.json in kubernetes/kubernetes;
 * Columns: resource, short names, group/version, namespaced, kind.
 */
const V132: [string, string, string, boolean, string][] = [
  ["bindings", "", "v1", true, "Binding"],
  ["componentstatuses", "cs", "v1", false, "ComponentStatus"],
  ["configmaps", "cm", "v1", true, "ConfigMap"],
  ["endpoints", "ep", "v1", true, "Endpoints"],
  ["events", "ev", "v1", true, "Event"],
  ["limitranges", "limits", "v1", true, "LimitRange"],
  ["namespaces", "ns", "v1", false, "Namespace"],
  ["nodes", "no", "v1", false, "Node"],
  ["persistentvolumeclaims", "pvc", "v1", true, "PersistentVolumeClaim"],
  ["persistentvolumes", "pv", "v1", false, "PersistentVolume"],
  ["pods", "po", "v1", true, "Pod"],
  ["podtemplates", "", "v1", true, "PodTemplate"],
  ["replicationcontrollers", "rc", "v1", true, "ReplicationController"],
  ["resourcequotas", "quota", "v1", true, "ResourceQuota"],
  ["secrets", "", "v1", true, "Secret"],
  ["serviceaccounts", "sa", "v1", true, "ServiceAccount"],
  ["services", "svc", "v1", true, "Service"],
  ["mutatingwebhookconfigurations", "", "admissionregistration.k8s.io/v1", false, "MutatingWebhookConfiguration"],
  ["validatingadmissionpolicies", "", "admissionregistration.k8s.io/v1", false, "ValidatingAdmissionPolicy"],
  ["validatingadmissionpolicybindings", "", "admissionregistration.k8s.io/v1", false, "ValidatingAdmissionPolicyBinding"],
  ["validatingwebhookconfigurations", "", "admissionregistration.k8s.io/v1", false, "ValidatingWebhookConfiguration"],
  ["customresourcedefinitions", "crd,crds", "apiextensions.k8s.io/v1", false, "CustomResourceDefinition"],
  ["apiservices", "", "apiregistration.k8s.io/v1", false, "APIService"],
  ["controllerrevisions", "", "apps/v1", true, "ControllerRevision"],
  ["daemonsets", "ds", "apps/v1", true, "DaemonSet"],
  ["deployments", "deploy", "apps/v1", true, "Deployment"],
  ["replicasets", "rs", "apps/v1", true, "ReplicaSet"],
  ["statefulsets", "sts", "apps/v1", true, "StatefulSet"],
  ["selfsubjectreviews", "", "authentication.k8s.io/v1", false, "SelfSubjectReview"],
  ["tokenreviews", "", "authentication.k8s.io/v1", false, "TokenReview"],
  ["localsubjectaccessreviews", "", "authorization.k8s.io/v1", true, "LocalSubjectAccessReview"],
  ["selfsubjectaccessreviews", "", "authorization.k8s.io/v1", false, "SelfSubjectAccessReview"],
  ["selfsubjectrulesreviews", "", "authorization.k8s.io/v1", false, "SelfSubjectRulesReview"],
  ["subjectaccessreviews", "", "authorization.k8s.io/v1", false, "SubjectAccessReview"],
  ["horizontalpodautoscalers", "hpa", "autoscaling/v2", true, "HorizontalPodAutoscaler"],
  ["cronjobs", "cj", "batch/v1", true, "CronJob"],
  ["jobs", "", "batch/v1", true, "Job"],
  ["certificatesigningrequests", "csr", "certificates.k8s.io/v1", false, "CertificateSigningRequest"],
  ["leases", "", "coordination.k8s.io/v1", true, "Lease"],
  ["endpointslices", "", "discovery.k8s.io/v1", true, "EndpointSlice"],
  ["events", "ev", "events.k8s.io/v1", true, "Event"],
  ["flowschemas", "", "flowcontrol.apiserver.k8s.io/v1", false, "FlowSchema"],
  ["prioritylevelconfigurations", "", "flowcontrol.apiserver.k8s.io/v1", false, "PriorityLevelConfiguration"],
  // metrics-server v0.7.2 through the aggregator (its pkg/api/install.go: nodes and pods, get and list)
  ["nodes", "", "metrics.k8s.io/v1beta1", false, "NodeMetrics"],
  ["pods", "", "metrics.k8s.io/v1beta1", true, "PodMetrics"],
  ["ingressclasses", "", "networking.k8s.io/v1", false, "IngressClass"],
  ["ingresses", "ing", "networking.k8s.io/v1", true, "Ingress"],
  ["networkpolicies", "netpol", "networking.k8s.io/v1", true, "NetworkPolicy"],
  ["runtimeclasses", "", "node.k8s.io/v1", false, "RuntimeClass"],
  ["poddisruptionbudgets", "pdb", "policy/v1", true, "PodDisruptionBudget"],
  ["clusterrolebindings", "", "rbac.authorization.k8s.io/v1", false, "ClusterRoleBinding"],
  ["clusterroles", "", "rbac.authorization.k8s.io/v1", false, "ClusterRole"],
  ["rolebindings", "", "rbac.authorization.k8s.io/v1", true, "RoleBinding"],
  ["roles", "", "rbac.authorization.k8s.io/v1", true, "Role"],
  ["priorityclasses", "pc", "scheduling.k8s.io/v1", false, "PriorityClass"],
  ["csidrivers", "", "storage.k8s.io/v1", false, "CSIDriver"],
  ["csinodes", "", "storage.k8s.io/v1", false, "CSINode"],
  ["csistoragecapacities", "", "storage.k8s.io/v1", true, "CSIStorageCapacity"],
  ["storageclasses", "sc", "storage.k8s.io/v1", false, "StorageClass"],
  ["volumeattachments", "", "storage.k8s.io/v1", false, "VolumeAttachment"],
];

const gv = (r: ResourceInfo): string => (r.group ? `${r.group}/${r.version}` : r.version);
const row = (r: ResourceInfo): [string, string, string, boolean, string] => [
  r.resource,
  r.shortNames.join(","),
  gv(r),
  r.namespaced,
  r.kind,
];

describe("the built-in kinds (registry)", () => {
  it("are exactly the resources a v1.32 cluster serves", () => {
    const ours = KINDS.map((k) => row(k.resource));
    const key = (r: [string, string, string, boolean, string]) => `${r[2]} ${r[0]}`;
    expect([...ours].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...V132].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it("put the workloads kubectl get all shows in the 'all' category, and the extension APIs in 'api-extensions'", () => {
    const inCategory = (c: string) =>
      KINDS.filter((k) => k.resource.categories?.includes(c))
        .map((k) => k.resource.resource)
        .sort();
    expect(inCategory("all")).toEqual([
      "cronjobs",
      "daemonsets",
      "deployments",
      "horizontalpodautoscalers",
      "jobs",
      "pods",
      "replicasets",
      "replicationcontrollers",
      "services",
      "statefulsets",
    ]);
    expect(inCategory("api-extensions")).toEqual([
      "apiservices",
      "customresourcedefinitions",
      "mutatingwebhookconfigurations",
      "validatingadmissionpolicies",
      "validatingadmissionpolicybindings",
      "validatingwebhookconfigurations",
    ]);
  });

  it("serve the standard verbs, except the create-only reviews and bindings, get/list componentstatuses, and namespaces without deletecollection", () => {
    const odd = KINDS.filter((k) => k.resource.verbs.join() !== STANDARD_VERBS.join())
      .map((k) => `${k.resource.resource}:${k.resource.verbs.join(",")}`)
      .sort();
    expect(odd).toEqual([
      "bindings:create",
      "componentstatuses:get,list",
      "localsubjectaccessreviews:create",
      "namespaces:create,delete,get,list,patch,update,watch",
      "nodes:get,list",
      "pods:get,list",
      "selfsubjectaccessreviews:create",
      "selfsubjectreviews:create",
      "selfsubjectrulesreviews:create",
      "subjectaccessreviews:create",
      "tokenreviews:create",
    ]);
  });

  it("give scale subresources to the four scalable workloads", () => {
    const scalable = KINDS.filter((k) => k.resource.subresources?.some((s) => s.name === "scale"))
      .map((k) => k.resource.resource)
      .sort();
    expect(scalable).toEqual(["deployments", "replicasets", "replicationcontrollers", "statefulsets"]);
  });

  it.skipIf(!HAVE_KUBECTL)("are listed by real kubectl api-resources from our discovery", async () => {
    const kinds = [...KINDS];
    const world: World = { kinds, infos: kinds.map((k) => k.resource), objects: [] };
    await withKubectl(world, NOW, async (kubectl) => {
      const out = await kubectl("api-resources");
      expect(out.stderr).toBe("");
      const rows = cells(out.stdout).slice(1);
      // kubectl prints the core group first, then groups by name, resources by name within each
      const expected = V132.map((r) => [r[0], ...(r[1] ? [r[1]] : []), r[2], String(r[3]), r[4]]);
      expect(rows).toEqual(expected);
    });
  });
});
