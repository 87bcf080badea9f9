/** `watch`: checks its arguments, then asks the shell for the terminal (lib/sim/programs/watch.ts runs it). */
import { parseWatchArgs } from "../programs/watch";
import type { Command } from "../types";

export const watch: Command = {
  name: "watch",
  summary: "execute a program periodically, showing output fullscreen",
  run(ctx) {
    const r = parseWatchArgs(ctx.args);
    if (!r.ok) return { stdout: "", stderr: r.stderr, exitCode: 1 };
    return {
      stdout: "",
      stderr: "watch: runs only as the last command of a line here\n",
      exitCode: 1,
      program: { program: "watch", data: r.state },
    };
  },
};
