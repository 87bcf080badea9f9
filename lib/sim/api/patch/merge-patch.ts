/** JSON Merge Patch (RFC 7386): objects merge recursively, null deletes, everything else replaces. */
import type { Json } from "../types";

export function applyMergePatch(target: Json, patch: Json): Json {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: { [k: string]: Json } = typeof target === "object" && target !== null && !Array.isArray(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k] ?? null, v);
  }
  return out;
}

/** The merge patch that turns `from` into `to` (jsonmergepatch.CreateThreeWayJSONMergePatch's two-way part). */
export function createMergePatch(from: Json, to: Json): Json | undefined {
  const isObj = (v: Json): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObj(from) || !isObj(to)) return JSON.stringify(from) === JSON.stringify(to) ? undefined : to;
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(from)) if (!(k in to)) out[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (!(k in from)) out[k] = v;
    else {
      const d = createMergePatch(from[k], v);
      if (d !== undefined) out[k] = d;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
