/**
 * Builds a new cluster as `kubeadm init` leaves it: the node's filesystem, the PKI and
 * kubeconfigs (lib/sim/pki), the API objects and static pod manifests (cluster/bootstrap), and
 * root's ~/.kube/config copied from admin.conf as kubeadm instructs.
 */
import { createBaseState, mergeConfig } from "../core/base-state";
import { nextRandom } from "../core/rng";
import { createKubeadmPki } from "../pki/kubeadm-pki";
import type { ClusterConfig, ClusterState, KeySource } from "../types";
import { addFiles } from "../core/add-files";
import { BASELINE_VERSION, baselineOf } from "./baseline";

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
  // the objects come from their own seeded generator, so a saved state need not store them (core/pack.ts)
  state.baseline = {
    version: BASELINE_VERSION,
    seed: Math.floor(random() * 2 ** 32),
    caPem: pki["/etc/kubernetes/pki/ca.crt"] ?? "",
    frontProxyCaPem: pki["/etc/kubernetes/pki/front-proxy-ca.crt"] ?? "",
  };
  const { objects, resourceVersion, files } = baselineOf(config, createdAt, state.baseline);
  state.objects = structuredClone(objects);
  state.resourceVersion = resourceVersion;
  addFiles(state, { ...pki, ...files }, createdAt);
  if (pki["/etc/kubernetes/admin.conf"] !== undefined)
    addFiles(state, { "/root/.kube/config": pki["/etc/kubernetes/admin.conf"] }, createdAt);
  return state;
}
