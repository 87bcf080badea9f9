/**
 * Container logs, derived rather than stored: the container's program (program.ts) replayed from
 * the start time in its status up to its end (or now), with the time-dependent texts formatted at
 * the moment each line was written. Timestamps are the CRI log format's RFC 3339 with nanoseconds.
 */
import type { KObject } from "../api/types";
import type { Container, ContainerState, PodSpec, PodStatus } from "../kinds/pods/types";
import { clusterDns } from "./dns";
import { containerEnvironment, type ObjectGetter } from "./env";
import { IMAGES, parseImage } from "./images";

const NO_OBJECTS: ObjectGetter = () => undefined;
import { DATE_MARK, HTTPD_TIME_MARK, NGINX_TIME_MARK, programFor, type Program } from "./program";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export interface LogEntry {
  at: number;
  text: string;
  /** the line's place in its run (0 for the first line the run wrote): its timestamp's filler digits */
  seq: number;
}

/** Lines kept per container (the kubelet rotates at 10 MiB; an endless loop must not fill memory). */
const MAX_LINES = 10_000;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function render(text: string, ms: number): string {
  if (!text.includes("\u0001")) return text;
  const d = new Date(ms);
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return text
    .replaceAll(
      DATE_MARK,
      `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${hms} UTC ${d.getUTCFullYear()}`,
    )
    .replaceAll(NGINX_TIME_MARK, `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${hms}`)
    .replaceAll(
      HTTPD_TIME_MARK,
      `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms}.${String(d.getUTCMilliseconds()).padStart(3, "0")}000 ${d.getUTCFullYear()}]`,
    );
}

/** The program of the run that started at `startedAt` (epoch ms; it decides what its lookups found). */
export function programOf(pod: Pod, c: Container, get: ObjectGetter, startedAt?: number): Program | undefined {
  const image = IMAGES.get(parseImage(c.image ?? "").repository);
  if (!image) return undefined;
  // the environment as of now: a ConfigMap changed since the start shows its new values (the kubelet keeps the old ones)
  const resolved = containerEnvironment(pod, c, get);
  return programFor(image, c, {
    hostname: pod.metadata.name,
    podIP: pod.status?.podIP ?? "",
    env: resolved.ok ? resolved.env : {},
    dns: clusterDns(pod, get),
    ...(startedAt !== undefined ? { startedAt } : {}),
  });
}

/** The lines one run of the container wrote between `startedAt` and `until`. */
export function runLogs(pod: Pod, c: Container, run: { startedAt: number; until: number }, get: ObjectGetter = NO_OBJECTS): LogEntry[] {
  const program = programOf(pod, c, get, run.startedAt);
  if (!program) return [];
  const out: LogEntry[] = [];
  for (const [seq, l] of program.lines.entries()) {
    const at = run.startedAt + l.at;
    if (at <= run.until) out.push({ at, text: render(l.text, at), seq });
  }
  const loop = program.loop;
  if (loop && loop.lines.length) {
    const first = run.startedAt + loop.startMs;
    const iterations = Math.max(0, Math.floor((run.until - first) / loop.periodMs) + 1);
    const skip = Math.max(0, iterations - Math.ceil(MAX_LINES / loop.lines.length));
    for (let i = skip; i < iterations; i++) {
      for (const [j, l] of loop.lines.entries()) {
        const at = first + i * loop.periodMs + l.at;
        if (at <= run.until) out.push({ at, text: render(l.text, at), seq: program.lines.length + i * loop.lines.length + j });
      }
    }
  }
  // lines stored as they happened (stored-logs.ts: nginx's access log, a network tool's output), within this run
  const stored = (get.storedLogs?.(pod.metadata.uid ?? "", c.name) ?? []).filter((l) => l.at >= run.startedAt && l.at <= run.until);
  if (stored.length) {
    const base = program.lines.length + out.length;
    out.push(...stored.map((l, i) => ({ at: l.at, text: l.text, seq: base + i })));
    out.sort((a, b) => a.at - b.at);
  }
  return out.slice(-MAX_LINES);
}

/**
 * The kubelet's side of GET pods/NAME/log, once the apiserver has chosen the container and the pod
 * has a node: PodLogOptions as kuberuntime's NewLogOptions reads them
 * (pkg/kubelet/kuberuntime/logs/logs.go: since = max(now - sinceSeconds, sinceTime)).
 */
