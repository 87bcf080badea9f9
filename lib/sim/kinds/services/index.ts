/**
 * core/v1 Service. Defaults from pkg/apis/core/v1/defaults.go (SetDefaults_Service); the REST
 * layer's allocations (pkg/registry/core/service/storage/alloc.go: a random cluster IP from the
 * upper band of the service CIDR, random node ports in 30000-32767, kept on update); validation
 * from ValidateService; table from printers.go printService; describer from describe.go describeService.
 */
import { type FieldError, duplicate, invalid, notSupported, required } from "../../api/field";
import { nameIsDNS1035Label } from "../_shared/names";
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { KObject } from "../../api/types";
import { intToIp, ipToInt, parseCidr } from "../../cluster/ip";
import { DescribeWriter } from "../../printers/describe-util";
import { formatLabels } from "../_shared/labels";
import { ageOf } from "../../printers/duration";
import type { DescribeContext, KindDef, StrategyContext } from "../types";

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    selector?: Record<string, string>;
    externalIPs?: string[];
    externalName?: string;
    sessionAffinity?: string;
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    internalTrafficPolicy?: string;
    externalTrafficPolicy?: string;
    allocateLoadBalancerNodePorts?: boolean;
    [k: string]: unknown;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

const TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

function usedClusterIps(ctx: StrategyContext): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.objects.list({ group: "", resource: "services" }) as Service[])
    for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP ?? ""]) used.add(ip);
  return used;
}

function usedNodePorts(ctx: StrategyContext): Set<number> {
  const used = new Set<number>();
  for (const s of ctx.objects.list({ group: "", resource: "services" }) as Service[])
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

/** A free address of the dynamic band (above the first min(max(16, size/16), 256) addresses). */
function allocateIp(ctx: StrategyContext): string | undefined {
  const { base, bits } = parseCidr(ctx.cluster.serviceSubnet);
  const size = 2 ** (32 - bits) - 2;
  const reserved = Math.min(Math.max(16, Math.floor(size / 16)), 256);
  const used = usedClusterIps(ctx);
  for (let tries = 0; tries < 64; tries++) {
    const offset = reserved + 1 + Math.floor(ctx.random() * (size - reserved));
    const ip = intToIp((base + offset) >>> 0);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

function allocateNodePort(ctx: StrategyContext, taken: Set<number>): number {
  const [lo, hi] = ctx.cluster.nodePortRange;
  for (;;) {
    const p = lo + Math.floor(ctx.random() * (hi - lo + 1));
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}

function validateService(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  if (!TYPES.includes(type)) errs.push(notSupported("spec.type", type, TYPES));
  const ports = spec.ports ?? [];
  if (!ports.length && type !== "ExternalName" && spec.clusterIP !== "None") errs.push(required("spec.ports"));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${path}.name`));
    if (p.name) {
      if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)
      errs.push(invalid(`${path}.port`, p.port, "must be between 1 and 65535, inclusive"));
    if (p.protocol && !["TCP", "UDP", "SCTP"].includes(p.protocol))
      errs.push(notSupported(`${path}.protocol`, p.protocol, ["SCTP", "TCP", "UDP"]));
    if (p.nodePort !== undefined && type === "ClusterIP")
      errs.push(invalid(`${path}.nodePort`, p.nodePort, "may not be used when `type` is 'ClusterIP'"));
  });
  if (type === "ExternalName" && !spec.externalName) errs.push(required("spec.externalName"));
  return errs;
}

function externalIp(svc: Service): string {
  const spec = svc.spec ?? {};
  switch (spec.type ?? "ClusterIP") {
    case "LoadBalancer": {
      const ips = [...(svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || ""), ...(spec.externalIPs ?? [])].filter(
        Boolean,
      );
      return ips.length ? ips.join(",") : "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
    default:
      return spec.externalIPs?.length ? spec.externalIPs.join(",") : "<none>";
  }
}

function portString(ports: ServicePort[] | undefined): string {
  const s = (ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`))
    .join(",");
  return s || "<none>";
}

type Subset = { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] };

/** describe.go formatEndpoints: at most three "ip:port", then " + N more...". */
function formatEndpoints(endpoints: KObject | undefined, portName: string): string {
  const subsets = (endpoints?.subsets as Subset[] | undefined) ?? [];
  if (!subsets.length) return "<none>";
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if ((port.name ?? "") !== portName) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - 3} more...` : ret;
}

function describeService(svc: Service, ctx: DescribeContext): string {
  const spec = svc.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  w.map("Labels", svc.metadata.labels, "=");
  w.map("Annotations", svc.metadata.annotations, ": ");
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ""}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(",") : "<none>"}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(", ")}\n`);
  const endpoints = ctx.get({ group: "", resource: "endpoints" }, svc.metadata.namespace, svc.metadata.name);
  for (const p of spec.ports ?? []) {
    const name = p.name || "<unset>";
    const proto = p.protocol ?? "TCP";
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(endpoints, p.name ?? "")}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}

