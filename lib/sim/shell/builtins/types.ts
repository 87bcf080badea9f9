/** What a shell builtin sees: the interpreter itself, its arguments and its descriptors. */
import type { Interpreter } from "../interpreter";
import type { IO } from "../io";
import type { DeclArg } from "../simple";

export interface BuiltinCtx {
  sh: Interpreter;
  name: string;
  args: string[];
  io: IO;
  /** for declare/local/export/readonly: the arguments that were written as assignments */
  decls: DeclArg[];
}

export interface Builtin {
  summary: string;
  run(b: BuiltinCtx): number | Promise<number>;
}

/** Writes `bash: name: msg` (or `script: line N: name: msg`) and returns `code`. */
export function complain(b: BuiltinCtx, msg: string, code = 1): number {
  b.io.err.write(`${b.sh.errPrefix()}${b.name}: ${msg}\n`);
  return code;
}

/** Splits leading `-abc` / `+abc` option words from the operands (stops at `--` or a plain word). */
export function options(args: string[], valued = ""): { flags: Map<string, string>; plus: Set<string>; rest: string[]; bad?: string } {
  const flags = new Map<string, string>();
  const plus = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || (a[0] !== "-" && a[0] !== "+")) break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (valued.includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { flags, plus, rest: [], bad: `-${c}: option requires an argument` };
        flags.set(c, v);
        break;
      }
      if (a[0] === "+") plus.add(c);
      else flags.set(c, "");
    }
  }
  return { flags, plus, rest: args.slice(i) };
}
