/**
 * The control plane node's journal for the kubelet and containerd units, derived rather than
 * stored: systemd's own lines for every start and stop (systemctl/units.ts), the kubelet's klog
 * lines at each start, and its errors for what the kubelet did on this node, read from the
 * Events it recorded (source.component kubelet, source.host this node). Lines are journald's
 * short format: "Nov 30 12:00:01 controlplane kubelet[1188]: I1130 12:00:01.123456    1188 file.go:N] ...".
 * Only lines klog writes at the kubelet's default verbosity (kubeadm sets no -v): probe failures
 * are V(1) (pkg/kubelet/prober/prober.go) and do not appear, as on a real kubeadm node.
 */
import { storeFor } from "../../api/store";
import type { KObject } from "../../api/types";
import type { CommandContext } from "../../types";
import { readUnit, type UnitName } from "../systemctl/units";
import { failureLines, kubeletStartError } from "../../nodes/kubelet-failure-journal";

export interface JournalLine {
  at: number;
  /** "systemd[1]" or "kubelet[1188]" */
  ident: string;
  text: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

export const DESCRIPTION: Record<UnitName, string> = {
  "kubelet.service": "kubelet: The Kubernetes Node Agent",
  "containerd.service": "containerd container runtime",
};

/** journald's short format: "Nov 30 12:00:01 host ident: text" (local time is UTC on the node). */
export function shortLine(l: JournalLine, host: string): string {
  const d = new Date(l.at);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${host} ${l.ident}: ${l.text}`;
}

/** klog's header: severity, MMDD, time with microseconds, the thread id (the PID here), file:line. */
function klog(sev: "I" | "E" | "W", at: number, pid: number, where: string, msg: string): string {
  const d = new Date(at);
  const micros = String(d.getUTCMilliseconds() * 1000 + (at % 997)).padStart(6, "0");
  return `${sev}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${where}] ${msg}`;
}

/** What the kubelet logs as it starts (line numbers as of v1.32; files cited). */
function kubeletStart(ctx: CommandContext, at: number, pid: number): JournalLine[] {
  const ident = `kubelet[${pid}]`;
  const v = ctx.state.config.kubernetesVersion;
  const l = (ms: number, where: string, msg: string): JournalLine => ({ at: at + ms, ident, text: klog("I", at + ms, pid, where, msg) });
  return [
    // cmd/kubelet/app/server.go Run: klog.InfoS("Kubelet version", "kubeletVersion", version.Get())
    l(40, "server.go:520", `"Kubelet version" kubeletVersion="${v}"`),
    // cmd/kubelet/app/server.go: klog.InfoS("Golang settings", ...)
    l(41, "server.go:522", `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`),
    // staging/src/k8s.io/client-go/util/certificate/certificate_store.go loadFile
    l(60, "certificate_store.go:130", `"Loading cert/key pair from a file" filePath="/var/lib/kubelet/pki/kubelet-client-current.pem"`),
    // pkg/kubelet/server/server.go ListenAndServeKubeletServer
    l(410, "server.go:163", `"Starting to listen" address="0.0.0.0" port=10250`),
    // pkg/kubelet/kubelet.go syncLoop
    l(520, "kubelet.go:2388", `"Starting kubelet main sync loop"`),
  ];
}

interface KEvent extends KObject {
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { name?: string; namespace?: string; uid?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
}

/** pkg/kubelet/pod_workers.go: klog.ErrorS(err, "Error syncing pod, skipping", "pod", klog.KObj(pod), "podUID", pod.UID). */
function backOffLine(e: KEvent, at: number, pid: number): JournalLine | undefined {
  const o = e.involvedObject ?? {};
  const container = /spec\.(?:initC|c)ontainers\{(.+)\}/.exec(o.fieldPath ?? "")?.[1] ?? "";
  const msg = e.message ?? "";
  let err: string;
  const pull = /^Back-off pulling image "(.*)"/.exec(msg);
  if (pull)
    err = `failed to \\"StartContainer\\" for \\"${container}\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"${pull[1]}\\\\\\"\\"`;
  else if (/^Back-off restarting failed container/.test(msg)) {
    const n = Math.min(5, Math.max(0, (e.count ?? 1) - 1));
    const backoff = ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s"][n];
    err = `failed to \\"StartContainer\\" for \\"${container}\\" with CrashLoopBackOff: \\"back-off ${backoff} restarting failed container=${container} pod=${o.name}_${o.namespace}(${o.uid})\\"`;
  } else return undefined;
  return {
    at,
    ident: `kubelet[${pid}]`,
    text: klog(
      "E",
      at,
      pid,
      "pod_workers.go:1301",
      `"Error syncing pod, skipping" err="${err}" pod="${o.namespace}/${o.name}" podUID="${o.uid}"`,
    ),
  };
}

/** The unit's journal, oldest first. */
export function unitJournal(ctx: CommandContext, unit: UnitName): JournalLine[] {
  const s = readUnit(ctx, unit);
  const desc = `${unit} - ${DESCRIPTION[unit]}`;
  const sys = (at: number, text: string): JournalLine => ({ at, ident: "systemd[1]", text });
  const out: JournalLine[] = [sys(ctx.state.createdAt - 1000, `Started ${desc}.`)];
  const kubelet = unit === "kubelet.service";
  const failing = kubelet && kubeletStartError(ctx) !== undefined;
  // which PID ran when: the boot's until the first stop, then each start's
  let pid = s.history.find((h) => h.action === "stop")?.pid ?? s.pid;
  if (kubelet) out.push(...kubeletStart(ctx, ctx.state.createdAt - 1000, pid));
  const runs: { from: number; to: number; pid: number }[] = [];
  let from = ctx.state.createdAt;
  for (const h of s.history) {
    if (h.action === "stop") {
      runs.push({ from, to: h.at, pid: h.pid });
      out.push(sys(h.at, `Stopping ${desc}...`), sys(h.at, `${unit}: Deactivated successfully.`), sys(h.at, `Stopped ${desc}.`));
    } else {
      from = h.at;
      pid = h.pid;
      out.push(sys(h.at, `Started ${desc}.`));
      // the current start of a kubelet that cannot start logs its failure instead (failureLines)
      if (kubelet && !(h.at === s.since && s.active && failing)) out.push(...kubeletStart(ctx, h.at, h.pid));
    }
  }
  if (s.active) runs.push({ from, to: Infinity, pid });
  if (kubelet) out.push(...failureLines(ctx, s, desc, klog));
  if (kubelet) {
    const host = ctx.state.config.controlPlane.name;
    for (const e of storeFor(ctx.state).list({ group: "", resource: "events" }) as KEvent[]) {
      if (e.source?.component !== "kubelet" || e.source.host !== host || e.reason !== "BackOff") continue;
      const times = [e.firstTimestamp, e.lastTimestamp ?? e.eventTime].filter((t): t is string => !!t).map(Date.parse);
      for (const at of [...new Set(times)]) {
        const run = runs.find((r) => at >= r.from && at < r.to);
        const line = run && backOffLine(e, at, run.pid);
        if (line) out.push(line);
      }
    }
  }
  return out.filter((l) => l.at <= ctx.now).sort((a, b) => a.at - b.at);
}
