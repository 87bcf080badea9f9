/**
 * The four static pod manifests `kubeadm init` writes to /etc/kubernetes/manifests (kubeadm
 * v1.32 cmd/kubeadm/app/phases/controlplane/manifests.go and phases/etcd/local.go). They are
 * built as objects so the mirror pods' `-o yaml` and the files on disk come from one source.
 */
import type { ClusterConfig } from "../types";

type Obj = Record<string, unknown>;

const PKI = "/etc/kubernetes/pki";

function probe(host: string, path: string, port: number, scheme: string, failureThreshold: number, extra: Obj = {}): Obj {
  return { failureThreshold, httpGet: { host, path, port, scheme }, ...extra, timeoutSeconds: 15 };
}
const delayed = { initialDelaySeconds: 10, periodSeconds: 10 };

function hostPath(name: string, path: string, type: string): Obj {
  return { hostPath: { path, type }, name };
}
function mount(name: string, mountPath: string, readOnly = true): Obj {
  return readOnly ? { mountPath, name, readOnly: true } : { mountPath, name };
}

/** CA bundles kubeadm mounts into the apiserver and controller-manager on Debian-like hosts. */
const CA_MOUNTS = [
  ["ca-certs", "/etc/ssl/certs"],
  ["etc-ca-certificates", "/etc/ca-certificates"],
  ["k8s-certs", PKI],
  ["usr-local-share-ca-certificates", "/usr/local/share/ca-certificates"],
  ["usr-share-ca-certificates", "/usr/share/ca-certificates"],
] as const;

function staticPod(component: string, annotations: Obj | undefined, container: Obj, volumes: Obj[]): Obj {
  const metadata: Obj = {};
  if (annotations) metadata.annotations = annotations;
  Object.assign(metadata, {
    creationTimestamp: null,
    labels: { component, tier: "control-plane" },
    name: component,
    namespace: "kube-system",
  });
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes,
    },
    status: {},
  };
}

export function image(name: string, config: ClusterConfig): string {
  return `registry.k8s.io/${name}:${config.kubernetesVersion}`;
}

export function etcdManifest(c: ClusterConfig): Obj {
  const ip = c.controlPlane.ip;
  const name = c.controlPlane.name;
  return staticPod(
    "etcd",
    { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:2379` },
    {
      command: [
        "etcd",
        `--advertise-client-urls=https://${ip}:2379`,
        `--cert-file=${PKI}/etcd/server.crt`,
        "--client-cert-auth=true",
        "--data-dir=/var/lib/etcd",
        "--experimental-initial-corrupt-check=true",
        "--experimental-watch-progress-notify-interval=5s",
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${name}=https://${ip}:2380`,
        `--key-file=${PKI}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        "--listen-metrics-urls=http://127.0.0.1:2381",
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${name}`,
        `--peer-cert-file=${PKI}/etcd/peer.crt`,
        "--peer-client-cert-auth=true",
        `--peer-key-file=${PKI}/etcd/peer.key`,
        `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
        "--snapshot-count=10000",
        `--trusted-ca-file=${PKI}/etcd/ca.crt`,
      ],
      image: "registry.k8s.io/etcd:3.5.16-0",
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe("127.0.0.1", "/livez", 2381, "HTTP", 8, delayed),
      name: "etcd",
      readinessProbe: probe("127.0.0.1", "/readyz", 2381, "HTTP", 3, { periodSeconds: 1 }),
      resources: { requests: { cpu: "100m", memory: "100Mi" } },
      startupProbe: probe("127.0.0.1", "/readyz", 2381, "HTTP", 24, delayed),
      volumeMounts: [mount("etcd-data", "/var/lib/etcd", false), mount("etcd-certs", `${PKI}/etcd`, false)],
    },
    [hostPath("etcd-certs", `${PKI}/etcd`, "DirectoryOrCreate"), hostPath("etcd-data", "/var/lib/etcd", "DirectoryOrCreate")],
  );
}

export function apiserverManifest(c: ClusterConfig): Obj {
  const ip = c.controlPlane.ip;
  return staticPod(
    "kube-apiserver",
    { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:6443` },
    {
      command: [
        "kube-apiserver",
        `--advertise-address=${ip}`,
        "--allow-privileged=true",
        "--authorization-mode=Node,RBAC",
        `--client-ca-file=${PKI}/ca.crt`,
        "--enable-admission-plugins=NodeRestriction",
        "--enable-bootstrap-token-auth=true",
        `--etcd-cafile=${PKI}/etcd/ca.crt`,
        `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
        "--etcd-servers=https://127.0.0.1:2379",
        `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
        "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
        `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
        `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
        "--requestheader-allowed-names=front-proxy-client",
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-username-headers=X-Remote-User",
        "--secure-port=6443",
        `--service-account-issuer=https://kubernetes.default.svc.${c.dnsDomain}`,
        `--service-account-key-file=${PKI}/sa.pub`,
        `--service-account-signing-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${c.serviceSubnet}`,
        `--tls-cert-file=${PKI}/apiserver.crt`,
        `--tls-private-key-file=${PKI}/apiserver.key`,
      ],
      image: image("kube-apiserver", c),
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe(ip, "/livez", 6443, "HTTPS", 8, delayed),
      name: "kube-apiserver",
      readinessProbe: probe(ip, "/readyz", 6443, "HTTPS", 3, { periodSeconds: 1 }),
      resources: { requests: { cpu: "250m" } },
      startupProbe: probe(ip, "/livez", 6443, "HTTPS", 24, delayed),
      volumeMounts: CA_MOUNTS.map(([n, p]) => mount(n, p)),
    },
    CA_MOUNTS.map(([n, p]) => hostPath(n, p, "DirectoryOrCreate")),
  );
}

