/**
 * Shell builtins: they change the shell itself (cwd, variables, history, exit, the screen), so
 * they use the ShellContext the interpreter passes. Texts are bash 5.2's.
 */
import { FS_ERROR_TEXT } from "../../fs/vfs";
import { getVar, isShellContext, VALID_NAME, type ShellContext } from "../../shell/shell-context";
import type { Command, CommandContext, ExecResult } from "../../types";
import { fail, OkText } from "./text";

function shellOf(ctx: CommandContext): ShellContext["shell"] | undefined {
  return isShellContext(ctx) ? ctx.shell : undefined;
}

export const cd: Command = {
  name: "cd",
  summary: "change the shell working directory",
  mutates: true,
  run(ctx) {
    const sh = ctx.state.shell;
    if (ctx.args.length > 1) return fail("bash: cd: too many arguments\n");
    let target = ctx.args[0] ?? getVar(sh.env, "HOME") ?? "/root";
    let print = false;
    if (target === "-") {
      const old = getVar(sh.env, "OLDPWD");
      if (!old) return fail("bash: cd: OLDPWD not set\n");
      target = old;
      print = true;
    }
    const path = ctx.resolve(target);
    const node = ctx.fs.stat(path);
    if (!node || node.type !== "dir") {
      const r = ctx.fs.readFile(path);
      const why = node ? "Not a directory" : !r.ok ? FS_ERROR_TEXT[r.error] : "No such file or directory";
      return fail(`bash: cd: ${ctx.args[0]}: ${why}\n`);
    }
    const set = shellOf(ctx)?.setVar;
    set?.("OLDPWD", sh.cwd);
    set?.("PWD", path);
    sh.cwd = path;
    return OkText(print ? path + "\n" : "");
  },
};

export const pwd: Command = { name: "pwd", summary: "print name of current/working directory", run: (ctx) => OkText(ctx.state.shell.cwd + "\n") };

export const exportCmd: Command = {
  name: "export",
  summary: "set export attribute for shell variables",
  mutates: true,
  run(ctx) {
    let stderr = "";
    const args = ctx.args.filter((a) => a !== "-n");
    if (args.length === 0 || args[0] === "-p") {
      const env = ctx.state.shell.env;
      const out = Object.keys(env).sort().map((k) => `declare -x ${k}="${env[k].replace(/["\\$`]/g, "\\$&")}"\n`);
      return OkText(out.join(""));
    }
    for (const a of args) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!VALID_NAME.test(name)) stderr += `bash: export: \`${a}': not a valid identifier\n`;
      else if (eq >= 0) shellOf(ctx)?.setVar(name, a.slice(eq + 1));
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const unset: Command = {
  name: "unset",
  summary: "unset values of shell variables",
  mutates: true,
  run(ctx) {
    let stderr = "";
    for (const a of ctx.args.filter((x) => x !== "-v" && x !== "-f")) {
      if (!VALID_NAME.test(a)) stderr += `bash: unset: \`${a}': not a valid identifier\n`;
      else shellOf(ctx)?.setVar(a, undefined);
    }
    return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const exit: Command = {
  name: "exit",
  summary: "exit the shell",
  run(ctx): ExecResult {
    const arg = ctx.args[0];
    let code = ctx.state.shell.lastExitCode;
    let stderr = "exit\n";
    if (arg !== undefined) {
      if (!/^[+-]?\d+$/.test(arg)) {
        stderr += `bash: exit: ${arg}: numeric argument required\n`;
        code = 2;
      } else if (ctx.args.length > 1) return fail("exit\nbash: exit: too many arguments\n");
      else code = ((Number(arg) % 256) + 256) % 256;
    }
    shellOf(ctx)?.requestExit(code);
    return { stdout: "", stderr, exitCode: code };
  },
};

export const history: Command = {
  name: "history",
  summary: "display the command history list",
  run(ctx) {
    const h = ctx.state.shell.history;
    if (ctx.args[0] === "-c") {
      h.length = 0;
      return OkText("");
    }
    const n = ctx.args[0] !== undefined && /^\d+$/.test(ctx.args[0]) ? Number(ctx.args[0]) : h.length;
    const start = Math.max(0, h.length - n);
    return OkText(h.slice(start).map((l, i) => `${String(start + i + 1).padStart(5)}  ${l}\n`).join(""));
  },
};

export const clear: Command = {
  name: "clear",
  summary: "clear the terminal screen",
  run(ctx) {
    shellOf(ctx)?.requestClear();
    return OkText("\x1b[H\x1b[2J");
  },
};

export const help: Command = {
  name: "help",
  summary: "list the commands of this terminal",
  run(ctx) {
    const cmds = [...(shellOf(ctx)?.commands.values() ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
    const w = Math.max(...cmds.map((c) => c.name.length), 4);
    const body = cmds.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}\n`).join("");
    return OkText(`Commands available in this terminal:\n\n${body}\nMost commands accept --help-style options like their Linux counterparts.\n`);
  },
};

export const which: Command = {
  name: "which",
  summary: "locate a command",
  run(ctx) {
    const known = shellOf(ctx)?.commands;
    let stdout = "";
    let code = 0;
    for (const a of ctx.args.filter((x) => !x.startsWith("-"))) {
      const c = known?.get(a);
      if (c && !SHELL_BUILTINS.has(a)) stdout += `/usr/bin/${a}\n`;
      else code = 1;
    }
    return { stdout, stderr: "", exitCode: ctx.args.length ? code : 1 };
  },
};

export const trueCmd: Command = { name: "true", summary: "do nothing, successfully", run: () => OkText("") };
export const falseCmd: Command = { name: "false", summary: "do nothing, unsuccessfully", run: () => ({ stdout: "", stderr: "", exitCode: 1 }) };

/** builtins have no file in /usr/bin, so `which cd` prints nothing */
export const SHELL_BUILTINS = new Set(["cd", "pwd", "export", "unset", "exit", "history", "help", "true", "false"]);

export const builtins: Command[] = [cd, pwd, exportCmd, unset, exit, history, clear, help, which, trueCmd, falseCmd];
