/**
 * A process started in a running container (what POST pods/<name>/exec reaches through the
 * kubelet and the runtime): the node's own shell and tools run it, against the container's
 * filesystem (rootfs.ts), with the container's environment (env.ts) and host name. What an image
 * does not ship cannot be run: runc's "executable file not found in $PATH", exit code 126.
 */
import { coreutils } from "../commands/coreutils";
import { curl } from "../commands/curl";
import { nc } from "../commands/nc";
import { busyboxNc } from "../commands/nc/busybox";
import { nslookup } from "../commands/nslookup";
import { isMiniNslookup, nslookupMini } from "../commands/nslookup/mini";
import { textTools } from "../commands/text-tools";
import { wget, wgetFlavourOf, wgetOf } from "../commands/wget";
import { Vfs } from "../fs/vfs";
import type { KObject } from "../api/types";
import type { Container, PodSpec, PodStatus } from "../kinds/pods/types";
import { Interpreter } from "../shell/interpreter";
import { BufferSink, ExpansionError, InputStream, LimitError, type IO } from "../shell/io";
import { LIMITS } from "../core/limits";
import { ExitSignal, LoopSignal, ReturnSignal } from "../shell/signals";
import type { ClusterState, Command, ExecResult, FsNode, KeySource } from "../types";
import { containerEnvironment, stateGetter } from "./env";
import { IMAGES, parseImage, type ImageInfo } from "./images";
import { programFor } from "./program";
import { containerRootfs, distroOf, imageEnv } from "./rootfs";
import { containerMounts, type Mounts } from "./volumes";
import { replaceUnder } from "../controllers/persistentvolume/volume-data";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

/** The node's tools that an image with a shell also has; ps, ip, df and du describe the node, not a container. */
const NODE_ONLY = new Set(["ps", "ip", "df", "du", "history", "clear", "help"]);
/** Tools only the images that ship them have (ImageInfo.tools). */
const NETWORK_TOOLS: readonly Command[] = [curl, wget, nslookup, nc];
const CONTAINER_COMMANDS: ReadonlyMap<string, Command> = new Map(
  [...coreutils, ...textTools, ...NETWORK_TOOLS].filter((c) => !NODE_ONLY.has(c.name)).map((c) => [c.name, c]),
);
const NETWORK_TOOL_NAMES = new Set(NETWORK_TOOLS.map((c) => c.name));
const SHELLS = ["sh", "ash", "dash", "bash"];

/** Which programs `name` may be in this image: its shells and tools, or only its entrypoint. */
export function imageHas(image: ImageInfo | undefined, name: string): boolean {
  const bin = name.slice(name.lastIndexOf("/") + 1);
  if (!image) return false;
  if (!image.shell) return image.entrypoint.some((e) => e.slice(e.lastIndexOf("/") + 1) === bin);
  const distro = distroOf(image);
  if (bin === "bash") return distro !== "busybox" && distro !== "alpine";
  if (bin === "ash") return distro === "busybox" || distro === "alpine";
  if (bin === "dash") return distro === "debian" || distro === "ubuntu";
  if (bin === "jq") return false;
  if (NETWORK_TOOL_NAMES.has(bin)) return image.tools?.includes(bin) ?? false;
  return SHELLS.includes(bin) || CONTAINER_COMMANDS.has(bin);
}

/** The commands a shell in this image finds: the network tools only where the image ships them. */
function commandsOf(image: ImageInfo | undefined, imageRef: string): ReadonlyMap<string, Command> {
  const map = new Map([...CONTAINER_COMMANDS].filter(([name]) => !NETWORK_TOOL_NAMES.has(name) || (image?.tools?.includes(name) ?? false)));
  // busybox's own nc in busybox and alpine, netcat-openbsd elsewhere
  if (map.has("nc") && image && ["busybox", "alpine"].includes(distroOf(image))) map.set("nc", busyboxNc);
  if (map.has("nslookup") && isMiniNslookup(imageRef)) map.set("nslookup", nslookupMini);
  const flavour = wgetFlavourOf(imageRef);
  if (map.has("wget") && (!flavour.notifyLines || flavour.oldMeter)) map.set("wget", wgetOf(flavour));
  return map;
}

export function imageOfContainer(c: Container): ImageInfo | undefined {
  return IMAGES.get(parseImage(c.image ?? "").repository);
}

/** runc's message for an exec whose program is not in the image (kubectl prints it, then the exit code). */
export const notInPath = (name: string) =>
  `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\n`;

export interface ContainerProcess {
  state: ClusterState;
  pod: Pod;
  container: Container;
  now: number;
  keys: KeySource;
  random: () => number;
  /** kubectl exec -t: TERM is set as the runtime does for a TTY */
  tty?: boolean;
  /** an attached shell's own state (exec-session.ts): its cwd, variables, status and written files */
  session?: { cwd: string; env: Record<string, string>; lastExitCode: number; layer: Record<string, FsNode | null> };
}

