/**
 * discovery.k8s.io/v1 EndpointSlice shapes and describe.go formatEndpointSlices, which the
 * Ingress and Service describers use to list a backend's ready endpoints ("ip:port", three at
 * most, then "+ N more...").
 */
import type { ObjectReference, Typed } from "./core-types";

export interface EndpointSliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name?: string }[] };
}
export interface EndpointSlicePort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}
export type EndpointSlice = Typed<{ addressType?: string; endpoints?: EndpointSliceEndpoint[]; ports?: EndpointSlicePort[] }>;

/** The label the EndpointSlice controller sets to the owning service's name. */
export const LABEL_SERVICE_NAME = "kubernetes.io/service-name";

const joinHostPort = (host: string, port: number | string): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);
const isReady = (e: EndpointSliceEndpoint): boolean => e.conditions?.ready === undefined || e.conditions.ready;

/** formatEndpointSlices(slices, ports): `ports` undefined means every port. */
export function formatEndpointSlices(slices: EndpointSlice[], ports?: Set<string>): string {
  if (!slices.length) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const slice of slices) {
    if (!(slice.ports ?? []).length) {
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(e.addresses?.[0] ?? "");
        count++;
      }
      continue;
    }
    for (const port of slice.ports ?? []) {
      if (ports && !ports.has(port.name ?? "")) continue;
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(joinHostPort(e.addresses?.[0] ?? "", port.port ?? 0));
        count++;
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}
