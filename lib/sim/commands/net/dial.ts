/**
 * Where a TCP connection from the node (or from a pod) to ip:port ends up, as kube-proxy's
 * iptables rules and the nodes' listeners decide it:
 *  - a Service's ClusterIP:port, or a NodePort on either node's address (127.0.0.1 included:
 *    kube-proxy's localhost NodePorts), goes to one of its ready endpoints, chosen at random;
 *    with none, kube-proxy's REJECT rule refuses the connection;
 *  - a pod IP reaches the pod's containers: a server of the image catalogue listens on the
 *    image's ports (nginx, httpd: HTTP); any other port refuses;
 *  - a node's address reaches that node's daemons: sshd, the kubelet (while its service runs),
 *    and on the control plane the static pods' ports while their containers run (the
 *    kube-apiserver only while it serves: kubelet/apiserver-health.ts);
 *  - a local port a background `kubectl port-forward` listens on (forwards.ts) reaches the forwarded
 *    pod's port from the pod's own loopback, and kubectl notes "Handling connection for N";
 *  - anything else (an unused ClusterIP or port, an unassigned pod IP) never answers: a timeout.
 */
import { storeFor } from "../../api/store";
import type { KObject } from "../../api/types";
import type { Container, PodSpec, PodStatus } from "../../kinds/pods/types";
import { apiserverListening } from "../../kubelet/apiserver-health";
import { IMAGES, parseImage, type ImageInfo } from "../../kubelet/images";
import { serverOf } from "../../kubelet/program";
import type { CommandContext } from "../../types";
import { kubeletActive } from "../systemctl/units";
import { inPod } from "./resolve";
import { forwardedPodRunning, forwardListening } from "./forwards";
import type { PortForward } from "../../shell/state";
import { isShellContext, type ShellContext } from "../../shell/shell-context";

const SERVICES = { group: "", resource: "services" };
const ENDPOINTS = { group: "", resource: "endpoints" };
const PODS = { group: "", resource: "pods" };
const NODES = { group: "", resource: "nodes" };

export type Pod = KObject & { spec: PodSpec; status?: PodStatus };

/** What answers: a container's server, or one of the node's own daemons. */
export type Peer =
  /** `from`: the client address the server sees, when not the node's (127.0.0.1 through a port-forward) */
  | { kind: "container"; pod: Pod; container: Container; image: ImageInfo; server: string; from?: string }
  | { kind: "apiserver" }
  /** a TLS port that needs a client certificate (etcd, the kubelet, the controller manager, the scheduler) */
  | { kind: "tls"; daemon: string }
  /** a plain-HTTP health endpoint that answers `ok` */
  | { kind: "healthz"; daemon: string }
  | { kind: "ssh" };

export type Dial = { ok: true; peer: Peer; ip: string; port: number } | { ok: false; error: "refused" | "timeout" };

const refused: Dial = { ok: false, error: "refused" };
const timeout: Dial = { ok: false, error: "timeout" };

function running(pod: Pod, container: string): boolean {
  return !!pod.status?.containerStatuses?.some((s) => s.name === container && s.state?.running);
}

function staticRunning(ctx: CommandContext, name: string): boolean {
  const pod = storeFor(ctx.state).get(PODS, "kube-system", `${name}-${ctx.state.config.controlPlane.name}`) as Pod | undefined;
  return !!pod && running(pod, name);
}

/** The control plane's and the workers' own listeners (kubeadm's defaults; the loopback-only ones on 127.0.0.1). */
function nodeListener(ctx: CommandContext, node: "controlplane" | "worker", loopback: boolean, port: number): Peer | undefined {
  if (port === 22) return { kind: "ssh" };
  if (port === 10250) return node === "worker" || kubeletActive(ctx) ? { kind: "tls", daemon: "kubelet" } : undefined;
  if (port === 10256) return { kind: "healthz", daemon: "kube-proxy" };
  if (node === "worker") return undefined;
  if (port === 6443) return apiserverListening(ctx.state) ? { kind: "apiserver" } : undefined;
  if (port === 2379 || port === 2380) return staticRunning(ctx, "etcd") ? { kind: "tls", daemon: "etcd" } : undefined;
  if (!loopback) return undefined;
  if (port === 10248) return kubeletActive(ctx) ? { kind: "healthz", daemon: "kubelet" } : undefined;
  if (port === 2381) return staticRunning(ctx, "etcd") ? { kind: "healthz", daemon: "etcd" } : undefined;
  if (port === 10257) return staticRunning(ctx, "kube-controller-manager") ? { kind: "tls", daemon: "kube-controller-manager" } : undefined;
  if (port === 10259) return staticRunning(ctx, "kube-scheduler") ? { kind: "tls", daemon: "kube-scheduler" } : undefined;
  return undefined;
}

interface ServicePort {
  port: number;
  nodePort?: number;
  protocol?: string;
  name?: string;
}

