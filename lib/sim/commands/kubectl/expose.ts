/**
 * `kubectl expose` (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go) and the Service generator
 * it shares with `run --expose` (staging/src/k8s.io/kubectl/pkg/generate/versioned/service.go,
 * ServiceGeneratorV2): selector, ports and protocols read from the exposed object
 * (polymorphichelpers MapBasedSelectorForObject, PortsForObject, ProtocolsForObject).
 */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, NO_RESOURCES, openClient, statusText } from "./client";
import { flag, type ParsedArgs } from "./flags";
import { enforcedNamespace, goMap, objectMeta, send } from "./generate";
import { resolveArgs } from "./resolver";
import { isResult, parseVerb } from "./session";

/** generate.ParseLabels: "k=v,k2=v2". */
export function parseLabels(spec: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const item of spec.split(",")) {
    const kv = item.split("=");
    if (kv.length !== 2) return `unexpected label spec: ${item}`;
    if (!kv[0]) return "unexpected empty label key";
    out[kv[0]] = kv[1];
  }
  return out;
}

export interface ServiceParams {
  name: string;
  selector: string;
  labels?: string;
  /** one port, or several joined by "," */
  ports: string;
  protocol?: string;
  /** "port/PROTOCOL" pairs read from the exposed object */
  protocols?: Record<string, string>;
  targetPort?: string;
  type?: string;
  clusterIP?: string;
  externalIP?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  namespace?: string;
}

/** ServiceGeneratorV2.Generate, as a typed Service in struct field order. */
export function generateService(p: ServiceParams): KObject | string {
  const selector = parseLabels(p.selector);
  if (typeof selector === "string") return selector;
  let labels: Record<string, string> | undefined;
  if (p.labels) {
    const l = parseLabels(p.labels);
    if (typeof l === "string") return l;
    labels = l;
  }
  const headless = p.clusterIP === "None";
  if (!p.ports && !headless) return "'ports' or 'port' is a required parameter";
  const list = p.ports ? p.ports.split(",") : [];
  const ports = list.map((port, i) => {
    let protocol = p.protocol || "";
    if (!protocol) protocol = p.protocols?.[port] ?? "TCP";
    const target = p.targetPort ? (/^-?\d+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort) : Number(port);
    return { name: list.length > 1 ? `port-${i + 1}` : undefined, protocol, port: Number(port), targetPort: target };
  });
  return {
    kind: "Service",
    apiVersion: "v1",
    metadata: objectMeta(p.name, { namespace: p.namespace, labels }),
    spec: {
      ports: ports.length ? ports : undefined,
      selector: goMap(selector),
      clusterIP: p.clusterIP || undefined,
      type: p.type || undefined,
      externalIPs: p.externalIP ? [p.externalIP] : undefined,
      sessionAffinity: p.sessionAffinity || undefined,
      loadBalancerIP: p.type === "LoadBalancer" ? p.loadBalancerIP || undefined : undefined,
    },
    status: { loadBalancer: {} },
  };
}

interface Container {
  ports?: { containerPort: number; protocol?: string }[];
}

function podSpecOf(o: KObject): { containers?: Container[] } | undefined {
  const spec = (o as unknown as { spec?: { containers?: Container[]; template?: { spec?: { containers?: Container[] } } } }).spec;
  return o.kind === "Pod" ? spec : spec?.template?.spec;
}

