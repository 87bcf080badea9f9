/**
 * The simulated workloads' resource usage: what the kubelet's summary API (cAdvisor) would report
 * for a running container, derived from what the container is, never stored. The model (see
 * docs/decisions.md, "Metrics: the usage model"):
 * - an idle container uses a small fixed figure per image (IDLE below, by the image's repository's
 *   last path segment; IDLE_DEFAULT for the rest): the order of what those images show idle on a
 *   small VM, not measurements;
 * - a container whose main process is a busy loop (a shell `while true`/`while :` loop without a
 *   sleep, or `yes`, or a hash/copy of /dev/zero or /dev/urandom) uses one whole CPU, 1000m;
 * - CPU usage never exceeds the container's CPU limit (CFS quota throttles it), memory never
 *   exceeds its memory limit;
 * - a node's CPUs are shared: when what its containers would use passes the node's capacity (less
 *   its daemons' use), the busy containers get the rest in proportion to their CPU requests, as
 *   the kernel's CFS shares divide it (cpu.shares = request in millicores, 2 without one), each
 *   at most what it would use alone (`shareNodeCpu`);
 * - a node uses what its running pods use plus its system daemons (kubelet, containerd, the OS):
 *   NODE_OVERHEAD, more on the control plane, whose node also runs etcd's and the apiserver's
 *   housekeeping outside pods' cgroups.
 * Figures are exact integers (nanocores, bytes), the units the summary API speaks.
 */
import type { Container, Pod } from "../kinds/pods/types";
import { milliValue, parseQuantity, value } from "../kinds/_shared/quantity";
import { IMAGES, parseImage } from "../kubelet/images";
import { mainArgv } from "../kubelet/program";

export interface Usage {
  /** CPU, nanocores */
  cpu: number;
  /** working set, bytes */
  memory: number;
}

const MI = 1024 * 1024;
const m = (milli: number) => milli * 1_000_000;

/** idle usage per image (cpu in millicores, memory in MiB, fractional MiB allowed) */
const IDLE: Record<string, { cpu: number; mem: number }> = {
  nginx: { cpu: 0, mem: 3.1 },
  httpd: { cpu: 1, mem: 6.6 },
  busybox: { cpu: 0, mem: 0.4 },
  alpine: { cpu: 0, mem: 0.5 },
  ubuntu: { cpu: 0, mem: 0.9 },
  redis: { cpu: 2, mem: 3.4 },
  postgres: { cpu: 3, mem: 22.5 },
  mysql: { cpu: 6, mem: 381.2 },
  python: { cpu: 0, mem: 9.3 },
  node: { cpu: 0, mem: 10.8 },
  pause: { cpu: 0, mem: 0.2 },
  "kube-apiserver": { cpu: 48, mem: 243.6 },
  "kube-controller-manager": { cpu: 14, mem: 51.9 },
  "kube-scheduler": { cpu: 3, mem: 22.4 },
  "kube-proxy": { cpu: 1, mem: 18.7 },
  etcd: { cpu: 19, mem: 42.3 },
  coredns: { cpu: 2, mem: 14.1 },
  node_calico: { cpu: 26, mem: 121.5 },
  "kube-controllers": { cpu: 2, mem: 16.2 },
  "local-path-provisioner": { cpu: 1, mem: 9.4 },
  "metrics-server": { cpu: 3, mem: 18.3 },
};
const IDLE_DEFAULT = { cpu: 1, mem: 8 };

/** the system daemons outside pods (kubelet, containerd, systemd, the kernel's caches) */
export const NODE_OVERHEAD: Record<"controlPlane" | "worker", Usage> = {
  controlPlane: { cpu: m(62), memory: Math.round(512.4 * MI) },
  worker: { cpu: m(21), memory: Math.round(286.7 * MI) },
};

