/**
 * core/v1 endpoints (singular "endpoints").
 * Discovery: pkg/registry/core/endpoint/storage/storage.go (ShortNames "ep").
 * Defaulting: pkg/apis/core/v1/defaults.go SetDefaults_Endpoints (port protocol TCP).
 * Validation: pkg/apis/core/validation/validation.go validateEndpointSubsets/Address/Port.
 * Table: printers.go printEndpoints / formatEndpoints (three host:port, then "+ N more...").
 * Describer: describe.go describeEndpoints.
 */
import { invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ObjectReference, Typed } from "../_shared/core-types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { isDNS1123Label, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from "../_shared/names";
import { validateIP, validateNonSpecialIP } from "../_shared/net";
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface EndpointAddress {
  ip?: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}
interface EndpointPort {
  name?: string;
  port?: number;
  protocol?: string;
  appProtocol?: string;
}
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}
export type Endpoints = Typed<{ subsets?: EndpointSubset[] }>;

/** net.JoinHostPort */
export const joinHostPort = (host: string, port: number | string): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

/** formatEndpoints(endpoints, nil): every port of every subset, at most three, then "+ N more...". */
export function formatEndpoints(ep: Endpoints, ports?: Set<string>): string {
  const subsets = ep.subsets ?? [];
  if (!subsets.length) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!(ss.ports ?? []).length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip ?? "");
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      if (ports && !ports.has(port.name ?? "")) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip ?? "", port.port ?? 0));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

function validateAddress(a: EndpointAddress, p: string): FieldError[] {
  const errs = validateIP(a.ip ?? "", `${p}.ip`);
  if (a.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => invalid(`${p}.hostname`, a.hostname ?? "", m)));
  if (a.nodeName !== undefined)
    errs.push(...nameIsDNSSubdomain(a.nodeName, false).map((m) => invalid(`${p}.nodeName`, a.nodeName ?? "", m)));
  return errs.concat(validateNonSpecialIP(a.ip ?? "", `${p}.ip`));
}

function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = `subsets[${i}]`;
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) errs.push(required(p, "must specify `addresses` or `notReadyAddresses`"));
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, `${p}.addresses[${j}]`)));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, `${p}.notReadyAddresses[${j}]`)));
    const requireName = (ss.ports ?? []).length > 1;
    (ss.ports ?? []).forEach((port, j) => {
      const pp = `${p}.ports[${j}]`;
      if (requireName && !port.name) errs.push(required(`${pp}.name`));
      else if (port.name) errs.push(...isDNS1123Label(port.name).map((m) => invalid(`${pp}.name`, port.name ?? "", m)));
      errs.push(...isValidPortNum(port.port ?? 0).map((m) => invalid(`${pp}.port`, port.port ?? 0, m)));
      if (!port.protocol) errs.push(required(`${pp}.protocol`));
      else if (!["SCTP", "TCP", "UDP"].includes(port.protocol))
        errs.push(notSupported(`${pp}.protocol`, port.protocol, ["SCTP", "TCP", "UDP"]));
      if (port.appProtocol !== undefined)
        errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(`${pp}.appProtocol`, port.appProtocol ?? "", m)));
    });
  });
  return errs;
}

export const endpoints: KindDef<Endpoints> = {
  resource: resourceInfo("v1", "Endpoints", "endpoints", true, { shortNames: ["ep"], singular: "endpoints" }),
  defaults(ep) {
    for (const ss of ep.subsets ?? []) for (const port of ss.ports ?? []) port.protocol ||= "TCP";
  },
  validate: validateEndpoints,
  validateUpdate: validateEndpoints,
  table: {
    columns: [nameColumn(), column("Endpoints", "string", SWAGGER.endpointsSubsets), ageColumn()],
    rows: (ep, { now }) => [[ep.metadata.name, formatEndpoints(ep), ageCell(ep, now)]],
  },
  describe(ep, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", ep.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
    w.write(LEVEL_0, "Subsets:\n");
    for (const ss of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip ?? "").join(",") || "<none>"}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip ?? "").join(",") || "<none>"}\n`);
      if ((ss.ports ?? []).length) {
        w.write(LEVEL_1, "Ports:\n");
        w.write(LEVEL_2, "Name\tPort\tProtocol\n");
        w.write(LEVEL_2, "----\t----\t--------\n");
        for (const port of ss.ports ?? []) w.write(LEVEL_2, `${port.name || "<unset>"}\t${port.port ?? 0}\t${port.protocol ?? ""}\n`);
      }
      w.write(LEVEL_0, "\n");
    }
    describeEventsFor(ep, ctx, w);
    return w.toString();
  },
};
