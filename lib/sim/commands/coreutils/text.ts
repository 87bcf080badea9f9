/** Tiny result helpers shared by the builtins. */
import type { ExecResult } from "../../types";

export { fail } from "./util";

export function OkText(stdout: string): ExecResult {
  return { stdout, stderr: "", exitCode: 0 };
}
