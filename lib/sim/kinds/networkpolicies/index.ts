/**
 * networking.k8s.io/v1 networkpolicies.
 * Discovery: pkg/registry/networking/networkpolicy/storage/storage.go (ShortNames "netpol").
 * Defaulting: pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy (policyTypes Ingress,
 * plus Egress when egress rules exist) and SetDefaults_NetworkPolicyPort (protocol TCP).
 * Validation: pkg/apis/networking/validation/validation.go ValidateNetworkPolicySpec (ports,
 * peers, ipBlock, policyTypes). Strategy: generation on spec change.
 * Table: printers.go printNetworkPolicy. Describer: describe.go describeNetworkPolicy (no events).
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { IntOrString, LabelSelector, Typed } from "../_shared/core-types";
import { goTimeString, printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { formatLabelSelector, validateLabelSelector } from "../_shared/labels";
import { isValidPortName, isValidPortNum } from "../_shared/names";
import { isCIDR, isStrictSubnet, validateCIDR } from "../_shared/net";
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, type Writer } from "../_shared/prefix-writer";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface NetworkPolicyPort {
  protocol?: string;
  port?: IntOrString;
  endPort?: number;
}
interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr?: string; except?: string[] };
}
interface Rule {
  ports?: NetworkPolicyPort[];
  from?: NetworkPolicyPeer[];
  to?: NetworkPolicyPeer[];
}
export type NetworkPolicy = Typed<{ spec?: { podSelector?: LabelSelector; ingress?: Rule[]; egress?: Rule[]; policyTypes?: string[] } }>;

function validatePort(port: NetworkPolicyPort, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol !== undefined && !["TCP", "UDP", "SCTP"].includes(port.protocol))
    errs.push(notSupported(`${p}.protocol`, port.protocol, ["TCP", "UDP", "SCTP"]));
  if (port.port !== undefined) {
    if (typeof port.port === "number") {
      const n = port.port;
      errs.push(...isValidPortNum(n).map((m) => invalid(`${p}.port`, n, m)));
      if (port.endPort !== undefined) {
        if (port.endPort < n) errs.push(invalid(`${p}.endPort`, n, "must be greater than or equal to `port`"));
        errs.push(...isValidPortNum(port.endPort).map((m) => invalid(`${p}.endPort`, port.endPort ?? 0, m)));
      }
    } else {
      const name = port.port;
      if (port.endPort !== undefined) errs.push(invalid(`${p}.endPort`, port.endPort, "may not be specified when `port` is non-numeric"));
      errs.push(...isValidPortName(name).map((m) => invalid(`${p}.port`, name, m)));
    }
  } else if (port.endPort !== undefined)
    errs.push(invalid(`${p}.endPort`, port.endPort, "may not be specified when `port` is not specified"));
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, p: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, `${p}.podSelector`));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${p}.namespaceSelector`));
  }
  if (peer.ipBlock) {
    n++;
    const b = peer.ipBlock;
    if (!b.cidr) errs.push(required(`${p}.ipBlock.cidr`));
    else {
      errs.push(...validateCIDR(b.cidr, `${p}.ipBlock.cidr`));
      if (isCIDR(b.cidr)) {
        (b.except ?? []).forEach((ex, i) => {
          const ep = `${p}.ipBlock.except[${i}]`;
          errs.push(...validateCIDR(ex, ep));
          if (isCIDR(ex) && !isStrictSubnet(b.cidr ?? "", ex)) errs.push(invalid(ep, ex, "must be a strict subset of `cidr`"));
        });
      }
    }
  }
  if (n === 0) errs.push(required(p, "must specify a peer"));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(p, "may not specify both ipBlock and another peer"));
  return errs;
}

function validateSpec(np: NetworkPolicy): FieldError[] {
  const spec = np.spec ?? {};
  const errs = validateLabelSelector(spec.podSelector ?? {}, "spec.podSelector");
  for (const [dir, peers] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    (spec[dir] ?? []).forEach((rule, i) => {
      const rp = `spec.${dir}[${i}]`;
      (rule.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, `${rp}.ports[${j}]`)));
      (rule[peers] ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, `${rp}.${peers}[${j}]`)));
    });
  }
  const types = spec.policyTypes ?? [];
  if (types.length > 2) {
    errs.push(
      invalid(
        "spec.policyTypes",
        { go: `[]networking.PolicyType{${types.map((t) => `"${t}"`).join(", ")}}` },
        "may not specify more than two policyTypes",
      ),
    );
    return errs;
  }
  types.forEach((t, i) => {
    if (!["Ingress", "Egress"].includes(t)) errs.push(notSupported(`spec.policyTypes[${i}]`, t, ["Ingress", "Egress"]));
  });
  return errs;
}

/** printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo */
function printRules(rules: Rule[], dir: "ingress" | "egress", w: Writer): void {
  const indent = "    ";
  if (!rules.length) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!(rule.ports ?? []).length) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const port of rule.ports ?? []) {
      // %s of a nil *intstr.IntOrString calls its String(): "<nil>"
      const p = port.port === undefined ? "<nil>" : String(port.port);
      const proto = port.protocol ?? "TCP";
      if (port.endPort === undefined) w.write(LEVEL_0, `${indent}To Port: ${p}/${proto}\n`);
      else w.write(LEVEL_0, `${indent}To Port Range: ${p}-${port.endPort}/${proto}\n`);
    }
    const peers = (dir === "ingress" ? rule.from : rule.to) ?? [];
    const label = dir === "ingress" ? "From" : "To";
    if (!peers.length) {
      w.write(LEVEL_0, `${indent}${label}: <any> (traffic not restricted by ${dir === "ingress" ? "source" : "destination"})\n`);
    }
    for (const peer of peers) {
      w.write(LEVEL_0, `${indent}${label}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      } else if (peer.podSelector) w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
      else if (peer.namespaceSelector) w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      else if (peer.ipBlock) {
        w.write(LEVEL_1, `${indent}IPBlock:\n`);
        w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ""}\n`);
        w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(", ")}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export const networkpolicies: KindDef<NetworkPolicy> = {
  resource: resourceInfo("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true, { shortNames: ["netpol"] }),
  defaults(np) {
    const spec = (np.spec ??= {});
    spec.podSelector ??= {};
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const port of rule.ports ?? []) port.protocol ??= "TCP";
    if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ["Ingress", "Egress"] : ["Ingress"];
  },
  validate: validateSpec,
  validateUpdate: validateSpec,
  strategy: { tracksGeneration: true },
  table: {
    columns: [nameColumn(), column("Pod-Selector", "string", SWAGGER.netpolPodSelector), ageColumn()],
    rows: (np, { now }) => [[np.metadata.name, formatLabelSelector(np.spec?.podSelector ?? {}), ageCell(np, now)]],
  },
  describe(np) {
    const spec = np.spec ?? {};
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", np.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", np.metadata.annotations);
    w.write(LEVEL_0, "Spec:\n");
    w.write(LEVEL_1, "PodSelector: ");
    const sel = spec.podSelector ?? {};
    if (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
      w.write(LEVEL_2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
    } else w.write(LEVEL_2, `${formatLabelSelector(sel)}\n`);
    const types = spec.policyTypes ?? [];
    if (types.includes("Ingress")) {
      w.write(LEVEL_1, "Allowing ingress traffic:\n");
      printRules(spec.ingress ?? [], "ingress", w);
    } else w.write(LEVEL_1, "Not affecting ingress traffic\n");
    if (types.includes("Egress")) {
      w.write(LEVEL_1, "Allowing egress traffic:\n");
      printRules(spec.egress ?? [], "egress", w);
    } else w.write(LEVEL_1, "Not affecting egress traffic\n");
    w.write(LEVEL_1, `Policy Types: ${types.length ? types.join(", ") : "<none>"}\n`);
    return w.toString();
  },
};
