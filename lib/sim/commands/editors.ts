/**
 * vim, vi, view and nano (and the names Ubuntu links to them): they check their arguments, then
 * ask the shell for the terminal (`editor` in the result). The shell hands it over only to the
 * last command of a line; anywhere else the result's message stands (lib/sim/editor/README.md, 3.3).
 */
import { editorForCommand, parseEditorArgs } from "../editor";
import type { Command } from "../types";

const NAMES = ["vim", "vi", "view", "nano", "vim.basic", "vim.tiny", "editor", "pico", "rnano"] as const;

function editorCommand(name: string): Command {
  return {
    name,
    summary:
      name === "nano" || name === "pico" || name === "rnano"
        ? "a small, friendly text editor (nano)"
        : "Vi IMproved, a programmer's text editor",
    run(ctx) {
      const program = editorForCommand(name);
      if (!program) return { stdout: "", stderr: `${name}: not an editor\n`, exitCode: 127 };
      const args = parseEditorArgs(program, ctx.args);
      if (!args.ok) return { stdout: "", stderr: args.stderr, exitCode: args.exitCode };
      const shown = program === "nano" ? "nano" : "vim";
      return {
        stdout: "",
        stderr: `${shown}: the editor runs only as the last command of a line here\n`,
        exitCode: 1,
        editor: {
          program: args.program,
          file: args.file,
          ...(args.startLine !== undefined ? { startLine: args.startLine } : {}),
          resume: null,
        },
      };
    },
  };
}

export const editors: readonly Command[] = NAMES.map(editorCommand);
