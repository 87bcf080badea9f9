/**
 * What the shell keeps between command lines beyond cwd, variables and history: arrays,
 * functions, aliases, options, positional parameters and which variables are not exported.
 * Every field is optional so that states saved before the shell grew these fields still load
 * (a state without `started` gets ~/.bashrc sourced on its next line, as a new shell would).
 */

/** An indexed (`a=(x y)`) or associative (`declare -A m`) array; keys in ascending order for indexed ones. */
export interface ShellArray {
  assoc?: boolean;
  items: Record<string, string>;
}

export type ShellOption = "errexit" | "xtrace" | "nounset" | "pipefail" | "noglob" | "noclobber";
export const SHELL_OPTIONS: readonly ShellOption[] = ["errexit", "xtrace", "nounset", "pipefail", "noglob", "noclobber"];

export interface ShellExtras {
  /** names of shell variables in `env` that are not exported (`x=1` without `export`) */
  unexported?: string[];
  arrays?: Record<string, ShellArray>;
  /** function name → its definition as written (`f () { ...; }`), parsed again when called */
  functions?: Record<string, string>;
  aliases?: Record<string, string>;
  /** `set -e`, `set -x`, ... in effect */
  options?: ShellOption[];
  /** `$1 $2 ...` of the interactive shell (`set -- a b`) */
  positional?: string[];
  /** the shell has read ~/.bashrc */
  started?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStrRecord = (v: unknown) => isObj(v) && Object.values(v).every((x) => typeof x === "string");
const isStrArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");

/** The first malformed field of a saved shell, or undefined when every present field is well-formed. */
export function shellExtrasProblem(sh: Record<string, unknown>): string | undefined {
  if (sh.unexported !== undefined && !isStrArray(sh.unexported)) return "shell.unexported";
  if (
    sh.arrays !== undefined &&
    !(
      isObj(sh.arrays) &&
      Object.values(sh.arrays).every((a) => isObj(a) && isStrRecord(a.items) && (a.assoc === undefined || typeof a.assoc === "boolean"))
    )
  )
    return "shell.arrays";
  if (sh.functions !== undefined && !isStrRecord(sh.functions)) return "shell.functions";
  if (sh.aliases !== undefined && !isStrRecord(sh.aliases)) return "shell.aliases";
  if (
    sh.options !== undefined &&
    !(Array.isArray(sh.options) && sh.options.every((o) => (SHELL_OPTIONS as readonly unknown[]).includes(o)))
  )
    return "shell.options";
  if (sh.positional !== undefined && !isStrArray(sh.positional)) return "shell.positional";
  if (sh.started !== undefined && typeof sh.started !== "boolean") return "shell.started";
  return undefined;
}
