/**
 * The saved form of a cluster state (what Simulator.serialize() returns and the database keeps).
 * It stores what cannot be recomputed, once:
 *  - objects: only those that differ from the deterministic baseline (cluster/baseline.ts), plus
 *    the keys of baseline objects that were deleted;
 *  - files: generated files (base state, static pod manifests) as a marker; a file identical to an
 *    earlier one as a reference to it; PEM blocks, and base64-encoded PEM in kubeconfigs' *-data
 *    fields, as references into one table of distinct PEM texts. Every file reads back
 *    byte-identical: a file whose packing does not round-trip is stored as it is.
 * unpack() restores the live state; applyDelta() can apply deltas to a packed state directly.
 */
import type { KObject } from "../api/types";
import { baselineOf } from "../cluster/baseline";
import type { ClusterState, FsNode } from "../types";
import { createBaseState } from "./base-state";

/** A file as saved: text, a reference, or parts (text and PEM references: n = PEM n, -(n+1) = base64 of PEM n). */
export type PackedFile =
  | { type: "file"; mode: number; mtime?: number; content: string }
  | { type: "file"; mode: number; mtime?: number; generated: true }
  | { type: "file"; mode: number; mtime?: number; same: string }
  | { type: "file"; mode: number; mtime?: number; parts: (string | number)[] };
export type PackedNode = PackedFile | { type: "dir"; mode: number; mtime?: number };

export interface PackedState extends Omit<ClusterState, "fs" | "objects"> {
  packed: 1;
  fs: Record<string, PackedNode>;
  /** distinct PEM texts the files refer to */
  pems: string[];
  /** objects that differ from the baseline (all objects when there is none) */
  objects: Record<string, KObject>;
  /** baseline objects that were deleted */
  removedObjects: string[];
  /** baseline.caPem and baseline.frontProxyCaPem as PEM table references, when they are there */
  baselinePems?: [number, number];
}

export function isPacked(s: unknown): s is PackedState {
  return !!s && typeof s === "object" && (s as { packed?: unknown }).packed === 1;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\n(?:[A-Za-z0-9+/=]+\n)+-----END \1-----\n/g;
const B64_DATA = /(-data: )([A-Za-z0-9+/]+={0,2})(?=\n)/g;

/** The files a fresh cluster of this config writes without randomness. */
function generatedFiles(state: Pick<ClusterState, "config" | "createdAt" | "baseline">): Record<string, string> {
  const base = createBaseState(state.config, { createdAt: state.createdAt, seed: 0 });
  const out: Record<string, string> = {};
  for (const [p, n] of Object.entries(base.fs)) if (n.type === "file") out[p] = n.content;
  if (state.baseline) Object.assign(out, baselineOf(state.config, state.createdAt, state.baseline).files);
  return out;
}

function baselineObjects(state: Pick<ClusterState, "config" | "createdAt" | "baseline">): Record<string, KObject> {
  return state.baseline ? baselineOf(state.config, state.createdAt, state.baseline).objects : {};
}

class PemTable {
  readonly pems: string[] = [];
  private readonly index = new Map<string, number>();
  ref(pem: string): number {
    let i = this.index.get(pem);
    if (i === undefined) {
      i = this.pems.length;
      this.pems.push(pem);
      this.index.set(pem, i);
    }
    return i;
  }
}

function splitFile(content: string, table: PemTable): (string | number)[] {
  const parts: (string | number)[] = [];
  let text = "";
  const flush = () => {
    if (text) parts.push(text);
    text = "";
  };
  // base64-encoded PEM (kubeconfig *-data fields) first, then PEM blocks in the remaining text
  let last = 0;
  for (const m of content.matchAll(B64_DATA)) {
    const decoded = Buffer.from(m[2], "base64").toString("utf8");
    const isPem =
      /^(-----BEGIN ([A-Z0-9 ]+)-----\n(?:[A-Za-z0-9+/=]+\n)+-----END \2-----\n)+$/.test(decoded) &&
      Buffer.from(decoded, "utf8").toString("base64") === m[2];
    if (!isPem) continue;
    const start = (m.index ?? 0) + m[1].length;
    text += content.slice(last, start);
    flush();
    parts.push(-(table.ref(decoded) + 1));
    last = start + m[2].length;
  }
  const rest = content.slice(last);
  let pos = 0;
  for (const m of rest.matchAll(PEM_BLOCK)) {
    text += rest.slice(pos, m.index);
    flush();
    parts.push(table.ref(m[0]));
    pos = (m.index ?? 0) + m[0].length;
  }
  text += rest.slice(pos);
  flush();
  return parts;
}

function joinParts(parts: (string | number)[], pems: string[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p >= 0 ? pems[p] : Buffer.from(pems[-p - 1], "utf8").toString("base64"))).join("");
}