export function controllerManagerManifest(c: ClusterConfig): Obj {
  const conf = "/etc/kubernetes/controller-manager.conf";
  const flex = "/usr/libexec/kubernetes/kubelet-plugins/volume/exec";
  const mounts: [string, string, boolean][] = [
    ["ca-certs", "/etc/ssl/certs", true],
    ["etc-ca-certificates", "/etc/ca-certificates", true],
    ["flexvolume-dir", flex, false],
    ["k8s-certs", PKI, true],
    ["kubeconfig", conf, true],
    ["usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", true],
    ["usr-share-ca-certificates", "/usr/share/ca-certificates", true],
  ];
  return staticPod(
    "kube-controller-manager",
    undefined,
    {
      command: [
        "kube-controller-manager",
        "--allocate-node-cidrs=true",
        `--authentication-kubeconfig=${conf}`,
        `--authorization-kubeconfig=${conf}`,
        "--bind-address=127.0.0.1",
        `--client-ca-file=${PKI}/ca.crt`,
        `--cluster-cidr=${c.podSubnet}`,
        `--cluster-name=${c.clusterName}`,
        `--cluster-signing-cert-file=${PKI}/ca.crt`,
        `--cluster-signing-key-file=${PKI}/ca.key`,
        "--controllers=*,bootstrapsigner,tokencleaner",
        `--kubeconfig=${conf}`,
        "--leader-elect=true",
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        `--root-ca-file=${PKI}/ca.crt`,
        `--service-account-private-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${c.serviceSubnet}`,
        "--use-service-account-credentials=true",
      ],
      image: image("kube-controller-manager", c),
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe("127.0.0.1", "/healthz", 10257, "HTTPS", 8, delayed),
      name: "kube-controller-manager",
      resources: { requests: { cpu: "200m" } },
      startupProbe: probe("127.0.0.1", "/healthz", 10257, "HTTPS", 24, delayed),
      volumeMounts: mounts.map(([n, p, ro]) => mount(n, p, ro)),
    },
    mounts.map(([n, p]) => hostPath(n, p, n === "kubeconfig" ? "FileOrCreate" : "DirectoryOrCreate")),
  );
}

export function schedulerManifest(c: ClusterConfig): Obj {
  const conf = "/etc/kubernetes/scheduler.conf";
  return staticPod(
    "kube-scheduler",
    undefined,
    {
      command: [
        "kube-scheduler",
        `--authentication-kubeconfig=${conf}`,
        `--authorization-kubeconfig=${conf}`,
        "--bind-address=127.0.0.1",
        `--kubeconfig=${conf}`,
        "--leader-elect=true",
      ],
      image: image("kube-scheduler", c),
      imagePullPolicy: "IfNotPresent",
      livenessProbe: probe("127.0.0.1", "/livez", 10259, "HTTPS", 8, delayed),
      name: "kube-scheduler",
      readinessProbe: probe("127.0.0.1", "/readyz", 10259, "HTTPS", 3, { periodSeconds: 1 }),
      resources: { requests: { cpu: "100m" } },
      startupProbe: probe("127.0.0.1", "/livez", 10259, "HTTPS", 24, delayed),
      volumeMounts: [mount("kubeconfig", conf)],
    },
    [hostPath("kubeconfig", conf, "FileOrCreate")],
  );
}

export const STATIC_MANIFESTS = {
  etcd: etcdManifest,
  "kube-apiserver": apiserverManifest,
  "kube-controller-manager": controllerManagerManifest,
  "kube-scheduler": schedulerManifest,
} as const;
