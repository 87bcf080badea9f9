/**
 * Validation and migration of saved states. A saved state comes from our own database, but a
 * corrupted or hand-edited row must fail loudly at restore, not deep inside a command later.
 */
import { hostsProblem } from "../nodes/hosts";
import type { ClusterState } from "../types";
import { shellExtrasProblem } from "../shell/state";
import { STATE_VERSION } from "./base-state";
import { upgradeBaseline } from "../cluster/baseline";
import { migrateV1 } from "./migrations/v1-to-v2";
import { isPacked, unpack } from "./pack";
import { editorForCommand, restoreEditorState } from "../editor";
import { timelineProblem } from "../time/timeline";
import { storedLogsProblem } from "../kubelet/stored-logs";
import { nodeVolumesProblem } from "../controllers/persistentvolume/volume-data";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Older versions upgrade step by step. */
const MIGRATIONS: Record<number, (s: Record<string, unknown>) => Record<string, unknown>> = {
  1: migrateV1,
};

/** Brings a saved state of an older version up to date, in place (applyDelta meets old snapshots). */
export function migrateInPlace(s: Record<string, unknown>): void {
  let cur = s;
  for (let v = cur.version; typeof v === "number" && v < STATE_VERSION; v = cur.version) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`invalid cluster state: no migration from version ${v}`);
    cur = step(cur);
  }
  if (cur !== s) {
    for (const k of Object.keys(s)) delete s[k];
    Object.assign(s, cur);
  }
}

export function migrateAndValidate(saved: unknown): ClusterState {
  if (!isObj(saved)) throw new Error("invalid cluster state: not an object");
  let s = structuredClone(saved);
  if (isPacked(s)) {
    if (!isObj(s.fs) || !Array.isArray(s.pems) || !isObj(s.objects) || !Array.isArray(s.removedObjects))
      throw new Error("invalid cluster state: bad packed fs, pems or objects");
    s = unpack(s) as unknown as Record<string, unknown>;
  }
  if (typeof s.version !== "number" || !Number.isInteger(s.version) || s.version < 1)
    throw new Error("invalid cluster state: missing or bad version");
  if (s.version > STATE_VERSION)
    throw new Error(`invalid cluster state: version ${s.version} is newer than this simulator (${STATE_VERSION})`);
  for (let v = s.version; v < STATE_VERSION; v = s.version as number) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`invalid cluster state: no migration from version ${v}`);
    s = step(s);
  }
  // a baseline of an older generator: what the newer one adds joins the restored cluster
  if (isObj(s.baseline) && isObj(s.objects) && isObj(s.config)) upgradeBaseline(s as unknown as ClusterState);
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(isObj(s.config), "config");
  need(typeof s.createdAt === "number" && Number.isFinite(s.createdAt), "createdAt");
  need(typeof s.clockOffsetMs === "number" && Number.isFinite(s.clockOffsetMs), "clockOffsetMs");
  need(Array.isArray(s.rng) && s.rng.length === 4 && s.rng.every((n) => Number.isInteger(n)), "rng");
  need(typeof s.resourceVersion === "number", "resourceVersion");
  need(isObj(s.fs) && isObj(s.fs["/"]), "fs");
  if (isObj(s.fs)) {
    for (const [path, n] of Object.entries(s.fs)) {
      const valid =
        path.startsWith("/") &&
        isObj(n) &&
        typeof n.mode === "number" &&
        typeof n.mtime === "number" &&
        (n.type === "dir" || (n.type === "file" && typeof n.content === "string"));
      if (!valid) {
        problems.push(`fs entry ${JSON.stringify(path.slice(0, 80))}`);
        break;
      }
    }
  }
  const sh = s.shell;
  need(
    isObj(sh) && typeof sh.cwd === "string" && isObj(sh.env) && Array.isArray(sh.history) && typeof sh.lastExitCode === "number",
    "shell",
  );
  if (isObj(sh) && isObj(sh.env))
    need(
      Object.values(sh.env).every((v) => typeof v === "string"),
      "shell.env",
    );
  const extra = isObj(sh) ? shellExtrasProblem(sh) : undefined;
  if (extra) problems.push(extra);
  const tp = timelineProblem(s.timeline);
  if (tp) problems.push(tp);
  const lp = storedLogsProblem(s.containerLogs);
  if (lp) problems.push(lp);
  const hp = hostsProblem(s.hosts);
  if (hp) problems.push(hp);
  const vp = nodeVolumesProblem(s.nodeVolumes);
  if (vp) problems.push(vp);
  const o = s.objects;
  need(isObj(o), "objects");
  if (isObj(o)) {
    for (const [key, v] of Object.entries(o)) {
      const m = isObj(v) ? v.metadata : undefined;
      const valid =
        key.split("/").length >= 4 &&
        isObj(v) &&
        typeof v.apiVersion === "string" &&
        typeof v.kind === "string" &&
        isObj(m) &&
        typeof m.name === "string";
      if (!valid) {
        problems.push(`object ${JSON.stringify(key.slice(0, 80))}`);
        break;
      }
    }
  }
  if (s.editor !== undefined) s.editor = restoreOpenEditor(s.editor);
  if (problems.length) throw new Error(`invalid cluster state: bad ${problems.join(", ")}`);
  return s as unknown as ClusterState;
}

/** The editor that held the terminal when the state was saved: checked like the rest, ready to draw again. */
function restoreOpenEditor(e: unknown): ClusterState["editor"] {
  const launch = isObj(e) ? e.launch : undefined;
  const resume = isObj(launch) ? launch.resume : undefined;
  const valid =
    isObj(launch) &&
    typeof launch.program === "string" &&
    editorForCommand(launch.program) === launch.program &&
    (launch.file === null || typeof launch.file === "string") &&
    (launch.startLine === undefined || typeof launch.startLine === "number") &&
    (resume === null || (isObj(resume) && resume.handler === "kubectl-edit"));
  if (!valid || !isObj(e)) throw new Error("invalid cluster state: bad editor");
  return { state: restoreEditorState(e.state), launch: launch as unknown as NonNullable<ClusterState["editor"]>["launch"] };
}
