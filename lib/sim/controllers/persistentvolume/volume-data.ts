/**
 * Where the data of hostPath and local-path volumes lives: ClusterState.nodeVolumes, node name →
 * absolute path on that node → file content. It is the node's disk, not the pod's, so files
 * written through a mount outlive the pod, are seen by every pod mounting the same directory on
 * the same node, and are gone only when the provisioner deletes the volume's directory. It is a
 * field of its own rather than the control plane's VFS (state.fs) because most pods run on the
 * workers, whose disks the control plane's shell must not show; it is plain JSON, saved whole
 * with each change (sim-engine.ts) and bounded by LIMITS.maxVolumeBytes and maxVolumeFiles.
 * Every write replaces the map, which is how the engine notices a change.
 */
import { LIMITS } from "../../core/limits";
import type { ClusterState } from "../../types";
import type { PV } from "./match";

export type NodeFiles = Record<string, string>;

const under = (path: string, root: string) => path === root || path.startsWith(root === "/" ? "/" : `${root}/`);

/** The files under `root` on `node`, by path relative to root. */
export function filesUnder(state: Pick<ClusterState, "nodeVolumes">, node: string, root: string): NodeFiles {
  const out: NodeFiles = {};
  for (const [p, content] of Object.entries(state.nodeVolumes?.[node] ?? {}))
    if (p !== root && under(p, root)) out[p.slice(root === "/" ? 1 : root.length + 1)] = content;
  return out;
}

/** Replaces what is under `root` on `node` with `files` (relative paths); false when the bounds would be passed. */
export function replaceUnder(state: ClusterState, node: string, root: string, files: NodeFiles): boolean {
  const all = structuredClone(state.nodeVolumes ?? {});
  const mine = Object.fromEntries(Object.entries(all[node] ?? {}).filter(([p]) => !under(p, root)));
  for (const [rel, content] of Object.entries(files)) mine[`${root === "/" ? "" : root}/${rel}`] = content;
  all[node] = mine;
  if (!Object.keys(mine).length) delete all[node];
  const entries = Object.values(all).flatMap((n) => Object.values(n));
  const bytes = entries.reduce((a, c) => a + Buffer.byteLength(c), 0);
  if (entries.length > LIMITS.maxVolumeFiles || bytes > LIMITS.maxVolumeBytes) return false;
  if (JSON.stringify(all) === JSON.stringify(state.nodeVolumes ?? {})) return true;
  if (Object.keys(all).length) state.nodeVolumes = all;
  else delete state.nodeVolumes;
  return true;
}

/** The node and directory a volume's data is in: its path and the node its affinity pins it to (none: every node has its own). */
export function volumeHostPath(pv: PV): string | undefined {
  return pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
}

/** A deleted volume's directory goes with it, on every node (the provisioner's helper pod, hostPath's deleter). */
export function removeVolumeData(state: ClusterState, pv: PV): void {
  const root = volumeHostPath(pv);
  if (!root) return;
  for (const node of Object.keys(state.nodeVolumes ?? {})) replaceUnder(state, node, root, {});
}

/** Why a saved state's volume files are unusable, or undefined when they are fine (core/state-schema.ts). */
export function nodeVolumesProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const isMap = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (!isMap(v)) return "nodeVolumes";
  let files = 0;
  let bytes = 0;
  for (const [node, dir] of Object.entries(v)) {
    if (!isMap(dir)) return `nodeVolumes entry ${JSON.stringify(node.slice(0, 80))}`;
    for (const [path, content] of Object.entries(dir)) {
      if (!path.startsWith("/") || typeof content !== "string") return `nodeVolumes file ${JSON.stringify(path.slice(0, 80))}`;
      files++;
      bytes += Buffer.byteLength(content);
    }
  }
  if (files > LIMITS.maxVolumeFiles || bytes > LIMITS.maxVolumeBytes) return "nodeVolumes (over the volume limits)";
  return undefined;
}
