/**
 * A network tool as a container's main process (`kubectl run tmp --image=busybox --rm -i
 * --restart=Never -- wget -qO- http://web`): what it prints depends on the cluster at the moment
 * the container starts (DNS, Services, endpoints), so the kubelet runs it then, once, against the
 * container's own filesystem (its resolv.conf and hosts file) and network identity, stores its
 * output in the container's log (stored-logs.ts) and takes its exit status as the program's.
 * program.ts marks such a program with `tool`.
 */
import type { KObject } from "../api/types";
import { busyboxNc } from "../commands/nc/busybox";
import { nslookup } from "../commands/nslookup";
import { isMiniNslookup, nslookupMini } from "../commands/nslookup/mini";
import { wgetFlavourOf, wgetSync } from "../commands/wget";
import { Vfs } from "../fs/vfs";
import type { Container, PodSpec, PodStatus } from "../kinds/pods/types";
import type { ClusterState, CommandContext, ExecResult, KeySource } from "../types";
import { containerEnvironment, stateGetter } from "./env";
import type { ImageInfo } from "./images";
import type { Program } from "./program";
import { containerRootfs, imageEnv } from "./rootfs";
import { appendStoredLog } from "./stored-logs";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

const NO_KEYS: KeySource = {
  take: () => Promise.reject(new Error("a network tool asked for a key")),
};

function runTool(ctx: CommandContext, bin: string, imageRef: string): ExecResult {
  if (bin === "wget") return wgetSync(ctx, ctx.args, false, wgetFlavourOf(imageRef));
  if (bin === "nslookup") return (isMiniNslookup(imageRef) ? nslookupMini : nslookup).run(ctx) as ExecResult;
  // only busybox and alpine ship nc among the catalogue's images
  if (bin === "nc") return busyboxNc.run(ctx) as ExecResult;
  return { stdout: "", stderr: `${bin}: not a network tool\n`, exitCode: 127 };
}

/**
 * Runs the program's tool at `now` (the container's start), when it has one: its output goes to
 * the container's stored log, one line per millisecond, and its exit status replaces the program's.
 */
export function runMainTool(
  state: ClusterState,
  pod: Pod,
  c: Container,
  image: ImageInfo,
  program: Program,
  now: number,
  random: () => number,
): Program {
  const argv = program.tool;
  if (!argv || !program.exit) return program;
  const bin = (argv[0] ?? "").split("/").pop() ?? "";
  const get = stateGetter(state);
  const env = containerEnvironment(pod, c, get);
  const fs = containerRootfs(pod, c, image, get, now);
  // shared with the cluster's state: the access-log line of the server it reaches stays
  state.containerLogs ??= {};
  const cstate: ClusterState = {
    ...state,
    config: { ...state.config, controlPlane: { name: pod.metadata.name, ip: pod.status?.podIP ?? "" } },
    fs,
  };
  const vfs = new Vfs(fs, () => now, { random });
  const ctx: CommandContext = {
    state: cstate,
    fs: vfs,
    resolve: (p) => (p.startsWith("/") ? p : `/${p}`),
    args: argv.slice(1),
    stdin: "",
    env: { ...imageEnv(image), ...(env.ok ? env.env : {}) },
    now,
    keys: NO_KEYS,
    random,
  };
  const r = runTool(ctx, bin, c.image ?? "");
  // the runtime's log: stdout and stderr in the order they were written, line by line
  const text = (
    r.chunks ?? [
      { fd: 1, text: r.stdout },
      { fd: 2, text: r.stderr },
    ]
  )
    .map((ch) => ch.text)
    .join("");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  appendStoredLog(
    state,
    pod.metadata.uid ?? "",
    c.name,
    lines.map((line, i) => ({ at: now + i, text: line })),
  );
  return { ...program, exit: { afterMs: Math.max(program.exit.afterMs, lines.length + 1), code: r.exitCode } };
}
