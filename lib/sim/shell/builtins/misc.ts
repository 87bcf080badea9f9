/**
 * The remaining builtins people type: getopts, pushd/popd/dirs, exec, kill and the job-control
 * ones (a job ran when it was started; only a background `kubectl port-forward` keeps running
 * until `kill %N` ends it).
 */
import { ExitSignal } from "../signals";
import { arrayKeys, setOwn } from "../vars";
import { findJob } from "../jobs";
import { complain, options, type Builtin } from "./types";

const getopts: Builtin = {
  summary: "parse option arguments",
  run(b) {
    const [spec, name, ...given] = b.args;
    if (spec === undefined || name === undefined) {
      b.io.err.write("getopts: usage: getopts optstring name [arg ...]\n");
      return 2;
    }
    const { vars } = b.sh;
    const args = given.length ? given : b.sh.positional;
    const silent = spec.startsWith(":");
    const letters = silent ? spec.slice(1) : spec;
    let ind = Number(vars.get("OPTIND") ?? "1") || 1;
    // OPTIND says which argument; the position inside a group like -abc is remembered here
    const key = `${ind}`;
    const pos = b.sh.getoptsPos.ind === key ? b.sh.getoptsPos.pos : 1;
    const arg = args[ind - 1];
    const done = () => {
      vars.set(name, "?");
      vars.set("OPTIND", String(ind));
      b.sh.getoptsPos = { ind: "", pos: 1 };
      return 1;
    };
    if (arg === undefined || arg === "-" || !arg.startsWith("-")) return done();
    if (arg === "--") {
      ind++;
      return done();
    }
    const c = arg[pos];
    const at = letters.indexOf(c);
    const next = () => {
      if (pos + 1 < arg.length) {
        b.sh.getoptsPos = { ind: key, pos: pos + 1 };
      } else {
        ind++;
        b.sh.getoptsPos = { ind: "", pos: 1 };
      }
    };
    if (at < 0 || c === ":") {
      if (silent) vars.set("OPTARG", c);
      else {
        vars.unset("OPTARG");
        b.io.err.write(`${b.sh.scriptName ?? "bash"}: illegal option -- ${c}\n`);
      }
      vars.set(name, "?");
      next();
      vars.set("OPTIND", String(ind));
      return 0;
    }
    if (letters[at + 1] === ":") {
      let value: string | undefined;
      if (pos + 1 < arg.length) value = arg.slice(pos + 1);
      else value = args[ind];
      if (value === undefined) {
        ind++;
        vars.set("OPTIND", String(ind));
        b.sh.getoptsPos = { ind: "", pos: 1 };
        if (silent) {
          vars.set(name, ":");
          vars.set("OPTARG", c);
        } else {
          vars.set(name, "?");
          b.io.err.write(`${b.sh.scriptName ?? "bash"}: option requires an argument -- ${c}\n`);
        }
        return 0;
      }
      ind += pos + 1 < arg.length ? 1 : 2;
      b.sh.getoptsPos = { ind: "", pos: 1 };
      vars.set("OPTARG", value);
    } else {
      next();
      vars.unset("OPTARG");
    }
    vars.set(name, c);
    vars.set("OPTIND", String(ind));
    return 0;
  },
};

function dirStack(b: Parameters<Builtin["run"]>[0]): string[] {
  const c = b.sh.vars.cell("DIRSTACK");
  return c?.kind === "array"
    ? arrayKeys(c)
        .map((k) => c.items[k])
        .slice(1)
    : [];
}

function showDirs(b: Parameters<Builtin["run"]>[0], stack: string[]): void {
  const home = b.sh.vars.get("HOME") ?? "/root";
  const tilde = (p: string) => (p === home ? "~" : p.startsWith(home + "/") ? "~" + p.slice(home.length) : p);
  b.io.out.write([b.sh.shell.cwd, ...stack].map(tilde).join(" ") + "\n");
}

function saveStack(b: Parameters<Builtin["run"]>[0], stack: string[]): void {
  const items: Record<string, string> = {};
  [b.sh.shell.cwd, ...stack].forEach((d, i) => setOwn(items, String(i), d));
  b.sh.vars.setArray("DIRSTACK", items);
}

async function cdTo(b: Parameters<Builtin["run"]>[0], dir: string): Promise<boolean> {
  const cd = b.sh.d.commands.get("cd");
  if (!cd) return false;
  return (await b.sh.dispatch(["cd", dir], new Map(), b.io)) === 0;
}

const pushd: Builtin = {
  summary: "add a directory to the directory stack",
  async run(b) {
    const stack = dirStack(b);
    const from = b.sh.shell.cwd;
    const dir = b.args[0];
    if (dir === undefined) {
      if (!stack.length) return complain(b, "no other directory");
      const top = stack.shift() ?? from;
      if (!(await cdTo(b, top))) return 1;
      stack.unshift(from);
    } else {
      if (!(await cdTo(b, dir))) return 1;
      stack.unshift(from);
    }
    saveStack(b, stack);
    showDirs(b, stack);
    return 0;
  },
};

