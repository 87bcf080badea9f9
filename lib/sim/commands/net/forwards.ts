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

/**
 * The node's own listeners a new listener collides with (kubeadm's defaults, `ss -ltn` on a
 * control plane): "*" is a dual-stack wildcard (Go's "tcp" on ":port"), "node" the node's address.
 */
const DAEMON_LISTENERS: Record<number, string[]> = {
  22: ["0.0.0.0", "::"],
  2379: ["127.0.0.1", "node"],
  2380: ["node"],
  2381: ["127.0.0.1"],
  6443: ["*"],
  10248: ["127.0.0.1"],
  10249: ["127.0.0.1"],
  10250: ["*"],
  10256: ["*"],
  10257: ["127.0.0.1"],
  10259: ["127.0.0.1"],
};

const isV4 = (a: string) => !a.includes(":");

/**
 * True when binding `address` collides with a listener on `held` of the same port (Linux: a
 * wildcard collides with every address of its family, a dual-stack one with every address;
 * client-go listens with "tcp4"/"tcp6", so its "::" is IPv6 only).
 */
function collides(address: string, held: string): boolean {
  if (held === "*") return true;
  if (isV4(address) !== isV4(held)) return false;
  return address === held || address === "0.0.0.0" || address === "::" || held === "0.0.0.0" || held === "::";
}

/**
 * Why a listener on `address`:`port` cannot be created on the control plane node (the errno text
 * of bind(2) as Go prints it), or undefined when it can: an address the node does not have, or
 * one a daemon or a running forward already holds.
 */
export function bindError(
  state: ClusterState,
  jobs: BackgroundJob[] | undefined,
  now: number,
  address: string,
  port: number,
): string | undefined {
  const own = ["0.0.0.0", "::", "::1", state.config.controlPlane.ip];
  if (!own.includes(address) && !address.startsWith("127.")) return "cannot assign requested address";
  const daemons = (DAEMON_LISTENERS[port] ?? []).map((a) => (a === "node" ? state.config.controlPlane.ip : a));
  const forwards = (jobs ?? []).filter((j) => j.forward && j.endsAt > now && j.forward.ports.some((p) => p.local === port));
  const held = [...daemons, ...forwards.flatMap((j) => j.forward?.addresses ?? [])];
  return held.some((h) => collides(address, h)) ? "address already in use" : undefined;
}
