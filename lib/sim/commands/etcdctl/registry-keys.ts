/**
 * The etcd keys the simulated objects live under, as the kube-apiserver stores them
 * (pkg/registry/<group>/<kind>/storage: `/registry/<resource>/<namespace>/<name>`, Nodes as
 * `minions`, Services' specs under `services/specs`). Only the kinds the simulator models are
 * there; a real kubeadm cluster holds several hundred more (RBAC, ConfigMaps, Secrets, Leases...).
 */
import type { ClusterState } from "../../types";

export function registryKeys(state: ClusterState): string[] {
  const o = state.objects;
  const keys = [
    ...o.namespaces.map((n) => `/registry/namespaces/${n.metadata.name}`),
    ...o.nodes.map((n) => `/registry/minions/${n.metadata.name}`),
    ...o.pods.map((p) => `/registry/pods/${p.metadata.namespace ?? "default"}/${p.metadata.name}`),
    ...o.services.map((s) => `/registry/services/specs/${s.metadata.namespace ?? "default"}/${s.metadata.name}`),
    ...o.csrs.map((c) => `/registry/certificatesigningrequests/${c.metadata.name}`),
  ];
  // etcd returns a range in byte order of the keys
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
