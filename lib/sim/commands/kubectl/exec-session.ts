/**
 * The terminal attached to a shell in a container: `kubectl exec -it POD -- sh` (a process started
 * in the container) and `kubectl run -it NAME --image=busybox -- sh` (the container's own process,
 * attached). While `state.shell.attached` is set the engine shows the container's prompt and runs
 * each line here (core/sim-engine.ts AttachedShellHost); `exit` returns to the node.
 *
 * What kubectl prints when the stream closes:
 * - exec: a non-zero status is remotecommand's CodeExitError, "command terminated with exit code N"
 *   (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go).
 * - run: attach.go's reattachMessage when the pod restarts its containers ("Session ended, resume
 *   using 'kubectl attach POD -c C -i -t' command when the pod is running", the v1.32 text: it
 *   differs from the newer one in the Go tree), then run.go Run: with --restart=Never or OnFailure
 *   it waits for the pod to complete and exits with the container's code ("pod NS/NAME terminated
 *   (REASON)\nMESSAGE", a uexec.CodeExitError printed by cmdutil.CheckErr), and with --rm its deferred
 *   removeCreatedObjects prints `pod "NAME" deleted` before that error.
 */
import { storeFor, objectKey } from "../../api/store";
import { settle } from "../../controllers";
import type { Container, PodSpec, PodStatus } from "../../kinds/pods/types";
import type { KObject } from "../../api/types";
import { containerShell, imageHas, imageOfContainer, keepVolumeWrites } from "../../kubelet/exec";
import { distroOf } from "../../kubelet/rootfs";
import { complete, type Completion } from "../../shell/complete";
import type { AttachedShell } from "../../shell/state";
import { schedule } from "../../time/timeline";
import type { ClusterState, CommandContext, KeySource } from "../../types";
import { runDelete } from "./delete";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };
const PODS = { group: "", resource: "pods" };

/** The shells a terminal can be attached to, and how each prompts. */
const SHELL_BINS = new Set(["sh", "ash", "bash", "dash"]);

/** argv is an interactive shell: a shell binary without a script (`sh`, `bash -l`, `/bin/sh -i`). */
export function isInteractiveShell(argv: string[]): boolean {
  const bin = (argv[0] ?? "").split("/").pop() ?? "";
  return SHELL_BINS.has(bin) && !argv.includes("-c") && argv.slice(1).every((a) => a.startsWith("-"));
}

/** The prompt's style for `bin` in this container's image (Debian's sh is dash; busybox and alpine's is ash). */
function styleOf(c: Container, bin: string): AttachedShell["style"] {
  const image = imageOfContainer(c);
  const distro = image ? distroOf(image) : "debian";
  if (bin === "bash" || distro === "oracle") return "bash";
  return distro === "busybox" || distro === "alpine" ? "ash" : "dash";
}

export interface SessionStart {
  pod: Pod;
  container: Container;
  argv: string[];
  via: AttachedShell["via"];
  rm?: boolean;
  quiet?: boolean;
}

/** Attaches the terminal to a shell in the container; false when the container cannot run it (the caller reports why). */
export function attachShell(state: ClusterState, s: SessionStart): boolean {
  const status = s.pod.status?.containerStatuses?.find((x) => x.name === s.container.name);
  const bin = (s.argv[0] ?? "").split("/").pop() ?? "";
  if (!status?.containerID || !status.state?.running || !imageHas(imageOfContainer(s.container), bin)) return false;
  state.shell.attached = {
    namespace: s.pod.metadata.namespace ?? "default",
    pod: s.pod.metadata.name,
    uid: s.pod.metadata.uid ?? "",
    container: s.container.name,
    containerID: status.containerID,
    via: s.via,
    style: styleOf(s.container, bin),
    ...(s.rm ? { rm: true } : {}),
    ...(s.quiet ? { quiet: true } : {}),
    cwd: typeof s.container.workingDir === "string" && s.container.workingDir ? s.container.workingDir : "/",
    env: {},
    lastExitCode: 0,
    layer: {},
  };
  return true;
}

/** The shell's prompt: bash's Debian PS1 (\u@\h:\w\$), busybox ash's default (\w \$), dash's "# ". */
export function attachedPrompt(state: ClusterState): string {
  const a = state.shell.attached;
  if (!a) return "";
  const home = a.env.HOME ?? "/root";
  const w = a.cwd === home ? "~" : a.cwd.startsWith(home + "/") ? "~" + a.cwd.slice(home.length) : a.cwd;
  if (a.style === "bash") return `root@${a.pod}:${w}# `;
  if (a.style === "ash") return `${w} # `;
  return "# ";
}

/** Completion draws no keys. */
const NO_KEYS: KeySource = { take: () => Promise.reject(new Error("completion asked for a key")) };

