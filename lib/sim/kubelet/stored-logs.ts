/**
 * The few container log lines that are not derived from the container's program (program.ts) but
 * caused by something else that happened: the access-log line nginx writes for each request it
 * serves, and the output of a network tool that a container runs as its main process (its result
 * depends on the cluster at the moment it ran, so it cannot be recomputed later). Kept in the
 * cluster state per container (pod uid and container name), the last MAX_LINES_PER_CONTAINER
 * lines of each, for at most MAX_CONTAINERS containers; logs.ts merges them with the program's.
 */
import type { ClusterState, StoredLogLine } from "../types";

export const MAX_LINES_PER_CONTAINER = 200;
export const MAX_CONTAINERS = 100;

export const storedLogKey = (podUid: string, container: string) => `${podUid}/${container}`;

/** Appends lines to a container's stored log, dropping the oldest lines and the least recently written containers past the bounds. */
export function appendStoredLog(state: ClusterState, podUid: string, container: string, lines: StoredLogLine[]): void {
  if (!lines.length) return;
  const all = (state.containerLogs ??= {});
  const key = storedLogKey(podUid, container);
  const next = [...(all[key] ?? []), ...lines].slice(-MAX_LINES_PER_CONTAINER);
  // re-inserted last: the object's key order is the order of the latest writes
  delete all[key];
  all[key] = next;
  const keys = Object.keys(all);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_CONTAINERS))) delete all[k];
}

export function storedLog(state: Pick<ClusterState, "containerLogs">, podUid: string, container: string): StoredLogLine[] {
  return state.containerLogs?.[storedLogKey(podUid, container)] ?? [];
}

/** Why a saved state's stored logs are unusable, or undefined when they are fine (core/state-schema.ts). */
export function storedLogsProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "containerLogs";
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > MAX_CONTAINERS) return "containerLogs (too many containers)";
  for (const [key, lines] of entries) {
    const ok =
      key.includes("/") &&
      Array.isArray(lines) &&
      lines.length <= MAX_LINES_PER_CONTAINER &&
      lines.every(
        (l: unknown) =>
          typeof l === "object" &&
          l !== null &&
          typeof (l as StoredLogLine).at === "number" &&
          typeof (l as StoredLogLine).text === "string",
      );
    if (!ok) return `containerLogs entry ${JSON.stringify(key.slice(0, 80))}`;
  }
  return undefined;
}
