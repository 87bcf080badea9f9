/**
 * Cluster DNS as a pod's processes see it: the resolv.conf the kubelet writes for ClusterFirst
 * (pkg/kubelet/network/dns/dns.go: kube-dns's ClusterIP, search <ns>.svc.cluster.local
 * svc.cluster.local cluster.local) and CoreDNS's kubernetes plugin answering Service names
 * (<svc>, <svc>.<ns>, <svc>.<ns>.svc, <svc>.<ns>.svc.cluster.local) from the moment the Service
 * exists. Used by the programs containers run (program.ts: nslookup in an init container).
 */
import type { KObject } from "../api/types";
import type { ObjectGetter } from "./env";
import type { ClusterDns } from "./program";

const DOMAIN = "cluster.local";

export function clusterDns(pod: KObject, get: ObjectGetter): ClusterDns {
  const ns = pod.metadata.namespace ?? "default";
  const server = (get("services", "kube-system", "kube-dns")?.spec as { clusterIP?: string } | undefined)?.clusterIP ?? "10.96.0.10";
  return {
    server,
    search: `${ns}.svc.${DOMAIN}`,
    resolve(name) {
      const parts = name.replace(/\.$/, "").split(".");
      // <svc>[.<ns>[.svc[.cluster.local]]]: what the search list turns a short name into
      const suffix = parts.slice(2).join(".");
      if (parts.length > 2 && suffix !== "svc" && suffix !== `svc.${DOMAIN}`) return undefined;
      const [svcName, svcNs = ns] = parts;
      const svc = get("services", svcNs, svcName ?? "");
      if (!svc) return undefined;
      const ip = (svc.spec as { clusterIP?: string } | undefined)?.clusterIP;
      return {
        since: Date.parse(svc.metadata.creationTimestamp ?? "") || 0,
        fqdn: `${svcName}.${svcNs}.svc.${DOMAIN}`,
        ...(ip && ip !== "None" ? { ip } : {}),
      };
    },
  };
}