/** Tab at the container's prompt: the container's commands (its image's tools) and files, not the node's. */
export function attachedComplete(line: string, cursor: number, state: ClusterState, now: number): Completion {
  const a = state.shell.attached;
  const none = { from: cursor, to: cursor, candidates: [] };
  if (!a) return none;
  const pod = storeFor(state).get(PODS, a.namespace, a.pod) as Pod | undefined;
  const container = pod?.spec.containers.find((c) => c.name === a.container);
  if (!pod || !container) return none;
  const first = !a.env.HOME;
  // the random source is never drawn while completing: the cluster's rng stays as it is
  const shell = containerShell({ state, pod, container, now, keys: NO_KEYS, random: () => 0, tty: true, ...(first ? {} : { session: a }) });
  if (first) shell.state.shell.cwd = a.cwd;
  return complete(line, cursor, shell.state, shell.vfs, shell.interp.d.commands);
}

/** One line typed at the container's prompt. */
export async function runAttachedLine(line: string, ctx: CommandContext): Promise<{ output: string; exitCode: number }> {
  const a = ctx.state.shell.attached;
  if (!a) return { output: "", exitCode: 0 };
  await settle(ctx);
  const pod = storeFor(ctx.state).get(PODS, a.namespace, a.pod) as Pod | undefined;
  const container = pod?.spec.containers.find((c) => c.name === a.container);
  const status = pod?.status?.containerStatuses?.find((x) => x.name === a.container);
  // the container was stopped under the shell (deleted, restarted): the stream closes as after a SIGKILL
  if (!pod || !container || pod.metadata.uid !== a.uid || status?.containerID !== a.containerID || !status.state?.running)
    return endSession(ctx, a, 137, "");
  const first = !a.env.HOME;
  const shell = containerShell({
    state: ctx.state,
    pod,
    container,
    now: ctx.now,
    keys: ctx.keys,
    random: () => ctx.random(),
    tty: true,
    ...(first ? {} : { session: a }),
  });
  shell.vfs.drainJournal();
  if (first) shell.state.shell.cwd = a.cwd;
  const r = await shell.interp.runText(line);
  const inVolume = keepVolumeWrites(ctx.state, shell.state.fs, shell.hostMounts);
  for (const p of shell.vfs.drainJournal()) {
    // a volume's files are the node's (kubelet/exec.ts keepVolumeWrites), not this shell's layer
    if (inVolume(p)) delete a.layer[p];
    else a.layer[p] = shell.state.fs[p] ? structuredClone(shell.state.fs[p]) : null;
  }
  a.cwd = shell.state.shell.cwd;
  a.env = { ...shell.state.shell.env };
  a.lastExitCode = r.exitCode;
  // bash says "exit" when an interactive shell ends; busybox ash and dash say nothing
  const output = r.exit && a.style !== "bash" ? r.output.replace(/exit\n$/, "") : r.output;
  if (r.exit) return endSession(ctx, a, r.exitCode, output);
  return { output, exitCode: r.exitCode };
}

async function endSession(
  ctx: CommandContext,
  a: AttachedShell,
  code: number,
  printed: string,
): Promise<{ output: string; exitCode: number }> {
  delete ctx.state.shell.attached;
  if (a.via === "exec") {
    const tail = code !== 0 ? `command terminated with exit code ${code}\n` : "";
    ctx.state.shell.lastExitCode = code;
    return { output: printed + tail, exitCode: code };
  }
  const store = storeFor(ctx.state);
  let pod = store.get(PODS, a.namespace, a.pod) as Pod | undefined;
  // the container's own process ended: the kubelet sees it exit now
  if (pod && pod.metadata.uid === a.uid && code !== 137)
    schedule(ctx.state, {
      at: ctx.now,
      owner: "kubelet",
      key: objectKey(PODS, a.namespace, a.pod),
      uid: a.uid,
      step: "exit",
      container: a.container,
      attempt: code,
    });
  await settle(ctx);
  pod = store.get(PODS, a.namespace, a.pod) as Pod | undefined;
  const policy = pod?.spec.restartPolicy ?? "Always";
  let out = printed;
  if (!a.quiet && policy === "Always")
    out += `Session ended, resume using 'kubectl attach ${a.pod} -c ${a.container} -i -t' command when the pod is running\n`;
  let err = "";
  let exitCode = 0;
  if (policy !== "Always" && pod) {
    const phase = pod.status?.phase;
    const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
    if (phase === "Failed") {
      exitCode = term?.exitCode || 1;
      err = term?.exitCode
        ? `pod ${a.namespace}/${a.pod} terminated (${term.reason ?? ""})\n${term.message ?? ""}`
        : `error: pod ${a.namespace}/${a.pod} failed with unknown exit code\n`;
    } else if (phase !== "Succeeded") {
      // OnFailure restarts a failed container: run.go's podSucceeded wait ends at --pod-running-timeout
      exitCode = 1;
      err = "error: timed out waiting for the condition\n";
    }
  }
  if (a.rm) {
    const del = await runDelete(ctx, ["pod", a.pod, "-n", a.namespace, "--wait=false", "--ignore-not-found"]);
    out += del.stdout;
    err = del.stderr + err;
  }
  const text = out + (err && !err.endsWith("\n") ? `${err}\n` : err);
  ctx.state.shell.lastExitCode = exitCode;
  return { output: text, exitCode };
}
