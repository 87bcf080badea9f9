/**
 * The TLS servers of the simulated control plane node, as network clients (openssl s_client,
 * etcdctl) reach them: which address and port, which certificate files they serve, which CAs they
 * accept client certificates from, and whether a client certificate is required. The files are the
 * ones the kubeadm manifests and the kubelet configuration name (phases/controlplane/manifests.go,
 * phases/etcd/local.go, the kubelet's config.yaml); every server reads them live, as each of them
 * picks up a renewed serving certificate without a restart (kube-apiserver's dynamic serving
 * certificate controller, etcd's per-handshake GetCertificate in client/pkg/transport/listener.go).
 * Nothing here opens a socket: a "connection" is a lookup in this table.
 */
import type { ClusterConfig } from "../types";
import type { Vfs } from "../fs/vfs";

const PKI = "/etc/kubernetes/pki";

export type TlsServerName = "kube-apiserver" | "etcd" | "etcd-peer" | "kubelet";

export interface TlsServer {
  name: TlsServerName;
  /** PEM file served as the certificate chain (the leaf first, then any certificates after it) */
  certFile: string;
  keyFile: string;
  /** bundles whose subjects go into the CertificateRequest, in the server's pool order */
  clientCaFiles: string[];
  /** Go's tls.RequestClientCert (ask, accept none) or tls.RequireAndVerifyClientCert */
  clientAuth: "request" | "require";
}

const APISERVER: TlsServer = {
  name: "kube-apiserver",
  certFile: `${PKI}/apiserver.crt`,
  keyFile: `${PKI}/apiserver.key`,
  // --client-ca-file, then --requestheader-client-ca-file: the union the serving controller installs
  clientCaFiles: [`${PKI}/ca.crt`, `${PKI}/front-proxy-ca.crt`],
  clientAuth: "request",
};
const ETCD: TlsServer = {
  name: "etcd",
  certFile: `${PKI}/etcd/server.crt`,
  keyFile: `${PKI}/etcd/server.key`,
  clientCaFiles: [`${PKI}/etcd/ca.crt`],
  clientAuth: "require",
};
const ETCD_PEER: TlsServer = {
  name: "etcd-peer",
  certFile: `${PKI}/etcd/peer.crt`,
  keyFile: `${PKI}/etcd/peer.key`,
  clientCaFiles: [`${PKI}/etcd/ca.crt`],
  clientAuth: "require",
};
const KUBELET: TlsServer = {
  name: "kubelet",
  // the self-signed pair the kubelet generated at first start: leaf and its CA in one file
  certFile: "/var/lib/kubelet/pki/kubelet.crt",
  keyFile: "/var/lib/kubelet/pki/kubelet.key",
  clientCaFiles: [`${PKI}/ca.crt`],
  clientAuth: "request",
};

export type Dial = { ok: true; server: TlsServer } | { ok: false; error: "refused" | "timeout" };

/** The `kubernetes` Service's ClusterIP: the first address of the service CIDR. */
function serviceIp(c: ClusterConfig): string {
  const p = c.serviceSubnet.split("/")[0].split(".").map(Number);
  p[3] += 1;
  return p.join(".");
}

/**
 * Who answers at `ip:port` when dialled from the control plane node. The listeners follow the
 * manifests: kube-apiserver on all addresses (:6443; the Service IP on :443 through kube-proxy), etcd's
 * clients on 127.0.0.1 and the node IP (:2379), its peers on the node IP (:2380), the kubelet on all
 * addresses (:10250). Other nodes run only a kubelet, whose files this node does not have: they
 * refuse, and addresses outside the cluster time out.
 */
export function dialTls(c: ClusterConfig, ip: string, port: number): Dial {
  const node = c.controlPlane.ip;
  const local = ip.startsWith("127.");
  if (ip === node || local) {
    if (port === 6443) return { ok: true, server: APISERVER };
    if (port === 2379 && (ip === node || ip === "127.0.0.1")) return { ok: true, server: ETCD };
    if (port === 2380 && ip === node) return { ok: true, server: ETCD_PEER };
    if (port === 10250) return { ok: true, server: KUBELET };
    return { ok: false, error: "refused" };
  }
  if (ip === serviceIp(c)) return port === 443 ? { ok: true, server: APISERVER } : { ok: false, error: "timeout" };
  if (c.workers.some((w) => w.ip === ip)) return { ok: false, error: "refused" };
  return { ok: false, error: "timeout" };
}

/** Name resolution on the node: IPv4 literals, then /etc/hosts, then the node names. */
export function resolveHost(fs: Vfs, c: ClusterConfig, host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  const hosts = fs.readFile("/etc/hosts");
  if (hosts.ok) {
    for (const line of hosts.value.split("\n")) {
      const f = line.replace(/#.*/, "").trim().split(/\s+/);
      if (f.length > 1 && f.slice(1).includes(host) && /^\d+\.\d+\.\d+\.\d+$/.test(f[0])) return f[0];
    }
  }
  if (host === "localhost") return "127.0.0.1";
  return [c.controlPlane, ...c.workers].find((n) => n.name === host)?.ip;
}
