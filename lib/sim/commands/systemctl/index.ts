/**
 * systemctl for the node's kubelet and containerd: status, start, stop, restart, is-active,
 * is-enabled, daemon-reload. `status` is systemd 255's layout (Ubuntu 24.04, the node's OS:
 * src/systemctl/systemctl-show.c print_status_info), with the unit file and kubeadm's drop-in the
 * packages install (unit-files.ts) and the unit's last journal lines. Exit codes are systemctl's:
 * 3 for an inactive unit's status and is-active, 4 for an unknown unit, 5 for starting one.
 */
import type { Command, CommandContext, ExecResult } from "../../types";
import { unitJournal, shortLine, DESCRIPTION } from "../journalctl/kubelet-journal";
import { unitName } from "../journalctl";
import { readUnit, restartUnit, startUnit, stopUnit, type UnitName } from "./units";
import { kubeletStartError, lastFailure } from "../../nodes/kubelet-failure-journal";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** "Mon 2026-11-30 12:00:00 UTC" (systemd's FORMAT_TIMESTAMP). */
function timestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** systemd's FORMAT_TIMESPAN with two parts ("46min ago", "1h 2min", "5s"). */
function span(ms: number): string {
  const units: [string, number][] = [
    ["y", 31_557_600_000],
    ["month", 2_629_800_000],
    ["w", 604_800_000],
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1000],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, ms);
  for (const [name, size] of units) {
    if (parts.length === 2) break;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
  }
  return parts.length ? parts.join(" ") : `${Math.floor(ms)}ms`;
}

const EXEC = "/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS";
const KUBELET_CMD =
  "/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10";

function status(ctx: CommandContext, unit: UnitName): ExecResult {
  const s = readUnit(ctx, unit);
  const kubelet = unit === "kubelet.service";
  const file = kubelet ? "/usr/lib/systemd/system/kubelet.service" : "/usr/lib/systemd/system/containerd.service";
  const dropIn = kubelet && ctx.fs.exists("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf");
  // a kubelet that exits at each start: systemd waits RestartSec between tries (nodes/kubelet-health.ts)
  const failing = kubelet && s.active && kubeletStartError(ctx) !== undefined;
  const last = failing ? lastFailure(s.since, s.pid, ctx.now) : undefined;
  // a crash loop that came up after its file was fixed: running since that try (controllers/node-monitor.ts saw it)
  const seen = ctx.state.hosts?.[ctx.state.config.controlPlane.name]?.kubelet;
  const recovered = kubelet && s.active && !failing && seen?.posting && seen.since > s.since ? seen.since : undefined;
  if (recovered !== undefined) s.pid = lastFailure(s.since, s.pid, recovered).pid;
  const since = recovered ?? s.since;
  const lines = [
    `${s.active ? "●" : "○"} ${unit} - ${DESCRIPTION[unit]}`,
    `     Loaded: loaded (${file}; enabled; preset: enabled)`,
    ...(dropIn ? ["    Drop-In: /usr/lib/systemd/system/kubelet.service.d", "             └─10-kubeadm.conf"] : []),
    last
      ? `     Active: activating (auto-restart) (Result: exit-code) since ${timestamp(last.exitedAt)}; ${span(ctx.now - last.exitedAt)} ago`
      : s.active
        ? `     Active: active (running) since ${timestamp(since)}; ${span(ctx.now - since)} ago`
        : `     Active: inactive (dead) since ${timestamp(s.since)}; ${span(ctx.now - s.since)} ago`,
    `       Docs: ${kubelet ? "https://kubernetes.io/docs/" : "https://containerd.io"}`,
    ...(last
      ? [
          `    Process: ${last.pid} ExecStart=${EXEC} (code=exited, status=1/FAILURE)`,
          `   Main PID: ${last.pid} (code=exited, status=1/FAILURE)`,
          "        CPU: 68ms",
        ]
      : s.active
        ? [
            `   Main PID: ${s.pid} (${kubelet ? "kubelet" : "containerd"})`,
            `      Tasks: ${kubelet ? 14 : 11} (limit: 4591)`,
            `     Memory: ${kubelet ? "42.7M (peak: 45.1M)" : "58.1M (peak: 61.0M)"}`,
            `     CGroup: /system.slice/${unit}`,
            `             └─${s.pid} ${kubelet ? KUBELET_CMD : "/usr/bin/containerd"}`,
          ]
        : [
            `    Process: ${s.pid} ExecStart=${kubelet ? EXEC : "/usr/bin/containerd"} (code=killed, signal=TERM)`,
            `   Main PID: ${s.pid} (code=killed, signal=TERM)`,
          ]),
  ];
  const journal = unitJournal(ctx, unit)
    .slice(-10)
    .map((l) => shortLine(l, ctx.state.config.controlPlane.name));
  const text = `${lines.join("\n")}\n${journal.length ? `\n${journal.join("\n")}\n` : ""}`;
  return { stdout: text, stderr: "", exitCode: s.active && !last ? 0 : 3 };
}