export const services: KindDef<Service> = {
  resource: {
    group: "",
    version: "v1",
    kind: "Service",
    resource: "services",
    singular: "service",
    shortNames: ["svc"],
    namespaced: true,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    categories: ["all"],
    subresources: [
      { name: "proxy", kind: "ServiceProxyOptions", verbs: ["create", "delete", "get", "patch", "update"] },
      { name: "status", verbs: ["get", "patch", "update"] },
    ],
  },
  validateName: nameIsDNS1035Label,
  defaults(svc) {
    const spec = (svc.spec ??= {});
    spec.type ??= "ClusterIP";
    spec.sessionAffinity ??= "None";
    for (const p of spec.ports ?? []) {
      p.protocol ??= "TCP";
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
    }
    if (spec.type !== "ExternalName") spec.internalTrafficPolicy ??= "Cluster";
    if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ??= "Cluster";
    if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
  },
  validate: validateService,
  validateUpdate: (svc, old) => {
    const errs = validateService(svc);
    const was = old.spec?.clusterIP;
    if (was && svc.spec?.clusterIP !== was && (svc.spec?.type ?? "ClusterIP") !== "ExternalName") {
      errs.push(
        invalid(
          "spec.clusterIPs[0]",
          { go: `[]string{${(svc.spec?.clusterIPs ?? [svc.spec?.clusterIP ?? ""]).map((x) => JSON.stringify(x)).join(", ")}}` },
          "may not change once set",
        ),
      );
    }
    return errs;
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(svc, ctx) {
      const spec = (svc.spec ??= {});
      svc.status = { loadBalancer: {} };
      if (spec.type === "ExternalName") return;
      if (spec.clusterIP !== "None") {
        if (!spec.clusterIP) {
          const ip = allocateIp(ctx);
          if (!ip) return [invalid("spec.clusterIPs", { go: "[]string{}" }, "failed to allocate IP: range is full")];
          spec.clusterIP = ip;
        } else if (usedClusterIps(ctx).has(spec.clusterIP)) {
          return [
            invalid(
              "spec.clusterIPs",
              { go: `[]string{${JSON.stringify(spec.clusterIP)}}` },
              `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
            ),
          ];
        } else {
          const { base, bits } = parseCidr(ctx.cluster.serviceSubnet);
          const n = ipToInt(spec.clusterIP);
          if ((n ^ base) >>> (32 - bits) !== 0) {
            return [
              invalid(
                "spec.clusterIPs",
                { go: `[]string{${JSON.stringify(spec.clusterIP)}}` },
                `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${ctx.cluster.serviceSubnet}`,
              ),
            ];
          }
        }
      }
      spec.clusterIPs = [spec.clusterIP ?? "None"];
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
      if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
        const taken = usedNodePorts(ctx);
        for (const [i, p] of (spec.ports ?? []).entries()) {
          if (p.nodePort) {
            if (taken.has(p.nodePort)) return [invalid(`spec.ports[${i}].nodePort`, p.nodePort, "provided port is already allocated")];
            taken.add(p.nodePort);
          } else p.nodePort = allocateNodePort(ctx, taken);
        }
      }
    },
    prepareForUpdate(svc, old) {
      // allocated values survive an update that omits them (patchAllocatedValues)
      const spec = (svc.spec ??= {});
      const was = old.spec ?? {};
      if (!spec.clusterIP && was.clusterIP) spec.clusterIP = was.clusterIP;
      if (!spec.clusterIPs && was.clusterIPs) spec.clusterIPs = was.clusterIPs;
      spec.ipFamilies ??= was.ipFamilies;
      spec.ipFamilyPolicy ??= was.ipFamilyPolicy;
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue;
        const prev = (was.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? "TCP") === (p.protocol ?? "TCP"));
        if (prev?.nodePort && spec.type !== "ClusterIP") p.nodePort = prev.nodePort;
      }
      svc.status = old.status;
    },
  },
  table: {
    columns: [
      NAME_COLUMN,
      column(
        "Type",
        "string",
        'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
      ),
      column(
        "Cluster-IP",
        "string",
        'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      ),
      column(
        "External-IP",
        "string",
        "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.",
      ),
      column(
        "Port(s)",
        "string",
        "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies",
      ),
      AGE_COLUMN,
      column(
        "Selector",
        "string",
        "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/",
        1,
      ),
    ],
    rows: (svc, ctx) => {
      const spec = svc.spec ?? {};
      const clusterIp = spec.type === "ExternalName" ? "<none>" : spec.clusterIP || "<none>";
      return [
        [
          svc.metadata.name,
          spec.type ?? "",
          clusterIp,
          externalIp(svc),
          portString(spec.ports),
          ageOf(svc.metadata.creationTimestamp, ctx.now),
          formatLabels(spec.selector),
        ],
      ];
    },
  },
  describe: describeService,
};
