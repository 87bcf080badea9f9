/**
 * crictl on the control plane node, talking to containerd: `ps [-a]`, `pods`, `logs`. It reads
 * the runtime's containers (containers.ts), so it keeps working while the kube-apiserver is down:
 * the tool a learner needs when kubectl is refused.
 * Tables: cri-tools cmd/crictl/container.go OutputContainers (columns CONTAINER IMAGE CREATED STATE
 * NAME ATTEMPT POD ID POD, ids truncated to 13 characters by getTruncatedID, the image id without
 * its "sha256:"), sandbox.go for `pods`; newDefaultTableDisplay is a tabwriter with minwidth 20,
 * padding 3 (cmd/crictl/util.go). CREATED is go-units HumanDuration + " ago".
 */
import { storeFor } from "../../api/store";
import { settle } from "../../controllers";
import { apiserverRun, renderKlog } from "../../kubelet/apiserver-program";
import { fakeDigest, IMAGES, parseImage } from "../../kubelet/images";
import { runLogs } from "../../kubelet/logs";
import { tabwrite } from "../../printers/tabwriter";
import { Regex } from "../coreutils/regex";
import type { Command, CommandContext, ExecResult } from "../../types";
import { nodeContainers, nodePods, type RuntimeContainer, sandboxId } from "./containers";

const TABLE = { minwidth: 20, padding: 3 };
const truncated = (id: string) => id.replace(/^sha256:/, "").slice(0, 13);

/** github.com/docker/go-units HumanDuration */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
const fail = (stderr: string): ExecResult => ({ stdout: "", stderr, exitCode: 1 });

/**
 * The list filters of `crictl ps` and `crictl pods` (cri-tools cmd/crictl/container.go and
 * sandbox.go): --name and --namespace are regular expressions matched anywhere in the name, --state
 * and --label (key=value, repeatable) exact; -q prints whole ids.
 */
interface ListFilter {
  all: boolean;
  quiet: boolean;
  name?: Regex;
  namespace?: Regex;
  pod?: string;
  state?: string;
  labels: [string, string][];
}

function listFilter(args: string[]): ListFilter | ExecResult {
  const f: ListFilter = { all: false, quiet: false, labels: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf("=");
    const [flag, inline] = a.startsWith("--") && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === "-a" || flag === "--all") f.all = true;
    else if (flag === "-q" || flag === "--quiet") f.quiet = true;
    else if (flag === "-aq" || flag === "-qa") f.all = f.quiet = true;
    else if (["--name", "--namespace", "--pod", "-p", "--state", "-s", "--label"].includes(flag)) {
      const v = value();
      if (v === undefined) return fail(`crictl: flag needs an argument: ${flag}\n`);
      if (flag === "--pod" || flag === "-p") f.pod = v;
      else if (flag === "--state" || flag === "-s") f.state = v.toLowerCase();
      else if (flag === "--label") f.labels.push([v.split("=")[0], v.slice(v.indexOf("=") + 1)]);
      else {
        // Go's regexp, through the linear-time engine (security.md D4: a learner's pattern never reaches RegExp)
        let re: Regex;
        try {
          re = new Regex(v, { ere: true, icase: false, perl: true });
        } catch {
          return fail(`crictl: invalid ${flag.slice(2)} pattern ${JSON.stringify(v)}\n`);
        }
        if (flag === "--name") f.name = re;
        else f.namespace = re;
      }
    } else return fail(`crictl: unknown flag: ${a}\n`);
  }
  return f;
}

const labelsMatch = (f: ListFilter, labels: Record<string, string> | undefined) => f.labels.every(([k, v]) => labels?.[k] === v);

function ps(ctx: CommandContext, args: string[]): ExecResult {
  const f = listFilter(args);
  if ("exitCode" in f) return f;
  const rows = nodeContainers(ctx.state).filter(
    (c) =>
      (f.all || f.state || c.state === "Running") &&
      (!f.state || c.state.toLowerCase() === f.state) &&
      (!f.name || f.name.test(c.name)) &&
      (!f.namespace || f.namespace.test(c.pod.metadata.namespace ?? "")) &&
      (!f.pod || sandboxId(c.pod).startsWith(f.pod)) &&
      labelsMatch(f, c.pod.metadata.labels),
  );
  if (f.quiet) return ok(rows.map((c) => `${c.id}\n`).join(""));
  const lines = [["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD"]];
  for (const c of rows)
    lines.push([
      truncated(c.id),
      truncated(c.imageId),
      `${humanDuration(ctx.now - c.createdAt)} ago`,
      c.state,
      c.name,
      String(c.attempt),
      truncated(c.podId),
      c.pod.metadata.name,
    ]);
  return ok(tabwrite(lines.map((l) => `${l.join("\t")}\n`).join(""), TABLE));
}

function pods(ctx: CommandContext, args: string[]): ExecResult {
  const f = listFilter(args);
  if ("exitCode" in f) return f;
  const list = nodePods(ctx.state)
    .filter(
      (p) =>
        (!f.state || f.state === "ready") &&
        (!f.name || f.name.test(p.metadata.name)) &&
        (!f.namespace || f.namespace.test(p.metadata.namespace ?? "")) &&
        labelsMatch(f, p.metadata.labels),
    )
    .sort((a, b) => Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp));
  if (f.quiet) return ok(list.map((p) => `${sandboxId(p)}\n`).join(""));
  const lines = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
  for (const p of list)
    lines.push([
      truncated(sandboxId(p)),
      `${humanDuration(ctx.now - Date.parse(p.status?.startTime ?? p.metadata.creationTimestamp))} ago`,
      "Ready",
      p.metadata.name,
      p.metadata.namespace ?? "",
      "0",
      "(default)",
    ]);
  return ok(tabwrite(lines.map((l) => `${l.join("\t")}\n`).join(""), TABLE));
}

