/**
 * The three-way strategic merge patch `kubectl apply` sends (CreateThreeWayMergePatch in
 * staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go): the changes and additions
 * from the live object to the new manifest (deletions ignored), merged with the deletions from
 * the last applied manifest to the new one. Lists with a merge key lose removed items through
 * `{"$patch":"delete", <key>: <value>}`, primitive merge lists through
 * `$deleteFromPrimitiveList/<field>`, and every merged list that changed carries its
 * `$setElementOrder/<field>`. An empty result is the `{}` after which apply says "unchanged".
 */
import type { Json } from "../types";
import { listStrategy, mapRetainKeys } from "./merge-keys";

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

interface DiffOptions {
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  /** the field holding these maps has patchStrategy retainKeys */
  buildRetainKeys?: boolean;
}

/** reflect.TypeOf of a decoded JSON value (util/json decodes integral numbers as int64) */
function goType(v: Json): string {
  if (v === null) return "nil";
  if (Array.isArray(v)) return "slice";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  return typeof v;
}

/** reflect.DeepEqual on decoded JSON: key order does not matter */
function deepEqual(a: Json, b: Json): boolean {
  if (goType(a) !== goType(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return a === b;
}

/** fmt.Sprintf("%v") of a merge key's value, by which diffListsOfMaps matches items */
const keyString = (v: Json | undefined): string =>
  v === undefined || v === null ? "<nil>" : typeof v === "object" ? JSON.stringify(v) : String(v);

function diffMaps(kind: string, path: string, original: Obj, modified: Obj, o: DiffOptions): Obj {
  const patch: Obj = {};
  const retainKeys: string[] = [];
  for (const [key, mv] of Object.entries(modified)) {
    if (o.buildRetainKeys && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === "$patch") {
      if (ov !== mv) patch[key] = mv;
      continue;
    }
    if (goType(ov) !== goType(mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const p = path ? `${path}.${key}` : key;
    if (isObj(ov) && isObj(mv)) {
      const sub = diffMaps(kind, p, ov, mv, { ...o, buildRetainKeys: mapRetainKeys(kind, p) });
      if (Object.keys(sub).length) patch[key] = sub;
    } else if (Array.isArray(ov) && Array.isArray(mv)) {
      diffSlices(kind, p, key, ov, mv, patch, o);
    } else if (!o.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
  }
  if (!o.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const additionalField = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retainKeys.length && (Object.keys(patch).length || additionalField)) patch.$retainKeys = retainKeys.sort();
  return patch;
}

/** handleSliceDiff: merge lists become item patches and directives; other lists are replaced whole */
function diffSlices(kind: string, path: string, key: string, original: Json[], modified: Json[], patch: Obj, o: DiffOptions): void {
  const strategy = listStrategy(kind, path);
  if (!strategy) {
    if (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const opts = { ...o, buildRetainKeys: strategy.retainKeys ?? false };
  if (!original.length) {
    if (modified.length && !o.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  let items: Json[];
  const deletions: Json[] = [];
  let order: Json[] = [];
  if (strategy.key && (isObj(original[0]) || isObj(modified[0]))) {
    const mergeKey = strategy.key;
    items = diffListsOfMaps(kind, path, original, modified, mergeKey, opts);
    const sameOrder =
      original.length === modified.length &&
      original.every((x, i) => isObj(x) && isObj(modified[i]) && x[mergeKey] === modified[i][mergeKey]);
    if ((!o.ignoreChangesAndAdditions && (items.length || !sameOrder)) || (!o.ignoreDeletions && items.length))
      order = modified.map((v) => ({ [mergeKey]: isObj(v) ? (v[mergeKey] ?? null) : null }));
  } else {
    const has = (list: Json[], v: Json) => list.some((x) => keyString(x) === keyString(v));
    items = o.ignoreChangesAndAdditions ? [] : modified.filter((v) => !has(original, v));
    if (!o.ignoreDeletions)
      for (const v of [...original].sort((a, b) => (keyString(a) < keyString(b) ? -1 : 1)))
        if (!has(modified, v) && !has(deletions, v)) deletions.push(v);
    if ((!o.ignoreDeletions && deletions.length) || (!o.ignoreChangesAndAdditions && !deepEqual(original, modified))) order = modified;
  }
  if (items.length) patch[key] = items;
  if (deletions.length) patch[`$deleteFromPrimitiveList/${key}`] = deletions;
  if (order.length) patch[`$setElementOrder/${key}`] = order;
}

/** diffListsOfMaps: item patches in the manifest's order, then the deletion directives by key */
function diffListsOfMaps(kind: string, path: string, original: Json[], modified: Json[], mergeKey: string, o: DiffOptions): Json[] {
  const key = (x: Json) => keyString(isObj(x) ? x[mergeKey] : undefined);
  const changes: Json[] = [];
  for (const item of modified) {
    if (!isObj(item)) continue;
    const was = original.find((x) => key(x) === key(item));
    if (isObj(was)) {
      const sub = diffMaps(kind, path, was, item, o);
      if (Object.keys(sub).length) changes.push({ ...sub, [mergeKey]: item[mergeKey] ?? null });
    } else if (!o.ignoreChangesAndAdditions) changes.push(item);
  }
  const deletions: Json[] = [];
  if (!o.ignoreDeletions)
    for (const item of [...original].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)))
      if (isObj(item) && !modified.some((x) => key(x) === key(item)))
        deletions.push({ [mergeKey]: item[mergeKey] ?? null, $patch: "delete" });
  return [...changes, ...deletions];
}

/**
 * mergeMap with MergeOptions{} as CreateThreeWayMergePatch calls it: the additive delta merged
 * into the deletions, both being patches (directives kept, nulls kept).
 */
function mergePatches(kind: string, path: string, deletions: Obj, delta: Obj): Obj {
  const out: Obj = { ...deletions };
  for (const [k, v] of Object.entries(delta)) {
    const cur = out[k];
    const p = path ? `${path}.${k}` : k;
    if (isObj(cur) && isObj(v)) out[k] = mergePatches(kind, p, cur, v);
    else if (Array.isArray(cur) && Array.isArray(v) && !k.startsWith("$")) {
      const mergeKey = listStrategy(kind, p)?.key;
      if (!mergeKey) out[k] = v;
      else out[k] = mergeItemPatches(kind, p, mergeKey, cur, v, delta[`$setElementOrder/${k}`] ?? deletions[`$setElementOrder/${k}`]);
    } else out[k] = v;
  }
  return out;
}

/**
 * Two patches of one merge list (mergePatchIntoOriginal, then normalizeElementOrder): items of
 * one key merge, the items follow `$setElementOrder` (the manifest's order) and the deletion
 * directives come last.
 */
function mergeItemPatches(kind: string, path: string, mergeKey: string, deletions: Json[], delta: Json[], order: Json | undefined): Json[] {
  const keyOf = (x: Json) => keyString(isObj(x) ? x[mergeKey] : undefined);
  const merged: Json[] = delta.map((item) => {
    const same = deletions.find((x) => keyOf(x) === keyOf(item));
    return isObj(same) && isObj(item) && same.$patch !== "delete" ? mergePatches(kind, path, same, item) : item;
  });
  for (const x of deletions) if (!delta.some((y) => keyOf(y) === keyOf(x))) merged.push(x);
  const rank = (x: Json) => (Array.isArray(order) ? order.findIndex((o) => keyOf(o) === keyOf(x)) : -1);
  const isDelete = (x: Json) => isObj(x) && x.$patch === "delete";
  const kept = merged.filter((x) => !isDelete(x));
  const ordered = kept.every((x) => rank(x) >= 0) ? [...kept].sort((a, b) => rank(a) - rank(b)) : kept;
  return [...ordered, ...merged.filter(isDelete)];
}

/**
 * The patch apply sends: `original` is the last applied manifest ({} when there is none),
 * `modified` the new manifest with its new annotation, `current` the live object.
 */
export function threeWayPatch(kind: string, original: Json, modified: Json, current: Json): Obj {
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  const c = isObj(current) ? current : {};
  const delta = diffMaps(kind, "", c, m, { ignoreDeletions: true });
  const deletions = diffMaps(kind, "", o, m, { ignoreChangesAndAdditions: true });
  return mergePatches(kind, "", deletions, delta);
}
