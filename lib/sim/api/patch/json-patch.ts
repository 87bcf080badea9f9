/**
 * JSON Patch (RFC 6902) as the apiserver applies it (github.com/evanphx/json-patch): add, remove,
 * replace, move, copy, test; errors worded as that library's.
 */
import type { Json } from "../types";

export type PatchResult = { ok: true; value: Json } | { ok: false; error: string };

type Container = Json[] | { [k: string]: Json };

function unescape(seg: string): string {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}

function parsePointer(path: string): string[] | undefined {
  if (path === "") return [];
  if (!path.startsWith("/")) return undefined;
  return path.slice(1).split("/").map(unescape);
}

function isContainer(v: Json | undefined): v is Container {
  return typeof v === "object" && v !== null;
}

/** The parent container of the pointer's last segment. */
function parent(doc: Json, segs: string[]): { c: Container; key: string } | undefined {
  let cur: Json = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(s);
      if (!/^\d+$/.test(s) || i >= cur.length) return undefined;
      cur = cur[i];
    } else if (isContainer(cur)) {
      if (!(s in cur)) return undefined;
      cur = cur[s];
    } else return undefined;
  }
  return isContainer(cur) ? { c: cur, key: segs[segs.length - 1] } : undefined;
}

function get(doc: Json, segs: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(s) ? cur[Number(s)] : undefined;
    else if (isContainer(cur)) cur = Object.prototype.hasOwnProperty.call(cur, s) ? cur[s] : undefined;
    else return undefined;
  }
  return cur;
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function applyJsonPatch(doc: Json, ops: unknown): PatchResult {
  if (!Array.isArray(ops)) return { ok: false, error: "json: cannot unmarshal object into Go value of type jsonpatch.Patch" };
  let root: Json = structuredClone(doc);
  for (const raw of ops as Record<string, unknown>[]) {
    const op = typeof raw?.op === "string" ? raw.op : "";
    const path = typeof raw?.path === "string" ? raw.path : undefined;
    if (path === undefined) return { ok: false, error: `Unable to parse path: missing path` };
    const segs = parsePointer(path);
    if (!segs) return { ok: false, error: `doc is missing path: "${path}": missing value` };
    const value = raw.value as Json;
    const add = (target: string[], v: Json): string | undefined => {
      if (!target.length) {
        root = v;
        return undefined;
      }
      const p = parent(root, target);
      if (!p) return `add operation does not apply: doc is missing path: "${path}": missing value`;
      const c = p.c;
      if (Array.isArray(c)) {
        const i = p.key === "-" ? c.length : Number(p.key);
        if (!/^\d+$|^-$/.test(p.key) || i > c.length) return `add operation does not apply: doc is missing path: "${path}": missing value`;
        c.splice(i, 0, v);
      } else c[p.key] = v;
      return undefined;
    };
    const remove = (target: string[]): string | undefined => {
      const p = parent(root, target);
      const missing = `remove operation does not apply: doc is missing path: "${path}": missing value`;
      if (!p) return missing;
      const c = p.c;
      if (Array.isArray(c)) {
        const i = Number(p.key);
        if (!/^\d+$/.test(p.key) || i >= c.length) return missing;
        c.splice(i, 1);
        return undefined;
      }
      if (!(p.key in c)) return missing;
      delete c[p.key];
      return undefined;
    };
    let err: string | undefined;
    switch (op) {
      case "add":
        err = add(segs, structuredClone(value));
        break;
      case "remove":
        err = remove(segs);
        break;
      case "replace": {
        if (!segs.length) {
          root = structuredClone(value);
          break;
        }
        if (get(root, segs) === undefined) {
          err = `replace operation does not apply: doc is missing key: ${path}: missing value`;
          break;
        }
        const p = parent(root, segs);
        if (!p) break;
        const c = p.c;
        if (Array.isArray(c)) c[Number(p.key)] = structuredClone(value);
        else c[p.key] = structuredClone(value);
        break;
      }
      case "move":
      case "copy": {
        const from = typeof raw.from === "string" ? parsePointer(raw.from) : undefined;
        const v = from ? get(root, from) : undefined;
        if (!from || v === undefined) {
          err = `${op} operation does not apply: doc is missing from path: ${String(raw.from)}: missing value`;
          break;
        }
        if (op === "move") remove(from);
        err = add(segs, structuredClone(v));
        break;
      }
      case "test":
        if (!equal(get(root, segs), value)) err = `testing value ${path} failed: test failed`;
        break;
      default:
        err = `Unexpected kind: ${op}`;
    }
    if (err) return { ok: false, error: err };
  }
  return { ok: true, value: root };
}
