/**
 * discovery.k8s.io/v1 endpointslices.
 * Discovery: pkg/registry/discovery/endpointslice/storage/storage.go (no short names).
 * Defaulting: pkg/apis/discovery/v1/defaults.go SetDefaults_EndpointPort (name "", protocol TCP).
 * Validation: pkg/apis/discovery/validation/validation.go ValidateEndpointSlice(Update):
 * address type (immutable), addresses per type, node names, hostnames, ports.
 * Strategy: generation tracking. Table: printers.go printEndpointSlice (formatDiscoveryPorts,
 * formatDiscoveryEndpoints). Describer: describe.go describeEndpointSliceV1.
 */
import { duplicate, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import type { EndpointSlice } from "../_shared/endpointslice-format";
import { describeEventsFor } from "../_shared/events";
import { validateLabels } from "../_shared/labels";
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from "../_shared/names";
import { isIPv6, parseIPv4, validateNonSpecialIP } from "../_shared/net";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type { EndpointSlice } from "../_shared/endpointslice-format";

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];

/** IsFullyQualifiedDomainName */
function fqdnErrors(name: string, field: string): FieldError[] {
  if (!name) return [required(field)];
  const n = name.endsWith(".") ? name.slice(0, -1) : name;
  const sub = isDNS1123Subdomain(n);
  if (sub.length) return [invalid(field, n, sub.join(","))];
  if (n.split(".").length < 2) return [invalid(field, n, "should be a domain with at least two segments separated by dots")];
  for (const label of n.split(".")) {
    const e = isDNS1123Label(label);
    if (e.length) return [invalid(field, label, e.join(","))];
  }
  return [];
}

function validateSlice(eps: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  const type = eps.addressType ?? "";
  if (!type) errs.push(required("addressType"));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported("addressType", type, ADDRESS_TYPES));
  (eps.endpoints ?? []).forEach((e, i) => {
    const p = `endpoints[${i}]`;
    const addrs = e.addresses ?? [];
    if (!addrs.length) errs.push(required(`${p}.addresses`, "must contain at least 1 address"));
    addrs.forEach((a, j) => {
      const ap = `${p}.addresses[${j}]`;
      if (type === "IPv4") errs.push(...(parseIPv4(a) ? validateNonSpecialIP(a, ap) : [invalid(ap, a, "must be a valid IPv4 address")]));
      else if (type === "IPv6") errs.push(...(isIPv6(a) ? validateNonSpecialIP(a, ap) : [invalid(ap, a, "must be a valid IPv6 address")]));
      else if (type === "FQDN") errs.push(...fqdnErrors(a, ap));
    });
    if (e.nodeName !== undefined)
      errs.push(...nameIsDNSSubdomain(e.nodeName, false).map((m) => invalid(`${p}.nodeName`, e.nodeName ?? "", m)));
    const topo = (e as { deprecatedTopology?: Record<string, string> }).deprecatedTopology;
    errs.push(...validateLabels(topo, `${p}.deprecatedTopology`));
    if (e.hostname !== undefined) errs.push(...isDNS1123Label(e.hostname).map((m) => invalid(`${p}.hostname`, e.hostname ?? "", m)));
  });
  const names = new Set<string>();
  (eps.ports ?? []).forEach((port, i) => {
    const p = `ports[${i}]`;
    const name = port.name ?? "";
    if (name) errs.push(...isDNS1123Label(name).map((m) => invalid(`${p}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    if (port.protocol === undefined) errs.push(required(`${p}.protocol`));
    else if (!["SCTP", "TCP", "UDP"].includes(port.protocol))
      errs.push(notSupported(`${p}.protocol`, port.protocol, ["SCTP", "TCP", "UDP"]));
    if (port.appProtocol !== undefined)
      errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(`${p}.appProtocol`, port.appProtocol ?? "", m)));
  });
  return errs;
}

/** listWithMoreString: three items at most, "<unset>" for none. */
function listWithMore(items: string[]): string {
  const max = 3;
  if (items.length > max) return `${items.slice(0, max).join(",")} + ${items.length - max} more...`;
  return items.join(",") || "<unset>";
}

export const endpointslices: KindDef<EndpointSlice> = {
  resource: resourceInfo("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true),
  defaults(eps) {
    for (const port of eps.ports ?? []) {
      port.name ??= "";
      port.protocol ??= "TCP";
    }
  },
  validate: validateSlice,
  validateUpdate(eps, old) {
    const errs = validateSlice(eps);
    if ((eps.addressType ?? "") !== (old.addressType ?? "")) errs.push(invalid("addressType", eps.addressType ?? "", "field is immutable"));
    return errs;
  },
  strategy: { tracksGeneration: true },
  table: {
    columns: [
      nameColumn(),
      column("AddressType", "string", SWAGGER.epsAddressType),
      column("Ports", "string", SWAGGER.epsPorts),
      column("Endpoints", "string", SWAGGER.epsEndpoints),
      ageColumn(),
    ],
    rows(eps, { now }) {
      const ports = (eps.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : "*"));
      const addrs = (eps.endpoints ?? []).flatMap((e) => e.addresses ?? []);
      return [[eps.metadata.name, eps.addressType ?? "", listWithMore(ports), listWithMore(addrs), ageCell(eps, now)]];
    },
  },
  describe(eps, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", eps.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ""}\n`);
    const ports = eps.ports ?? [];
    if (!ports.length) w.write(LEVEL_0, "Ports: <unset>\n");
    else {
      w.write(LEVEL_0, "Ports:\n");
      w.write(LEVEL_1, "Name\tPort\tProtocol\n");
      w.write(LEVEL_1, "----\t----\t--------\n");
      for (const p of ports)
        w.write(LEVEL_1, `${p.name || "<unset>"}\t${p.port !== undefined ? p.port : "<unset>"}\t${p.protocol ?? ""}\n`);
    }
    const endpoints = eps.endpoints ?? [];
    if (!endpoints.length) w.write(LEVEL_0, "Endpoints: <none>\n");
    else {
      w.write(LEVEL_0, "Endpoints:\n");
      for (const e of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(", ") || "<none>"}\n`);
        w.write(LEVEL_2, "Conditions:\n");
        w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined ? "<unset>" : String(e.conditions.ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? "<unset>"}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ""}/${e.targetRef.name ?? ""}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? "<unset>"}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? "<unset>"}\n`);
      }
    }
    describeEventsFor(eps, ctx, w);
    return w.toString();
  },
};
