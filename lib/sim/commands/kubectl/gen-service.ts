/**
 * `create service clusterip|nodeport|loadbalancer|externalname`
 * (staging/src/k8s.io/kubectl/pkg/cmd/create/create_service.go): ports from --tcp, the app=NAME
 * label and selector, and the Validate texts.
 */
import type { KObject } from "../../api/types";
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from "../../kinds/_shared/names";
import { type Client, errResult } from "./client";
import { flag, type ParsedArgs } from "./flags";
import { enforcedNamespace, intFlag, objectMeta, sliceFlag } from "./generate";
import type { Built } from "./gen-workloads";
import { isResult } from "./session";

export const SERVICE_TYPES: Record<string, string> = {
  clusterip: "ClusterIP",
  nodeport: "NodePort",
  loadbalancer: "LoadBalancer",
  externalname: "ExternalName",
};

/** utilsnet.ParsePort(s, true): strconv.ParseUint(s, 10, 16) with its errors. */
export function parsePortNumber(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing "${s}": invalid syntax`;
  const n = Number(s);
  if (n > 65535) return `strconv.ParseUint: parsing "${s}": value out of range`;
  return n;
}

/** create_service.go parsePorts: "port" or "port:targetPort" (a number or a port name). */
function parsePorts(spec: string): { port: number; targetPort: number | string } | string {
  const parts = spec.split(":");
  const port = parsePortNumber(parts[0]);
  if (typeof port === "string") return port;
  if (parts.length === 1) return { port, targetPort: port };
  const t = parts[1];
  if (/^[+-]?\d+$/.test(t)) {
    const errs = isValidPortNum(Number(t));
    return errs.length ? errs.join(",") : { port, targetPort: Number(t) };
  }
  const errs = isValidPortName(t);
  return errs.length ? errs.join(",") : { port, targetPort: t };
}

export function buildService(c: Client, sub: string, name: string, args: ParsedArgs): Built {
  const type = SERVICE_TYPES[sub];
  const verb = `create service ${sub}`;
  const nodePort = sub === "nodeport" ? intFlag(verb, args, "node-port", 0) : 0;
  if (isResult(nodePort)) return nodePort;
  const clusterIP = flag(args, "clusterip") ?? "";
  const externalName = flag(args, "external-name") ?? "";
  const tcp = sliceFlag(args, "tcp");
  if (clusterIP === "None" && type !== "ClusterIP")
    return errResult("error: ClusterIP=None can only be used with ClusterIP service type\n");
  if (clusterIP !== "None" && !tcp.length && type !== "ExternalName")
    return errResult("error: at least one tcp port specifier must be provided\n");
  if (type === "ExternalName" && isDNS1123Subdomain(externalName).length)
    return errResult(`error: invalid service external name ${externalName}\n`);
  const ports = [];
  for (const spec of tcp) {
    const p = parsePorts(spec);
    if (typeof p === "string") return errResult(`error: ${p}\n`);
    // ServicePort's field order: name, protocol, appProtocol, port, targetPort, nodePort
    ports.push({ name: spec.replace(/:/g, "-"), protocol: "TCP", port: p.port, targetPort: p.targetPort, nodePort: nodePort || undefined });
  }
  const labels = { app: name };
  const obj = {
    kind: "Service",
    apiVersion: "v1",
    metadata: objectMeta(name, { namespace: enforcedNamespace(c), labels }),
    spec: {
      ports: ports.length ? ports : undefined,
      selector: labels,
      clusterIP: clusterIP || undefined,
      type,
      externalName: externalName || undefined,
    },
    status: { loadBalancer: {} },
  };
  return { obj: obj as unknown as KObject, failurePrefix: `failed to create ${type} service: ` };
}