/** the key of IDLE for an image (calico's node image is "calico/node", not the Node.js image) */
function idleKey(image: string): string {
  const repo = parseImage(image).repository;
  if (repo.endsWith("calico/node")) return "node_calico";
  return repo.split("/").pop() ?? repo;
}

const BUSY_SHELL_LOOP = /\bwhile\s+(true|:)\s*;?\s*do\b/;
const BUSY_COMMAND = /(^|[\s;&|])(yes|(md5sum|sha1sum|sha256sum|cat|dd)\b[^;&|]*\/dev\/(zero|urandom))/;

/** the container's main process spins: a loop with no sleep in it, or a command that never blocks */
export function isBusyLoop(argv: readonly string[]): boolean {
  const text = argv.join(" ");
  if (BUSY_COMMAND.test(text)) return true;
  return BUSY_SHELL_LOOP.test(text) && !/\bsleep\b/.test(text);
}

function limitOf(c: Container, resource: "cpu" | "memory"): number | undefined {
  const raw = c.resources?.limits?.[resource];
  if (raw === undefined) return undefined;
  const q = parseQuantity(raw);
  if ("error" in q) return undefined;
  return resource === "cpu" ? Number(milliValue(q)) * 1_000_000 : Number(value(q));
}

/** One running container's usage. */
export function containerUsage(c: Container): Usage {
  const image = IMAGES.get(parseImage(c.image ?? "").repository);
  const idle = IDLE[idleKey(c.image ?? "")] ?? IDLE_DEFAULT;
  const argv = image ? mainArgv(image, c) : [...(c.command ?? []), ...(c.args ?? [])];
  let cpu = isBusyLoop(argv) ? m(1000) : m(idle.cpu);
  let memory = Math.round(idle.mem * MI);
  const cpuLimit = limitOf(c, "cpu");
  if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuLimit);
  const memLimit = limitOf(c, "memory");
  if (memLimit !== undefined) memory = Math.min(memory, memLimit);
  return { cpu, memory };
}

/** Each container of a pod, by name, in the pod's order. */
export function podUsage(pod: Pod): { name: string; usage: Usage }[] {
  return (pod.spec?.containers ?? []).map((c) => ({ name: c.name, usage: containerUsage(c) }));
}

/** The kernel's CFS weight of a container: its CPU request in millicores, 2 (MinShares) without one. */
function cpuShares(c: Container): number {
  const raw = c.resources?.requests?.cpu ?? c.resources?.limits?.cpu;
  const q = raw === undefined ? undefined : parseQuantity(raw);
  return q === undefined || "error" in q ? 2 : Math.max(2, Number(milliValue(q)));
}

/**
 * One node's containers under CPU contention: `capacity` nanocores less `daemons`' use are divided
 * among the containers by weighted fair sharing (water-filling by CFS shares), none getting more
 * than it would use alone. Usage is changed in place; nothing changes while everything fits.
 */
export function shareNodeCpu(containers: { spec: Container; usage: Usage }[], capacity: number, daemons: number): void {
  let left = Math.max(0, capacity - daemons);
  if (containers.reduce((sum, c) => sum + c.usage.cpu, 0) <= left) return;
  let open = containers.filter((c) => c.usage.cpu > 0);
  const granted = new Map<(typeof containers)[number], number>();
  // those whose demand fits their fair share keep it; the rest split what remains by weight
  for (;;) {
    const weight = open.reduce((sum, c) => sum + cpuShares(c.spec), 0);
    const satisfied = open.filter((c) => c.usage.cpu <= (left * cpuShares(c.spec)) / weight);
    if (satisfied.length === 0) {
      for (const c of open) granted.set(c, Math.floor((left * cpuShares(c.spec)) / weight));
      break;
    }
    for (const c of satisfied) {
      granted.set(c, c.usage.cpu);
      left -= c.usage.cpu;
    }
    open = open.filter((c) => !satisfied.includes(c));
    if (open.length === 0) break;
  }
  for (const [c, cpu] of granted) c.usage.cpu = cpu;
}
