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
import type { BaselineSpec, ClusterConfig } from "../types";
import { createClusterObjects } from "./bootstrap";

export const BASELINE_VERSION = 1;

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
  if (spec.version !== BASELINE_VERSION)
    throw new Error(`invalid cluster state: baseline version ${spec.version} is not ${BASELINE_VERSION}`);
  const key = JSON.stringify([config, createdAt, spec]);
  const hit = cache.get(key);
  if (hit) return hit;
  const rng = seedRng(spec.seed);
  const made = createClusterObjects(config, {
    now: createdAt,
    random: () => nextRandom(rng),
    firstResourceVersion: 1,
    pems: { ca: spec.caPem, frontProxyCa: spec.frontProxyCaPem },
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
