/**
 * pkg/apis/networking/validation/validation.go: ValidateIngressCreate/Update -> validateIngress
 * -> ValidateIngressSpec (rules, paths and path types, backends, TLS hosts and secret names,
 * ingressClassName) and the kubernetes.io/ingress.class annotation check.
 */
import { invalid, notSupported, required, type FieldError } from "../../api/field";
import {
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from "../_shared/names";
import { isIP } from "../_shared/net";
import { validateTypedLocalObjectReference } from "../ingressclasses";
import type { HTTPIngressPath, Ingress, IngressBackend, IngressRule } from "./types";

const INVALID_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_SUFFIXES = ["/..", "/."];
const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

function validateBackend(b: IngressBackend, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (b.resource && b.service) return [invalid(field, "", "cannot set both resource and service backends")];
  if (b.resource) return validateTypedLocalObjectReference(b.resource, `${field}.resource`);
  if (!b.service) return [invalid(field, "", "resource or service backend is required")];
  const name = b.service.name ?? "";
  if (!name) errs.push(required(`${field}.service.name`));
  else errs.push(...nameIsDNS1035Label(name, false).map((m) => invalid(`${field}.service.name`, name, m)));
  const portName = b.service.port?.name ?? "";
  const portNumber = b.service.port?.number ?? 0;
  if (portName && portNumber) errs.push(invalid(field, "", "cannot set both port name & port number"));
  else if (portName) errs.push(...isValidPortName(portName).map((m) => invalid(`${field}.service.port.name`, portName, m)));
  else if (portNumber) errs.push(...isValidPortNum(portNumber).map((m) => invalid(`${field}.service.port.number`, portNumber, m)));
  else errs.push(required(field, "port name or number is required"));
  return errs;
}

function validatePath(path: HTTPIngressPath, field: string): FieldError[] {
  if (path.pathType === undefined) return [required(`${field}.pathType`, "pathType must be specified")];
  const errs: FieldError[] = [];
  const p = path.path ?? "";
  switch (path.pathType) {
    case "Exact":
    case "Prefix":
      if (!p.startsWith("/")) errs.push(invalid(`${field}.path`, p, "must be an absolute path"));
      if (p) {
        for (const seq of INVALID_SEQUENCES) if (p.includes(seq)) errs.push(invalid(`${field}.path`, p, `must not contain '${seq}'`));
        for (const suf of INVALID_SUFFIXES) if (p.endsWith(suf)) errs.push(invalid(`${field}.path`, p, `cannot end with '${suf}'`));
      }
      break;
    case "ImplementationSpecific":
      if (p && !p.startsWith("/")) errs.push(invalid(`${field}.path`, p, "must be an absolute path"));
      break;
    default:
      errs.push(notSupported(`${field}.pathType`, path.pathType, PATH_TYPES));
  }
  return errs.concat(validateBackend(path.backend ?? {}, `${field}.backend`));
}

function validateRule(rule: IngressRule, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const host = rule.host ?? "";
  if (host) {
    if (isIP(host)) errs.push(invalid(`${field}.host`, host, "must be a DNS name, not an IP address"));
    const msgs = host.includes("*") ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
    errs.push(...msgs.map((m) => invalid(`${field}.host`, host, m)));
  }
  if (rule.http) {
    const paths = rule.http.paths ?? [];
    if (!paths.length) errs.push(required(`${field}.http.paths`));
    paths.forEach((p, i) => errs.push(...validatePath(p, `${field}.http.paths[${i}]`)));
  }
  return errs;
}

/** %#v of the spec's rules when neither rules nor a default backend is given: they are nil or empty. */
const goRules = (rules: IngressRule[] | undefined) => ({ go: rules ? "[]networking.IngressRule{}" : "[]networking.IngressRule(nil)" });

/** validateIngress, plus on create (ValidateIngressCreate) the ingress.class annotation check. */
export function validateIngress(ing: Ingress, create: boolean): FieldError[] {
  const spec = ing.spec ?? {};
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (!rules.length && !spec.defaultBackend)
    errs.push(invalid("spec", goRules(spec.rules), "either `defaultBackend` or `rules` must be specified"));
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, "spec.defaultBackend"));
  rules.forEach((r, i) => errs.push(...validateRule(r, `spec.rules[${i}]`)));
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => {
      const msgs = h.includes("*") ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      errs.push(...msgs.map((m) => invalid(`spec.tls[${i}].hosts[${j}]`, h, m)));
    });
    if (t.secretName)
      errs.push(...nameIsDNSSubdomain(t.secretName, false).map((m) => invalid(`spec.tls[${i}].secretName`, t.secretName ?? "", m)));
  });
  if (spec.ingressClassName !== undefined) {
    errs.push(
      ...nameIsDNSSubdomain(spec.ingressClassName, false).map((m) => invalid("spec.ingressClassName", spec.ingressClassName ?? "", m)),
    );
  }
  const ann = ing.metadata.annotations?.["kubernetes.io/ingress.class"];
  if (create && ann !== undefined && spec.ingressClassName !== undefined && ann !== spec.ingressClassName) {
    errs.push(invalid("annotations.kubernetes.io/ingress.class", ann, "must match `ingressClassName` when both are specified"));
  }
  return errs;
}