/** The container's shell as an Interpreter over its own filesystem and environment. */
export function containerShell(p: ContainerProcess): {
  interp: Interpreter;
  image: ImageInfo | undefined;
  state: ClusterState;
  vfs: Vfs;
  hostMounts: Mounts["hostMounts"];
} {
  const { pod, container: c, state } = p;
  const image = imageOfContainer(c);
  const get = stateGetter(state);
  const resolved = containerEnvironment(pod, c, get);
  const env: Record<string, string> = {
    ...(image ? imageEnv(image) : {}),
    HOSTNAME: pod.metadata.name,
    ...(p.tty ? { TERM: "xterm" } : {}),
    ...(resolved.ok ? resolved.env : {}),
    HOME: "/root",
  };
  const fs = image ? containerRootfs(pod, c, image, get, p.now) : {};
  // what the container's own script has touched or removed so far
  const startedAt = Date.parse(pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running?.startedAt ?? "");
  const program = image && resolved.ok ? programFor(image, c, { hostname: pod.metadata.name, env: resolved.env }) : undefined;
  for (const op of program?.files ?? []) {
    if (!(op.at <= p.now - startedAt) || !op.path.startsWith("/")) continue;
    if (!op.exists) delete fs[op.path];
    else if (fs[op.path.slice(0, op.path.lastIndexOf("/")) || "/"]?.type === "dir")
      fs[op.path] ??= { type: "file", content: "", mode: 0o644, mtime: startedAt + op.at };
  }
  const session = p.session;
  for (const [path, node] of Object.entries(session?.layer ?? {})) {
    if (node) fs[path] = structuredClone(node);
    else delete fs[path];
  }
  // shared with the cluster's state: what the container's requests add to a server's log (stored-logs.ts) stays
  state.containerLogs ??= {};
  const cstate: ClusterState = {
    ...state,
    config: { ...state.config, controlPlane: { name: pod.metadata.name, ip: pod.status?.podIP ?? "" } },
    fs,
    shell: session
      ? { cwd: session.cwd, env: { ...session.env }, history: [], lastExitCode: session.lastExitCode, started: true }
      : { cwd: "/", env, history: [], lastExitCode: 0, started: true },
  };
  delete cstate.editor;
  const vfs = new Vfs(fs, () => p.now, { random: p.random });
  const interp = new Interpreter({
    state: cstate,
    vfs,
    commands: commandsOf(image, c.image ?? ""),
    keys: p.keys,
    now: () => p.now,
    random: p.random,
    ash: !!image && ["busybox", "alpine"].includes(distroOf(image)),
  });
  return { interp, image, state: cstate, vfs, hostMounts: image ? containerMounts(pod, c, get).hostMounts : [] };
}

/**
 * What a process left under the container's hostPath and persistent volume mounts goes to the
 * node's disk (volume-data.ts), where the next pod mounting the same directory finds it; a
 * read-only mount keeps nothing. Paths under those mounts are then the volume's, not the
 * container's own layer: true for each path `inVolume` is asked about.
 */
export function keepVolumeWrites(state: ClusterState, fs: Record<string, FsNode>, mounts: Mounts["hostMounts"]): (path: string) => boolean {
  for (const m of mounts) {
    if (m.readOnly) continue;
    const prefix = m.mountPath === "/" ? "/" : `${m.mountPath}/`;
    const files: Record<string, string> = {};
    for (const [path, node] of Object.entries(fs))
      if (node.type === "file" && path.startsWith(prefix)) files[path.slice(prefix.length)] = node.content;
    replaceUnder(state, m.dir.node, m.dir.root, files);
  }
  return (path) => mounts.some((m) => path === m.mountPath || path.startsWith(m.mountPath === "/" ? "/" : `${m.mountPath}/`));
}

/** Runs argv in the container, stdin as its input; the result is what the process wrote and its exit status. */
export async function execInContainer(p: ContainerProcess, argv: string[], stdin: string): Promise<ExecResult> {
  const { interp, image, state: cstate, hostMounts } = containerShell(p);
  const name = argv[0] ?? "";
  if (!imageHas(image, name)) return { stdout: "", stderr: notInPath(name), exitCode: 126 };
  const out = new BufferSink(LIMITS.maxOutputBytes, "output");
  const err = new BufferSink(LIMITS.maxOutputBytes, "output");
  const io: IO = { stdin: new InputStream(stdin), out, err };
  const bin = name.slice(name.lastIndexOf("/") + 1);
  let code: number;
  try {
    if (SHELLS.includes(bin)) {
      const c = argv.indexOf("-c");
      const script = c >= 1 ? (argv[c + 1] ?? "") : stdin;
      code = await interp.runScriptFile(script, c >= 1 ? (argv[c + 2] ?? bin) : bin, c >= 1 ? argv.slice(c + 3) : argv.slice(1), io);
    } else {
      code = await interp.dispatch(argv, new Map(), io);
    }
  } catch (e) {
    if (e instanceof ExitSignal) code = e.code;
    else if (e instanceof LimitError || e instanceof ExpansionError) {
      err.write(`${bin}: ${e.message}\n`);
      code = 1;
    } else if (e instanceof LoopSignal || e instanceof ReturnSignal) code = 0;
    else throw e;
  }
  keepVolumeWrites(p.state, cstate.fs, hostMounts);
  return { stdout: out.text, stderr: err.text, exitCode: code };
}
