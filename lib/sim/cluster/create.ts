/**
 * Builds a new cluster as `kubeadm init` leaves it: the node's filesystem, the PKI and
 * kubeconfigs (PKI engineer's builder), the API objects and static pod manifests (model
 * engineer's builder), and root's ~/.kube/config copied from admin.conf as kubeadm instructs.
 */
import { createBaseState, mergeConfig } from "../core/base-state";
import { nextRandom } from "../core/rng";
import { createClusterObjects } from "../model/bootstrap";
import { createKubeadmPki } from "../pki/kubeadm-pki";
import type { ClusterConfig, ClusterState, KeySource } from "../types";
import { addFiles } from "../core/add-files";

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
  const { objects, files } = createClusterObjects(config, {
    now: createdAt,
    random,
    nextResourceVersion: () => String(++state.resourceVersion),
  });
  state.objects = objects;
  addFiles(state, { ...pki, ...files }, createdAt);
  if (pki["/etc/kubernetes/admin.conf"] !== undefined) addFiles(state, { "/root/.kube/config": pki["/etc/kubernetes/admin.conf"] }, createdAt);
  return state;
}
