/**
 * journalctl for the node's units: `-u kubelet|containerd` (with or without .service), `-n N`,
 * `--no-pager`, `-f` (prints the journal so far and returns: following on the cluster clock is not
 * modelled), `-e`. Output is journald's short format (systemd's journalctl(1), "short"); an empty
 * selection prints "-- No entries --". Without -u, the units' lines together.
 */
import type { Command, CommandContext, ExecResult } from "../../types";
import { UNITS, type UnitName } from "../systemctl/units";
import { shortLine, unitJournal } from "./kubelet-journal";

export function unitName(arg: string): UnitName | undefined {
  const name = arg.endsWith(".service") ? arg : `${arg}.service`;
  return UNITS.find((u) => u === name);
}

function run(ctx: CommandContext): ExecResult {
  const units: (UnitName | undefined)[] = [];
  let lines: number | undefined;
  const a = ctx.args;
  for (let i = 0; i < a.length; i++) {
    const arg = a[i];
    const value = (flag: string) => (arg === flag ? a[++i] : arg.slice(flag.length + (arg.startsWith(`${flag}=`) ? 1 : 0)));
    if (arg === "-u" || arg.startsWith("--unit") || /^-u./.test(arg)) {
      const v = arg === "-u" ? a[++i] : arg.startsWith("--unit") ? (arg === "--unit" ? a[++i] : arg.slice(7)) : arg.slice(2);
      if (v === undefined) return { stdout: "", stderr: "journalctl: option requires an argument -- 'u'\n", exitCode: 1 };
      // an unknown unit has no entries (journalctl matches _SYSTEMD_UNIT; nothing matches)
      units.push(unitName(v));
    } else if (arg === "-n" || arg.startsWith("--lines") || /^-n\d+$/.test(arg)) {
      const v = arg === "-n" ? a[++i] : arg.startsWith("--lines") ? value("--lines") : arg.slice(2);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) return { stdout: "", stderr: `Failed to parse lines '${v ?? ""}'.\n`, exitCode: 1 };
      lines = n;
    } else if (arg === "-e" || arg === "--pager-end") lines ??= 1000;
    else if (["--no-pager", "-f", "--follow", "-l", "--full", "-x", "--catalog", "-q", "--quiet", "-a", "--all"].includes(arg)) continue;
    else if (/^-[fqxlae]+$/.test(arg)) continue;
    else return { stdout: "", stderr: `journalctl: unrecognized option '${arg}'\n`, exitCode: 1 };
  }
  if (a.some((x) => x === "-f" || x === "--follow" || /^-[a-z]*f/.test(x))) lines ??= 10;
  const chosen = units.length ? units : [...UNITS];
  const entries = chosen
    .filter((u): u is UnitName => u !== undefined)
    .flatMap((u) => unitJournal(ctx, u))
    .sort((x, y) => x.at - y.at);
  const shown = lines === undefined ? entries : lines === 0 ? [] : entries.slice(-lines);
  if (!shown.length) return { stdout: "-- No entries --\n", stderr: "", exitCode: 0 };
  const host = ctx.state.config.controlPlane.name;
  return { stdout: shown.map((l) => `${shortLine(l, host)}\n`).join(""), stderr: "", exitCode: 0 };
}

export const journalctl: Command = { name: "journalctl", summary: "query the node's journal (kubelet, containerd)", run };
