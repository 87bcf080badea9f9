/** Commands about the machine and its environment: date, whoami, hostname, env, printenv, sleep, basename, dirname. */
import type { Command } from "../../types";
import { getVar } from "../../shell/shell-context";
import { cq, fail, getopt, isResult, tryHelp } from "./util";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** strftime for the specifiers people use; the cluster runs in UTC like kubeadm nodes usually do. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const spec: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()].slice(0, 3),
    A: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    h: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    B: () => MONTHS[d.getUTCMonth()],
    d: () => p2(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, " "),
    m: () => p2(d.getUTCMonth() + 1),
    y: () => p2(d.getUTCFullYear() % 100),
    Y: () => String(d.getUTCFullYear()),
    H: () => p2(h),
    I: () => p2(h % 12 || 12),
    p: () => (h < 12 ? "AM" : "PM"),
    M: () => p2(d.getUTCMinutes()),
    S: () => p2(d.getUTCSeconds()),
    N: () => String(d.getUTCMilliseconds() * 1e6).padStart(9, "0"),
    Z: () => "UTC",
    z: () => "+0000",
    s: () => String(Math.floor(ms / 1000)),
    j: () =>
      String(
        Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400_000) + 1,
      ).padStart(3, "0"),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    F: () => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
    T: () => `${p2(h)}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
    R: () => `${p2(h)}:${p2(d.getUTCMinutes())}`,
    D: () => `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`,
    n: () => "\n",
    t: () => "\t",
    "%": () => "%",
  };
  let out = "";
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] === "%" && i + 1 < fmt.length) {
      const f = spec[fmt[++i]];
      out += f ? f() : "%" + fmt[i];
    } else out += fmt[i];
  }
  return out;
}

const MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const UNITS: Record<string, number> = {
  sec: 1000,
  second: 1000,
  min: 60_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  fortnight: 1_209_600_000,
};

/** `date -d STRING` for the forms people type: @N, ISO dates, openssl's `Nov 28 09:08:33 2027 GMT`, relative items. */
export function parseDate(text: string, now: number): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "now" || t === "today") return now;
  let m = /^@(-?\d+(?:\.\d+)?)$/.exec(t);
  if (m) return Math.floor(Number(m[1])) * 1000;
  const valid = (y: number, mo: number, d: number, h = 0, mi = 0, sec = 0) => {
    const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
    const dt = new Date(ms);
    return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && h < 24 && mi < 60 && sec < 61 ? ms : undefined;
  };
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|utc|gmt|[+-]00:?00)?$/.exec(t);
  if (m) return valid(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(?:[a-z]{3},?\s+)?([a-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})(?:\s+(?:gmt|utc|z))?$/.exec(t);
  if (m && MONTH_ABBR.includes(m[1])) return valid(+m[6], MONTH_ABBR.indexOf(m[1]) + 1, +m[2], +m[3], +m[4], +m[5]);
  m = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+(?:gmt|utc|z|\+0000))?$/.exec(
    t,
  );
  if (m && MONTH_ABBR.includes(m[2])) return valid(+m[3], MONTH_ABBR.indexOf(m[2]) + 1, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (t === "tomorrow") return now + 86_400_000;
  if (t === "yesterday") return now - 86_400_000;
  // relative items: "+2 days", "2 days ago", "1 hour", "-3 weeks"
  let total = 0;
  let rest = t;
  const rel = /^\s*([+-]?\s*\d+)?\s*(sec|second|min|minute|hour|day|week|fortnight|month|year)s?\b/;
  let any = false;
  while ((m = rel.exec(rest))) {
    any = true;
    const n = Number((m[1] ?? "1").replace(/\s/g, ""));
    const unit = m[2];
    if (unit === "month" || unit === "year") {
      const d = new Date(now + total);
      if (unit === "month") d.setUTCMonth(d.getUTCMonth() + n);
      else d.setUTCFullYear(d.getUTCFullYear() + n);
      total = d.getTime() - now;
    } else total += n * UNITS[unit];
    rest = rest.slice(m[0].length);
  }
  if (!any) return undefined;
  if (/^\s*ago\s*$/.test(rest)) return now - total;
  return rest.trim() === "" ? now + total : undefined;
}

export const date: Command = {
  name: "date",
  summary: "print or parse a date and time",
  run(ctx) {
    let fmt = "%a %b %e %H:%M:%S %Z %Y";
    let when = ctx.now;
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.startsWith("+")) fmt = a.slice(1);
      else if (a === "-u" || a === "--utc" || a === "--universal") continue;
      else if (a === "-R" || a === "--rfc-email") fmt = "%a, %d %b %Y %H:%M:%S %z";
      else if (a === "-d" || a === "--date" || a.startsWith("--date=") || (a.startsWith("-d") && a.length > 2)) {
        const v = a === "-d" || a === "--date" ? args[++i] : a.startsWith("--date=") ? a.slice(7) : a.slice(2);
        if (v === undefined) return fail(`date: option requires an argument -- 'd'\n${tryHelp("date")}`);
        const t = parseDate(v, ctx.now);
        if (t === undefined) return fail(`date: invalid date ${cq(v)}\n`);
        when = t;
      } else if (/^(-I|--iso-8601)(=?(date|hours|minutes|seconds|ns))?$/.test(a) || /^-I(date|hours|minutes|seconds|ns)$/.test(a)) {
        const spec = /(date|hours|minutes|seconds|ns)$/.exec(a)?.[1] ?? "date";
        fmt = { date: "%F", hours: "%FT%H+00:00", minutes: "%FT%H:%M+00:00", seconds: "%FT%T+00:00", ns: "%FT%T,%N+00:00" }[spec] ?? "%F";
      } else if (a.startsWith("--")) return fail(`date: unrecognized option '${a}'\n${tryHelp("date")}`);
      else if (a.startsWith("-")) return fail(`date: invalid option -- '${a[1]}'\n${tryHelp("date")}`);
      else return fail(`date: invalid date ${cq(a)}\n`);
    }
    return { stdout: strftime(fmt, when) + "\n", stderr: "", exitCode: 0 };
  },
};

export const whoami: Command = {
  name: "whoami",
  summary: "print effective user name",
  run: () => ({ stdout: "root\n", stderr: "", exitCode: 0 }),
};

export const hostname: Command = {
  name: "hostname",
  summary: "show the system's host name",
  run(ctx) {
    const node = ctx.state.config.controlPlane;
    const a = ctx.args[0];
    if (a === "-i" || a === "--ip-address") return { stdout: node.ip + "\n", stderr: "", exitCode: 0 };
    if (a === "-I" || a === "--all-ip-addresses") return { stdout: node.ip + " \n", stderr: "", exitCode: 0 };
    if (a === "-f" || a === "--fqdn" || a === "-s" || a === "--short" || a === undefined)
      return { stdout: node.name + "\n", stderr: "", exitCode: 0 };
    if (a.startsWith("-"))
      return fail(
        `hostname: invalid option -- '${a.replace(/^-+/, "")[0]}'\nTry 'hostname --help' or 'hostname --usage' for more information.\n`,
      );
    return fail("hostname: you must be root to change the host name\n");
  },
};

function envLike(name: "env" | "printenv"): Command {
  return {
    name,
    summary: name === "env" ? "print the environment" : "print all or part of environment",
    run(ctx) {
      const keys = Object.keys(ctx.env);
      if (name === "printenv" && ctx.args.length) {
        const vals = ctx.args.map((k) => getVar(ctx.env, k));
        return {
          stdout: vals
            .filter((v) => v !== undefined)
            .map((v) => v + "\n")
            .join(""),
          stderr: "",
          exitCode: vals.every((v) => v !== undefined) ? 0 : 1,
        };
      }
      if (name === "env" && ctx.args.length) return fail("env: running commands is not supported in this terminal\n", 125);
      return { stdout: keys.map((k) => `${k}=${ctx.env[k]}\n`).join(""), stderr: "", exitCode: 0 };
    },
  };
}
export const env = envLike("env");
export const printenv = envLike("printenv");

const SLEEP_UNIT_MS: Record<string, number> = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * sleep validates like GNU sleep and then, as the last command of a line at the prompt, waits on
 * the cluster clock as a foreground program (Ctrl-C stops it; lib/sim/programs). Inside a
 * script, a loop or a pipeline it returns at once: nothing else in the line could wait for it.
 */
export const sleep: Command = {
  name: "sleep",
  summary: "delay for a specified amount of time",
  run(ctx) {
    if (!ctx.args.length) return fail(`sleep: missing operand\n${tryHelp("sleep")}`);
    let ms = 0;
    for (const a of ctx.args) {
      const m = /^(\d*\.?\d+)([smhd]?)$/.exec(a);
      if (!m) return fail(`sleep: invalid time interval ${cq(a)}\n${tryHelp("sleep")}`);
      ms += Number(m[1]) * SLEEP_UNIT_MS[m[2]];
    }
    return { stdout: "", stderr: "", exitCode: 0, program: { program: "sleep", data: { ms: Math.round(ms) } } };
  },
};

function base(path: string, suffix?: string): string {
  let b = path.replace(/\/+$/, "");
  b = b === "" ? (path ? "/" : "") : b.slice(b.lastIndexOf("/") + 1);
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  return b;
}

export const basenameCmd: Command = {
  name: "basename",
  summary: "strip directory and suffix from filenames",
  run(ctx) {
    const p = getopt("basename", ctx.args, { bool: "az", value: "s", long: { multiple: "a", suffix: "s", zero: "z" } });
    if (isResult(p)) return p;
    const ops = p.operands;
    if (!ops.length) return fail(`basename: missing operand\n${tryHelp("basename")}`);
    const multiple = p.flags.has("a") || p.flags.has("s");
    if (!multiple && ops.length > 2) return fail(`basename: extra operand ${cq(ops[2])}\n${tryHelp("basename")}`);
    const end = p.flags.has("z") ? "\0" : "\n";
    if (multiple) return { stdout: ops.map((o) => base(o, p.flags.get("s")) + end).join(""), stderr: "", exitCode: 0 };
    return { stdout: base(ops[0], ops[1]) + end, stderr: "", exitCode: 0 };
  },
};

export const dirnameCmd: Command = {
  name: "dirname",
  summary: "strip last component from file name",
  run(ctx) {
    if (!ctx.args.length) return fail(`dirname: missing operand\n${tryHelp("dirname")}`);
    const out = ctx.args.map((p) => {
      const t = p.replace(/\/+$/, "");
      if (!t) return p.startsWith("/") ? "/" : ".";
      const i = t.lastIndexOf("/");
      return i < 0 ? "." : t.slice(0, i).replace(/\/+$/, "") || "/";
    });
    return { stdout: out.join("\n") + "\n", stderr: "", exitCode: 0 };
  },
};
