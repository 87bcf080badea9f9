/**
 * `watch [-n SECONDS] [-t] [-d] COMMAND...` (procps-ng): runs COMMAND through `sh -c` every
 * interval and shows its output full screen under a header, until Ctrl-C. Intervals under one
 * second run every second here, so a learner's watch costs at most one command a second.
 */
import type { ProgramDef, ProgramContext, ProgramStep } from "./types";

export const WATCH_MIN_INTERVAL_MS = 1000;

export interface WatchState {
  command: string;
  intervalMs: number;
  /** the -n value as typed, for the header ("Every 2.0s") */
  shownInterval: number;
  title: boolean;
  /** the last screen drawn, without the escape that clears it */
  frame: string;
}

/** Parses watch's options; the command is everything after them. */
export function parseWatchArgs(args: readonly string[]): { ok: true; state: WatchState } | { ok: false; stderr: string } {
  let interval = 2;
  let title = true;
  let i = 0;
  const usage = "\nUsage:\n watch [options] command\n";
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-") || a === "-") break;
    if (a === "--") {
      i++;
      break;
    }
    let value: string | undefined;
    if (a === "-n" || a === "--interval") value = args[++i];
    else if (a.startsWith("--interval=")) value = a.slice("--interval=".length);
    else if (/^-n./.test(a)) value = a.slice(2);
    else if (a === "-t" || a === "--no-title") {
      title = false;
      continue;
    } else if (a === "-d" || a === "--differences" || a === "-c" || a === "--color") continue;
    else return { ok: false, stderr: `watch: invalid option -- '${a.replace(/^-+/, "").slice(0, 1)}'${usage}` };
    const n = Number((value ?? "").replace(",", "."));
    if (value === undefined || !Number.isFinite(n) || value.trim() === "")
      return { ok: false, stderr: `watch: failed to parse argument: '${value ?? ""}'\n` };
    interval = Math.max(0.1, n);
  }
  const command = args.slice(i).join(" ");
  if (!command) return { ok: false, stderr: usage.trimStart() };
  return {
    ok: true,
    state: { command, intervalMs: Math.max(WATCH_MIN_INTERVAL_MS, Math.round(interval * 1000)), shownInterval: interval, title, frame: "" },
  };
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ctime(3)'s date, in UTC (the node's timezone): "Mon Nov 30 07:34:28 2026". */
function ctime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The screen: header, a blank line, then the command's output wrapped at the width and cut at the height. */
function frame(s: WatchState, ctx: ProgramContext, output: string): string {
  const rows: string[] = [];
  const cols = Math.max(10, ctx.cols);
  if (s.title) {
    const left = `Every ${s.shownInterval.toFixed(1)}s: ${s.command}`;
    const right = `${ctx.state.config.controlPlane.name}: ${ctime(ctx.now)}`;
    const room = cols - right.length - 1;
    rows.push(room >= 10 ? `${left.length > room ? left.slice(0, room - 3) + "..." : left.padEnd(room)} ${right}` : left.slice(0, cols));
    rows.push("");
  }
  for (const line of output.replace(/\n$/, "").split("\n")) {
    const text = line.replace(/\t/g, "        ");
    if (text === "") rows.push("");
    for (let at = 0; at < text.length; at += cols) rows.push(text.slice(at, at + cols));
    if (rows.length >= ctx.rows) break;
  }
  return rows.slice(0, Math.max(1, ctx.rows)).join("\r\n");
}

async function draw(s: WatchState, ctx: ProgramContext): Promise<ProgramStep> {
  s.frame = frame(s, ctx, await ctx.run(s.command));
  return { output: `\x1b[H\x1b[2J${s.frame}`, nextAt: ctx.now + s.intervalMs };
}

export const watchProgram: ProgramDef<WatchState> = {
  name: "watch",
  unattended: "interrupt",
  parse(data) {
    const d = data as Partial<WatchState> | null;
    if (
      !d ||
      typeof d.command !== "string" ||
      typeof d.intervalMs !== "number" ||
      typeof d.shownInterval !== "number" ||
      typeof d.title !== "boolean"
    )
      return null;
    return {
      command: d.command,
      intervalMs: Math.max(WATCH_MIN_INTERVAL_MS, d.intervalMs),
      shownInterval: d.shownInterval,
      title: d.title,
      frame: "",
    };
  },
  async start(s, ctx) {
    const step = await draw(s, ctx);
    return { ...step, output: `\x1b[?1049h${step.output}` };
  },
  tick: draw,
  interrupt() {
    // curses turns echo off, so no ^C: watch leaves its screen and the prompt comes back
    return { output: "\x1b[?1049l", nextAt: null, exitCode: 130 };
  },
  render(s) {
    return `\x1b[?1049h\x1b[H\x1b[2J${s.frame}`;
  },
};
