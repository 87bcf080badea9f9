/** Commands about the machine and its environment: date, whoami, hostname, env, printenv, sleep, basename, dirname. */
import type { Command } from "../../types";
import { getVar } from "../../shell/shell-context";
import { cq, fail, tryHelp } from "./util";

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
    j: () => String(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400_000) + 1).padStart(3, "0"),
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

export const date: Command = {
  name: "date",
  summary: "print the system date and time",
  run(ctx) {
    let fmt = "%a %b %e %H:%M:%S %Z %Y";
    for (const a of ctx.args) {
      if (a.startsWith("+")) fmt = a.slice(1);
      else if (a === "-u" || a === "--utc" || a === "-R" || a === "--rfc-email") {
        if (a === "-R" || a === "--rfc-email") fmt = "%a, %d %b %Y %H:%M:%S %z";
      } else if (a === "-I" || a === "--iso-8601") fmt = "%F";
      else if (a.startsWith("--")) return fail(`date: unrecognized option '${a}'\n${tryHelp("date")}`);
      else if (a.startsWith("-")) return fail(`date: invalid option -- '${a[1]}'\n${tryHelp("date")}`);
      else return fail(`date: invalid date ${cq(a)}\n`);
    }
    return { stdout: strftime(fmt, ctx.now) + "\n", stderr: "", exitCode: 0 };
  },
};

export const whoami: Command = { name: "whoami", summary: "print effective user name", run: () => ({ stdout: "root\n", stderr: "", exitCode: 0 }) };

export const hostname: Command = {
  name: "hostname",
  summary: "show the system's host name",
  run(ctx) {
    const node = ctx.state.config.controlPlane;
    return { stdout: (ctx.args.includes("-i") || ctx.args.includes("-I") ? node.ip : node.name) + "\n", stderr: "", exitCode: 0 };
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
        return { stdout: vals.filter((v) => v !== undefined).map((v) => v + "\n").join(""), stderr: "", exitCode: vals.every((v) => v !== undefined) ? 0 : 1 };
      }
      if (name === "env" && ctx.args.length) return fail("env: running commands is not supported in this terminal\n", 125);
      return { stdout: keys.map((k) => `${k}=${ctx.env[k]}\n`).join(""), stderr: "", exitCode: 0 };
    },
  };
}
export const env = envLike("env");
export const printenv = envLike("printenv");

/** sleep never waits (a lesson has nothing to wait for); it only validates like GNU sleep. */
export const sleep: Command = {
  name: "sleep",
  summary: "delay for a specified amount of time (returns at once here)",
  run(ctx) {
    if (!ctx.args.length) return fail(`sleep: missing operand\n${tryHelp("sleep")}`);
    for (const a of ctx.args) if (!/^\d*\.?\d+[smhd]?$/.test(a)) return fail(`sleep: invalid time interval ${cq(a)}\n${tryHelp("sleep")}`);
    return { stdout: "", stderr: "", exitCode: 0 };
  },
};

export const basenameCmd: Command = {
  name: "basename",
  summary: "strip directory and suffix from filenames",
  run(ctx) {
    const [path, suffix] = ctx.args;
    if (path === undefined) return fail(`basename: missing operand\n${tryHelp("basename")}`);
    let b = path.replace(/\/+$/, "");
    b = b === "" ? (path ? "/" : "") : b.slice(b.lastIndexOf("/") + 1);
    if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
    return { stdout: b + "\n", stderr: "", exitCode: 0 };
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
