/**
 * kubectl exec (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go, v1.32): one pod, or the first
 * pod of a workload or Service; -c or the default container (podcmd.FindOrDefaultContainerByName's
 * "Defaulted container" note); the command after `--` runs in the container (kubelet/exec.ts).
 * A non-zero exit is remotecommand's CodeExitError, which kubectl prints as "command terminated
 * with exit code N" and exits with. `-it` with a shell opens the container's shell at the prompt
 * (container-session.ts); without a terminal to hand over, stdin is the input.
 */
import type { KObject } from "../../api/types";
import type { PodSpec, PodStatus } from "../../kinds/pods/types";
import { execInContainer } from "../../kubelet/exec";
import type { CommandContext, ExecResult } from "../../types";
import { isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { parseGenerator } from "./generate";
import { isResult } from "./session";
import { attachShell, isInteractiveShell } from "./exec-session";
import { mayHoldTerminal } from "../../programs/run-inline";
import { podsOf, resolveTargets } from "./workload-target";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

// cmdutil.UsageErrorf: "%s\nSee '%s -h' for help and examples"
const usage = (msg: string): ExecResult => ({
  stdout: "",
  stderr: `error: ${msg}\nSee 'kubectl exec -h' for help and examples\n`,
  exitCode: 1,
});
const fail = (stderr: string, exitCode = 1): ExecResult => ({ stdout: "", stderr, exitCode });

/** podcmd.AllContainerNames: containers, then init containers marked "(init)". */
function allContainerNames(pod: Pod): string {
  return [...pod.spec.containers.map((c) => c.name), ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(", ");
}

export interface ExecTarget {
  pod: Pod;
  container: string;
  /** the "Defaulted container" line kubectl writes to stderr first */
  note: string;
}

/** Everything kubectl checks before it opens the stream: the pod, its phase, the container, and that the container runs. */
export function execTarget(ctx: CommandContext, argv: string[]): ExecTarget | ExecResult {
  const args = parseGenerator(ctx, "exec", argv);
  if (isResult(args)) return args;
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const before = args.beforeDash < 0 ? args.operands.length : args.beforeDash;
  // exec.go Complete: exactly one operand before `--`; without `--` only the pod name is allowed
  if (args.beforeDash < 0 ? args.operands.length > 1 : before > 1)
    return usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
  const target = before ? args.operands[0] : undefined;
  if (!target) return fail("error: pod, type/name or --filename must be specified\n");
  const command = args.beforeDash < 0 ? [] : args.operands.slice(args.beforeDash);
  if (!command.length) return fail("error: you must specify at least one command for the container\n");
  const t = resolveTargets(c, [target], "pods");
  if (!t.ok) return fail(t.stderr);
  const obj = t.targets[0].obj;
  let pod: Pod;
  if (obj.kind === "Pod") pod = obj as Pod;
  else {
    // polymorphichelpers.AttachablePodForObjectFn: the first pod by its selector
    const pods = podsOf(c, obj) as Pod[];
    if (!pods.length) return fail("error: timed out waiting for the condition\n");
    pod = pods[0];
  }
  const phase = pod.status?.phase ?? "Pending";
  if (phase === "Succeeded" || phase === "Failed")
    return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
  let note = "";
  let name = flag(args, "container") ?? "";
  if (!name) {
    const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
    const chosen = pod.spec.containers.find((x) => x.name === annotated) ?? pod.spec.containers[0];
    name = chosen.name;
    if (!annotated && pod.spec.containers.length > 1 && !boolFlag(args, "quiet"))
      note = `Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`;
  }
  const r = c.request({ verb: "get", resource: "pods", namespace: pod.metadata.namespace, name: pod.metadata.name, subresource: "exec" });
  if (isFailure(r)) return fail(note + statusText(r.body));
  // kubectl v1.32 sends -c as it is; the apiserver's streamLocation (pkg/registry/core/pod/strategy.go) refuses an unknown one
  if (![...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((x) => x.name === name))
    return fail(`Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata.name}\n`);
  // the apiserver's ExecLocation (pkg/registry/core/pod/strategy.go): a pod with no node has nowhere to run
  if (!pod.spec.nodeName) return fail(`${note}Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned\n`);
  const status = pod.status?.containerStatuses?.find((s) => s.name === name);
  // the kubelet finds no running container by that name: the upgrade fails
  if (!status?.state?.running) return fail(`${note}error: unable to upgrade connection: container not found ("${name}")\n`);
  return { pod, container: name, note };
}

export async function runExec(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const t = execTarget(ctx, argv);
  if (isResult(t)) return t;
  const dash = argv.indexOf("--");
  const command = argv.slice(dash + 1);
  const pod = t.pod;
  const container = pod.spec.containers.find((x) => x.name === t.container) ?? pod.spec.containers[0];
  const parsed = parseGenerator(ctx, "exec", argv);
  const stdinOn = !isResult(parsed) && boolFlag(parsed, "stdin");
  const ttyOn = !isResult(parsed) && boolFlag(parsed, "tty");
  // -it with a shell, typed at the prompt: the terminal is the shell's until it exits (exec-session.ts)
  if (
    stdinOn &&
    ttyOn &&
    isInteractiveShell(command) &&
    mayHoldTerminal(ctx) &&
    attachShell(ctx.state, { pod, container, argv: command, via: "exec" })
  )
    return { stdout: "", stderr: t.note, exitCode: 0 };
  const r = await execInContainer(
    { state: ctx.state, pod, container, now: ctx.now, keys: ctx.keys, random: () => ctx.random() },
    command,
    stdinOn ? ctx.stdin : "",
  );
  const tail = r.exitCode !== 0 ? `command terminated with exit code ${r.exitCode}\n` : "";
  // the note is written before the stream opens, the exit code after it closes
  const chunks = [
    { fd: 2 as const, text: t.note },
    ...(r.chunks ?? [
      { fd: 1 as const, text: r.stdout },
      { fd: 2 as const, text: r.stderr },
    ]),
    { fd: 2 as const, text: tail },
  ].filter((x) => x.text);
  return { stdout: r.stdout, stderr: t.note + r.stderr + tail, exitCode: r.exitCode, chunks };
}
