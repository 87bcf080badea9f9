/**
 * The object store: every API object of a cluster, keyed by group, resource, namespace and name
 * (as etcd keys them under /registry), in ClusterState.objects. It owns the cluster-wide
 * resourceVersion, a journal of the keys each command changed (so a StateDelta carries only those
 * objects, as the VFS journals files), an ordered in-memory watch log (not persisted) for
 * `get -w`, controllers and HTTP watches, and transactions so a failing command leaves no trace.
 *
 * The store does no validation and no authorization: that is the request path's job
 * (lib/sim/api/request.ts). Objects in it are the stored values; callers outside lib/sim/api get
 * copies.
 */
import type { GroupResource, KObject, WatchEvent } from "./types";

/** The persisted part the store works on (ClusterState satisfies it). */
export interface StoreState {
  objects: Record<string, KObject>;
  resourceVersion: number;
  /** the kubelet's stored container log lines (kubelet/stored-logs.ts), read by the pods/log route */
  containerLogs?: Record<string, { at: number; text: string }[]>;
}

export type ObjectKey = string;

/** "group/resource/namespace/name"; "" for the core group and for cluster-scoped objects. */
export function objectKey(gr: GroupResource, namespace: string | undefined, name: string): ObjectKey {
  return `${gr.group}/${gr.resource}/${namespace ?? ""}/${name}`;
}

export function parseKey(key: ObjectKey): { group: string; resource: string; namespace: string; name: string } {
  const [group, resource, namespace, ...rest] = key.split("/");
  return { group, resource, namespace, name: rest.join("/") };
}

export interface WatchRecord {
  /** the resourceVersion the event happened at */
  rv: number;
  key: ObjectKey;
  type: WatchEvent["type"];
  object: KObject;
}

/** How many watch events are kept (older ones are "too old": 410 Gone for a watch from there). */
const WATCH_LOG_SIZE = 2000;

export class ObjectStore {
  private journal = new Set<ObjectKey>();
  private readonly watchLog: WatchRecord[] = [];
  private txn: { saved: Map<ObjectKey, KObject | undefined>; rv: number; log: number } | null = null;

  constructor(private readonly state: StoreState) {}

  private get objects(): Record<ObjectKey, KObject> {
    return this.state.objects;
  }

  get resourceVersion(): number {
    return this.state.resourceVersion;
  }

  get(gr: GroupResource, namespace: string | undefined, name: string): KObject | undefined {
    return this.objects[objectKey(gr, namespace, name)];
  }

  getByKey(key: ObjectKey): KObject | undefined {
    return this.objects[key];
  }

  /** Objects of one resource in etcd's key order (namespace, then name); `namespace` undefined = all. */
  list(gr: GroupResource, namespace?: string): KObject[] {
    const prefix = namespace === undefined ? `${gr.group}/${gr.resource}/` : `${gr.group}/${gr.resource}/${namespace}/`;
    const keys = Object.keys(this.objects).filter((k) => k.startsWith(prefix));
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return keys.map((k) => this.objects[k]);
  }

  /** Every key in the store (controllers scan owners across resources). */
  keys(): ObjectKey[] {
    return Object.keys(this.objects);
  }

  /** The next cluster-wide resourceVersion, as etcd's revision after a write. */
  nextResourceVersion(): string {
    this.state.resourceVersion += 1;
    return String(this.state.resourceVersion);
  }

  /** Writes `obj` at its key with a new resourceVersion; returns the stored object. */
  put(gr: GroupResource, obj: KObject): KObject {
    const key = objectKey(gr, obj.metadata.namespace, obj.metadata.name);
    const existed = key in this.objects;
    this.remember(key);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    this.objects[key] = obj;
    this.journal.add(key);
    this.record(key, existed ? "MODIFIED" : "ADDED", obj);
    return obj;
  }

  /** Removes the object at its key (the final delete, after finalizers). */
  remove(gr: GroupResource, namespace: string | undefined, name: string): KObject | undefined {
    const key = objectKey(gr, namespace, name);
    const old = this.objects[key];
    if (!old) return undefined;
    this.remember(key);
    delete this.objects[key];
    this.journal.add(key);
    // a DELETED event carries the object at the deletion's resourceVersion
    const last = { ...old, metadata: { ...old.metadata, resourceVersion: this.nextResourceVersion() } };
    this.record(key, "DELETED", last);
    return last;
  }

  /** Writes an object without an event or a new resourceVersion (building a fresh cluster, migrations). */
  seed(gr: GroupResource, obj: KObject): void {
    const key = objectKey(gr, obj.metadata.namespace, obj.metadata.name);
    this.objects[key] = obj;
    this.journal.add(key);
  }

  /** Keys written since the last drain (the per-command journal). */
  drainJournal(): ObjectKey[] {
    const keys = [...this.journal];
    this.journal = new Set();
    return keys;
  }

  // --- transactions: the request path and kubectl wrap multi-object work so an exception leaves nothing half-done

  begin(): void {
    if (!this.txn) this.txn = { saved: new Map(), rv: this.state.resourceVersion, log: this.watchLog.length };
  }

  commit(): void {
    this.txn = null;
  }

  rollback(): void {
    const t = this.txn;
    if (!t) return;
    for (const [key, old] of t.saved) {
      if (old) this.objects[key] = old;
      else delete this.objects[key];
    }
    this.state.resourceVersion = t.rv;
    this.watchLog.splice(t.log);
    this.txn = null;
  }

  private remember(key: ObjectKey): void {
    if (this.txn && !this.txn.saved.has(key)) this.txn.saved.set(key, this.objects[key]);
  }

  // --- watch

  private record(key: ObjectKey, type: WatchEvent["type"], object: KObject): void {
    this.watchLog.push({ rv: Number(object.metadata.resourceVersion), key, type, object });
    if (this.watchLog.length > WATCH_LOG_SIZE) this.watchLog.splice(0, this.watchLog.length - WATCH_LOG_SIZE);
  }

  /** Events after `sinceRv` whose key passes `filter`, oldest first; undefined when `sinceRv` is older than the log keeps. */
  eventsSince(sinceRv: number, filter: (key: ObjectKey) => boolean): WatchRecord[] | undefined {
    const oldest = this.watchLog.length ? this.watchLog[0].rv : this.state.resourceVersion + 1;
    if (this.watchLog.length && sinceRv < oldest - 1 && this.watchLog.length >= WATCH_LOG_SIZE) return undefined;
    return this.watchLog.filter((e) => e.rv > sinceRv && filter(e.key));
  }
}

const stores = new WeakMap<StoreState, { objects: StoreState["objects"]; store: ObjectStore }>();

/**
 * The store of a cluster state. One per state object, so the journal and watch log survive across
 * commands; rebuilt if something replaced `state.objects` wholesale (a rolled-back command).
 */
/** A copy of a state that shares its objects (a shell on another node, nodes/node-view.ts) uses the original's store, journal and revision. */
export function aliasStore(view: StoreState, original: StoreState): void {
  stores.set(view, { objects: view.objects, store: storeFor(original) });
}

export function storeFor(state: StoreState): ObjectStore {
  const hit = stores.get(state);
  if (hit && hit.objects === state.objects) return hit.store;
  const store = new ObjectStore(state);
  stores.set(state, { objects: state.objects, store });
  return store;
}
