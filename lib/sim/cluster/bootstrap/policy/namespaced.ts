/**
 * Roles and RoleBindings in kube-system and kube-public: namespace_policy.go of the bootstrap
 * policy, then what kubeadm's phases add (cmd/kubeadm/app/phases/bootstraptoken/clusterinfo,
 * phases/uploadconfig, phases/kubelet, phases/addons/proxy).
 */
import { type BindingSpec, EVENTS, READ, type RoleSpec, group, r, sa, user } from "./dsl";

export interface NamespacedRole extends RoleSpec {
  namespace: string;
  /** part of the apiserver's bootstrap policy (labelled kubernetes.io/bootstrapping=rbac-defaults) */
  bootstrap: boolean;
}

export interface NamespacedBinding extends BindingSpec {
  namespace: string;
  bootstrap: boolean;
}

export const NAMESPACED_ROLES: NamespacedRole[] = [
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "extension-apiserver-authentication-reader",
    rules: [r(READ, "", "configmaps", "extension-apiserver-authentication")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system::leader-locking-kube-controller-manager",
    rules: [r("watch", "", "configmaps"), r("get,update", "", "configmaps", "kube-controller-manager")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system::leader-locking-kube-scheduler",
    rules: [r("watch", "", "configmaps"), r("get,update", "", "configmaps", "kube-scheduler")],
  },
  { namespace: "kube-system", bootstrap: true, name: "system:controller:bootstrap-signer", rules: [r(READ, "", "secrets")] },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system:controller:cloud-provider",
    rules: [r("create,get,list,watch", "", "configmaps")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system:controller:token-cleaner",
    rules: [r("delete,get,list,watch", "", "secrets"), EVENTS],
  },
  {
    namespace: "kube-public",
    bootstrap: true,
    name: "system:controller:bootstrap-signer",
    rules: [r(READ, "", "configmaps"), r("update", "", "configmaps", "cluster-info"), EVENTS],
  },
  { namespace: "kube-system", bootstrap: false, name: "kube-proxy", rules: [r("get", "", "configmaps", "kube-proxy")] },
  { namespace: "kube-system", bootstrap: false, name: "kubeadm:kubelet-config", rules: [r("get", "", "configmaps", "kubelet-config")] },
  {
    namespace: "kube-system",
    bootstrap: false,
    name: "kubeadm:nodes-kubeadm-config",
    rules: [r("get", "", "configmaps", "kubeadm-config")],
  },
  {
    namespace: "kube-public",
    bootstrap: false,
    name: "kubeadm:bootstrap-signer-clusterinfo",
    rules: [r("get", "", "configmaps", "cluster-info")],
  },
];

const TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

export const NAMESPACED_BINDINGS: NamespacedBinding[] = [
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system::extension-apiserver-authentication-reader",
    role: "extension-apiserver-authentication-reader",
    subjects: [user("system:kube-controller-manager"), user("system:kube-scheduler")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system::leader-locking-kube-controller-manager",
    role: "system::leader-locking-kube-controller-manager",
    subjects: [user("system:kube-controller-manager"), sa("kube-system", "kube-controller-manager")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system::leader-locking-kube-scheduler",
    role: "system::leader-locking-kube-scheduler",
    subjects: [user("system:kube-scheduler"), sa("kube-system", "kube-scheduler")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system:controller:bootstrap-signer",
    role: "system:controller:bootstrap-signer",
    subjects: [sa("kube-system", "bootstrap-signer")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system:controller:cloud-provider",
    role: "system:controller:cloud-provider",
    subjects: [sa("kube-system", "cloud-provider")],
  },
  {
    namespace: "kube-system",
    bootstrap: true,
    name: "system:controller:token-cleaner",
    role: "system:controller:token-cleaner",
    subjects: [sa("kube-system", "token-cleaner")],
  },
  {
    namespace: "kube-public",
    bootstrap: true,
    name: "system:controller:bootstrap-signer",
    role: "system:controller:bootstrap-signer",
    subjects: [sa("kube-system", "bootstrap-signer")],
  },
  { namespace: "kube-system", bootstrap: false, name: "kube-proxy", role: "kube-proxy", subjects: [group(TOKEN_GROUP)] },
  {
    namespace: "kube-system",
    bootstrap: false,
    name: "kubeadm:kubelet-config",
    role: "kubeadm:kubelet-config",
    subjects: [group("system:nodes"), group(TOKEN_GROUP)],
  },
  {
    namespace: "kube-system",
    bootstrap: false,
    name: "kubeadm:nodes-kubeadm-config",
    role: "kubeadm:nodes-kubeadm-config",
    subjects: [group(TOKEN_GROUP), group("system:nodes")],
  },
  {
    namespace: "kube-public",
    bootstrap: false,
    name: "kubeadm:bootstrap-signer-clusterinfo",
    role: "kubeadm:bootstrap-signer-clusterinfo",
    subjects: [user("system:anonymous")],
  },
];