export function pack(state: ClusterState): PackedState {
  const table = new PemTable();
  const generated = generatedFiles(state);
  const seen = new Map<string, string>();
  const fs: Record<string, PackedNode> = {};
  for (const path of Object.keys(state.fs).sort()) {
    const n = state.fs[path];
    const mtime = n.mtime === state.createdAt ? {} : { mtime: n.mtime };
    if (n.type === "dir") {
      fs[path] = { type: "dir", mode: n.mode, ...mtime };
      continue;
    }
    const same = seen.get(n.content);
    if (generated[path] === n.content) fs[path] = { type: "file", mode: n.mode, ...mtime, generated: true };
    else if (same !== undefined) fs[path] = { type: "file", mode: n.mode, ...mtime, same };
    else {
      const parts = splitFile(n.content, table);
      const pemsSoFar = table.pems;
      fs[path] =
        parts.some((p) => typeof p === "number") && joinParts(parts, pemsSoFar) === n.content
          ? { type: "file", mode: n.mode, ...mtime, parts }
          : { type: "file", mode: n.mode, ...mtime, content: n.content };
      seen.set(n.content, path);
    }
  }
  const base = baselineObjects(state);
  const objects: Record<string, KObject> = {};
  for (const [k, o] of Object.entries(state.objects)) {
    const b = base[k];
    if (!b || JSON.stringify(b) !== JSON.stringify(o)) objects[k] = structuredClone(o);
  }
  const removedObjects = Object.keys(base).filter((k) => !(k in state.objects));
  const { fs: _fs, objects: _objects, ...rest } = structuredClone(state);
  const out: PackedState = { ...rest, packed: 1, fs, pems: table.pems, objects, removedObjects };
  if (state.baseline) {
    const i = table.pems.indexOf(state.baseline.caPem);
    const j = table.pems.indexOf(state.baseline.frontProxyCaPem);
    if (i >= 0 && j >= 0) {
      out.baselinePems = [i, j];
      out.baseline = { ...state.baseline, caPem: "", frontProxyCaPem: "" };
    }
  }
  return out;
}

export function unpack(p: PackedState): ClusterState {
  const { packed: _p, pems, removedObjects, baselinePems, fs: packedFs, objects: overlay, ...rest } = p;
  const state = rest as unknown as ClusterState;
  if (state.baseline && baselinePems)
    state.baseline = { ...state.baseline, caPem: pems[baselinePems[0]], frontProxyCaPem: pems[baselinePems[1]] };
  const generated = generatedFiles(state);
  const fs: Record<string, FsNode> = {};
  for (const path of Object.keys(packedFs).sort()) {
    const n = packedFs[path];
    const bad = () => new Error(`invalid cluster state: bad fs entry ${JSON.stringify(path.slice(0, 80))}`);
    if (!n || typeof n !== "object" || typeof n.mode !== "number" || (n.mtime !== undefined && typeof n.mtime !== "number")) throw bad();
    const mtime = n.mtime ?? state.createdAt;
    if (n.type === "dir") fs[path] = { type: "dir", mode: n.mode, mtime };
    else if (n.type !== "file") throw bad();
    else {
      let content: string;
      if ("content" in n && typeof n.content === "string") content = n.content;
      else if ("generated" in n) content = generated[path] ?? "";
      else if ("same" in n && typeof n.same === "string") content = (fs[n.same] as { content?: string } | undefined)?.content ?? "";
      else if (
        "parts" in n &&
        Array.isArray(n.parts) &&
        n.parts.every((x) => typeof x === "string" || (Number.isInteger(x) && pems[x >= 0 ? x : -x - 1] !== undefined))
      )
        content = joinParts(n.parts, pems);
      else throw bad();
      fs[path] = { type: "file", content, mode: n.mode, mtime };
    }
  }
  const objects: Record<string, KObject> = {};
  const base = baselineObjects(state);
  for (const [k, o] of Object.entries(base)) if (!removedObjects.includes(k)) objects[k] = structuredClone(o);
  for (const [k, o] of Object.entries(overlay)) objects[k] = o;
  return { ...state, fs, objects };
}