/** One run's log: the kube-apiserver's from its command line and the node's files, any other from its program. */
function containerLog(ctx: CommandContext, c: RuntimeContainer): { stdout: string; stderr: string } {
  const until = c.finishedAt ?? ctx.now;
  const argv = [...(c.container.command ?? []), ...(c.container.args ?? [])];
  if ((argv[0] ?? "").split("/").pop() === "kube-apiserver") {
    const run = apiserverRun(argv, ctx.fs, c.createdAt);
    const text = run.lines
      .map((l) => ({ at: c.createdAt + l.at, text: l.text }))
      .filter((l) => l.at <= until + 1000)
      .map((l) => `${renderKlog(l.text, l.at)}\n`)
      .join("");
    // klog and cobra write to stderr; crictl logs keeps the streams apart
    return { stdout: "", stderr: text };
  }
  if (!IMAGES.get(parseImage(c.container.image ?? "").repository)) return { stdout: "", stderr: "" };
  const entries = runLogs(c.pod, c.container, { startedAt: c.createdAt, until: c.finishedAt ? Infinity : until });
  return { stdout: entries.map((e) => `${e.text}\n`).join(""), stderr: "" };
}

function logs(ctx: CommandContext, args: string[]): ExecResult {
  const ids = args.filter((a) => !a.startsWith("-"));
  if (ids.length !== 1) return fail("crictl logs: exactly one CONTAINER-ID is expected\n");
  const found = nodeContainers(ctx.state).filter((c) => c.id.startsWith(ids[0]));
  if (found.length !== 1) return fail(`crictl logs: container "${ids[0]}" is not on this node\n`);
  const n = args.find((a, i) => (args[i - 1] === "--tail" ? true : a.startsWith("--tail=")));
  const { stdout, stderr } = containerLog(ctx, found[0]);
  if (!n) return { stdout, stderr, exitCode: 0 };
  const k = Number(n.replace(/^--tail=/, ""));
  const tail = (s: string) =>
    Number.isInteger(k) && k >= 0
      ? s
          .split("\n")
          .slice(0, -1)
          .slice(-k)
          .map((l) => `${l}\n`)
          .join("")
      : s;
  return { stdout: tail(stdout), stderr: tail(stderr), exitCode: 0 };
}

const USAGE =
  "usage: crictl ps [-a] [-q] [--name RE] [--namespace RE] [--state S] [--label K=V] | pods [-q] [--name RE] [--namespace RE] [--label K=V] | images [-q] | logs [--tail N] CONTAINER-ID\n";

/** go-units HumanSizeWithPrecision(size, 3): decimal units, three significant digits ("72.2MB"). */
export function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(3))}${units[i]}`;
}

/** The sandbox image every pod's sandbox runs (the kubelet's --pod-infra-container-image, core/base-state.ts). */
const PAUSE = "registry.k8s.io/pause:3.10";

/**
 * `crictl images` (cri-tools cmd/crictl/image.go ListImages): IMAGE TAG IMAGE ID SIZE, sorted by
 * reference, the id truncated as `ps` shows it; -q prints the full ids. The node's images are the
 * ones its containers and sandboxes run and the ones its kubelet pulled (the Node's status.images).
 */
function images(ctx: CommandContext, args: string[]): ExecResult {
  const quiet = args.some((a) => a === "-q" || a === "--quiet");
  const refs = new Set<string>();
  for (const c of nodeContainers(ctx.state)) refs.add(parseImage(c.container.image ?? "").full);
  if (nodePods(ctx.state).length) refs.add(PAUSE);
  const node = storeFor(ctx.state).get({ group: "", resource: "nodes" }, undefined, ctx.state.config.controlPlane.name);
  const pulled = (node?.status as { images?: { names: string[]; sizeBytes: number }[] } | undefined)?.images ?? [];
  const sizes = new Map<string, number>();
  for (const i of pulled)
    for (const n of i.names.filter((x) => !x.includes("@"))) {
      refs.add(n);
      sizes.set(n, i.sizeBytes);
    }
  const rows = [...refs].sort().map((full) => {
    const ref = parseImage(full);
    return { ref, id: `sha256:${fakeDigest(ref.repository)}`, size: sizes.get(full) ?? IMAGES.get(ref.repository)?.sizeBytes ?? 0 };
  });
  if (quiet) return ok(rows.map((r) => `${r.id}\n`).join(""));
  const lines = [
    ["IMAGE", "TAG", "IMAGE ID", "SIZE"],
    ...rows.map((r) => [r.ref.repository, r.ref.tag, truncated(r.id), humanSize(r.size)]),
  ];
  return ok(tabwrite(lines.map((l) => `${l.join("\t")}\n`).join(""), TABLE));
}

async function run(ctx: CommandContext): Promise<ExecResult> {
  const [sub, ...rest] = ctx.args;
  if (!sub || sub === "-h" || sub === "--help") return ok(USAGE);
  // the runtime's containers as of now: what the kubelet did since the last command is done
  const store = storeFor(ctx.state);
  store.begin();
  try {
    await settle(ctx);
    store.commit();
  } catch (e) {
    store.rollback();
    return fail(`crictl: ${(e as Error).message}\n`);
  }
  if (sub === "ps") return ps(ctx, rest);
  if (sub === "pods") return pods(ctx, rest);
  if (sub === "images" || sub === "img") return images(ctx, rest);
  if (sub === "logs") return logs(ctx, rest);
  return fail(`crictl: "${sub}" is not available in this practice cluster\n${USAGE}`);
}

export const crictl: Command = { name: "crictl", summary: "crictl talks to the node's container runtime (containerd)", run };
