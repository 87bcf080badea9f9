/**
 * The deterministic baseline of a cluster's objects: cluster/bootstrap's output for a config,
 * creation time and seed. Fresh clusters are built from it, and saved states store only what
 * differs from it (core/pack.ts). BASELINE_VERSION names the generator's output: a change to what
 * cluster/bootstrap produces must bump it (baseline.test.ts pins a fingerprint) and keep the old
 * version loadable.
 */
import { objectKey } from "../api/store";
import type { KObject } from "../api/types";
import { nextRandom, seedRng } from "../core/rng";
import type { BaselineSpec, ClusterConfig, ClusterState } from "../types";
import { createClusterObjects } from "./bootstrap";

export const BASELINE_VERSION = 3;
/**
 * The versions the generator can still produce: 1 is version 2 without the local-path
 * provisioner and its StorageClass (cluster/bootstrap/local-path.ts); 2 is version 3 without
 * metrics-server and its APIService (cluster/bootstrap/metrics-server.ts). A saved state keeps the
 * version it was made with, so its stored differences still apply; upgradeBaseline then adds
 * what the later versions bring.
 */
const GENERATED_VERSIONS = new Set([1, 2, 3]);

export interface Baseline {
  objects: Record<string, KObject>;
  /** the cluster-wide resourceVersion after the last baseline object */
  resourceVersion: number;
  files: Record<string, string>;
}

const cache = new Map<string, Baseline>();
const CACHE_SIZE = 16;

/** The baseline's objects (shared, frozen: callers copy before changing one). */
export function baselineOf(config: ClusterConfig, createdAt: number, spec: BaselineSpec): Baseline {
  if (!GENERATED_VERSIONS.has(spec.version))
    throw new Error(`invalid cluster state: baseline version ${spec.version} is not one of ${[...GENERATED_VERSIONS].join(", ")}`);
  const key = JSON.stringify([config, createdAt, spec]);
  const hit = cache.get(key);
  if (hit) return hit;
  const rng = seedRng(spec.seed);
  const made = createClusterObjects(config, {
    now: createdAt,
    random: () => nextRandom(rng),
    firstResourceVersion: 1,
    pems: { ca: spec.caPem, frontProxyCa: spec.frontProxyCaPem },
    localPath: spec.version >= 2,
    metricsServer: spec.version >= 3,
  });
  const objects: Record<string, KObject> = {};
  for (const { gr, obj } of made.objects) objects[objectKey(gr, obj.metadata.namespace, obj.metadata.name)] = deepFreeze(obj);
  const b: Baseline = { objects, resourceVersion: made.resourceVersion, files: made.files };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, b);
  return b;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * Brings a restored state made from an older baseline up to BASELINE_VERSION: the objects the
 * newer generator adds (version 2: the local-path provisioner, its namespace and the default
 * StorageClass; version 3: metrics-server, its RBAC, Service and APIService) join the cluster as if they had been installed with it, unless the learner already
 * has an object of that name; then the state names the new version, so that it is saved against it.
 */
export function upgradeBaseline(state: Pick<ClusterState, "config" | "createdAt" | "baseline" | "objects">): void {
  const spec = state.baseline;
  if (!spec || spec.version >= BASELINE_VERSION) return;
  const old = baselineOf(state.config, state.createdAt, spec);
  const next = { ...spec, version: BASELINE_VERSION };
  for (const [key, obj] of Object.entries(baselineOf(state.config, state.createdAt, next).objects))
    if (!(key in old.objects) && !(key in state.objects)) state.objects[key] = structuredClone(obj);
  state.baseline = next;
}