const notFound = (name: string) => `Unit ${name.endsWith(".service") ? name : `${name}.service`} could not be found.\n`;

function run(ctx: CommandContext): ExecResult {
  const args = ctx.args.filter((a) => !["--no-pager", "-l", "--full", "-q", "--quiet", "--now"].includes(a));
  const quiet = ctx.args.includes("-q") || ctx.args.includes("--quiet");
  const [verb, ...names] = args;
  if (!verb)
    return {
      stdout: "",
      stderr: "systemctl: a verb is required here (status, start, stop, restart, is-active, daemon-reload)\n",
      exitCode: 1,
    };
  if (verb === "daemon-reload") return { stdout: "", stderr: "", exitCode: 0 };
  if (verb === "--version") return { stdout: "systemd 255 (255.4-1ubuntu8.4)\n", stderr: "", exitCode: 0 };
  const units = names.map((n) => ({ arg: n, unit: unitName(n) }));
  if (!units.length) return { stdout: "", stderr: `Too few arguments.\n`, exitCode: 1 };
  let out = "";
  let err = "";
  let code = 0;
  for (const { arg, unit } of units) {
    switch (verb) {
      case "status":
        if (!unit) {
          err += notFound(arg);
          code = 4;
          break;
        }
        {
          const r = status(ctx, unit);
          out += (out ? "\n" : "") + r.stdout;
          code = Math.max(code, r.exitCode);
        }
        break;
      case "is-active":
        if (unit === "kubelet.service" && readUnit(ctx, unit).active && kubeletStartError(ctx) !== undefined) {
          if (!quiet) out += "activating\n";
          code = 3;
        } else if (!unit || !readUnit(ctx, unit).active) {
          if (!quiet) out += "inactive\n";
          code = 3;
        } else if (!quiet) out += "active\n";
        break;
      case "is-enabled":
        if (!unit) {
          err += `Failed to get unit file state for ${arg.endsWith(".service") ? arg : `${arg}.service`}: No such file or directory\n`;
          code = 1;
        } else out += "enabled\n";
        break;
      case "start":
      case "stop":
      case "restart":
        if (!unit) {
          err += `Failed to ${verb} ${arg.endsWith(".service") ? arg : `${arg}.service`}: Unit ${arg.endsWith(".service") ? arg : `${arg}.service`} not found.\n`;
          code = 5;
          break;
        }
        if (verb === "start") startUnit(ctx, unit);
        else if (verb === "stop") stopUnit(ctx, unit);
        else restartUnit(ctx, unit);
        break;
      default:
        return { stdout: "", stderr: `Unknown command verb '${verb}'.\n`, exitCode: 1 };
    }
  }
  return { stdout: out, stderr: err, exitCode: code };
}

export const systemctl: Command = { name: "systemctl", summary: "control the node's services (kubelet, containerd)", run, mutates: false };
