/**
 * The journal of a kubelet that cannot do its job, on the node the command runs on
 * (commands/journalctl/kubelet-journal.ts adds these lines to the unit's journal):
 *
 * - a start that fails (kubelet-health.ts startErrorOf) logs component-base/cli/run.go's
 *   `"command failed" err="..."` (run.go:72 in v1.32) and exits 1; systemd 255 then logs
 *   "Main process exited, code=exited, status=1/FAILURE", "Failed with result 'exit-code'.", and
 *   RestartSec=10 later "Scheduled restart job, restart counter is at N.", "Stopped ..." and
 *   "Started ..." (src/core/service.c), over and over;
 * - a kubelet whose kubelet.conf names a server nobody answers on runs, and keeps failing to
 *   register (pkg/kubelet/kubelet_node_status.go registerWithAPIServer: "Attempting to register
 *   node", "Unable to register node with API server") with its back-off doubling up to 7 s.
 */
import type { JournalLine } from "../commands/journalctl/kubelet-journal";
import type { UnitState } from "../commands/systemctl/units";
import type { CommandContext } from "../types";
import { attemptsUntil, dialError, FAILED_RUN_MS, KUBELET_CONF, RESTART_PERIOD_MS, serverOf, startErrorOf } from "./kubelet-health";

/** Lines of a crash loop or failed registrations kept (journalctl shows the newest). */
const MAX_ATTEMPTS = 30;

type Klog = (sev: "I" | "E" | "W", at: number, pid: number, where: string, msg: string) => string;

const reader = (ctx: CommandContext) => (p: string) => {
  const r = ctx.fs.readFile(p);
  return r.ok ? r.value : undefined;
};

/** klog's quoting of a string value (Go's strconv.Quote for the characters these messages hold). */
const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The error every start of this node's kubelet exits with now, or undefined. */
export function kubeletStartError(ctx: CommandContext): string | undefined {
  return startErrorOf(reader(ctx));
}

/** The last failed start of a crash loop that began at `since`: its PID and when it exited. */
export function lastFailure(since: number, pid: number, now: number): { pid: number; exitedAt: number; attempt: number } {
  const attempts = attemptsUntil(since, now, 1);
  const k = attempts.length ? Math.round((attempts[0] - since) / RESTART_PERIOD_MS) : 0;
  const at = attempts[0] ?? since;
  return { pid: pid + k * 7, exitedAt: Math.min(now, at + FAILED_RUN_MS), attempt: k };
}

export function failureLines(ctx: CommandContext, unit: UnitState, desc: string, klog: Klog): JournalLine[] {
  if (!unit.active) return [];
  const sys = (at: number, text: string): JournalLine => ({ at, ident: "systemd[1]", text });
  const err = kubeletStartError(ctx);
  const out: JournalLine[] = [];
  if (err) {
    for (const at of attemptsUntil(unit.since, ctx.now, MAX_ATTEMPTS)) {
      const k = Math.round((at - unit.since) / RESTART_PERIOD_MS);
      const pid = unit.pid + k * 7;
      if (k > 0)
        out.push(
          sys(at, `kubelet.service: Scheduled restart job, restart counter is at ${k}.`),
          sys(at, `Stopped ${desc}.`),
          sys(at, `Started ${desc}.`),
        );
      out.push({ at: at + 50, ident: `kubelet[${pid}]`, text: klog("E", at + 50, pid, "run.go:72", `"command failed" err=${quote(err)}`) });
      out.push(
        sys(at + FAILED_RUN_MS, "kubelet.service: Main process exited, code=exited, status=1/FAILURE"),
        sys(at + FAILED_RUN_MS, "kubelet.service: Failed with result 'exit-code'."),
      );
    }
    return out;
  }
  const read = reader(ctx);
  const server = serverOf(read(KUBELET_CONF));
  const dial = server ? dialError(ctx.state, read, server) : undefined;
  if (!server || !dial) return [];
  const node = ctx.state.config.controlPlane.name;
  // registration retries: 100 ms doubling to 7 s (kubelet_node_status.go registerWithAPIServer)
  let at = unit.since + 600;
  let step = 100;
  const tries: number[] = [];
  while (at <= ctx.now && tries.length < 10_000) {
    tries.push(at);
    at += step;
    step = Math.min(step * 2, 7000);
  }
  for (const t of tries.slice(-MAX_ATTEMPTS)) {
    out.push({
      at: t,
      ident: `kubelet[${unit.pid}]`,
      text: klog("I", t, unit.pid, "kubelet_node_status.go:75", `"Attempting to register node" node=${quote(node)}`),
    });
    const e = `Post "${server.replace(/\/$/, "")}/api/v1/nodes": ${dial}`;
    out.push({
      at: t + 2,
      ident: `kubelet[${unit.pid}]`,
      text: klog(
        "E",
        t + 2,
        unit.pid,
        "kubelet_node_status.go:107",
        `"Unable to register node with API server" err=${quote(e)} node=${quote(node)}`,
      ),
    });
  }
  return out;
}