const popd: Builtin = {
  summary: "remove directories from the directory stack",
  async run(b) {
    const stack = dirStack(b);
    if (!stack.length) return complain(b, "directory stack empty");
    const to = stack.shift() ?? "/";
    if (!(await cdTo(b, to))) return 1;
    saveStack(b, stack);
    showDirs(b, stack);
    return 0;
  },
};

const dirs: Builtin = {
  summary: "display the directory stack",
  run(b) {
    if (b.args.includes("-c")) {
      b.sh.vars.unset("DIRSTACK");
      return 0;
    }
    showDirs(b, dirStack(b));
    return 0;
  },
};

const SIGNALS = ["HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"];

/**
 * `kill %N` (also %%, %+, %-): SIGTERM to a job still running, which then ends with status 143
 * (bash reports it "Terminated" at the next prompt). False when no running job has that spec.
 */
function killJob(b: Parameters<Builtin["run"]>[0], spec: string): boolean {
  const now = b.sh.d.now();
  const job = findJob(b.sh.shell.jobs ?? [], spec);
  if (!job || job.endsAt <= now) return false;
  job.endsAt = now;
  job.code = 143;
  return true;
}

const kill: Builtin = {
  summary: "send a signal to a job or process",
  run(b) {
    if (b.args[0] === "-l" || b.args[0] === "-L") {
      b.io.out.write(SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) SIG${s}`).join("\t") + "\n");
      return 0;
    }
    const targets = b.args.filter((a) => !/^-/.test(a));
    if (!targets.length) {
      b.io.err.write(`${b.sh.errPrefix()}kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
      return 2;
    }
    let code = 0;
    for (const t of targets) {
      if (t.startsWith("%")) code = killJob(b, t) ? code : complain(b, `${t}: no such job`);
      else if (!/^\d+$/.test(t)) code = complain(b, `${t}: arguments must be process or job IDs`);
      else code = complain(b, `(${t}) - No such process`);
    }
    return code;
  },
};

const noJob = (what: string): Builtin => ({
  summary: `${what} (there are no background jobs here)`,
  run: (b) => complain(b, "current: no such job"),
});
/** `jobs [-l] [%n ...]`: the job table (shell/jobs.ts). */
const jobs: Builtin = {
  summary: "display status of jobs",
  run(b) {
    const o = options(b.args);
    const bad = [...o.flags.keys()].find((f) => f !== "l");
    if (bad !== undefined || o.bad) {
      complain(b, `-${bad}: invalid option`);
      b.io.err.write("jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n");
      return 2;
    }
    let only: Set<number> | undefined;
    if (o.rest.length) {
      only = new Set();
      for (const spec of o.rest) {
        const j = findJob(b.sh.shell.jobs ?? [], spec.startsWith("%") ? spec : `%${spec}`);
        if (!j) return complain(b, `${spec}: no such job`);
        only.add(j.n);
      }
    }
    b.io.out.write(b.sh.jobLines(false, o.flags.has("l"), only));
    return 0;
  },
};

/** `wait [-fn] [id ...]`: the interpreter waits on the cluster clock (Interpreter.waitForJobs). */
const wait: Builtin = {
  summary: "wait for job completion",
  run(b) {
    const o = options(b.args);
    const bad = [...o.flags.keys()].find((f) => f !== "n" && f !== "f");
    if (bad !== undefined || o.bad) {
      complain(b, `-${bad}: invalid option`);
      b.io.err.write("wait: usage: wait [-fn] [-p var] [id ...]\n");
      return 2;
    }
    return b.sh.waitForJobs(o.rest, o.flags.has("n"), b.io);
  },
};

const quiet = (summary: string): Builtin => ({ summary, run: () => 0 });

const umask: Builtin = {
  summary: "display or set file mode mask",
  run(b) {
    if (!b.args.length) b.io.out.write("0022\n");
    else if (b.args[0] === "-S") b.io.out.write("u=rwx,g=rx,o=rx\n");
    return 0;
  },
};

const exec: Builtin = {
  summary: "replace the shell with the given command",
  async run(b) {
    const args = b.args.filter((a, i) => !(i === 0 && /^-[cl]+$/.test(a)));
    if (!args.length) return 0;
    const base = args[0].slice(args[0].lastIndexOf("/") + 1);
    if ((base === "bash" || base === "sh") && args.length === 1) {
      // a new interactive shell: it reads ~/.bashrc again
      await b.sh.restartShell();
      return 0;
    }
    throw new ExitSignal(await b.sh.dispatch(args, new Map(), b.io));
  },
};

export const miscBuiltins: [string, Builtin][] = [
  ["getopts", getopts],
  ["pushd", pushd],
  ["popd", popd],
  ["dirs", dirs],
  ["kill", kill],
  ["fg", noJob("resume a job in the foreground")],
  ["bg", noJob("resume a job in the background")],
  ["jobs", jobs],
  ["wait", wait],
  ["disown", quiet("remove jobs from the job table")],
  ["trap", quiet("trap signals (accepted; nothing here raises them)")],
  ["umask", umask],
  ["ulimit", { summary: "modify shell resource limits", run: (b) => (b.io.out.write("unlimited\n"), 0) }],
  ["times", { summary: "display process times", run: (b) => (b.io.out.write("0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n"), 0) }],
  ["exec", exec],
];
