/**
 * Validation of a pod template as workloads get it: pkg/apis/core/validation/validation.go
 * ValidatePodTemplateSpec -> ValidatePodSpec -> ValidateVolumes, validateContainers
 * (validateContainerCommon: name, image, terminationMessagePolicy, ports, env, envFrom,
 * volumeMounts, imagePullPolicy, resources), probes, restartPolicy, dnsPolicy, nodeSelector,
 * tolerations, topology spread and the name fields, in that order and with the same messages.
 * Security contexts, affinity and OS-specific rules are not checked (nothing the simulator's
 * learners reach); ValidatePodTemplateSpec is the part every workload kind shares.
 */
import { duplicate, forbidden, goQuote, invalid, notFound, notSupported, required, type FieldError } from "../../api/field";
import { tooLong } from "./field-errors";
import type { Container, PodSpec, PodTemplateSpec, Probe, ResourceRequirements, Toleration, Volume } from "./core-types";
import { validateLabelName, validateLabels, validateLabelSelector } from "./labels";
import {
  byteLen, inclusiveRangeError, isConfigMapKey, isDNS1123Label, isHTTPHeaderName, isQualifiedName, isRelaxedEnvVarName,
  isValidLabelValue, isValidPortName, isValidPortNum, nameIsDNSSubdomain,
} from "./names";
import { cmp, fromInt, parseQuantity, quantityString } from "./quantity";

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const MAX_INT32 = 2147483647;

/** apimachinery ValidateAnnotations: keys are qualified names (case-insensitive), total size at most 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(field, k, m)));
    size += byteLen(k) + byteLen(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE));
  return errs;
}

export function validateNonnegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, "must be greater than or equal to 0")] : [];
}

const dnsLabel = (value: string, field: string): FieldError[] => isDNS1123Label(value).map((m) => invalid(field, value, m));

const VOLUME_SOURCES = [
  "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs", "flocker",
  "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile",
  "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO", "csi", "ephemeral",
];
/** validateVolumeSource names a few sources by a different path than their JSON field. */
const SOURCE_PATH: Record<string, string> = { downwardAPI: "downwarAPI", cephfs: "cephFS" };

function validateVolumeSource(v: Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const src of VOLUME_SOURCES) {
    if (v[src] === undefined || v[src] === null) continue;
    if (count > 0 && src !== "emptyDir") {
      errs.push(forbidden(`${path}.${SOURCE_PATH[src] ?? src}`, "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    const p = `${path}.${src}`;
    if (src === "hostPath" && !v.hostPath?.path) errs.push(required(`${p}.path`));
    if (src === "secret" && !v.secret?.secretName) errs.push(required(`${p}.secretName`));
    if (src === "configMap" && !v.configMap?.name) errs.push(required(`${p}.name`));
    if (src === "persistentVolumeClaim" && !v.persistentVolumeClaim?.claimName) errs.push(required(`${p}.claimName`));
    if (src === "nfs") {
      if (!v.nfs?.server) errs.push(required(`${p}.server`));
      if (!v.nfs?.path) errs.push(required(`${p}.path`));
      else if (!v.nfs.path.startsWith("/")) errs.push(invalid(`${p}.path`, v.nfs.path, "must be an absolute path"));
    }
  }
  if (count === 0) errs.push(required(path, "must specify a volume type"));
  return errs;
}

/** ValidateVolumes: the names of the valid volumes, and the errors. */
function validateVolumes(volumes: Volume[] | undefined, field: string): [Set<string>, FieldError[]] {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  (volumes ?? []).forEach((v, i) => {
    const p = `${field}[${i}]`;
    const el = validateVolumeSource(v, p);
    if (!v.name) el.push(required(`${p}.name`));
    else el.push(...dnsLabel(v.name, `${p}.name`));
    if (names.has(v.name ?? "")) el.push(duplicate(`${p}.name`, v.name ?? ""));
    if (!el.length) names.add(v.name ?? "");
    else errs.push(...el);
  });
  return [names, errs];
}

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
    else if (!["SCTP", "TCP", "UDP"].includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, ["SCTP", "TCP", "UDP"]));
  });
  return errs;
}

const ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];

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
    if (sources === 0) errs.push(invalid(vp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
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
    for (const [key, ref] of [["configMapRef", e.configMapRef], ["secretRef", e.secretRef]] as const) {
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

const STANDARD_CONTAINER_RESOURCES = ["cpu", "memory", "ephemeral-storage"];
const STANDARD_RESOURCES = [
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
  "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "persistentvolumeclaims",
  "storage", "requests.storage", "configmaps", "services.nodeports", "services.loadbalancers",
];

/** validateResourceName + validateContainerResourceName */
function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(field, name, m));
  if (errs.length) return errs;
  const hugepages = name.startsWith("hugepages-");
  if (!name.includes("/")) {
    if (!STANDARD_RESOURCES.includes(name) && !hugepages) return [invalid(field, name, "must be a standard resource type or fully qualified")];
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !hugepages) return [invalid(field, name, "must be a standard resource for containers")];
  }
  return [];
}

/** ValidateResourceRequirements (cpu, memory and other overcommittable resources). */
export function validateResourceRequirements(r: ResourceRequirements | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = `${field}.limits`;
  const reqPath = `${field}.requests`;
  for (const [name, raw] of Object.entries(r?.limits ?? {})) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(raw);
    if (!("error" in q) && cmp(q, fromInt(0)) < 0) errs.push(invalid(p, quantityString(q), "must be greater than or equal to 0"));
  }
  for (const [name, raw] of Object.entries(r?.requests ?? {})) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(raw);
    if ("error" in q) continue;
    if (cmp(q, fromInt(0)) < 0) errs.push(invalid(p, quantityString(q), "must be greater than or equal to 0"));
    const limRaw = r?.limits?.[name];
    const lim = limRaw === undefined ? undefined : parseQuantity(limRaw);
    if (lim && !("error" in lim) && cmp(q, lim) > 0) {
      errs.push(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(lim)}`));
    }
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
    for (const hd of g.httpHeaders ?? []) errs.push(...isHTTPHeaderName(hd.name).map((m) => invalid(`${field}.httpGet.httpHeaders`, hd.name, m)));
  } else if (h === "tcpSocket") errs.push(...validatePortNumOrName(probe.tcpSocket?.port, `${field}.tcpSocket.port`));
  else if (h === "grpc") errs.push(...validatePortNumOrName(probe.grpc?.port ?? 0, `${field}.grpc.port`));
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    errs.push(...validateNonnegative(probe[k], `${field}.${k}`));
  }
  if (kind !== "readiness" && probe.successThreshold !== 1) errs.push(invalid(`${field}.successThreshold`, probe.successThreshold ?? 0, "must be 1"));
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
  else if (tmp !== "File" && tmp !== "FallbackToLogsOnError") errs.push(notSupported(`${p}.terminationMessagePolicy`, tmp, ["File", "FallbackToLogsOnError"]));
  errs.push(...validateContainerPorts(c, `${p}.ports`));
  errs.push(...validateEnv(c, `${p}.env`));
  errs.push(...validateEnvFrom(c, `${p}.envFrom`));
  errs.push(...validateVolumeMounts(c, volumes, `${p}.volumeMounts`));
  const pull = c.imagePullPolicy ?? "";
  if (!pull) errs.push(required(`${p}.imagePullPolicy`));
  else if (!["Always", "IfNotPresent", "Never"].includes(pull)) errs.push(notSupported(`${p}.imagePullPolicy`, pull, ["Always", "IfNotPresent", "Never"]));
  errs.push(...validateResourceRequirements(c.resources, `${p}.resources`));
  return errs;
}

function validateContainers(spec: PodSpec, volumes: Set<string>, field: string): FieldError[] {
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

function validateInitContainers(spec: PodSpec, volumes: Set<string>, field: string): FieldError[] {
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

/** %#v of the internal core.Toleration (a set tolerationSeconds would print as a pointer address; shown as nil). */
function goToleration(t: Toleration): { go: string } {
  return { go: `core.Toleration{Key:${goQuote(t.key ?? "")}, Operator:${goQuote(t.operator ?? "")}, Value:${goQuote(t.value ?? "")}, Effect:${goQuote(t.effect ?? "")}, TolerationSeconds:(*int64)(nil)}` };
}

function validateTolerations(tolerations: Toleration[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = `${field}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${p}.key`));
    if (!t.key && t.operator !== "Exists") {
      errs.push(invalid(`${p}.operator`, t.operator ?? "", 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(invalid(`${p}.effect`, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (!t.operator || t.operator === "Equal") {
      const msgs = isValidLabelValue(t.value ?? "");
      if (msgs.length) errs.push(invalid(`${p}.operator`, t.value ?? "", msgs.join(";")));
    } else if (t.operator === "Exists") {
      if (t.value) errs.push(invalid(`${p}.operator`, goToleration(t), "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(`${p}.operator`, t.operator, ["Equal", "Exists"]));
    if (t.effect && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(t.effect)) {
      errs.push(notSupported(`${p}.effect`, t.effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"]));
    }
  });
  return errs;
}

const nameField = (value: string | undefined, field: string): FieldError[] =>
  value ? nameIsDNSSubdomain(value, false).map((m) => invalid(field, value, m)) : [];

/** ValidatePodSpec (podMeta nil: a template). */
export function validatePodSpec(spec: PodSpec, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(`${field}.terminationGracePeriodSeconds`));
  const [volumes, vErrs] = validateVolumes(spec.volumes, `${field}.volumes`);
  errs.push(...vErrs);
  errs.push(...validateContainers(spec, volumes, `${field}.containers`));
  errs.push(...validateInitContainers(spec, volumes, `${field}.initContainers`));
  if (spec.hostNetwork) {
    (spec.containers ?? []).forEach((c, i) =>
      (c.ports ?? []).forEach((port, j) => {
        if (port.hostPort && port.hostPort !== port.containerPort) {
          errs.push(invalid(`${field}.containers[${i}].ports[${j}].hostPort`, port.hostPort, "must match `containerPort` when `hostNetwork` is true"));
        }
      }),
    );
  }
  const rp = spec.restartPolicy ?? "";
  if (!rp) errs.push(required(`${field}.restartPolicy`));
  else if (!["Always", "OnFailure", "Never"].includes(rp)) errs.push(notSupported(`${field}.restartPolicy`, rp, ["Always", "OnFailure", "Never"]));
  const dns = spec.dnsPolicy ?? "";
  if (!dns) errs.push(required(`${field}.dnsPolicy`));
  else if (!["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"].includes(dns)) {
    errs.push(notSupported(`${field}.dnsPolicy`, dns, ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  if (dns === "None" && !spec.dnsConfig) errs.push(required(`${field}.dnsConfig`, "must provide `dnsConfig` when `dnsPolicy` is None"));
  (spec.topologySpreadConstraints ?? []).forEach((c, i) => {
    const p = `${field}.topologySpreadConstraints[${i}]`;
    if ((c.maxSkew ?? 0) <= 0) errs.push(invalid(`${p}.maxSkew`, c.maxSkew ?? 0, "must be greater than zero"));
    if (!c.topologyKey) errs.push(required(`${p}.topologyKey`, "can not be empty"));
    if (!["DoNotSchedule", "ScheduleAnyway"].includes(c.whenUnsatisfiable ?? "")) {
      errs.push(notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable ?? "", ["DoNotSchedule", "ScheduleAnyway"]));
    }
    errs.push(...validateLabelSelector(c.labelSelector, `${p}.labelSelector`));
  });
  errs.push(...nameField(spec.serviceAccountName, `${field}.serviceAccountName`));
  errs.push(...nameField(spec.nodeName, `${field}.nodeName`));
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(`${field}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) errs.push(...dnsLabel(spec.hostname, `${field}.hostname`));
  if (spec.subdomain) errs.push(...dnsLabel(spec.subdomain, `${field}.subdomain`));
  if (spec.tolerations?.length) errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  errs.push(...nameField(spec.priorityClassName, `${field}.priorityClassName`));
  if (spec.runtimeClassName !== undefined) errs.push(...nameIsDNSSubdomain(spec.runtimeClassName, false).map((m) => invalid(`${field}.runtimeClassName`, spec.runtimeClassName ?? "", m)));
  if (spec.preemptionPolicy !== undefined && !["PreemptLowerPriority", "Never"].includes(spec.preemptionPolicy)) {
    errs.push(spec.preemptionPolicy ? notSupported(`${field}.preemptionPolicy`, spec.preemptionPolicy, ["PreemptLowerPriority", "Never"]) : required(`${field}.preemptionPolicy`));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels at `<field>.labels` (not metadata.labels), as the apiserver reports them. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, field: string): FieldError[] {
  const t = template ?? {};
  const errs = validateLabels(t.metadata?.labels, `${field}.labels`);
  errs.push(...validateAnnotations(t.metadata?.annotations, `${field}.annotations`));
  const cost = t.metadata?.annotations?.["controller.kubernetes.io/pod-deletion-cost"];
  if (cost !== undefined && !/^[+-]?\d+$/.test(cost.trim())) errs.push(invalid(`${field}.annotations[controller.kubernetes.io/pod-deletion-cost]`, cost, "must be a 32bit integer"));
  errs.push(...validatePodSpec(t.spec ?? {}, `${field}.spec`));
  if (t.spec?.ephemeralContainers?.length) errs.push(forbidden(`${field}.spec.ephemeralContainers`, "ephemeral containers not allowed in pod template"));
  return errs;
}
