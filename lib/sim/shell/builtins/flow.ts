/**
 * Builtins that steer the shell: `:`, exit, return, break, continue, shift, eval, source, let,
 * test/[, set, shopt, and bash/sh (a script or `-c` text run as a new bash process would).
 */
import { FS_ERROR_TEXT } from "../../fs/vfs";
import { ExpansionError } from "../io";
import { quoteForShell } from "../quote";
import { ExitSignal, LoopSignal, ReturnSignal } from "../signals";
import { SHELL_OPTIONS, type ShellOption } from "../state";
import { evalTest, TestError } from "../test-expr";
import { complain, type Builtin } from "./types";

const colon: Builtin = { summary: "null command: do nothing, successfully", run: () => 0 };

function parseStatus(arg: string | undefined, fallback: number): number | undefined {
  if (arg === undefined) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(arg)) return undefined;
  return ((Number(arg) % 256) + 256) % 256;
}

const exit: Builtin = {
  summary: "exit the shell",
  run(b) {
    const top = b.sh.subshellDepth === 0 && !b.sh.scriptName;
    if (top) b.io.err.write("exit\n");
    if (b.args.length > 1 && /^\d+$/.test(b.args[0])) return complain(b, "too many arguments");
    const code = parseStatus(b.args[0], b.sh.shell.lastExitCode);
    if (code === undefined) {
      complain(b, `${b.args[0]}: numeric argument required`);
      throw new ExitSignal(2);
    }
    throw new ExitSignal(code);
  },
};

const returnCmd: Builtin = {
  summary: "return from a shell function",
  run(b) {
    if (b.sh.funcDepth === 0 && b.sh.sourceDepth === 0) return complain(b, "can only `return' from a function or sourced script");
    const code = parseStatus(b.args[0], b.sh.shell.lastExitCode);
    if (code === undefined) {
      complain(b, `${b.args[0]}: numeric argument required`);
      throw new ReturnSignal(2);
    }
    throw new ReturnSignal(code);
  },
};

function loopControl(kind: "break" | "continue"): Builtin {
  return {
    summary: kind === "break" ? "exit for, while, or until loops" : "resume the next iteration of the enclosing loop",
    run(b) {
      const n = b.args[0] === undefined ? 1 : Number(b.args[0]);
      if (b.args[0] !== undefined && !/^\d+$/.test(b.args[0])) return complain(b, `${b.args[0]}: numeric argument required`);
      if (n < 1) return complain(b, `${b.args[0]}: loop count out of range`);
      if (b.sh.loopDepth === 0) return complain(b, "only meaningful in a `for', `while', or `until' loop", 0);
      throw new LoopSignal(kind, Math.min(n, b.sh.loopDepth));
    },
  };
}

const shift: Builtin = {
  summary: "shift positional parameters",
  run(b) {
    const n = b.args[0] === undefined ? 1 : Number(b.args[0]);
    if (b.args[0] !== undefined && !/^\d+$/.test(b.args[0])) return complain(b, `${b.args[0]}: numeric argument required`);
    if (n > b.sh.positional.length) return 1;
    b.sh.positional = b.sh.positional.slice(n);
    return 0;
  },
};

const evalCmd: Builtin = {
  summary: "execute arguments as a shell command",
  run(b) {
    return b.sh.sourceText(b.args.join(" "), b.io, undefined, false);
  },
};

const source: Builtin = {
  summary: "execute commands from a file in the current shell",
  async run(b) {
    const [file, ...rest] = b.args;
    if (file === undefined) {
      complain(b, "filename argument required", 2);
      b.io.err.write(`${b.name}: usage: ${b.name} filename [arguments]\n`);
      return 2;
    }
    const path = b.sh.resolve(file);
    const eph = b.sh.ephemeral.get(path);
    const read = eph !== undefined ? { ok: true as const, value: eph } : b.sh.d.vfs.readFile(path);
    if (!read.ok) {
      b.io.err.write(`${b.sh.errPrefix()}${file}: ${FS_ERROR_TEXT[read.error]}\n`);
      return 1;
    }
    return b.sh.sourceText(read.value, b.io, rest.length ? rest : undefined, true);
  },
};

