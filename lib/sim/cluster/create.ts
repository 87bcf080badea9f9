/**
 * Builds a new cluster as `kubeadm init` leaves it: the node's filesystem, the PKI and
 * kubeconfigs (lib/sim/pki), the API objects and static pod manifests (cluster/bootstrap), and
 * root's ~/.kube/config copied from admin.conf as kubeadm instructs.
 */
import { objectKey } from "../api/store";
import { createBaseState, mergeConfig } from "../core/base-state";
import { nextRandom } from "../core/rng";
import { createKubeadmPki } from "../pki/kubeadm-pki";
import type { ClusterConfig, ClusterState, KeySource } from "../types";
import { addFiles } from "../core/add-files";
import { createClusterObjects } from "./bootstrap";

export interface CreateClusterOptions {
  keys: KeySource;
  /** cluster clock now, epoch ms */
  now: number;
  seed: number;
  config?: Partial<ClusterConfig>;
  /** how long ago `kubeadm init` ran (default 0: just now) */
  ageMs?: number;
}

export async function createCluster(opts: CreateClusterOptions): Promise<ClusterState> {
  const config = mergeConfig(opts.config);
  const createdAt = opts.now - (opts.ageMs ?? 0);
  const state = createBaseState(config, { createdAt, seed: opts.seed });
  const random = () => nextRandom(state.rng);
  const pki = await createKubeadmPki(config, { now: createdAt, keys: opts.keys, random });
  const pems = { ca: pki["/etc/kubernetes/pki/ca.crt"] ?? "", frontProxyCa: pki["/etc/kubernetes/pki/front-proxy-ca.crt"] ?? "" };
  const { objects, resourceVersion, files } = createClusterObjects(config, { now: createdAt, random, firstResourceVersion: state.resourceVersion, pems });
  for (const { gr, obj } of objects) state.objects[objectKey(gr, obj.metadata.namespace, obj.metadata.name)] = obj;
  state.resourceVersion = resourceVersion;
  addFiles(state, { ...pki, ...files }, createdAt);
  if (pki["/etc/kubernetes/admin.conf"] !== undefined) addFiles(state, { "/root/.kube/config": pki["/etc/kubernetes/admin.conf"] }, createdAt);
  return state;
}
