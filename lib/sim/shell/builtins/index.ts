/**
 * The shell's own builtins: what needs the interpreter itself (variables, functions, aliases,
 * options, stdin as a stream, control flow). Commands that only need a CommandContext (cd, echo,
 * printf, ...) live in lib/sim/commands/coreutils like any other command.
 */
import { declareBuiltins } from "./declare";
import { flowBuiltins } from "./flow";
import { miscBuiltins } from "./misc";
import { BUILTIN_NAMES, nameBuiltins } from "./names";
import { readBuiltins } from "./read";
import type { Builtin } from "./types";

export type { Builtin, BuiltinCtx } from "./types";

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ...flowBuiltins,
  ...declareBuiltins,
  ...readBuiltins,
  ...nameBuiltins,
  ...miscBuiltins,
]);

/** builtins whose `name=value` arguments are parsed as assignments */
export const DECLARATIONS = new Set(["declare", "typeset", "local", "export", "readonly"]);

for (const name of BUILTINS.keys()) BUILTIN_NAMES.add(name);
