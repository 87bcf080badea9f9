/**
 * Name resolution as glibc does it for curl, wget and nc: numeric addresses, then /etc/hosts, then
 * the nameserver of /etc/resolv.conf. On the node that is the host's resolver, which knows nothing
 * of the cluster (a kubeadm node does not use CoreDNS: `curl web.default.svc.cluster.local` fails
 * with "Could not resolve host"). In a pod, the kubelet's resolv.conf names the kube-dns Service
 * with the namespace's search path and ndots:5 (kubelet/rootfs.ts), and CoreDNS answers Service
 * names (A records of the ClusterIP; of the ready endpoints for a headless Service) while it has a
 * ready endpoint.
 */
import { storeFor } from "../../api/store";
import type { KObject } from "../../api/types";
import type { CommandContext } from "../../types";

const SERVICES = { group: "", resource: "services" };
const ENDPOINTS = { group: "", resource: "endpoints" };

export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

interface ResolvConf {
  nameserver?: string;
  search: string[];
  ndots: number;
}

export function resolvConf(ctx: CommandContext): ResolvConf {
  const r = ctx.fs.readFile("/etc/resolv.conf");
  const conf: ResolvConf = { search: [], ndots: 1 };
  if (!r.ok) return conf;
  for (const line of r.value.split("\n")) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === "nameserver" && !conf.nameserver) conf.nameserver = rest[0];
    if (key === "search") conf.search = rest;
    if (key === "options")
      for (const o of rest) {
        const m = /^ndots:(\d+)$/.exec(o);
        if (m) conf.ndots = Number(m[1]);
      }
  }
  return conf;
}

function hostsLookup(ctx: CommandContext, name: string): string | undefined {
  const r = ctx.fs.readFile("/etc/hosts");
  if (!r.ok) return undefined;
  for (const line of r.value.split("\n")) {
    const [ip, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (ip && IPV4.test(ip) && names.some((n) => n.toLowerCase() === name.toLowerCase())) return ip;
  }
  return undefined;
}

const readyAddresses = (ep: KObject | undefined): string[] =>
  ((ep as { subsets?: { addresses?: { ip?: string }[] }[] } | undefined)?.subsets ?? []).flatMap((s) =>
    (s.addresses ?? []).map((a) => a.ip ?? ""),
  );

/** The kube-dns Service's ClusterIP when CoreDNS has a ready endpoint to answer there. */
export function clusterDnsServing(ctx: CommandContext): string | undefined {
  const store = storeFor(ctx.state);
  const svc = store.get(SERVICES, "kube-system", "kube-dns");
  const ip = (svc?.spec as { clusterIP?: string } | undefined)?.clusterIP;
  return ip && readyAddresses(store.get(ENDPOINTS, "kube-system", "kube-dns")).length ? ip : undefined;
}

/** CoreDNS's kubernetes plugin for `<service>.<namespace>.svc.<domain>`: the A records, or undefined for NXDOMAIN. */
export function clusterRecords(ctx: CommandContext, fqdn: string): string[] | undefined {
  const domain = ctx.state.config.dnsDomain;
  const m = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${domain.replace(/\./g, "\\.")}$`).exec(fqdn.toLowerCase());
  if (!m) return undefined;
  const store = storeFor(ctx.state);
  const svc = store.get(SERVICES, m[2], m[1]);
  if (!svc) return undefined;
  const spec = (svc.spec ?? {}) as { clusterIP?: string; type?: string; externalName?: string };
  if (spec.clusterIP && spec.clusterIP !== "None") return [spec.clusterIP];
  return readyAddresses(store.get(ENDPOINTS, m[2], m[1]));
}

const clusterRecord = (ctx: CommandContext, fqdn: string): string | undefined => clusterRecords(ctx, fqdn)?.[0];

/** The IPv4 address `host` resolves to from where the command runs, or undefined (curl's exit 6). */
export function resolveHost(ctx: CommandContext, host: string): string | undefined {
  const name = host.replace(/\.$/, "");
  if (IPV4.test(name)) return name;
  if (name === "::1" || name === "[::1]") return "127.0.0.1";
  const fromHosts = hostsLookup(ctx, name);
  if (fromHosts) return fromHosts;
  const conf = resolvConf(ctx);
  if (!conf.nameserver || conf.nameserver !== clusterDnsServing(ctx)) return undefined;
  // glibc: a name with at least ndots dots is tried as it is first, then with each search domain
  const dots = name.split(".").length - 1;
  const candidates = host.endsWith(".")
    ? [name]
    : dots >= conf.ndots
      ? [name, ...conf.search.map((d) => `${name}.${d}`)]
      : [...conf.search.map((d) => `${name}.${d}`), name];
  for (const c of candidates) {
    const ip = clusterRecord(ctx, c);
    if (ip) return ip;
  }
  return undefined;
}

/** True when the command runs in a pod's network namespace (the kubelet manages its /etc/hosts). */
export function inPod(ctx: CommandContext): boolean {
  const hosts = ctx.fs.readFile("/etc/hosts");
  return hosts.ok && hosts.value.startsWith("# Kubernetes-managed hosts file.");
}
