/**
 * The etcd keys the simulated objects live under, as the kube-apiserver stores them:
 * `/registry/<resource>/<namespace>/<name>` (pkg/registry/<group>/<kind>/storage, the resource's
 * etcd prefix), with the historical exceptions: Nodes as `minions`, Services' specs under
 * `services/specs`, Endpoints under `services/endpoints`, ReplicationControllers as
 * `controllers` (pkg/kubeapiserver/default_storage_factory_builder.go and the storage.go of each
 * kind), and the aggregated groups' resources prefixed with their group.
 */
import { parseKey, storeFor } from "../../api/store";
import type { ClusterState } from "../../types";

const PREFIX: Record<string, string> = {
  "/nodes": "minions",
  "/services": "services/specs",
  "/endpoints": "services/endpoints",
  "/replicationcontrollers": "controllers",
  "apiextensions.k8s.io/customresourcedefinitions": "apiextensions.k8s.io/customresourcedefinitions",
  "apiregistration.k8s.io/apiservices": "apiregistration.k8s.io/apiservices",
};

export function registryKeys(state: ClusterState): string[] {
  const store = storeFor(state);
  const keys = store.keys().map((k) => {
    const { group, resource, namespace, name } = parseKey(k);
    const prefix = PREFIX[`${group}/${resource}`] ?? resource;
    return `/registry/${prefix}/${namespace ? `${namespace}/` : ""}${name}`;
  });
  // etcd returns a range in byte order of the keys; events.k8s.io and core events share one key space
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
