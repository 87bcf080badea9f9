/**
 * Shell builtins: they change the shell itself (cwd, variables, history, exit, the screen), so
 * they use the ShellContext the interpreter passes. Texts are bash 5.2's.
 */
import { FS_ERROR_TEXT } from "../../fs/vfs";
import { getVar, isShellContext, type ShellContext } from "../../shell/shell-context";
import type { Command, CommandContext } from "../../types";
import { commandPath } from "../../shell/builtins/names";
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
    const shell = shellOf(ctx);
    shell?.setVar("OLDPWD", sh.cwd);
    shell?.setVar("PWD", path);
    sh.cwd = path;
    return OkText(print ? path + "\n" : "");
  },
};

export const pwd: Command = {
  name: "pwd",
  summary: "print name of current/working directory",
  run: (ctx) => OkText(ctx.state.shell.cwd + "\n"),
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
    return OkText(
      h
        .slice(start)
        .map((l, i) => `${String(start + i + 1).padStart(5)}  ${l}\n`)
        .join(""),
    );
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
    const sh = shellOf(ctx);
    const all = new Map<string, string>([...(sh?.builtins ?? [])]);
    for (const c of sh?.commands.values() ?? []) all.set(c.name, c.summary);
    const cmds = [...all].sort(([a], [b]) => (a < b ? -1 : 1));
    const w = Math.max(...cmds.map(([n]) => n.length), 4);
    const body = cmds.map(([n, summary]) => `  ${n.padEnd(w)}  ${summary}\n`).join("");
    return OkText(
      `Commands available in this terminal:\n\n${body}\nMost commands accept --help-style options like their Linux counterparts.\n`,
    );
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
      const c = known?.get(a) ?? (a === "bash" || a === "sh" ? true : undefined);
      if (c && !SHELL_BUILTINS.has(a)) stdout += `${commandPath(a)}\n`;
      else code = 1;
    }
    return { stdout, stderr: "", exitCode: ctx.args.length ? code : 1 };
  },
};

export const trueCmd: Command = { name: "true", summary: "do nothing, successfully", run: () => OkText("") };
export const falseCmd: Command = {
  name: "false",
  summary: "do nothing, unsuccessfully",
  run: () => ({ stdout: "", stderr: "", exitCode: 1 }),
};

/** builtins have no file in /usr/bin, so `which cd` prints nothing */
export const SHELL_BUILTINS = new Set(["cd", "history", "help"]);

export const builtins: Command[] = [cd, pwd, history, clear, help, which, trueCmd, falseCmd];
