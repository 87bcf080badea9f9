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
import { IMAGES, parseImage } from "../../kubelet/images";
import { runLogs } from "../../kubelet/logs";
import { tabwrite } from "../../printers/tabwriter";
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

function ps(ctx: CommandContext, args: string[]): ExecResult {
  const all = args.some((a) => a === "-a" || a === "--all");
  const quiet = args.some((a) => a === "-q" || a === "--quiet");
  const rows = nodeContainers(ctx.state).filter((c) => all || c.state === "Running");
  if (quiet) return ok(rows.map((c) => `${c.id}\n`).join(""));
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

function pods(ctx: CommandContext): ExecResult {
  const lines = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
  const list = nodePods(ctx.state).sort((a, b) => Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp));
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

const USAGE = "usage: crictl ps [-a] [-q] | pods | logs [--tail N] CONTAINER-ID\n";

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
  if (sub === "pods") return pods(ctx);
  if (sub === "logs") return logs(ctx, rest);
  return fail(`crictl: "${sub}" is not available in this practice cluster\n${USAGE}`);
}

export const crictl: Command = { name: "crictl", summary: "crictl talks to the node's container runtime (containerd)", run };
