/**
 * Container validation of pkg/apis/core/validation/validation.go as ValidatePodSpec runs it:
 * validateContainers / validateInitContainers -> validateContainerCommon (name, image,
 * terminationMessagePolicy, ports, env, envFrom, volumeMounts, imagePullPolicy, resources),
 * probes and host port conflicts, with the apiserver's messages.
 */
import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError } from "../../api/field";
import type { Container, PodSpec, Probe, ResourceRequirements } from "./core-types";
import {
  isConfigMapKey,
  isDNS1123Label,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from "./names";
import { cmp, parseQuantity, quantityString } from "./quantity";
import { isOvercommitAllowed, validateContainerResourceName, validateResourceQuantityValue } from "./resources";
import { validateNonnegative } from "./pod-validation";

const dnsLabel = (value: string, field: string): FieldError[] => isDNS1123Label(value).map((m) => invalid(field, value, m));

function validateContainerPorts(c: Container, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (c.ports ?? []).forEach((port, i) => {
    const p = `${field}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(`${p}.name`, port.name ?? "", m)));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${p}.containerPort`));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(`${p}.containerPort`, port.containerPort ?? 0, m)));
    if (port.hostPort) errs.push(...isValidPortNum(port.hostPort).map((m) => invalid(`${p}.hostPort`, port.hostPort ?? 0, m)));
    if (!port.protocol) errs.push(required(`${p}.protocol`));
    else if (!["SCTP", "TCP", "UDP"].includes(port.protocol))
      errs.push(notSupported(`${p}.protocol`, port.protocol, ["SCTP", "TCP", "UDP"]));
  });
  return errs;
}

const ENV_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];

function validateKeyRef(ref: { name?: string; key?: string }, p: string): FieldError[] {
  const errs = nameIsDNSSubdomain(ref.name ?? "", false).map((m) => invalid(`${p}.name`, ref.name ?? "", m));
  if (!ref.key) errs.push(required(`${p}.key`));
  else errs.push(...isConfigMapKey(ref.key).map((m) => invalid(`${p}.key`, ref.key ?? "", m)));
  return errs;
}