const let_: Builtin = {
  summary: "evaluate arithmetic expressions",
  run(b) {
    if (!b.args.length) return complain(b, "expression expected");
    let v = 0n;
    for (const a of b.args) {
      try {
        v = b.sh.ex.arith(a, "let: ");
      } catch (e) {
        if (!(e instanceof ExpansionError)) throw e;
        b.io.err.write(`${b.sh.errPrefix()}${e.message}\n`);
        return 1;
      }
    }
    return v === 0n ? 1 : 0;
  },
};

function testCmd(bracket: boolean): Builtin {
  return {
    summary: bracket ? "evaluate conditional expression ([ ... ])" : "evaluate conditional expression",
    run(b) {
      let args = b.args;
      if (bracket) {
        if (args[args.length - 1] !== "]") return complain(b, "missing `]'", 2);
        args = args.slice(0, -1);
      }
      try {
        return evalTest(args, b.sh.testEnv()) ? 0 : 1;
      } catch (e) {
        if (e instanceof TestError) return complain(b, e.message, 2);
        throw e;
      }
    },
  };
}

const OPTION_LETTERS: Record<string, ShellOption> = { e: "errexit", x: "xtrace", u: "nounset", f: "noglob", C: "noclobber" };
const SET_O_NAMES = [
  "allexport",
  "braceexpand",
  "emacs",
  "errexit",
  "errtrace",
  "functrace",
  "hashall",
  "histexpand",
  "history",
  "ignoreeof",
  "interactive-comments",
  "keyword",
  "monitor",
  "noclobber",
  "noexec",
  "noglob",
  "nolog",
  "notify",
  "nounset",
  "onecmd",
  "physical",
  "pipefail",
  "posix",
  "privileged",
  "verbose",
  "vi",
  "xtrace",
];
const SET_O_ON = new Set(["braceexpand", "emacs", "hashall", "histexpand", "history", "interactive-comments", "monitor"]);

const set: Builtin = {
  summary: "set or unset shell options and positional parameters",
  run(b) {
    const { sh } = b;
    if (!b.args.length) {
      const out = sh.vars
        .names()
        .filter((n) => sh.vars.cell(n)?.kind === "scalar")
        .map((n) => `${n}=${quoteForShell(sh.vars.get(n) ?? "")}\n`);
      b.io.out.write(out.join(""));
      return 0;
    }
    for (let i = 0; i < b.args.length; i++) {
      const a = b.args[i];
      if (a === "--") {
        sh.positional = b.args.slice(i + 1);
        return 0;
      }
      if (a === "-") {
        sh.setOption("xtrace", false);
        sh.positional = b.args.slice(i + 1);
        return 0;
      }
      if ((a[0] !== "-" && a[0] !== "+") || a.length < 2) {
        sh.positional = b.args.slice(i);
        return 0;
      }
      const on = a[0] === "-";
      for (const c of a.slice(1)) {
        if (c === "o") {
          const name = b.args[++i];
          if (name === undefined) {
            const lines = SET_O_NAMES.map((n) => {
              const v = SHELL_OPTIONS.includes(n as ShellOption) ? sh.option(n as ShellOption) : SET_O_ON.has(n);
              return on ? `${n.padEnd(15)}\t${v ? "on" : "off"}\n` : `set ${v ? "-o" : "+o"} ${n}\n`;
            });
            b.io.out.write(lines.join(""));
            continue;
          }
          if (SHELL_OPTIONS.includes(name as ShellOption)) sh.setOption(name as ShellOption, on);
          else if (!SET_O_NAMES.includes(name)) return complain(b, `${name}: invalid option name`);
          continue;
        }
        const opt = OPTION_LETTERS[c];
        if (opt) sh.setOption(opt, on);
        else if (!"abhkmnpvtBEHPT".includes(c)) {
          complain(b, `${a[0]}${c}: invalid option`, 2);
          b.io.err.write("set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n");
          return 2;
        }
      }
    }
    return 0;
  },
};

