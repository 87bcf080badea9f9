/**
 * kubeadm's certificate inventory (phases/certs/certlist.go, phases/kubeconfig, renewal/manager.go),
 * shared by the cluster builder and by `kubeadm certs check-expiration|renew`.
 */
import type { ClusterConfig } from "../types";
import { OID } from "./x509-parse";

export const PKI_DIR = "/etc/kubernetes/pki";
export const KUBECONFIG_DIR = "/etc/kubernetes";

export type CaName = "ca" | "etcd-ca" | "front-proxy-ca";

export interface CaSpec {
  name: CaName;
  /** base path without extension, relative to PKI_DIR */
  base: string;
  cn: string;
}

export const CAS: CaSpec[] = [
  { name: "ca", base: "ca", cn: "kubernetes" },
  { name: "etcd-ca", base: "etcd/ca", cn: "etcd-ca" },
  { name: "front-proxy-ca", base: "front-proxy-ca", cn: "front-proxy-ca" },
];

export interface LeafSpec {
  /** name used by `kubeadm certs renew <name>` and check-expiration */
  name: string;
  /** the renewal line: `<longName> renewed` */
  longName: string;
  ca: CaName;
  /** PKI-relative base for certs, or the kubeconfig file name for kubeconfig entries */
  base: string;
  kubeconfig?: { user: string };
  cn: (c: ClusterConfig) => string;
  orgs: string[];
  eku: string[];
  san?: (c: ClusterConfig) => { dns: string[]; ips: string[] };
}

/** The first address of the service CIDR (the `kubernetes` Service ClusterIP). */
export function apiServerServiceIp(subnet: string): string {
  const [addr] = subnet.split("/");
  const p = addr.split(".").map(Number);
  p[3] += 1;
  return p.join(".");
}

export function apiServerSans(c: ClusterConfig, extra: string[] = [], advertise = c.controlPlane.ip): { dns: string[]; ips: string[] } {
  const dns = [c.controlPlane.name, "kubernetes", "kubernetes.default", "kubernetes.default.svc", `kubernetes.default.svc.${c.dnsDomain}`];
  const ips = [apiServerServiceIp(c.serviceSubnet), advertise];
  for (const s of extra) {
    if (/^[\d.]+$/.test(s) || s.includes(":")) ips.push(s);
    else dns.push(s);
  }
  // RemoveDuplicateAltNames: DNS names become a sorted set, IPs keep first-seen order
  return { dns: [...new Set(dns)].sort(), ips: [...new Set(ips)] };
}

export const etcdSans = (c: ClusterConfig) => ({
  dns: [c.controlPlane.name, "localhost"].sort(),
  ips: [c.controlPlane.ip, "127.0.0.1", "::1"],
});

const SERVER = OID.serverAuth;
const CLIENT = OID.clientAuth;

/** In the name order kubeadm prints them. */
export const LEAVES: LeafSpec[] = [
  {
    name: "admin.conf",
    longName: "certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself",
    ca: "ca",
    base: "admin.conf",
    kubeconfig: { user: "kubernetes-admin" },
    cn: () => "kubernetes-admin",
    orgs: ["kubeadm:cluster-admins"],
    eku: [CLIENT],
  },
  {
    name: "apiserver",
    longName: "certificate for serving the Kubernetes API",
    ca: "ca",
    base: "apiserver",
    cn: () => "kube-apiserver",
    orgs: [],
    eku: [SERVER],
    san: (c) => apiServerSans(c),
  },
  {
    name: "apiserver-etcd-client",
    longName: "certificate the apiserver uses to access etcd",
    ca: "etcd-ca",
    base: "apiserver-etcd-client",
    cn: () => "kube-apiserver-etcd-client",
    orgs: [],
    eku: [CLIENT],
  },
  {
    name: "apiserver-kubelet-client",
    longName: "certificate for the API server to connect to kubelet",
    ca: "ca",
    base: "apiserver-kubelet-client",
    cn: () => "kube-apiserver-kubelet-client",
    orgs: ["kubeadm:cluster-admins"],
    eku: [CLIENT],
  },
  {
    name: "controller-manager.conf",
    longName: "certificate embedded in the kubeconfig file for the controller manager to use",
    ca: "ca",
    base: "controller-manager.conf",
    kubeconfig: { user: "system:kube-controller-manager" },
    cn: () => "system:kube-controller-manager",
    orgs: [],
    eku: [CLIENT],
  },
  {
    name: "etcd-healthcheck-client",
    longName: "certificate for liveness probes to healthcheck etcd",
    ca: "etcd-ca",
    base: "etcd/healthcheck-client",
    cn: () => "kube-etcd-healthcheck-client",
    orgs: [],
    eku: [CLIENT],
  },
  {
    name: "etcd-peer",
    longName: "certificate for etcd nodes to communicate with each other",
    ca: "etcd-ca",
    base: "etcd/peer",
    cn: (c) => c.controlPlane.name,
    orgs: [],
    eku: [SERVER, CLIENT],
    san: etcdSans,
  },
  {
    name: "etcd-server",
    longName: "certificate for serving etcd",
    ca: "etcd-ca",
    base: "etcd/server",
    cn: (c) => c.controlPlane.name,
    orgs: [],
    eku: [SERVER, CLIENT],
    san: etcdSans,
  },
  {
    name: "front-proxy-client",
    longName: "certificate for the front proxy client",
    ca: "front-proxy-ca",
    base: "front-proxy-client",
    cn: () => "front-proxy-client",
    orgs: [],
    eku: [CLIENT],
  },
  {
    name: "scheduler.conf",
    longName: "certificate embedded in the kubeconfig file for the scheduler manager to use",
    ca: "ca",
    base: "scheduler.conf",
    kubeconfig: { user: "system:kube-scheduler" },
    cn: () => "system:kube-scheduler",
    orgs: [],
    eku: [CLIENT],
  },
  {
    name: "super-admin.conf",
    longName: "certificate embedded in the kubeconfig file for the super-admin",
    ca: "ca",
    base: "super-admin.conf",
    kubeconfig: { user: "kubernetes-super-admin" },
    cn: () => "kubernetes-super-admin",
    orgs: ["system:masters"],
    eku: [CLIENT],
  },
];

export const caPaths = (ca: CaName) => {
  const spec = CAS.find((c) => c.name === ca);
  if (!spec) throw new Error(`no CA named ${ca}`);
  return { crt: `${PKI_DIR}/${spec.base}.crt`, key: `${PKI_DIR}/${spec.base}.key` };
};

export const leafPaths = (l: LeafSpec) =>
  l.kubeconfig ? { conf: `${KUBECONFIG_DIR}/${l.base}` } : { crt: `${PKI_DIR}/${l.base}.crt`, key: `${PKI_DIR}/${l.base}.key` };

export const DAY = 86_400_000;
export const LEAF_VALIDITY = 365 * DAY;
export const CA_VALIDITY = 10 * 365 * DAY;
export const BACKDATE = 5 * 60_000;
