/**
 * The controllers' read cache, as client-go's informers give real controllers: which keys exist
 * per resource and namespace, kept up to date from the store's watch log (ADDED and DELETED
 * records) instead of scanning every object on every list. The store's own list sorts all keys of
 * the cluster each time; with a few hundred pods and a thousand events that dominated settling.
 * Rebuilt from the store whenever the log cannot say what changed (a restore, a rollback, an
 * overflowed log).
 */
import type { ObjectStore } from "../api/store";
import type { GroupResource, KObject } from "../api/types";

interface Cache {
  rv: number;
  /** "group/resource" → namespace → keys */
  keys: Map<string, Map<string, Set<string>>>;
}

const caches = new WeakMap<ObjectStore, Cache>();

function slot(c: Cache, key: string): Set<string> {
  const [group, resource, ns] = key.split("/", 3);
  const gr = `${group}/${resource}`;
  let byNs = c.keys.get(gr);
  if (!byNs) c.keys.set(gr, (byNs = new Map<string, Set<string>>()));
  let set = byNs.get(ns);
  if (!set) byNs.set(ns, (set = new Set()));
  return set;
}

function build(store: ObjectStore): Cache {
  const c: Cache = { rv: store.resourceVersion, keys: new Map() };
  for (const k of store.keys()) slot(c, k).add(k);
  caches.set(store, c);
  return c;
}

function current(store: ObjectStore): Cache {
  const c = caches.get(store);
  if (!c || c.rv > store.resourceVersion) return build(store);
  if (c.rv === store.resourceVersion) return c;
  const records = store.eventsSince(c.rv, () => true);
  if (!records) return build(store);
  for (const r of records) {
    if (r.type === "ADDED") slot(c, r.key).add(r.key);
    else if (r.type === "DELETED") slot(c, r.key).delete(r.key);
  }
  c.rv = store.resourceVersion;
  return c;
}

/** Objects of one resource (one namespace, or all), in the store's key order. */
export function cachedList(store: ObjectStore, gr: GroupResource, namespace?: string): KObject[] {
  const byNs = current(store).keys.get(`${gr.group}/${gr.resource}`);
  if (!byNs) return [];
  const keys = namespace === undefined ? [...byNs.values()].flatMap((s) => [...s]) : [...(byNs.get(namespace) ?? [])];
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: KObject[] = [];
  for (const k of keys) {
    const o = store.getByKey(k);
    if (o) out.push(o);
  }
  return out;
}
