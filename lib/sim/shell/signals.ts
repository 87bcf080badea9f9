/**
 * Control flow that unwinds the interpreter's call stack: `exit` (and `set -e`), `return`,
 * `break`/`continue`. Each is caught where bash would stop it: a subshell or the line for exit,
 * a function or `source` for return, a loop for break and continue.
 */

export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super("exit");
  }
}

export class ReturnSignal extends Error {
  constructor(readonly code: number) {
    super("return");
  }
}

export class LoopSignal extends Error {
  constructor(
    readonly kind: "break" | "continue",
    public levels: number,
  ) {
    super(kind);
  }
}
