/**
 * Help output and flag sets, both taken from the real help texts: the `Options:` section of
 * `kubectl <verb> --help` lists every flag with its default, and a default of true/false marks
 * a boolean. Deriving the parser's spec from it keeps accepted flags identical to kubectl's.
 */
import type { ExecResult } from "../../types";
import type { FlagSpec } from "./flags";
import { HELP as BASE_HELP } from "./help-texts";
import { EVENTS_SET_HELP } from "./help-texts-events-set";
import { WORKLOAD_HELP } from "./help-texts-workloads";
import { WAIT_HELP } from "./wait-help";
import { EXEC_HELP } from "./exec-help";

const HELP: Record<string, string> = { ...BASE_HELP, ...WORKLOAD_HELP, ...EVENTS_SET_HELP, wait: WAIT_HELP, exec: EXEC_HELP };

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

/** cobra's flag error as kubectl's CheckErr prints it (lowercase "error:", component-base/cli RunNoErrOutput), then the usage hint of the verb. */
export function flagError(verb: string, error: string): ExecResult {
  return { stdout: "", stderr: `error: ${error}\nSee 'kubectl ${verb} --help' for usage.\n`, exitCode: 1 };
}
