/**
 * `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE ... [--address ...]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go, v1.32, with client-go
 * tools/portforward/portforward.go for the listeners and their lines). The target resolves to one
 * pod (polymorphichelpers.AttachablePodForObjectFn: a pod as it is, a workload's or Service's
 * first pod by its selector); a Service's ports translate to the pod's targetPort
 * (translateServicePortToTargetPort), a pod's named ports to numbers (convertPodNamedPortToNumber);
 * the pod must be Running. In the foreground it is a program (lib/sim/programs) that runs until
 * Ctrl-C (kubectl returns nil on os.Interrupt: status 0) or until its pod stops ("error: lost
 * connection to pod", status 1). Run with `&`, it is a background job holding the listeners
 * (commands/net/forwards.ts) that curl, wget and nc reach on the node's loopback.
 */
import type { KObject } from "../../api/types";
import type { Container, PodSpec, PodStatus } from "../../kinds/pods/types";
import { bindError, forwardedPodRunning, LOST_CONNECTION } from "../net/forwards";
import { IPV4 } from "../net/resolve";
import { nextWake, settleThrough } from "../../programs/cluster-clock";
import type { ProgramDef } from "../../programs/types";
import type { PortForward } from "../../shell/state";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, statusText } from "./client";
import { sliceFlag } from "./generate";
import { isResult, parseVerb } from "./session";
import { podsOf, resolveTargets } from "./workload-target";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };
type Service = KObject & {
  spec?: {
    clusterIP?: string;
    selector?: Record<string, string>;
    ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
  };
};

// cmdutil.UsageErrorf: "%s\nSee '%s -h' for help and examples"
const usage = (msg: string): ExecResult => errResult(`error: ${msg}\nSee 'kubectl port-forward -h' for help and examples\n`);

/** portforward.go splitPort: "[LOCAL:]REMOTE"; with more than one colon, the first part for both. */
function splitPort(port: string): [string, string] {
  const parts = port.split(":");
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

const isDecimal = (s: string) => /^[+-]?\d+$/.test(s);

/** util/pod_port.go LookupContainerPortNumberByName. */
function containerPortByName(pod: Pod, name: string): number | string {
  // Go compares the Name field, which is "" when the port has none
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])] as Container[])
    for (const p of (c as { ports?: { name?: string; containerPort: number }[] }).ports ?? [])
      if ((p.name ?? "") === name) return p.containerPort;
  return `Pod '${pod.metadata.name}' does not have a named port '${name}'`;
}

/** util/service_port.go LookupServicePortNumberByName. */
function servicePortByName(svc: Service, name: string): number | string {
  const p = (svc.spec?.ports ?? []).find((x) => (x.name ?? "") === name);
  return p ? p.port : `Service '${svc.metadata.name}' does not have a named port '${name}'`;
}

/** util/service_port.go LookupContainerPortNumberByServicePort. */
function containerPortByServicePort(svc: Service, pod: Pod, port: number): number | string {
  if (svc.spec?.clusterIP === "None") return port;
  for (const sp of svc.spec?.ports ?? []) {
    if (sp.port !== port) continue;
    if (typeof sp.targetPort === "string") return containerPortByName(pod, sp.targetPort);
    return sp.targetPort ? sp.targetPort : sp.port;
  }
  return `Service ${svc.metadata.name} does not have a service port ${port}`;
}

/** portforward.go translateServicePortToTargetPort; a string is the error. */
function translateServicePorts(ports: string[], svc: Service, pod: Pod): string[] | string {
  const out: string[] = [];
  for (const port of ports) {
    let [local, remote] = splitPort(port);
    let num = isDecimal(remote) ? Number(remote) : NaN;
    if (Number.isNaN(num)) {
      const byName = servicePortByName(svc, remote);
      if (typeof byName === "string") return byName;
      num = byName;
      if (local === remote) local = String(num);
    }
    const target = containerPortByServicePort(svc, pod, num);
    if (typeof target === "string") return target;
    remote = String(target);
    out.push(local !== remote ? `${local}:${remote}` : remote);
  }
  return out;
}

/** portforward.go convertPodNamedPortToNumber; a string is the error. */
function convertPodNamedPorts(ports: string[], pod: Pod): string[] | string {
  const out: string[] = [];
  for (const port of ports) {
    const [local, remote] = splitPort(port);
    if (remote === "") return "remote port cannot be empty";
    let str = remote;
    if (!isDecimal(remote)) {
      const byName = containerPortByName(pod, remote);
      if (typeof byName === "string") return byName;
      str = String(byName);
    }
    out.push(local !== remote ? `${local}:${str}` : str);
  }
  return out;
}