/** MapBasedSelectorForObject: the labels a Service would select the object's pods by. */
function selectorOf(o: KObject): string {
  const spec = (o as unknown as { spec?: { selector?: Record<string, unknown> } }).spec;
  const join = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
  switch (o.kind) {
    case "Pod":
      if (!o.metadata.labels || !Object.keys(o.metadata.labels).length) throw new Error("the pod has no labels and cannot be exposed");
      return join(o.metadata.labels);
    case "Service":
      if (!spec?.selector || !Object.keys(spec.selector).length) throw new Error("the service has no pod selector set");
      return join(spec.selector as Record<string, string>);
    case "ReplicationController":
      return join((spec?.selector ?? {}) as Record<string, string>);
    default: {
      const sel = (spec?.selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
      if (sel.matchExpressions?.length)
        throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return join(sel.matchLabels ?? {});
    }
  }
}

function portsOf(o: KObject): { ports: string[]; protocols: Record<string, string> } {
  const protocols: Record<string, string> = {};
  if (o.kind === "Service") {
    const ports = (o as unknown as { spec?: { ports?: { port: number; protocol?: string }[] } }).spec?.ports ?? [];
    for (const p of ports) protocols[String(p.port)] = p.protocol ?? "TCP";
    return { ports: ports.map((p) => String(p.port)), protocols };
  }
  const ports: string[] = [];
  for (const c of podSpecOf(o)?.containers ?? []) {
    for (const p of c.ports ?? []) {
      ports.push(String(p.containerPort));
      protocols[String(p.containerPort)] = p.protocol ?? "TCP";
    }
  }
  return { ports, protocols };
}

const EXPOSABLE = new Set(["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"]);

function usage(msg: string): ExecResult {
  return errResult(`error: ${msg}\nSee 'kubectl expose -h' for help and examples\n`);
}

function exposeOne(c: Client, args: ParsedArgs, o: KObject): ExecResult {
  if (!EXPOSABLE.has(o.kind))
    return errResult(`error: cannot expose a ${o.kind}${o.apiVersion.includes("/") ? `.${o.apiVersion.split("/")[0]}` : ""}\n`);
  let selector = flag(args, "selector") ?? "";
  if (!selector) {
    try {
      selector = selectorOf(o);
    } catch (e) {
      return usage(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const clusterIP = flag(args, "cluster-ip") ?? "";
  let ports = flag(args, "port") ?? "";
  const found = portsOf(o);
  if (!ports) {
    if (!found.ports.length && clusterIP !== "None") return usage("couldn't find port via --port flag or introspection");
    ports = found.ports.join(",");
  }
  const labels =
    flag(args, "labels") ||
    Object.entries(o.metadata.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
  const name = (flag(args, "name") || o.metadata.name).slice(0, 63);
  const svc = generateService({
    name,
    selector,
    labels,
    ports,
    protocol: flag(args, "protocol"),
    protocols: found.protocols,
    targetPort: flag(args, "target-port") || flag(args, "container-port"),
    type: flag(args, "type"),
    clusterIP,
    externalIP: flag(args, "external-ip"),
    loadBalancerIP: flag(args, "load-balancer-ip"),
    sessionAffinity: flag(args, "session-affinity"),
    namespace: enforcedNamespace(c),
  });
  if (typeof svc === "string") return errResult(`error: ${svc}\n`);
  const r = send(c, args, svc);
  return { ...r, stdout: r.stdout.replace(/ created( \((?:server )?dry run\))?\n$/, " exposed$1\n") };
}

export async function runExpose(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "expose", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) {
    return errResult(NO_RESOURCES);
  }
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, args.operands, { allNamespaces: false, files, verb: "expose" });
  if (!resolved.ok) return errResult(resolved.stderr);
  let stdout = "";
  let stderr = "";
  let failed = false;
  for (const req of resolved.requests) {
    const r = req.def.resource;
    const names = req.names.length ? req.names : [];
    for (const name of names) {
      const got = c.request({ verb: "get", group: r.group, version: r.version, resource: r.resource, namespace: req.namespace, name });
      if (isFailure(got)) {
        stderr += statusText(got.body);
        failed = true;
        continue;
      }
      const out = exposeOne(c, args, got.body as KObject);
      stdout += out.stdout;
      stderr += out.stderr;
      if (out.exitCode) {
        failed = true;
        break;
      }
    }
  }
  const dry = flag(args, "dry-run");
  if (!failed && (dry === undefined || dry === "none")) await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}
