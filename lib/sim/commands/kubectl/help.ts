/**
 * Help output and flag sets, both taken from the real help texts: the `Options:` section of
 * `kubectl <verb> --help` lists every flag with its default, and a default of true/false marks
 * a boolean. Deriving the parser's spec from it keeps accepted flags identical to kubectl's.
 */
import type { ExecResult } from "../../types";
import { firstOperand, type FlagSpec, parseFlags } from "./flags";
import { HELP as BASE_HELP } from "./help-texts";
import { EVENTS_SET_HELP } from "./help-texts-events-set";
import { WORKLOAD_HELP } from "./help-texts-workloads";
import { WAIT_HELP } from "./wait-help";
import { EXEC_HELP } from "./exec-help";
import { EXPLAIN_HELP } from "./help-texts-explain";
import { TOP_HELP } from "./help-texts-top";
import { PORT_FORWARD_HELP } from "./help-texts-port-forward";

/** Every verb's `--help` text by verb ("" for bare kubectl, "rollout undo" for a subcommand); help.test.ts checks each against real kubectl. */
export const HELP: Record<string, string> = {
  ...BASE_HELP,
  ...WORKLOAD_HELP,
  ...EVENTS_SET_HELP,
  ...TOP_HELP,
  ...PORT_FORWARD_HELP,
  ...EXPLAIN_HELP,
  wait: WAIT_HELP,
  exec: EXEC_HELP,
};

const specs = new Map<string, FlagSpec>();

export function flagSpec(verb: string): FlagSpec {
  let spec = specs.get(verb);
  if (spec) return spec;
  spec = {};
  const text = HELP[verb] ?? "";
  const opts = text.indexOf("\nOptions:\n");
  if (opts >= 0) {
    for (const line of text.slice(opts).split("\n")) {
      const m = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/.exec(line);
      if (!m) continue;
      const isBool = m[3] === "true" || m[3] === "false";
      spec[m[2]] = { ...(m[1] ? { short: m[1] } : {}), value: !isBool, ...(m[3].startsWith("[") ? { repeat: true } : {}) };
    }
  }
  specs.set(verb, spec);
  return spec;
}

export function helpResult(verb: string): ExecResult {
  return { stdout: HELP[verb] ?? HELP[""], stderr: "", exitCode: 0 };
}

/**
 * A command group's dispatch (`create service`, `set`, `rollout`, `top`): --help alone is the
 * group's help; a bad flag is cobra's flag error; no subcommand is cobra's help and exit 1
 * (cmdutil.DefaultSubCommandRun, on stderr, or on stdout where the group passes streams.Out, as
 * rollout does); an unknown one is "unknown command". `subs` maps each subcommand and alias to its name.
 */
export function subcommand(
  parent: string,
  argv: string[],
  subs: Record<string, string>,
  helpTo: "stdout" | "stderr" = "stderr",
): { verb: string; rest: string[] } | ExecResult {
  const spec = flagSpec(parent);
  // Two passes, as cobra's: Find locates the subcommand leniently (the flags before its name may
  // be the subcommand's own, which it parses), and only a group left without one parses argv
  // strictly for its flag errors. One strict parse would refuse `rollout --watch=false status`.
  const at = firstOperand(argv, spec);
  if (at < 0) {
    const parsed = parseFlags(argv, spec);
    if (!parsed.ok) return flagError(parent, parsed.error);
    if (argv.includes("--help") || argv.includes("-h")) return helpResult(parent);
    const help = HELP[parent] ?? "";
    return helpTo === "stdout" ? { stdout: help, stderr: "", exitCode: 1 } : { stdout: "", stderr: help, exitCode: 1 };
  }
  const sub = subs[argv[at]];
  if (!sub) {
    const operands = argv.filter((a) => !a.startsWith("-"));
    return {
      stdout: "",
      stderr: `error: unknown command "${operands.join(" ")}"\nSee 'kubectl ${parent} -h' for help and examples\n`,
      exitCode: 1,
    };
  }
  return { verb: `${parent} ${sub}`, rest: [...argv.slice(0, at), ...argv.slice(at + 1)] };
}

/** cobra's flag error as kubectl's CheckErr prints it (lowercase "error:", component-base/cli RunNoErrOutput), then the usage hint of the verb. */
export function flagError(verb: string, error: string): ExecResult {
  return { stdout: "", stderr: `error: ${error}\nSee 'kubectl ${verb} --help' for usage.\n`, exitCode: 1 };
}