const SHOPT_ON = new Set([
  "checkwinsize",
  "cmdhist",
  "complete_fullquote",
  "expand_aliases",
  "extquote",
  "force_fignore",
  "globasciiranges",
  "hostcomplete",
  "interactive_comments",
  "patsub_replacement",
  "progcomp",
  "promptvars",
  "sourcepath",
]);
const SHOPT_ALL = [
  "autocd",
  "cdable_vars",
  "cdspell",
  "checkhash",
  "checkjobs",
  "checkwinsize",
  "cmdhist",
  "dotglob",
  "execfail",
  "expand_aliases",
  "extglob",
  "extquote",
  "failglob",
  "force_fignore",
  "globasciiranges",
  "globstar",
  "histappend",
  "histverify",
  "hostcomplete",
  "huponexit",
  "inherit_errexit",
  "interactive_comments",
  "lastpipe",
  "lithist",
  "login_shell",
  "mailwarn",
  "nocaseglob",
  "nocasematch",
  "nullglob",
  "patsub_replacement",
  "progcomp",
  "promptvars",
  "sourcepath",
  "xpg_echo",
];

/** Options are accepted and remembered for `shopt` itself; the shell's behaviour is bash's defaults. */
const shopt: Builtin = {
  summary: "set and unset shell options",
  run(b) {
    const names = b.args.filter((a) => !a.startsWith("-"));
    const flags = b.args.filter((a) => a.startsWith("-")).join("");
    for (const n of names) if (!SHOPT_ALL.includes(n)) return complain(b, `${n}: invalid shell option name`);
    if (flags.includes("s") || flags.includes("u")) return 0;
    const list = names.length ? names : SHOPT_ALL;
    if (!flags.includes("q")) b.io.out.write(list.map((n) => `${n.padEnd(15)}\t${SHOPT_ON.has(n) ? "on" : "off"}\n`).join(""));
    return list.every((n) => SHOPT_ON.has(n)) ? 0 : 1;
  },
};

/** `bash [-x] [-e] file args`, `bash -c 'text' [name args]`, `echo cmds | bash`: a new, non-interactive bash. */
const bash: Builtin = {
  summary: "the GNU Bourne-Again SHell (runs a script or -c text)",
  async run(b) {
    const opts: ShellOption[] = [];
    let i = 0;
    let command: string | undefined;
    let check = false;
    for (; i < b.args.length; i++) {
      const a = b.args[i];
      if (a === "--version") {
        b.io.out.write("GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n");
        return 0;
      }
      if (a === "--") {
        i++;
        break;
      }
      if (!/^[-+][a-zA-Z]+$/.test(a)) break;
      for (const c of a.slice(1)) {
        if (c === "c") command = b.args[++i];
        else if (c === "n") check = true;
        else if (OPTION_LETTERS[c]) opts.push(OPTION_LETTERS[c]);
        else if (c === "o") {
          const n = b.args[++i] as ShellOption;
          if (SHELL_OPTIONS.includes(n)) opts.push(n);
        }
      }
      if (command !== undefined) {
        i++;
        break;
      }
    }
    const rest = b.args.slice(i);
    if (command !== undefined) return b.sh.runScriptFile(command, rest[0] ?? b.name, rest.slice(1), b.io, opts);
    if (!rest.length) {
      const text = b.io.stdin.readAll();
      return check ? 0 : b.sh.runScriptFile(text, b.name, [], b.io, opts);
    }
    const path = b.sh.resolve(rest[0]);
    const read = b.sh.d.vfs.readFile(path);
    if (!read.ok) {
      b.io.err.write(`${b.name}: ${rest[0]}: ${FS_ERROR_TEXT[read.error]}\n`);
      return 127;
    }
    if (check) return 0;
    return b.sh.runScriptFile(read.value, rest[0], rest.slice(1), b.io, opts);
  },
};

export const flowBuiltins: [string, Builtin][] = [
  [":", colon],
  ["exit", exit],
  ["logout", exit],
  ["return", returnCmd],
  ["break", loopControl("break")],
  ["continue", loopControl("continue")],
  ["shift", shift],
  ["eval", evalCmd],
  ["source", source],
  [".", source],
  ["let", let_],
  ["test", testCmd(false)],
  ["[", testCmd(true)],
  ["set", set],
  ["shopt", shopt],
  ["bash", bash],
  ["sh", bash],
];