export interface KubeletLogOptions {
  container: string;
  previous: boolean;
  timestamps: boolean;
  /** earliest line time, epoch ms: lines written before it are skipped */
  since?: number;
  /** the last N lines (before `since` skips any); undefined: all */
  tailLines?: number;
  /** stop after this many bytes (timestamps included), possibly mid-line */
  limitBytes?: number;
}

/** Where a follower of one container's log stands: the run it reads, and what it has written. */
export interface LogCursor {
  uid: string;
  container: string;
  /** the followed run's start (RFC 3339, from its status): another value means it restarted */
  startedAt: string;
  /** written every line of the run up to this time */
  printedUntil: number;
  timestamps: boolean;
  /** bytes --limit-bytes still allows; undefined: no limit */
  bytesLeft?: number;
}

export type KubeletLog =
  | {
      ok: true;
      text: string;
      /** set when the run read is running: what a follower continues from */
      cursor?: LogCursor;
    }
  | { ok: false; message: string };

/** A container of the pod, regular or init, and its status. */
const containerOf = (pod: Pod, name: string) => [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === name);
const statusOf = (pod: Pod, name: string) =>
  [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === name);

type Run = { startedAt: number; until: number; running?: string };

function runOf(state: ContainerState | undefined, now: number): Run | undefined {
  if (state?.running?.startedAt) return { startedAt: Date.parse(state.running.startedAt), until: now, running: state.running.startedAt };
  const t = state?.terminated;
  // a finished run wrote everything its program writes (its timestamps are whole seconds, the program's offsets are not)
  if (t?.startedAt && t.reason !== "StartError") return { startedAt: Date.parse(t.startedAt), until: Infinity };
  return undefined;
}

/**
 * Which run GET containerLogs reads, or the kubelet's refusal (pkg/kubelet/kubelet_pods.go
 * validateContainerLogStatus). A container the kubelet has no status for yet is still being created.
 */
function chooseRun(pod: Pod, name: string, previous: boolean, now: number): Run | { message: string } | "empty" {
  const status = statusOf(pod, name);
  const podName = pod.metadata.name;
  const waiting = (why: string) => ({ message: `container "${name}" in pod "${podName}" is waiting to start: ${why}` });
  if (!status) return waiting(pod.spec.initContainers?.length ? "PodInitializing" : "ContainerCreating");
  const last = status.lastState?.terminated;
  const state = status.state;
  if (previous) return runOf(status.lastState, now) ?? { message: `previous terminated container "${name}" in pod "${podName}" not found` };
  if (state?.running) return runOf(state, now) ?? "empty";
  // a container that never started (StartError) wrote nothing; the run before it, if any, is what is read
  if (state?.terminated) return runOf(state, now) ?? (last ? (runOf(status.lastState, now) ?? "empty") : "empty");
  if (last) return runOf(status.lastState, now) ?? "empty";
  if (state?.waiting) {
    const reason = state.waiting.reason ?? "";
    if (reason === "ErrImagePull") return waiting("image can't be pulled");
    if (reason === "ImagePullBackOff") return waiting("trying and failing to pull image");
    return waiting(reason);
  }
  return { message: `container "${name}" in pod "${podName}" is waiting to start - no logs yet` };
}

/** One line as the kubelet writes it: with --timestamps, the CRI time first (kuberuntime/logs/logs.go timeFormatOut). */
const formatLine = (e: LogEntry, timestamps: boolean) => `${timestamps ? `${logTimestamp(e.at, e.seq)} ` : ""}${e.text}\n`;

/** Cuts `text` to what --limit-bytes leaves (the kubelet's LogWriter stops mid-line). */
function limited(text: string, bytesLeft: number | undefined): { text: string; bytesLeft?: number } {
  if (bytesLeft === undefined) return { text };
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= bytesLeft) return { text, bytesLeft: bytesLeft - bytes.length };
  return { text: bytes.subarray(0, bytesLeft).toString("utf8"), bytesLeft: 0 };
}

/**
 * GET /containerLogs/NS/POD/CONTAINER at `now`: the kubelet's text for one container with its
 * options. The terminal's `kubectl logs` and the HTTP pods/log route both read logs through here.
 */
