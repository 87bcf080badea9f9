/**
 * The kubelet's probe workers (pkg/kubelet/prober/worker.go): when each probe of a running
 * container runs, what a streak of results does to the container (ready, started, killed), and
 * how a steady stretch is jumped over. Kept apart from kubelet.ts, the container lifecycle, as
 * upstream keeps the prober; what one probe finds is probes.ts.
 */
import { objectKey } from "../api/store";
import type { Container, Probe } from "../kinds/pods/types";
import type { ControllerEnv } from "../controllers/types";
import {
  containerStatus,
  ev,
  imageOf,
  jitter,
  later,
  type Pod,
  PODS,
  programEnv,
  sameRun,
  storeGetter,
  updateContainer,
} from "./pod-steps";
import { PROBE_TITLE, type ProbeKind, runProbe } from "./probes";
import { type Program, programFor, serverOf } from "./program";

const probeOf = (c: Container, kind: ProbeKind): Probe | undefined =>
  kind === "startup" ? c.startupProbe : kind === "liveness" ? c.livenessProbe : c.readinessProbe;

/** The first run waits initialDelaySeconds from the start (worker.go doProbe skips until then). */
export function firstProbe(env: ControllerEnv, pod: Pod, c: Container, kind: ProbeKind, since: number): void {
  const probe = probeOf(c, kind);
  if (!probe) return;
  later(env, pod, `probe-${kind}`, (probe.initialDelaySeconds ?? 0) * 1000 + jitter(env, 200, 1200), {
    container: c.name,
    attempt: 0,
    since,
  });
}

/**
 * One run of a probe (prober/worker.go doProbe): `count` is the streak so far, failures positive,
 * successes negative. Each failure is an Unhealthy event; failureThreshold failures in a row make
 * readiness false, or kill the container for liveness and startup ("Killing", then the restart
 * policy and back-off as for any exit); successThreshold successes make it ready, or started.
 */
export function probeStep(env: ControllerEnv, pod: Pod, c: Container, kind: ProbeKind, count: number, since: number): void {
  const probe = probeOf(c, kind);
  const image = imageOf(c);
  if (!probe || !image || !containerStatus(pod, c.name)?.state?.running || !sameRun(pod, c, since)) return;
  const pe = programEnv(env, c, pod);
  const program = programFor(image, c, "env" in pe ? pe : { hostname: pod.metadata.name, env: {} });
  const result = runProbe({ pod, c, image, program, elapsedMs: env.now - since, get: storeGetter(env), now: env.now }, probe);
  const successes = probe.successThreshold ?? 1;
  const failures = probe.failureThreshold ?? 3;
  // a streak stops counting at its threshold, so a jumped stretch leaves the same event; past the
  // failure threshold, the streak carries the failures jumped over (steadyProbeStride)
  const jumped = !result.ok && count > failures ? count - failures : 0;
  const next = result.ok ? Math.max(count < 0 ? count - 1 : -1, -successes) : Math.min((count > 0 ? count - jumped : 0) + 1, failures);
  if (!result.ok) {
    ev(env, pod, c, "Warning", "Unhealthy", `${PROBE_TITLE[kind]} probe failed: ${result.output}`, 1 + jumped);
    if (next >= failures) {
      if (kind === "readiness") updateContainer(env, pod, c.name, (x) => ({ ...x, ready: false }));
      else return killForProbe(env, pod, c, kind, since);
    }
  } else if (-next >= successes) {
    if (kind === "startup") {
      updateContainer(env, pod, c.name, (x) => ({ ...x, started: true, ready: !c.readinessProbe }));
      firstProbe(env, pod, c, "liveness", since);
      firstProbe(env, pod, c, "readiness", since);
      return;
    }
    if (kind === "readiness") updateContainer(env, pod, c.name, (x) => (x.state?.running ? { ...x, ready: true } : x));
  }
  const period = (probe.periodSeconds ?? 10) * 1000;
  // passing, or failing readiness already unready: each run until something changes is the same
  const passing = result.ok && count <= -successes && kind !== "startup";
  const failing = !result.ok && kind === "readiness" && count >= failures;
  const stride = passing
    ? steadyProbeStride(env, pod, program, since, period, Infinity)
    : failing
      ? steadyProbeStride(env, pod, program, since, period, FAILING_STRIDE_MAX_MS)
      : period;
  later(env, pod, `probe-${kind}`, stride, { container: c.name, attempt: failing ? next + stride / period - 1 : next, since });
}

/** A failing readiness probe's Unhealthy event must be touched within the events' 1 h TTL, as each run would. */
const FAILING_STRIDE_MAX_MS = 30 * 60_000;

/**
 * A probe that keeps passing changes nothing, and a failing readiness probe of an unready container
 * only counts its Unhealthy event up, so over a long settle (a learner back after a day) their runs
 * are jumped on the same period grid up to the last one before anything could change the answer:
 * the pod's own next event (an exit, a kill, a restart), the next file its script touches or
 * removes, or the settle's horizon (and at most `maxMs`). Without this, a day away is 8,640 runs
 * of every 10 s probe, and the apiserver's 1 s readiness probe alone is 86,400.
 */
function steadyProbeStride(env: ControllerEnv, pod: Pod, program: Program, since: number, period: number, maxMs: number): number {
  const key = objectKey(PODS, pod.metadata.namespace, pod.metadata.name);
  let until = Math.min(env.horizon, env.now + maxMs);
  for (const e of env.state.timeline?.events ?? []) {
    if (e.at >= until) break;
    if (e.key === key && !e.step.startsWith("probe-")) until = e.at;
  }
  for (const op of program.files ?? []) if (since + op.at > env.now) until = Math.min(until, since + op.at);
  return Math.max(1, Math.floor((until - 1 - env.now) / period)) * period;
}

/**
 * kuberuntime_manager.go computePodActions: "Container %s failed %s probe, will be restarted". A
 * server stops on SIGTERM at once (nginx exits 0); a shell as PID 1 ignores it and is killed
 * after the grace period (exit 137).
 */
function killForProbe(env: ControllerEnv, pod: Pod, c: Container, kind: ProbeKind, since: number): void {
  ev(env, pod, c, "Normal", "Killing", `Container ${c.name} failed ${kind} probe, will be restarted`);
  const image = imageOf(c);
  const server = image ? serverOf(image, c) : undefined;
  const grace = ((pod.spec.terminationGracePeriodSeconds as number | undefined) ?? 30) * 1000;
  later(env, pod, "exit", server ? 100 : grace, { container: c.name, attempt: server ? 0 : 137, since });
}
