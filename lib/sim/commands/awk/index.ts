/**
 * awk, as mawk 1.3.4 20200120 (the awk of Debian and of Ubuntu 22.04, the usual kubeadm node):
 * same number output (integers up to 2^31-1, then %.6g), same substr and %d edge behaviour, same
 * error texts. Commands it runs (`cmd | getline`, system(), print | "cmd") are simulator
 * commands: the program is replayed with each command's result once it is known.
 */
import { isShellContext } from "../../shell/shell-context";
import type { Command, CommandContext, ExecResult } from "../../types";
import { AwkSyntaxError, parseProgram } from "./parser";
import { AwkError, NeedCommand } from "./errors";
import { Awk } from "./runtime";
import type { Program } from "./ast";

const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

const VERSION =
  "mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n";

function fsValue(v: string): string {
  if (v === "t") return "\t";
  return v.replace(/\\t/g, "\t").replace(/\\n/g, "\n").replace(/\\\\/g, "\\");
}

export const awk: Command = {
  name: "awk",
  summary: "pattern scanning and text processing language (mawk)",
  async run(ctx) {
    const args = ctx.args;
    const sources: string[] = [];
    const assigns: [string, string][] = [];
    let fs: string | undefined;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        i++;
        break;
      }
      if (a === "--version" || (a === "-W" && /^v/.test(args[i + 1] ?? "")) || /^-Wv/.test(a))
        return { stdout: VERSION, stderr: "", exitCode: 0 };
      if (a === "-W") {
        i++;
        continue;
      }
      if (/^-W/.test(a)) continue;
      if (a.startsWith("-F")) {
        const v = a.length > 2 ? a.slice(2) : args[++i];
        if (v === undefined) return { stdout: "", stderr: "awk: option requires an argument -- F\n" + USAGE, exitCode: 2 };
        fs = fsValue(v);
        continue;
      }
      if (a.startsWith("-v")) {
        const v = a.length > 2 ? a.slice(2) : args[++i];
        const m = v === undefined ? null : /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) return { stdout: "", stderr: `awk: improper assignment: -v ${v ?? ""}\n`, exitCode: 2 };
        assigns.push([m[1], m[2]]);
        continue;
      }
      if (a.startsWith("-f")) {
        const f = a.length > 2 ? a.slice(2) : args[++i];
        const r = f === undefined ? undefined : f === "-" ? { ok: true as const, value: ctx.stdin } : ctx.fs.readFile(ctx.resolve(f));
        if (!r?.ok) return { stdout: "", stderr: `awk: cannot open ${f ?? ""} (No such file or directory)\n`, exitCode: 2 };
        sources.push(r.value);
        continue;
      }
      if (a.length > 1 && a.startsWith("-")) return { stdout: "", stderr: `awk: not an option: ${a}\n` + USAGE, exitCode: 2 };
      break;
    }
    if (!sources.length) {
      if (i >= args.length) return { stdout: "", stderr: USAGE, exitCode: 2 };
      sources.push(args[i++]);
    }
    let prog: Program;
    try {
      prog = parseProgram(sources.join("\n"));
    } catch (e) {
      if (e instanceof AwkSyntaxError) return { stdout: "", stderr: `awk: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    if (fs !== undefined) assigns.unshift(["FS", fs]);
    return runWithCommands(ctx, prog, ["awk", ...args.slice(i)], assigns);
  },
};

/** Runs the program; each time it needs a command's output, runs that command and starts again. */
async function runWithCommands(ctx: CommandContext, prog: Program, argv: string[], assigns: [string, string][]): Promise<ExecResult> {
  const results: { cmd: string; input: string; stdout: string; stderr: string; exitCode: number }[] = [];
  let stdinText: string | undefined;
  for (;;) {
    const machine = new Awk(
      prog,
      {
        readFile: (name) => {
          const r = ctx.fs.readFile(ctx.resolve(name));
          return r.ok ? r.value : undefined;
        },
        stdin: () => (stdinText ??= ctx.stdin),
        command: (index, cmd, input) => {
          const r = results[index];
          return r && r.cmd === cmd && r.input === input ? r : undefined;
        },
        env: ctx.env,
        now: ctx.now,
      },
      argv,
      assigns,
    );
    let code: number;
    try {
      code = machine.run().code;
    } catch (e) {
      if (e instanceof NeedCommand) {
        const r = isShellContext(ctx)
          ? await ctx.shell.sh(e.cmd, e.input)
          : { stdout: "", stderr: `sh: 1: ${e.cmd}: not found\n`, exitCode: 127 };
        results.push({ cmd: e.cmd, input: e.input, ...r });
        continue;
      }
      if (e instanceof AwkError) {
        const msg = e.plain ? `awk: ${e.message}\n` : `awk: run time error: ${e.message}\n${machine.position()}\n`;
        return buffered(ctx, machine.out, machine.err + msg, 2);
      }
      if (e instanceof RangeError)
        return {
          stdout: machine.out,
          stderr: `${machine.err}awk: run time error: function call nesting too deep\n${machine.position()}\n`,
          exitCode: 2,
        };
      throw e;
    }
    for (const [name, text] of machine.files) ctx.fs.writeFile(ctx.resolve(name), text);
    let stdout = machine.out;
    let stderr = machine.err;
    // output pipes still open at the end run now, after awk's own output
    for (const [cmd, input] of machine.pipes) {
      const r = isShellContext(ctx) ? await ctx.shell.sh(cmd, input) : { stdout: "", stderr: "", exitCode: 127 };
      stdout += r.stdout;
      stderr += r.stderr;
    }
    return buffered(ctx, stdout, stderr, code);
  }
}

/** Away from a terminal mawk's stdout is block-buffered: its messages on stderr come out first. */
function buffered(ctx: CommandContext, stdout: string, stderr: string, exitCode: number): ExecResult {
  const tty = isShellContext(ctx) && ctx.shell.stdoutIsTerminal;
  const chunks: { fd: 1 | 2; text: string }[] = tty
    ? [
        { fd: 1, text: stdout },
        { fd: 2, text: stderr },
      ]
    : [
        { fd: 2, text: stderr },
        { fd: 1, text: stdout },
      ];
  return { stdout, stderr, exitCode, chunks: chunks.filter((c) => c.text) };
}
