/**
 * The node's systemd services a learner manages: the kubelet and containerd. Their unit files are
 * the ones the Kubernetes and containerd packages install (unit-files.ts). Their run state is
 * what systemd keeps in memory; here it is kept in /run/systemd/units/<unit> (tmpfs on a real
 * node) as `systemctl show`-style properties, so it is saved and restored with the node's files:
 * ActiveState, when it last changed, the main PID, and the last starts and stops for journalctl.
 * A missing record is the state the node booted in: active since `kubeadm init`.
 */
import type { CommandContext } from "../../types";

export type UnitName = "kubelet.service" | "containerd.service";

export const UNITS: readonly UnitName[] = ["kubelet.service", "containerd.service"];

/** PIDs as `ps` shows them (coreutils/node-info.ts). */
const BOOT_PID: Record<UnitName, number> = { "kubelet.service": 1188, "containerd.service": 702 };

export interface UnitChange {
  at: number;
  action: "start" | "stop";
  pid: number;
}

export interface UnitState {
  active: boolean;
  /** when it entered its state, epoch ms */
  since: number;
  /** the main process while active; the last one while inactive */
  pid: number;
  /** starts and stops since boot, oldest first (bounded) */
  history: UnitChange[];
}

const MAX_HISTORY = 40;
const path = (u: UnitName) => `/run/systemd/units/${u}`;

export function readUnit(ctx: Pick<CommandContext, "fs" | "state">, unit: UnitName): UnitState {
  const r = ctx.fs.readFile(path(unit));
  return parseUnit(ctx.state.createdAt, unit, r.ok ? r.value : undefined);
}

/** The file that keeps a unit's run state (on any node: nodes/kubelet-health.ts reads a worker's). */
export const unitStatePath = path;

/** A unit's run state from its record's text; undefined: the state it booted in. */
export function parseUnit(bootAt: number, unit: UnitName, text: string | undefined): UnitState {
  const boot: UnitState = { active: true, since: bootAt, pid: BOOT_PID[unit], history: [] };
  if (text === undefined) return boot;
  const props = new Map<string, string>();
  const history: UnitChange[] = [];
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const [k, v] = [line.slice(0, eq), line.slice(eq + 1)];
    const m = /^(\d+) (start|stop) (\d+)$/.exec(v);
    if (k === "X-Change" && m) history.push({ at: Number(m[1]), action: m[2] as "start" | "stop", pid: Number(m[3]) });
    else props.set(k, v);
  }
  const since = Number(props.get("StateChangeTimestampMonotonic"));
  const pid = Number(props.get("MainPID") || props.get("ExecMainPID"));
  return {
    active: props.get("ActiveState") !== "inactive",
    since: Number.isFinite(since) ? since : boot.since,
    pid: Number.isInteger(pid) && pid > 0 ? pid : boot.pid,
    history,
  };
}

function writeUnit(ctx: CommandContext, unit: UnitName, s: UnitState): void {
  ctx.fs.mkdir("/run/systemd/units", true);
  const lines = [
    `ActiveState=${s.active ? "active" : "inactive"}`,
    `SubState=${s.active ? "running" : "dead"}`,
    `StateChangeTimestampMonotonic=${s.since}`,
    `${s.active ? "MainPID" : "ExecMainPID"}=${s.pid}`,
    ...s.history.slice(-MAX_HISTORY).map((h) => `X-Change=${h.at} ${h.action} ${h.pid}`),
  ];
  ctx.fs.writeFile(path(unit), `${lines.join("\n")}\n`);
}

/** systemctl start: a new main process when it was not running. */
export function startUnit(ctx: CommandContext, unit: UnitName): void {
  const s = readUnit(ctx, unit);
  if (s.active) return;
  const pid = s.pid + 1 + Math.floor(ctx.random() * 4000);
  writeUnit(ctx, unit, { active: true, since: ctx.now, pid, history: [...s.history, { at: ctx.now, action: "start", pid }] });
}

export function stopUnit(ctx: CommandContext, unit: UnitName): void {
  const s = readUnit(ctx, unit);
  if (!s.active) return;
  writeUnit(ctx, unit, { ...s, active: false, since: ctx.now, history: [...s.history, { at: ctx.now, action: "stop", pid: s.pid }] });
}

export function restartUnit(ctx: CommandContext, unit: UnitName): void {
  stopUnit(ctx, unit);
  startUnit(ctx, unit);
}

/** Whether the control plane node's kubelet runs (its port 10250 answers, `systemctl is-active`). */
export const kubeletActive = (ctx: Pick<CommandContext, "fs" | "state">): boolean => readUnit(ctx, "kubelet.service").active;
