/**
 * Strategic merge patch (staging/src/k8s.io/apimachinery/pkg/util/strategicpatch): maps merge
 * recursively with null deleting a key; lists with a patch merge key merge item by item;
 * primitive lists with the merge strategy are unions; other lists are replaced. Directives:
 * `$patch: replace|delete|merge`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`
 * and `$retainKeys`.
 */
import type { Json } from "../types";
import { listStrategy } from "./merge-keys";

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function applyStrategicPatch(kind: string, original: Json, patch: Json): { ok: true; value: Json } | { ok: false; error: string } {
  if (!isObj(patch)) return { ok: false, error: "json: cannot unmarshal array into Go value of type map[string]interface {}" };
  try {
    return { ok: true, value: mergeMap(kind, "", isObj(original) ? original : {}, patch) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function mergeMap(kind: string, path: string, original: Obj, patch: Obj): Obj {
  if (patch.$patch === "replace") {
    const out = { ...patch };
    delete out.$patch;
    return structuredClone(out);
  }
  if (patch.$patch === "delete") return {};
  const out: Obj = structuredClone(original);
  const retain = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as string[]) : undefined;
  if (retain) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  for (const [k, v] of Object.entries(patch)) {
    if (k === "$patch" || k === "$retainKeys" || k.startsWith("$setElementOrder/")) continue;
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const field = k.slice("$deleteFromPrimitiveList/".length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.some((d) => JSON.stringify(d) === JSON.stringify(x)));
      continue;
    }
    const p = path ? `${path}.${k}` : k;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (isObj(v)) out[k] = mergeMap(kind, p, isObj(cur) ? cur : {}, v);
    else if (Array.isArray(v)) out[k] = mergeList(kind, p, Array.isArray(cur) ? cur : [], v, patch[`$setElementOrder/${k}`]);
    else out[k] = v;
  }
  return out;
}

function mergeList(kind: string, path: string, original: Json[], patch: Json[], order: Json | undefined): Json[] {
  const strategy = listStrategy(kind, path);
  if (!strategy) {
    // replace; a lone {$patch: replace} item means "replace with the rest"
    return structuredClone(patch.filter((x) => !(isObj(x) && x.$patch === "replace")));
  }
  if (patch.some((x) => isObj(x) && x.$patch === "replace"))
    return structuredClone(patch.filter((x) => !(isObj(x) && x.$patch === "replace")));
  if (!strategy.key) {
    // a primitive list merged as a set
    const out = [...original];
    for (const x of patch) if (!out.some((y) => JSON.stringify(y) === JSON.stringify(x))) out.push(x);
    return normalizeElementOrder(out, patch, original, (a, b) => JSON.stringify(a) === JSON.stringify(b));
  }
  const key = strategy.key;
  const out = structuredClone(original);
  for (const item of patch) {
    if (!isObj(item)) throw new Error(`merging an object in json but data type is not a map, got ${typeof item}`);
    if (!(key in item)) throw new Error(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`);
    const i = out.findIndex((o) => isObj(o) && JSON.stringify(o[key]) === JSON.stringify(item[key]));
    if (item.$patch === "delete") {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = mergeMap(kind, path, out[i] as Obj, item);
    else {
      const fresh = { ...item };
      delete fresh.$patch;
      out.push(mergeMap(kind, path, {}, fresh));
    }
  }
  if (Array.isArray(order)) {
    const rank = (o: Json) => order.findIndex((x) => isObj(x) && isObj(o) && JSON.stringify(x[key]) === JSON.stringify(o[key]));
    const known = out.filter((o) => rank(o) >= 0).sort((a, b) => rank(a) - rank(b));
    const rest = out.filter((o) => rank(o) < 0);
    return [...known, ...rest];
  }
  return normalizeElementOrder(out, patch, original, (a, b) => isObj(a) && isObj(b) && JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/**
 * strategicpatch's mergeSlice ends with normalizeElementOrder (patch.go): the merged items the
 * patch names, in the patch's order, interleaved with the server-only items in the original's
 * order by mergeSortedSlice, which takes the patch's item whenever the two cannot both be placed by
 * the original's order. So a new item comes before the original ones: [a] patched with [b] is [b, a].
 */
function normalizeElementOrder(merged: Json[], patch: Json[], original: Json[], same: (a: Json, b: Json) => boolean): Json[] {
  const index = (list: Json[], x: Json) => list.findIndex((y) => same(x, y));
  const fromPatch = merged.filter((m) => index(patch, m) >= 0).sort((a, b) => index(patch, a) - index(patch, b));
  const serverOnly = merged.filter((m) => index(patch, m) < 0).sort((a, b) => index(original, a) - index(original, b));
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (j >= fromPatch.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(fromPatch[j++]);
    else {
      const li = index(original, serverOnly[i]);
      const ri = index(original, fromPatch[j]);
      out.push(li >= 0 && ri >= 0 && li < ri ? serverOnly[i++] : fromPatch[j++]);
    }
  }
  return out;
}