/** Go's strconv.ParseUint(s, 10, 16) error text, or the value. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  return n > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n;
}

/** client-go portforward.go parsePorts; `pick` draws the port the OS would give for local 0. */
function parsePorts(ports: string[], pick: () => number): { local: number; remote: number }[] | string {
  const out: { local: number; remote: number }[] = [];
  for (const spec of ports) {
    const parts = spec.split(":");
    if (parts.length > 2) return `invalid port format '${spec}'`;
    const localString = parts.length === 1 ? parts[0] : parts[0] || "0";
    const remoteString = parts.length === 1 ? parts[0] : parts[1];
    const local = parseUint16(localString);
    if (typeof local === "string") return `error parsing local port '${localString}': ${local}`;
    const remote = parseUint16(remoteString);
    if (typeof remote === "string") return `error parsing remote port '${remoteString}': ${remote}`;
    if (remote === 0) return "remote port must be > 0";
    out.push({ local: local || pick(), remote });
  }
  return out;
}

/** client-go portforward.go parseAddresses: localhost is 127.0.0.1 and ::1; sorted, as it sorts them. */
function parseAddresses(addresses: string[]): string[] | string {
  const parsed = new Set<string>();
  for (const a of addresses) {
    if (a === "localhost") {
      parsed.add("127.0.0.1");
      parsed.add("::1");
    } else if (IPV4.test(a) || (a.includes(":") && /^[0-9a-fA-F:.]+$/.test(a))) parsed.add(a);
    else return `${a} is not a valid IP`;
  }
  return [...parsed].sort();
}

const isIpv6 = (a: string) => a.includes(":");

const joinChunks = (chunks: { fd: 1 | 2; text: string }[]) => ({
  stdout: chunks
    .filter((c) => c.fd === 1)
    .map((c) => c.text)
    .join(""),
  stderr: chunks
    .filter((c) => c.fd === 2)
    .map((c) => c.text)
    .join(""),
});

/** net.JoinHostPort: an IPv6 address in brackets. */
const joinHostPort = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

/** The forwarded pod: AttachablePodForObjectFn (polymorphichelpers/attachablepodforobject.go). */
function forwardablePod(c: Parameters<typeof podsOf>[0], obj: KObject): Pod | string {
  if (obj.kind === "Pod") return obj as Pod;
  if (obj.kind === "Service" && !Object.keys((obj as Service).spec?.selector ?? {}).length)
    // attachablepodforobject.go "cannot attach to %T: %v" around SelectorsForObject's error
    return `error: cannot attach to *v1.Service: invalid service '${obj.metadata.name}': Service is defined without a selector\n`;
  const pods = podsOf(c, obj) as Pod[];
  // GetFirstPod waits --pod-running-timeout for a pod to appear
  return pods[0] ?? "error: timed out waiting for the condition\n";
}

const crlf = (t: string) => t.replace(/\n/g, "\r\n");

export interface PortForwardLaunch {
  forward: PortForward;
  /** what it printed when it started (the Forwarding lines, and the ports it could not listen on) */
  first: string;
}

export function runPortForward(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "port-forward", argv);
  if (isResult(args)) return args;
  // portforward.go Complete
  if (args.operands.length < 2) return usage("TYPE/NAME and list of ports are required for port-forward");
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const t = resolveTargets(c, [args.operands[0]], "pods");
  if (!t.ok) return errResult(t.stderr);
  const obj = t.targets[0].obj;
  const pod = forwardablePod(c, obj);
  if (typeof pod === "string") return errResult(pod);
  const specs = args.operands.slice(1);
  // checkUDPPortInService / checkUDPPortInPod, before the translation (a port name they cannot find fails here first)
  const udp = obj.kind === "Service" ? udpOnly(specs, obj) : udpOnlyInPod(specs, pod);
  if (udp) return errResult(`error: ${udp}\n`);
  const ports = obj.kind === "Service" ? translateServicePorts(specs, obj, pod) : convertPodNamedPorts(specs, pod);
  if (typeof ports === "string") return errResult(`error: ${ports}\n`);
  // RunPortForwardContext: the pod fresh from the apiserver, and Running
  const r = c.request({ verb: "get", resource: "pods", namespace: pod.metadata.namespace, name: pod.metadata.name });
  if (isFailure(r)) return errResult(statusText(r.body));
  const live = r.body as Pod;
  const phase = live.status?.phase ?? "";
  if (phase !== "Running") return errResult(`error: unable to forward port because pod is not running. Current status=${phase}\n`);
  // NewOnAddressesWithContext: the addresses, then the ports
  // parseAddresses: an address named on its own fails its port alone ("any"); localhost's two fail it only together ("all")
  const explicit = new Set(sliceFlag(args, "address").filter((a) => a !== "localhost"));
  const addresses = parseAddresses(sliceFlag(args, "address").length ? sliceFlag(args, "address") : ["localhost"]);
  if (typeof addresses === "string") return errResult(`error: ${addresses}\n`);
  const parsed = parsePorts(ports, () => 32768 + Math.floor(ctx.random() * (60999 - 32768 + 1)));
  if (typeof parsed === "string") return errResult(`error: ${parsed}\n`);
  // forward(): each port on each address; a port fails when its "localhost" binds all fail, or any of its named addresses does
  const chunks: { fd: 1 | 2; text: string }[] = [];
  const listening: { local: number; remote: number }[] = [];
  for (const p of parsed) {
    const errors: string[] = [];
    const lines: string[] = [];
    const failed = { all: 0, any: 0 };
    let allOk = 0;
    for (const a of addresses) {
      const mode = explicit.has(a) ? "any" : "all";
      const refused = bindError(ctx.state, ctx.state.shell.jobs, ctx.now, a, p.local);
      if (refused) {
        // getListener: net.Listen's *OpError, wrapped as "unable to create listener: Error %s"
        errors.push(`unable to create listener: Error listen tcp${isIpv6(a) ? 6 : 4} ${joinHostPort(a, p.local)}: bind: ${refused}`);
        failed[mode]++;
      } else {
        lines.push(`Forwarding from ${joinHostPort(a, p.local)} -> ${p.remote}\n`);
        if (mode === "all") allOk++;
      }
    }
    for (const text of lines) chunks.push({ fd: 1, text });
    if ((allOk === 0 && failed.all > 0) || failed.any > 0)
      chunks.push({
        fd: 2,
        text: `Unable to listen on port ${p.local}: Listeners failed to create with the following errors: [${errors.join(" ")}]\n`,
      });
    else listening.push(p);
  }
  if (!listening.length) {
    // forward(): "unable to listen on any of the requested ports: %v" of []ForwardedPort
    chunks.push({
      fd: 2,
      text: `error: unable to listen on any of the requested ports: [${parsed.map((p) => `{${p.local} ${p.remote}}`).join(" ")}]\n`,
    });
    return { ...joinChunks(chunks), exitCode: 1, chunks };
  }
  const forward: PortForward = {
    namespace: live.metadata.namespace ?? "",
    pod: live.metadata.name,
    uid: live.metadata.uid ?? "",
    addresses,
    ports: listening,
  };
  const launch: PortForwardLaunch = { forward, first: chunks.map((c) => c.text).join("") };
  return { ...joinChunks(chunks), exitCode: 0, chunks, program: { program: "kubectl-port-forward", data: launch } };
}

