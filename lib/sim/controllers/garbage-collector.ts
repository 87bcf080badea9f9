/**
 * The garbage collector (pkg/controller/garbagecollector): dependents whose owners are all gone
 * are deleted (background cascade); an owner being deleted in the foreground waits for its
 * blocking dependents to go, then loses its foregroundDeletion finalizer; an owner deleted with
 * orphan propagation has its ownerReferences removed from its dependents, then loses its orphan
 * finalizer. An object whose last finalizer goes, while it has a deletionTimestamp, is removed.
 */
import { parseKey } from "../api/store";
import type { KObject } from "../api/types";
import type { Controller, ControllerEnv } from "./types";

function grOf(key: string) {
  const k = parseKey(key);
  return { gr: { group: k.group, resource: k.resource }, namespace: k.namespace || undefined, name: k.name };
}

function dropFinalizer(env: ControllerEnv, key: string, o: KObject, finalizer: string): void {
  const { gr, namespace, name } = grOf(key);
  const finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (!finalizers.length && o.metadata.deletionTimestamp && gr.resource !== "namespaces") {
    env.api.store.remove(gr, namespace, name);
    return;
  }
  const next = structuredClone(o);
  if (finalizers.length) next.metadata.finalizers = finalizers;
  else delete next.metadata.finalizers;
  env.api.store.put(gr, next);
}

export const garbageCollector: Controller = {
  name: "garbage-collector",
  // deletions, objects being deleted, and new dependents (whose owner may already be gone)
  relevant: (r) =>
    r.type === "DELETED" || !!r.object.metadata.deletionTimestamp || (r.type === "ADDED" && !!r.object.metadata.ownerReferences?.length),
  reconcile(env) {
    const store = env.api.store;
    const byUid = new Map<string, { key: string; obj: KObject }>();
    for (const key of store.keys()) {
      const o = store.getByKey(key);
      if (o) byUid.set(o.metadata.uid, { key, obj: o });
    }
    const dependents = (uid: string) =>
      [...byUid.values()].filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
    let changed = false;
    for (const { key } of [...byUid.values()]) {
      // earlier steps of this round may have changed the object (an orphaned dependent lost its owner reference)
      const obj = store.getByKey(key);
      if (!obj) continue;
      const fin = obj.metadata.finalizers ?? [];
      if (obj.metadata.deletionTimestamp && fin.includes("orphan")) {
        for (const d of dependents(obj.metadata.uid)) {
          const next = structuredClone(d.obj);
          next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid);
          if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
          store.put(grOf(d.key).gr, next);
        }
        dropFinalizer(env, key, obj, "orphan");
        changed = true;
        continue;
      }
      if (obj.metadata.deletionTimestamp && fin.includes("foregroundDeletion")) {
        const deps = dependents(obj.metadata.uid);
        for (const d of deps) {
          if (d.obj.metadata.deletionTimestamp) continue;
          const g = grOf(d.key);
          const hasFinalizers = (d.obj.metadata.finalizers ?? []).length > 0;
          // dependents are deleted in the foreground too, so grandchildren go first
          const next = structuredClone(d.obj);
          next.metadata.deletionTimestamp = obj.metadata.deletionTimestamp;
          next.metadata.deletionGracePeriodSeconds = 0;
          next.metadata.finalizers = [...(d.obj.metadata.finalizers ?? []), "foregroundDeletion"];
          if (!hasFinalizers && !dependents(d.obj.metadata.uid).length) store.remove(g.gr, g.namespace, g.name);
          else store.put(g.gr, next);
          changed = true;
        }
        if (
          !dependents(obj.metadata.uid).some(
            (d) =>
              (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === obj.metadata.uid && r.blockOwnerDeletion) &&
              store.getByKey(d.key),
          )
        ) {
          const cur = store.getByKey(key);
          if (cur) {
            dropFinalizer(env, key, cur, "foregroundDeletion");
            changed = true;
          }
        }
        continue;
      }
      const refs = obj.metadata.ownerReferences ?? [];
      if (
        refs.length &&
        !obj.metadata.deletionTimestamp &&
        refs.every((r) => !byUid.has(r.uid) || !store.getByKey(byUid.get(r.uid)?.key ?? ""))
      ) {
        const g = grOf(key);
        if ((obj.metadata.finalizers ?? []).length) {
          const next = structuredClone(obj);
          next.metadata.deletionTimestamp = new Date(Math.floor(env.now / 1000) * 1000).toISOString().replace(".000Z", "Z");
          store.put(g.gr, next);
        } else store.remove(g.gr, g.namespace, g.name);
        changed = true;
      }
    }
    return changed;
  },
};
