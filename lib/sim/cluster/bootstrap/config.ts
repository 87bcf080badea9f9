/**
 * The configuration objects of a fresh kubeadm cluster: ConfigMaps (kube-root-ca.crt in every
 * namespace, kubeadm-config, kubelet-config, kube-proxy, coredns, cluster-info,
 * extension-apiserver-authentication), ServiceAccounts (default everywhere, the controllers' and
 * add-ons' in kube-system), the two system PriorityClasses and the control plane's Leases.
 */
import { newUid } from "../../api/meta";
import { toYaml } from "../../printers/yaml";
import type { KObject } from "../../api/types";
import type { ClusterConfig } from "../../types";
import { type Factory, GR } from "./factory";
import { CONTROLLER_ACCOUNTS } from "./policy/controller-roles";

export const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

export interface ClusterPems {
  ca: string;
  frontProxyCa: string;
}

export function configMap(
  f: Factory,
  ns: string,
  name: string,
  data: Record<string, string>,
  secondsAgo: number,
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
): KObject {
  return f.add(GR.configmaps, {
    apiVersion: "v1",
    data,
    kind: "ConfigMap",
    metadata: f.meta(name, secondsAgo, { namespace: ns, labels, annotations }),
  });
}

function clusterConfiguration(c: ClusterConfig): string {
  return toYaml({
    apiServer: {},
    apiVersion: "kubeadm.k8s.io/v1beta4",
    caCertificateValidityPeriod: "87600h0m0s",
    certificateValidityPeriod: "8760h0m0s",
    certificatesDir: "/etc/kubernetes/pki",
    clusterName: c.clusterName,
    controllerManager: {},
    dns: {},
    encryptionAlgorithm: c.keyAlgorithm === "ecdsa-p256" ? "ECDSA-P256" : "RSA-2048",
    etcd: { local: { dataDir: "/var/lib/etcd" } },
    imageRepository: "registry.k8s.io",
    kind: "ClusterConfiguration",
    kubernetesVersion: c.kubernetesVersion,
    networking: { dnsDomain: c.dnsDomain, podSubnet: c.podSubnet, serviceSubnet: c.serviceSubnet },
    proxy: {},
    scheduler: {},
  });
}

const COREFILE = (domain: string) => `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${domain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${domain}
       disable denial ${domain}
    }
    loop
    reload
    loadbalance
}
`;

export function createConfigObjects(f: Factory, config: ClusterConfig, namespaces: KObject[], pems: ClusterPems): void {
  const server = `https://${config.controlPlane.ip}:6443`;
  for (const ns of namespaces) {
    configMap(f, ns.metadata.name, "kube-root-ca.crt", { "ca.crt": pems.ca }, 60, undefined, {
      "kubernetes.io/description": ROOT_CA_DESCRIPTION,
    });
  }
  configMap(f, "kube-system", "kubeadm-config", { ClusterConfiguration: clusterConfiguration(config) }, 70);
  configMap(
    f,
    "kube-system",
    "kubelet-config",
    {
      kubelet: `apiVersion: kubelet.config.k8s.io/v1beta1\nauthentication:\n  anonymous:\n    enabled: false\n  webhook:\n    cacheTTL: 0s\n    enabled: true\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nauthorization:\n  mode: Webhook\ncgroupDriver: systemd\nclusterDNS:\n- ${config.serviceSubnet.replace(/\.\d+\/\d+$/, ".10")}\nclusterDomain: ${config.dnsDomain}\nkind: KubeletConfiguration\nrotateCertificates: true\nruntimeRequestTimeout: 15m0s\nstaticPodPath: /etc/kubernetes/manifests\n`,
    },
    70,
  );
  configMap(
    f,
    "kube-system",
    "kube-proxy",
    {
      "config.conf": `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\nclusterCIDR: ${config.podSubnet}\nkind: KubeProxyConfiguration\nmode: ""\n`,
      "kubeconfig.conf": `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: ${server}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n`,
    },
    62,
    { app: "kube-proxy" },
    { "kubeadm.kubernetes.io/component-config.hash": "sha256:0d1a7c1c3a8e1a3e0fbc3c1b4c1a2d6a4e6b5c8d9e0f1a2b3c4d5e6f7a8b9c0d" },
  );
  configMap(f, "kube-system", "coredns", { Corefile: COREFILE(config.dnsDomain) }, 62);
  const caData = Buffer.from(pems.ca).toString("base64");
  configMap(
    f,
    "kube-public",
    "cluster-info",
    {
      kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${caData}\n    server: ${server}\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
    },
    70,
  );
  configMap(
    f,
    "kube-system",
    "extension-apiserver-authentication",
    {
      "client-ca-file": pems.ca,
      "requestheader-allowed-names": '["front-proxy-client"]',
      "requestheader-client-ca-file": pems.frontProxyCa,
      "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
      "requestheader-group-headers": '["X-Remote-Group"]',
      "requestheader-uid-headers": "[]",
      "requestheader-username-headers": '["X-Remote-User"]',
    },
    74,
  );
  configMap(
    f,
    "kube-system",
    "kube-apiserver-legacy-service-account-token-tracking",
    { since: new Date(f.at(74)).toISOString().slice(0, 10) },
    74,
  );

  for (const ns of namespaces) {
    f.add(GR.serviceaccounts, {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: f.meta("default", 60, { namespace: ns.metadata.name }),
    });
  }
  for (const name of [
    ...CONTROLLER_ACCOUNTS,
    "bootstrap-signer",
    "token-cleaner",
    "coredns",
    "kube-proxy",
    "calico-node",
    "calico-cni-plugin",
    "calico-kube-controllers",
  ].sort()) {
    f.add(GR.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: f.meta(name, 60, { namespace: "kube-system" }) });
  }

  for (const [name, value, description] of [
    [
      "system-cluster-critical",
      2000000000,
      "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
    ],
    ["system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."],
  ] as const) {
    f.add(GR.priorityclasses, {
      apiVersion: "scheduling.k8s.io/v1",
      description,
      kind: "PriorityClass",
      metadata: f.meta(name, 74, { generation: 1 }),
      preemptionPolicy: "PreemptLowerPriority",
      value,
    });
  }

  for (const component of ["kube-controller-manager", "kube-scheduler"]) {
    f.add(GR.leases, {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: f.meta(component, 70, { namespace: "kube-system" }),
      spec: {
        acquireTime: f.microTime(70),
        holderIdentity: `${config.controlPlane.name}_${newUid(f.random)}`,
        leaseDurationSeconds: 15,
        leaseTransitions: 0,
        renewTime: f.microTime(2),
      },
    });
  }
}