export function readContainerLog(pod: Pod, opts: KubeletLogOptions, now: number, get: ObjectGetter = NO_OBJECTS): KubeletLog {
  const c = containerOf(pod, opts.container);
  if (!c) return { ok: false, message: `container ${opts.container} is not valid for pod ${pod.metadata.name}` };
  const run = chooseRun(pod, opts.container, opts.previous, now);
  if (run !== "empty" && "message" in run) return { ok: false, message: run.message };
  let entries = run === "empty" ? [] : runLogs(pod, c, run, get);
  // the tail is found in the file first, then older lines than `since` are skipped as they are read
  if (opts.tailLines !== undefined) entries = opts.tailLines <= 0 ? [] : entries.slice(-opts.tailLines);
  const since = opts.since;
  if (since !== undefined) entries = entries.filter((e) => e.at >= since);
  const out = limited(entries.map((e) => formatLine(e, opts.timestamps)).join(""), opts.limitBytes);
  const cursor: LogCursor | undefined =
    run !== "empty" && run.running && out.bytesLeft !== 0
      ? {
          uid: pod.metadata.uid ?? "",
          container: opts.container,
          startedAt: run.running,
          printedUntil: now,
          timestamps: opts.timestamps,
          ...(out.bytesLeft !== undefined ? { bytesLeft: out.bytesLeft } : {}),
        }
      : undefined;
  return { ok: true, text: out.text, ...(cursor ? { cursor } : {}) };
}

/**
 * What a follower (`kubectl logs -f`, the HTTP stream of ?follow=true) writes next: the followed
 * run's lines after the cursor, up to `now`. The stream ends, as the kubelet's does, when that run
 * is over: the container exited (by its program's own end, even before a controller recorded it),
 * restarted, or the pod is gone; an ended run's remaining lines are written first.
 */
export function followContainerLog(
  pod: Pod | undefined,
  cursor: LogCursor,
  now: number,
  get: ObjectGetter = NO_OBJECTS,
): { text: string; ended: boolean } {
  const same = pod && pod.metadata.uid === cursor.uid ? pod : undefined;
  const c = same && containerOf(same, cursor.container);
  const status = same && statusOf(same, cursor.container);
  const sameRun = status?.state?.running?.startedAt === cursor.startedAt || status?.state?.terminated?.startedAt === cursor.startedAt;
  if (!same || !c || !sameRun) return { text: "", ended: true };
  const startedAt = Date.parse(cursor.startedAt);
  const exit = programOf(same, c, get, startedAt)?.exit;
  const running = status?.state?.running?.startedAt === cursor.startedAt && !(exit && startedAt + exit.afterMs <= now);
  const until = running ? now : Infinity;
  const entries = runLogs(same, c, { startedAt, until }, get).filter((e) => e.at > cursor.printedUntil);
  const out = limited(entries.map((e) => formatLine(e, cursor.timestamps)).join(""), cursor.bytesLeft);
  cursor.printedUntil = Math.max(cursor.printedUntil, now);
  if (out.bytesLeft !== undefined) cursor.bytesLeft = out.bytesLeft;
  return { text: out.text, ended: !running || out.bytesLeft === 0 };
}

/** When the followed run writes its next line after `now`, if within `horizon` ms. */
export function nextLogLine(
  pod: Pod | undefined,
  cursor: LogCursor,
  now: number,
  horizon: number,
  get: ObjectGetter = NO_OBJECTS,
): number | undefined {
  if (!pod || pod.metadata.uid !== cursor.uid) return undefined;
  const c = containerOf(pod, cursor.container);
  if (!c) return undefined;
  return runLogs(pod, c, { startedAt: Date.parse(cursor.startedAt), until: now + horizon }, get).find((e) => e.at > now)?.at;
}

/**
 * CRI log timestamps: RFC 3339 with nanoseconds, as Go's RFC3339Nano prints them (trailing zeros
 * of the fraction dropped). The sub-millisecond digits are filler, fixed per line of a run.
 */
export function logTimestamp(ms: number, seq: number): string {
  const filler = String((seq * 7919 + (ms % 997) * 131) % 1_000_000).padStart(6, "0");
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, frac: string) => {
    const digits = `${frac}${filler}`.replace(/0+$/, "");
    return digits ? `.${digits}Z` : "Z";
  });
}
