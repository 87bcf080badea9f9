/**
 * The node's listeners held by a background `kubectl port-forward` (`kubectl port-forward svc/web
 * 8080:80 &`): each one is a job of the shell's job table (shell/state.ts BackgroundJob.forward),
 * so it is saved and restored with the shell. A connection to one of its local ports reaches the
 * forwarded pod's port through the kubelet (dial.ts), and kubectl writes "Handling connection for
 * N" to the terminal. The forward ends with its job: `kill %1`, or its pod leaving Running (the
 * stream closes: client-go tools/portforward/portforward.go ErrLostConnectionToPod).
 */
import { storeFor } from "../../api/store";
import type { BackgroundJob, PortForward } from "../../shell/state";
import type { ClusterState } from "../../types";

const PODS = { group: "", resource: "pods" };

/** A job that runs until something ends it: its endsAt until then (JSON-safe, unlike Infinity). */
export const RUNS_UNTIL_ENDED = Number.MAX_SAFE_INTEGER;

/**
 * client-go tools/portforward/portforward.go: ErrLostConnectionToPod, which kubectl's CheckErr
 * prints as "error: lost connection to pod" and exits 1 with.
 */
export const LOST_CONNECTION = "error: lost connection to pod\n";

/** True while the forwarded pod (the same uid) is still Running. */
export function forwardedPodRunning(state: ClusterState, f: PortForward): boolean {
  const pod = storeFor(state).get(PODS, f.namespace, f.pod) as { metadata: { uid?: string }; status?: { phase?: string } } | undefined;
  return !!pod && pod.metadata.uid === f.uid && pod.status?.phase === "Running";
}

/** True when the forward listens on `ip` (the loopback addresses of `localhost`, 0.0.0.0, or that address). */
function listensOn(f: PortForward, ip: string): boolean {
  return f.addresses.some(
    (a) => a === "0.0.0.0" || a === "::" || a === ip || (ip.startsWith("127.") && (a === "127.0.0.1" || a === "::1")),
  );
}

/** The running forward job and its port pair that listen on ip:port of this node, if any. */
export function forwardListening(
  jobs: BackgroundJob[] | undefined,
  now: number,
  ip: string,
  port: number,
): { job: BackgroundJob; forward: PortForward; remote: number } | undefined {
  for (const job of jobs ?? []) {
    const f = job.forward;
    if (!f || job.endsAt <= now || !listensOn(f, ip)) continue;
    const p = f.ports.find((x) => x.local === port);
    if (p) return { job, forward: f, remote: p.remote };
  }
  return undefined;
}

/**
 * Ends the forwards whose pod has gone (deleted, or no longer Running) at `now`, with kubectl's
 * exit status 1; returns what each kubectl wrote to the terminal as it ended.
 */
export function endLostForwards(state: ClusterState, jobs: BackgroundJob[] | undefined, now: number): string {
  let text = "";
  for (const job of jobs ?? []) {
    if (!job.forward || job.endsAt <= now || forwardedPodRunning(state, job.forward)) continue;
    job.endsAt = now;
    job.code = 1;
    text += LOST_CONNECTION;
  }
  return text;
}
