/**
 * What shell-aware commands (cd, help, which, xargs, find -exec, awk's system()) see beyond a
 * plain CommandContext. The interpreter passes this to every command; ordinary commands simply
 * ignore `shell`.
 */
import type { Command, CommandContext, ExecResult } from "../types";

export interface ShellApi {
  /** every command the shell can run, by name (for help, which, type and completion) */
  commands: ReadonlyMap<string, Command>;
  /** the shell's own builtins, by name, with a one-line summary (for help, type and which) */
  builtins: ReadonlyMap<string, string>;
  /** asks the shell to stop after this command (`exit`) */
  requestExit(code: number): void;
  /** asks the terminal to clear the screen */
  requestClear(): void;
  /** sets or removes a shell variable, safe against `__proto__` and friends */
  setVar(name: string, value: string | undefined): void;
  /** false when stdout goes to a pipe, a file or a command substitution (ls prints one name per line) */
  stdoutIsTerminal: boolean;
  /** true when a program this command returns would hold the terminal (the line's last simple command, not in a pipeline, loop or `$(...)`) */
  mayHoldTerminal: boolean;
  /** writes to the terminal itself, wherever this command's stdout and stderr go (what a background job prints) */
  toTerminal(text: string): void;
  /** runs one simulator command by argv (what xargs and `find -exec` run: no functions or builtins) */
  exec(argv: string[], stdin: string): Promise<ExecResult>;
  /** runs a shell command line in a subshell (`sh -c`, awk's system() and `cmd | getline`) */
  sh(line: string, stdin: string): Promise<ExecResult>;
}

export interface ShellContext extends CommandContext {
  shell: ShellApi;
}

export function isShellContext(ctx: CommandContext): ctx is ShellContext {
  return (ctx as Partial<ShellContext>).shell !== undefined;
}

/** Own-property lookup: `$constructor` must not find Object.prototype.constructor. */
export function getVar(env: Record<string, string>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
}

/** Own-property write: `export __proto__=x` must create a variable, not change a prototype. */
export function setVar(env: Record<string, string>, name: string, value: string | undefined): void {
  if (value === undefined) delete env[name];
  else Object.defineProperty(env, name, { value, writable: true, enumerable: true, configurable: true });
}

export const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
