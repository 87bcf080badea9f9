/**
 * Container logs, derived rather than stored: the container's program (program.ts) replayed from
 * the start time in its status up to its end (or now), with the time-dependent texts formatted at
 * the moment each line was written. Timestamps are the CRI log format's RFC 3339 with nanoseconds.
 */
import type { KObject } from "../api/types";
import type { Container, ContainerState, PodSpec, PodStatus } from "../kinds/pods/types";
import { containerEnvironment, type ObjectGetter } from "./env";
import { IMAGES, parseImage } from "./images";

const NO_OBJECTS: ObjectGetter = () => undefined;
import { DATE_MARK, HTTPD_TIME_MARK, NGINX_TIME_MARK, programFor } from "./program";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export interface LogEntry {
  at: number;
  text: string;
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

/** The lines one run of the container wrote between `startedAt` and `until`. */
export function runLogs(pod: Pod, c: Container, run: { startedAt: number; until: number }, get: ObjectGetter = NO_OBJECTS): LogEntry[] {
  const image = IMAGES.get(parseImage(c.image ?? "").repository);
  if (!image) return [];
  // the environment as of now: a ConfigMap changed since the start shows its new values (the kubelet keeps the old ones)
  const resolved = containerEnvironment(pod, c, get);
  const program = programFor(image, c, {
    hostname: pod.metadata.name,
    podIP: pod.status?.podIP ?? "",
    env: resolved.ok ? resolved.env : {},
  });
  const out: LogEntry[] = [];
  for (const l of program.lines) {
    const at = run.startedAt + l.at;
    if (at <= run.until) out.push({ at, text: render(l.text, at) });
  }
  const loop = program.loop;
  if (loop && loop.lines.length) {
    const first = run.startedAt + loop.startMs;
    const iterations = Math.max(0, Math.floor((run.until - first) / loop.periodMs) + 1);
    const skip = Math.max(0, iterations - Math.ceil(MAX_LINES / loop.lines.length));
    for (let i = skip; i < iterations; i++) {
      for (const l of loop.lines) {
        const at = first + i * loop.periodMs + l.at;
        if (at <= run.until) out.push({ at, text: render(l.text, at) });
      }
    }
  }
  return out.slice(-MAX_LINES);
}

function runOf(state: ContainerState | undefined, now: number): { startedAt: number; until: number } | undefined {
  if (state?.running?.startedAt) return { startedAt: Date.parse(state.running.startedAt), until: now };
  const t = state?.terminated;
  // a finished run wrote everything its program writes (its timestamps are whole seconds, the program's offsets are not)
  if (t?.startedAt && t.reason !== "StartError") return { startedAt: Date.parse(t.startedAt), until: Infinity };
  return undefined;
}

export type ContainerLogs = { ok: true; entries: LogEntry[] } | { ok: false; message: string };

/** What GET pods/<name>/log answers for one container (kubelet's and the apiserver's BadRequest texts). */
export function containerLogs(
  pod: Pod,
  containerName: string,
  previous: boolean,
  now: number,
  get: ObjectGetter = NO_OBJECTS,
): ContainerLogs {
  const c = pod.spec.containers.find((x) => x.name === containerName);
  const status = pod.status?.containerStatuses?.find((s) => s.name === containerName);
  const podName = pod.metadata.name;
  if (!c) return { ok: false, message: `container ${containerName} is not valid for pod ${podName}` };
  if (previous) {
    const run = runOf(status?.lastState, now);
    if (!run) return { ok: false, message: `previous terminated container "${containerName}" in pod "${podName}" not found` };
    return { ok: true, entries: runLogs(pod, c, run, get) };
  }
  const run = runOf(status?.state, now) ?? (status?.state?.waiting ? runOf(status.lastState, now) : undefined);
  if (!run) {
    const reason = status?.state?.waiting?.reason ?? "ContainerCreating";
    const why = reason === "ImagePullBackOff" || reason === "ErrImagePull" ? "trying and failing to pull image" : reason;
    return { ok: false, message: `container "${containerName}" in pod "${podName}" is waiting to start: ${why}` };
  }
  return { ok: true, entries: runLogs(pod, c, run, get) };
}

/** CRI log timestamps: RFC 3339 with nanoseconds (the sub-millisecond digits are filler). */
export function logTimestamp(ms: number, index: number): string {
  const filler = String((index * 7919 + (ms % 997) * 131) % 1_000_000).padStart(6, "0");
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${filler}Z`);
}