function validateEnv(c: Container, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (c.env ?? []).forEach((e, i) => {
    const p = `${field}[${i}]`;
    if (!e.name) errs.push(required(`${p}.name`));
    else errs.push(...isRelaxedEnvVarName(e.name).map((m) => invalid(`${p}.name`, e.name ?? "", m)));
    const from = e.valueFrom;
    if (!from) return;
    const vp = `${p}.valueFrom`;
    let sources = 0;
    if (from.fieldRef) {
      sources++;
      const fr = from.fieldRef;
      if (!fr.apiVersion) errs.push(required(`${vp}.fieldRef.apiVersion`));
      else if (!fr.fieldPath) errs.push(required(`${vp}.fieldRef.fieldPath`));
      else if (!/^metadata\.(labels|annotations)\['.*'\]$/.test(fr.fieldPath) && !ENV_FIELD_PATHS.includes(fr.fieldPath)) {
        errs.push(notSupported(`${vp}.fieldRef.fieldPath`, fr.fieldPath, ENV_FIELD_PATHS));
      }
    }
    if (from.resourceFieldRef) {
      sources++;
      if (!from.resourceFieldRef.resource) errs.push(required(`${vp}.resourceFieldRef.resource`));
    }
    if (from.configMapKeyRef) {
      sources++;
      errs.push(...validateKeyRef(from.configMapKeyRef, `${vp}.configMapKeyRef`));
    }
    if (from.secretKeyRef) {
      sources++;
      errs.push(...validateKeyRef(from.secretKeyRef, `${vp}.secretKeyRef`));
    }
    if (sources === 0)
      errs.push(invalid(vp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    else if (e.value) errs.push(invalid(vp, "", "may not be specified when `value` is not empty"));
    else if (sources > 1) errs.push(invalid(vp, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

function validateEnvFrom(c: Container, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (c.envFrom ?? []).forEach((e, i) => {
    const p = `${field}[${i}]`;
    if (e.prefix) errs.push(...isRelaxedEnvVarName(e.prefix).map((m) => invalid(`${p}.prefix`, e.prefix ?? "", m)));
    let sources = 0;
    for (const [key, ref] of [
      ["configMapRef", e.configMapRef],
      ["secretRef", e.secretRef],
    ] as const) {
      if (!ref) continue;
      sources++;
      if (!ref.name) errs.push(required(`${p}.${key}.name`));
      else errs.push(...nameIsDNSSubdomain(ref.name, true).map((m) => invalid(`${p}.${key}.name`, ref.name ?? "", m)));
    }
    if (sources === 0) errs.push(invalid(field, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1) errs.push(invalid(field, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

function validateVolumeMounts(c: Container, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = `${field}[${i}]`;
    if (!m.name) errs.push(required(`${p}.name`));
    if (!volumes.has(m.name ?? "")) errs.push(notFound(`${p}.name`, m.name ?? ""));
    if (!m.mountPath) errs.push(required(`${p}.mountPath`));
    if (paths.has(m.mountPath ?? "")) errs.push(invalid(`${p}.mountPath`, m.mountPath ?? "", "must be unique"));
    paths.add(m.mountPath ?? "");
  });
  return errs;
}

/** ValidateResourceRequirements (cpu, memory and other overcommittable resources). */
export function validateResourceRequirements(r: ResourceRequirements | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = `${field}.limits`;
  const reqPath = `${field}.requests`;
  for (const [name, raw] of Object.entries(r?.limits ?? {})) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, raw, p));
  }
  for (const [name, raw] of Object.entries(r?.requests ?? {})) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, raw, p));
    const q = parseQuantity(raw);
    if ("error" in q) continue;
    const limRaw = r?.limits?.[name];
    const lim = limRaw === undefined ? undefined : parseQuantity(limRaw);
    if (lim && !("error" in lim)) {
      // non-overcommitable resources (extended resources, hugepages) must request exactly their limit
      if (cmp(q, lim) !== 0 && !isOvercommitAllowed(name))
        errs.push(invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(lim)}`));
      else if (cmp(q, lim) > 0)
        errs.push(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(lim)}`));
    } else if (limRaw === undefined && !isOvercommitAllowed(name))
      errs.push(required(limPath, "Limit must be set for non overcommitable resources"));
  }
  return errs;
}

function validateProbe(probe: Probe | undefined, field: string, kind: "liveness" | "readiness" | "startup"): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = (["exec", "httpGet", "tcpSocket", "grpc"] as const).filter((h) => probe[h]);
  handlers.slice(1).forEach((h) => errs.push(forbidden(`${field}.${h}`, "may not specify more than 1 handler type")));
  const h = handlers[0];
  if (!h) errs.push(required(field, "must specify a handler type"));
  else if (h === "exec" && !probe.exec?.command?.length) errs.push(required(`${field}.exec.command`));
  else if (h === "httpGet") {
    const g = probe.httpGet ?? {};
    if (!g.path) errs.push(required(`${field}.httpGet.path`));
    errs.push(...validatePortNumOrName(g.port, `${field}.httpGet.port`));
    if (!["HTTP", "HTTPS"].includes(g.scheme ?? "")) errs.push(notSupported(`${field}.httpGet.scheme`, g.scheme ?? "", ["HTTP", "HTTPS"]));
    for (const hd of g.httpHeaders ?? [])
      errs.push(...isHTTPHeaderName(hd.name).map((m) => invalid(`${field}.httpGet.httpHeaders`, hd.name, m)));
  } else if (h === "tcpSocket") errs.push(...validatePortNumOrName(probe.tcpSocket?.port, `${field}.tcpSocket.port`));
  else if (h === "grpc") errs.push(...validatePortNumOrName(probe.grpc?.port ?? 0, `${field}.grpc.port`));
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    errs.push(...validateNonnegative(probe[k], `${field}.${k}`));
  }
  if (kind !== "readiness" && probe.successThreshold !== 1)
    errs.push(invalid(`${field}.successThreshold`, probe.successThreshold ?? 0, "must be 1"));
  return errs;
}

export function validatePortNumOrName(port: number | string | undefined, field: string): FieldError[] {
  if (typeof port === "string") return isValidPortName(port).map((m) => invalid(field, port, m));
  return isValidPortNum(port ?? 0).map((m) => invalid(field, port ?? 0, m));
}

/** validateContainerCommon */
function validateContainerCommon(c: Container, volumes: Set<string>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${p}.name`));
  else errs.push(...dnsLabel(c.name, `${p}.name`));
  if (!c.image) errs.push(required(`${p}.image`));
  const tmp = c.terminationMessagePolicy ?? "";
  if (!tmp) errs.push(required(`${p}.terminationMessagePolicy`));
  else if (tmp !== "File" && tmp !== "FallbackToLogsOnError")
    errs.push(notSupported(`${p}.terminationMessagePolicy`, tmp, ["File", "FallbackToLogsOnError"]));
  errs.push(...validateContainerPorts(c, `${p}.ports`));
  errs.push(...validateEnv(c, `${p}.env`));
  errs.push(...validateEnvFrom(c, `${p}.envFrom`));
  errs.push(...validateVolumeMounts(c, volumes, `${p}.volumeMounts`));
  const pull = c.imagePullPolicy ?? "";
  if (!pull) errs.push(required(`${p}.imagePullPolicy`));
  else if (!["Always", "IfNotPresent", "Never"].includes(pull))
    errs.push(notSupported(`${p}.imagePullPolicy`, pull, ["Always", "IfNotPresent", "Never"]));
  errs.push(...validateResourceRequirements(c.resources, `${p}.resources`));
  return errs;
}

export function validateContainers(spec: PodSpec, volumes: Set<string>, field: string): FieldError[] {
  const containers = spec.containers ?? [];
  if (!containers.length) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name ?? "")) errs.push(duplicate(`${p}.name`, c.name ?? ""));
    else names.add(c.name ?? "");
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, "liveness"));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, "readiness"));
    errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, "startup"));
    if (c.restartPolicy !== undefined) errs.push(forbidden(`${p}.restartPolicy`, "may not be set for non-init containers"));
  });
  errs.push(...hostPortConflicts(containers, field));
  return errs;
}

function hostPortConflicts(containers: Container[], field: string): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) =>
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ""}/${port.hostIP ?? ""}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${field}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    }),
  );
  return errs;
}

export function validateInitContainers(spec: PodSpec, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((spec.containers ?? []).map((c) => c.name ?? ""));
  (spec.initContainers ?? []).forEach((c, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const restartAlways = c.restartPolicy === "Always";
    if (c.restartPolicy !== undefined && !restartAlways) errs.push(notSupported(`${p}.restartPolicy`, c.restartPolicy, ["Always"]));
    if (names.has(c.name ?? "")) errs.push(duplicate(`${p}.name`, c.name ?? ""));
    else if (c.name) names.add(c.name);
    errs.push(...hostPortConflicts([c], field));
    if (restartAlways) {
      errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, "liveness"));
      errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, "readiness"));
      errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, "startup"));
    } else {
      for (const k of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] as const) {
        if (c[k]) errs.push(forbidden(`${p}.${k}`, "may not be set for init containers without restartPolicy=Always"));
      }
    }
  });
  return errs;
}
