/**
 * What kubeadm v1.32 and the Calico v3.29 manifest add at cluster scope:
 * cmd/kubeadm/app/phases/kubeconfig (kubeadm:cluster-admins), phases/bootstraptoken/node
 * (kubeadm:get-nodes, kubeadm:kubelet-bootstrap, kubeadm:node-autoapprove-*),
 * phases/addons/proxy (kubeadm:node-proxier), phases/addons/dns (system:coredns), and Calico's
 * calico-node, calico-cni-plugin and calico-kube-controllers.
 */
import { type BindingSpec, READ, type RoleSpec, group, r, sa } from "./dsl";

const TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

export const KUBEADM_CLUSTER_ROLES: RoleSpec[] = [
  { name: "kubeadm:get-nodes", rules: [r("get", "", "nodes")] },
  {
    name: "system:coredns",
    rules: [r("list,watch", "", "endpoints,services,pods,namespaces"), r("list,watch", "discovery.k8s.io", "endpointslices")],
  },
  {
    name: "calico-kube-controllers",
    rules: [
      r("watch,list,get", "", "nodes"),
      r("get", "", "pods"),
      r("get,list,watch", "crd.projectcalico.org", "ipreservations"),
      r("get,list,create,update,delete,watch", "crd.projectcalico.org", "blockaffinities,ipamblocks,ipamhandles"),
      r("get,list,create,update,watch", "crd.projectcalico.org", "ippools"),
      r("watch,list,get,create,update", "crd.projectcalico.org", "hostendpoints"),
      r("get,create,update,watch,list", "crd.projectcalico.org", "clusterinformations"),
      r("get,create,update,watch,list", "crd.projectcalico.org", "kubecontrollersconfigurations"),
    ],
  },
  {
    name: "calico-cni-plugin",
    rules: [
      r("get", "", "pods,nodes,namespaces"),
      r("patch", "", "pods/status"),
      r(
        "get,list,create,update,delete",
        "crd.projectcalico.org",
        "blockaffinities,ipamblocks,ipamhandles,clusterinformations,ippools,ipreservations,ipamconfigs",
      ),
    ],
  },
  {
    name: "calico-node",
    rules: [
      r("create", "", "serviceaccounts/token", "calico-cni-plugin"),
      r(READ, "", "pods,nodes,namespaces"),
      r("watch,list,get", "", "endpoints,services"),
      r("watch,list", "discovery.k8s.io", "endpointslices"),
      r("get", "", "configmaps"),
      r("patch", "", "nodes/status"),
      r("watch,list", "networking.k8s.io", "networkpolicies"),
      r("watch,list", "", "pods,namespaces,serviceaccounts"),
      r("patch", "", "pods/status"),
      r(
        "get,list,watch",
        "crd.projectcalico.org",
        "globalfelixconfigs,felixconfigurations,bgppeers,bgpfilters,globalbgpconfigs,bgpconfigurations,ippools,ipreservations,ipamblocks,globalnetworkpolicies,globalnetworksets,networkpolicies,networksets,clusterinformations,hostendpoints,blockaffinities,caliconodestatuses,tiers",
      ),
      r("create,update", "crd.projectcalico.org", "ippools,felixconfigurations,clusterinformations"),
      r("update", "crd.projectcalico.org", "caliconodestatuses"),
      r("get", "", "nodes"),
      r("watch,list,get", "crd.projectcalico.org", "blockaffinities,ipamblocks,ipamhandles"),
      r("get", "crd.projectcalico.org", "ipamconfigs"),
      r("watch", "crd.projectcalico.org", "blockaffinities"),
    ],
  },
];

export const KUBEADM_CLUSTER_ROLE_BINDINGS: BindingSpec[] = [
  { name: "kubeadm:cluster-admins", role: "cluster-admin", subjects: [group("kubeadm:cluster-admins")] },
  { name: "kubeadm:get-nodes", role: "kubeadm:get-nodes", subjects: [group(TOKEN_GROUP)] },
  { name: "kubeadm:kubelet-bootstrap", role: "system:node-bootstrapper", subjects: [group(TOKEN_GROUP)] },
  {
    name: "kubeadm:node-autoapprove-bootstrap",
    role: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
    subjects: [group(TOKEN_GROUP)],
  },
  {
    name: "kubeadm:node-autoapprove-certificate-rotation",
    role: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
    subjects: [group("system:nodes")],
  },
  { name: "kubeadm:node-proxier", role: "system:node-proxier", subjects: [sa("kube-system", "kube-proxy")] },
  { name: "system:coredns", role: "system:coredns", subjects: [sa("kube-system", "coredns")] },
  { name: "calico-kube-controllers", role: "calico-kube-controllers", subjects: [sa("kube-system", "calico-kube-controllers")] },
  { name: "calico-cni-plugin", role: "calico-cni-plugin", subjects: [sa("kube-system", "calico-cni-plugin")] },
  { name: "calico-node", role: "calico-node", subjects: [sa("kube-system", "calico-node")] },
];