/** kube-proxy: one ready endpoint of the Service's port, at random; none → REJECT. */
function viaService(ctx: CommandContext, svc: KObject, sp: ServicePort): Dial {
  const ep = storeFor(ctx.state).get(ENDPOINTS, svc.metadata.namespace, svc.metadata.name) as
    { subsets?: { addresses?: { ip?: string }[]; ports?: { name?: string; port: number }[] }[] } | undefined;
  const targets: [string, number][] = [];
  for (const s of ep?.subsets ?? []) {
    const p = (s.ports ?? []).find((x) => (x.name ?? "") === (sp.name ?? "")) ?? (s.ports?.length === 1 ? s.ports[0] : undefined);
    if (p) for (const a of s.addresses ?? []) if (a.ip) targets.push([a.ip, p.port]);
  }
  if (!targets.length) return refused;
  const [ip, port] = targets[Math.floor(ctx.random() * targets.length) % targets.length];
  return direct(ctx, ip, port, false);
}

function servicePorts(ctx: CommandContext): { svc: KObject; spec: { clusterIP?: string; type?: string }; ports: ServicePort[] }[] {
  return storeFor(ctx.state)
    .list(SERVICES)
    .map((svc) => {
      const spec = (svc.spec ?? {}) as { clusterIP?: string; type?: string; ports?: ServicePort[] };
      return { svc, spec, ports: (spec.ports ?? []).filter((p) => (p.protocol ?? "TCP") === "TCP") };
    });
}

/**
 * The nodes' InternalIPs, from the Node objects (in a pod's shell the state's controlPlane is the
 * pod itself: kubelet/exec.ts), the control plane first.
 */
function nodeIps(ctx: CommandContext): { controlPlane: string; workers: string[] } {
  const name = storeFor(ctx.state).get(NODES, undefined, ctx.state.config.controlPlane.name)
    ? ctx.state.config.controlPlane.name
    : undefined;
  const ips = (storeFor(ctx.state).list(NODES) as (KObject & { status?: { addresses?: { type: string; address: string }[] } })[]).map(
    (n) => ({
      cp: name ? n.metadata.name === name : "node-role.kubernetes.io/control-plane" in (n.metadata.labels ?? {}),
      ip: n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "",
    }),
  );
  return { controlPlane: ips.find((n) => n.cp)?.ip ?? "", workers: ips.filter((n) => !n.cp).map((n) => n.ip) };
}

/** A pod IP or a node address, without kube-proxy. */
function direct(ctx: CommandContext, ip: string, port: number, loopback: boolean): Dial {
  const ips = nodeIps(ctx);
  const node = ip === ips.controlPlane ? "controlplane" : ips.workers.includes(ip) ? "worker" : undefined;
  if (node) {
    const peer = nodeListener(ctx, node, loopback, port);
    return peer ? { ok: true, peer, ip, port } : refused;
  }
  const pods = (storeFor(ctx.state).list(PODS) as Pod[]).filter((p) => p.status?.podIP === ip && !p.spec.hostNetwork);
  const pod = pods.find((p) => p.status?.phase === "Running") ?? pods[0];
  if (!pod) return timeout;
  for (const c of pod.spec.containers) {
    const image = IMAGES.get(parseImage(c.image ?? "").repository);
    const server = image && serverOf(image, c);
    if (image && server && image.ports.includes(port) && running(pod, c.name))
      return { ok: true, peer: { kind: "container", pod, container: c, image, server }, ip, port };
  }
  return refused;
}

/**
 * A connection to a background port-forward's local port: kubectl accepts it and writes (to the
 * terminal it was started from) client-go tools/portforward/portforward.go handleConnection's
 * "Handling connection for %d"; the kubelet connects to the port on the pod's loopback, so the
 * server sees the client 127.0.0.1.
 */
function viaPortForward(ctx: ShellContext, f: PortForward, local: number, remote: number): Dial {
  if (!forwardedPodRunning(ctx.state, f)) return refused;
  ctx.shell.toTerminal(`Handling connection for ${local}\n`);
  const pod = storeFor(ctx.state).get(PODS, f.namespace, f.pod) as Pod;
  const d = direct(ctx, pod.status?.podIP ?? "", remote, false);
  return d.ok && d.peer.kind === "container" ? { ...d, peer: { ...d.peer, from: "127.0.0.1" } } : d;
}

/** Connects to ip:port from where the command runs. */
export function dial(ctx: CommandContext, ip: string, port: number): Dial {
  const loopback = ip.startsWith("127.");
  // in a pod, the loopback is the pod's own (its containers share the network namespace; kubelet/exec.ts names the pod's IP)
  if (loopback && inPod(ctx)) return direct(ctx, ctx.state.config.controlPlane.ip, port, false);
  const forwarded = isShellContext(ctx) ? forwardListening(ctx.state.shell.jobs, ctx.now, ip, port) : undefined;
  if (forwarded && isShellContext(ctx)) return viaPortForward(ctx, forwarded.forward, port, forwarded.remote);
  const ips = nodeIps(ctx);
  const hostIp = loopback ? ips.controlPlane : ip;
  const onNode = hostIp === ips.controlPlane || ips.workers.includes(hostIp);
  for (const { svc, spec, ports } of servicePorts(ctx)) {
    const nodePorts = spec.type === "NodePort" || spec.type === "LoadBalancer";
    for (const sp of ports) {
      if (spec.clusterIP === ip && sp.port === port) return viaService(ctx, svc, sp);
      if (onNode && nodePorts && sp.nodePort === port) return viaService(ctx, svc, sp);
    }
  }
  if (servicePorts(ctx).some((s) => s.spec.clusterIP === ip)) return timeout;
  return direct(ctx, hostIp, port, loopback);
}