/** portforward.go checkUDPPorts: a remote port declared only as UDP; the error text, or undefined. */
function checkUdpPorts(
  specs: string[],
  declared: { port: number; protocol?: string }[],
  byName: (name: string) => number | string,
): string | undefined {
  const udp = new Set<number>();
  const tcp = new Set<number>();
  // the API server defaults protocol to TCP
  for (const p of declared) (p.protocol === "UDP" ? udp : p.protocol === "TCP" || !p.protocol ? tcp : new Set()).add(p.port);
  for (const spec of specs) {
    const remote = splitPort(spec)[1];
    let num = isDecimal(remote) ? Number(remote) : NaN;
    if (Number.isNaN(num)) {
      const found = byName(remote);
      if (typeof found === "string") return found;
      num = found;
    }
    if (udp.has(num) && !tcp.has(num)) return `UDP protocol is not supported for ${remote}`;
  }
  return undefined;
}

/** portforward.go checkUDPPortInService. */
function udpOnly(specs: string[], svc: Service): string | undefined {
  return checkUdpPorts(specs, svc.spec?.ports ?? [], (name) => servicePortByName(svc, name));
}

/** portforward.go checkUDPPortInPod: the containers' ports (not the init containers'). */
function udpOnlyInPod(specs: string[], pod: Pod): string | undefined {
  const declared = pod.spec.containers.flatMap((c) =>
    ((c as { ports?: { containerPort: number; protocol?: string }[] }).ports ?? []).map((p) => ({
      port: p.containerPort,
      protocol: p.protocol,
    })),
  );
  return checkUdpPorts(specs, declared, (name) => containerPortByName(pod, name));
}

type PortForwardState = PortForwardLaunch;

function isLaunch(d: unknown): d is PortForwardLaunch {
  const f = (d as Partial<PortForwardLaunch> | null)?.forward;
  return (
    !!f &&
    typeof f.namespace === "string" &&
    typeof f.pod === "string" &&
    typeof f.uid === "string" &&
    typeof (d as Partial<PortForwardLaunch>).first === "string" &&
    Array.isArray(f.addresses) &&
    Array.isArray(f.ports)
  );
}

/** The foreground `kubectl port-forward`: it listens until Ctrl-C or until its pod stops running. */
export const portForwardProgram: ProgramDef<PortForwardState> = {
  name: "kubectl-port-forward",
  unattended: "until-idle",
  parse: (data) => (isLaunch(data) ? structuredClone(data) : null),
  start(s, ctx) {
    return { output: crlf(s.first), nextAt: nextWake(ctx.state, ctx.now) };
  },
  async tick(s, ctx) {
    const cc = ctx.command();
    let lost = false;
    await settleThrough(cc, ctx.now, () => void (lost ||= !forwardedPodRunning(cc.state, s.forward)));
    if (lost) return { output: LOST_CONNECTION.replace(/\n/g, "\r\n"), nextAt: null, exitCode: 1 };
    return { output: "", nextAt: nextWake(ctx.state, ctx.now) };
  },
  interrupt() {
    // RunPortForwardContext: os.Interrupt closes the stop channel and ForwardPorts returns nil
    return { output: "^C\r\n", nextAt: null, exitCode: 0 };
  },
  render(s) {
    return crlf(s.first);
  },
};
