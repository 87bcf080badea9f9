/**
 * What the workload controllers share (pkg/controller/controller_utils.go): the pod-template-hash,
 * controller references, pod creation through the request path (so admission adds what it adds to
 * every pod: the kube-api-access volume, default tolerations), and pod readiness.
 */
import { newUid, rfc3339 } from "../api/meta";
import type { WatchRecord } from "../api/store";
import type { GroupResource, KObject, OwnerReference, UserInfo } from "../api/types";
import type { PodStatus } from "../kinds/pods/types";
import { cachedList } from "./informer";
import type { Controller, ControllerEnv } from "./types";

export const GR = {
  pods: { group: "", resource: "pods" },
  replicasets: { group: "apps", resource: "replicasets" },
  deployments: { group: "apps", resource: "deployments" },
  events: { group: "", resource: "events" },
} satisfies Record<string, GroupResource>;

/** The controller-manager's identity on the request path (it runs with the privileged kubeconfig). */
export const CONTROLLER_USER: UserInfo = { username: "system:kube-controller-manager", groups: ["system:masters", "system:authenticated"] };

const SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** rand.SafeEncodeString (k8s.io/apimachinery/pkg/util/rand): each byte mapped into the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** JSON with sorted keys: the stable printing the hash is taken over. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/**
 * controller_utils.go ComputeHash: FNV-32a over the pod template, then the collision count as four
 * little-endian bytes, printed in decimal and SafeEncodeString'd. Kubernetes hashes the Go struct
 * as spew prints it; the simulator hashes the template's canonical JSON, so the same template gets
 * the same name every time (not the same name a real cluster gives it).
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

export function controllerRef(o: KObject): OwnerReference | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller);
}

export function ownedBy(objs: KObject[], owner: KObject): KObject[] {
  return objs.filter((o) => controllerRef(o)?.uid === owner.metadata.uid);
}

export function ownerReference(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    blockOwnerDeletion: true,
    controller: true,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
  };
}

/** A new object stamped as the apiserver stamps it (uid, creationTimestamp), stored without admission. */
export function createAsSystem(env: ControllerEnv, gr: GroupResource, obj: KObject): KObject {
  obj.metadata.uid = newUid(env.random);
  obj.metadata.creationTimestamp = rfc3339(env.now);
  obj.metadata.resourceVersion = "";
  return env.api.store.put(gr, obj);
}

type PodLike = KObject & { status?: PodStatus };

export const isTerminal = (p: PodLike) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
export const isActive = (p: PodLike) => !isTerminal(p) && !p.metadata.deletionTimestamp;

export function isReady(p: PodLike): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isAvailable(p: PodLike, minReadySeconds: number, now: number): boolean {
  const c = (p.status?.conditions ?? []).find((x) => x.type === "Ready" && x.status === "True");
  if (!c) return false;
  return minReadySeconds <= 0 || Date.parse(c.lastTransitionTime ?? "") + minReadySeconds * 1000 <= now;
}

/**
 * The objects of `gr` a batch of changes concerns, as an informer's event handlers find them:
 * the changed objects of that kind themselves, and the controllers (owner kind `kind`) of any
 * other changed object, deleted ones included.
 */
export function ownersOf(env: ControllerEnv, changes: WatchRecord[], kind: string, gr: GroupResource): KObject[] {
  const prefix = `${gr.group}/${gr.resource}/`;
  const keys = new Set<string>();
  for (const r of changes) {
    if (r.key.startsWith(prefix)) keys.add(r.key);
    else {
      const ref = controllerRef(r.object);
      if (ref?.kind === kind) keys.add(`${prefix}${r.object.metadata.namespace ?? ""}/${ref.name}`);
    }
  }
  return [...keys]
    .sort()
    .map((k) => env.api.store.getByKey(k))
    .filter((o): o is KObject => !!o);
}

/**
 * The controller of a kind that owns objects (a Deployment its ReplicaSets, a Job its pods): it
 * runs on writes to its own kind or to what it owns, syncs just the owners those writes touch
 * (every one of them after a restore), in key order, and reports whether any sync wrote.
 */
export function ownerController<T extends KObject>(opts: {
  name: string;
  kind: string;
  gr: GroupResource;
  /** key prefixes of the owned kinds ("/pods/", "apps/replicasets/") */
  owns: string[];
  sync(env: ControllerEnv, owner: T): boolean;
}): Controller {
  const own = `${opts.gr.group}/${opts.gr.resource}/`;
  return {
    name: opts.name,
    relevant: (r) => r.key.startsWith(own) || opts.owns.some((p) => r.key.startsWith(p)),
    reconcile(env, changes) {
      const owners = changes ? ownersOf(env, changes, opts.kind, opts.gr) : cachedList(env.api.store, opts.gr);
      let changed = false;
      for (const o of owners) if (opts.sync(env, o as T)) changed = true;
      return changed;
    },
  };
}

/** Structural equality, key order ignored (JSON values only). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => k in rb && sameJson(ra[k], rb[k]));
}

/** Writes `next` when it differs from `old` (controllers must not churn resourceVersions). */
export function putIfChanged(env: ControllerEnv, gr: GroupResource, old: KObject, next: KObject): boolean {
  if (sameJson(old, next)) return false;
  env.api.store.put(gr, next);
  return true;
}
