/**
 * `kubectl completion SHELL` (staging/src/k8s.io/kubectl/pkg/cmd/completion/completion.go): bash
 * gets cobra's script as real kubectl prints it (completion-bash.ts); the other shells, which this
 * node does not have, are named as such.
 */
import type { CommandContext, ExecResult } from "../../types";
import { KUBECTL_COMPLETION_BASH } from "./completion-bash";
import { errResult } from "./client";
import { isResult, parseVerb } from "./session";

const SHELLS = ["bash", "zsh", "fish", "powershell"];

export function runCompletion(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "completion", argv);
  if (isResult(args)) return args;
  if (!args.operands.length) return errResult("error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n");
  if (args.operands.length > 1)
    return errResult("error: Too many arguments. Expected only the shell type.\nSee 'kubectl completion -h' for help and examples\n");
  const shell = args.operands[0];
  if (!SHELLS.includes(shell))
    return errResult(`error: Unsupported shell type "${shell}".\nSee 'kubectl completion -h' for help and examples\n`);
  if (shell !== "bash")
    return errResult(`error: this practice node's shell is bash; "kubectl completion ${shell}" is not available here\n`);
  return { stdout: KUBECTL_COMPLETION_BASH, stderr: "", exitCode: 0 };
}
