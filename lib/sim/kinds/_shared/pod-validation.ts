/**
 * Validation of a pod template as workloads get it: pkg/apis/core/validation/validation.go
 * ValidatePodTemplateSpec -> ValidatePodSpec -> ValidateVolumes, validateContainers
 * (validateContainerCommon: name, image, terminationMessagePolicy, ports, env, envFrom,
 * volumeMounts, imagePullPolicy, resources), probes, restartPolicy, dnsPolicy, nodeSelector,
 * tolerations, topology spread and the name fields, in that order and with the same messages.
 * Security contexts, affinity and OS-specific rules are not checked (nothing the simulator's
 * learners reach); ValidatePodTemplateSpec is the part every workload kind shares.
 */
import { duplicate, forbidden, goQuote, invalid, notSupported, required, type FieldError } from "../../api/field";
import { tooLong } from "./field-errors";
import type { PodSpec, PodTemplateSpec, Toleration, Volume } from "./core-types";
import { validateLabelName, validateLabels, validateLabelSelector } from "./labels";
import { byteLen, inclusiveRangeError, isDNS1123Label, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from "./names";
import { validateContainers, validateInitContainers } from "./container-validation";

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
  "emptyDir",
  "hostPath",
  "gitRepo",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "flocker",
  "persistentVolumeClaim",
  "rbd",
  "cinder",
  "cephfs",
  "quobyte",
  "downwardAPI",
  "fc",
  "flexVolume",
  "configMap",
  "azureFile",
  "vsphereVolume",
  "photonPersistentDisk",
  "portworxVolume",
  "azureDisk",
  "storageos",
  "projected",
  "scaleIO",
  "csi",
  "ephemeral",
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

/** %#v of the internal core.Toleration (a set tolerationSeconds would print as a pointer address; shown as nil). */
function goToleration(t: Toleration): { go: string } {
  return {
    go: `core.Toleration{Key:${goQuote(t.key ?? "")}, Operator:${goQuote(t.operator ?? "")}, Value:${goQuote(t.value ?? "")}, Effect:${goQuote(t.effect ?? "")}, TolerationSeconds:(*int64)(nil)}`,
  };
}

function validateTolerations(tolerations: Toleration[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = `${field}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${p}.key`));
    if (!t.key && t.operator !== "Exists") {
      errs.push(
        invalid(
          `${p}.operator`,
          t.operator ?? "",
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
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
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    errs.push(required(`${field}.terminationGracePeriodSeconds`));
  const [volumes, vErrs] = validateVolumes(spec.volumes, `${field}.volumes`);
  errs.push(...vErrs);
  errs.push(...validateContainers(spec, volumes, `${field}.containers`));
  errs.push(...validateInitContainers(spec, volumes, `${field}.initContainers`));
  if (spec.hostNetwork) {
    (spec.containers ?? []).forEach((c, i) =>
      (c.ports ?? []).forEach((port, j) => {
        if (port.hostPort && port.hostPort !== port.containerPort) {
          errs.push(
            invalid(
              `${field}.containers[${i}].ports[${j}].hostPort`,
              port.hostPort,
              "must match `containerPort` when `hostNetwork` is true",
            ),
          );
        }
      }),
    );
  }
  const rp = spec.restartPolicy ?? "";
  if (!rp) errs.push(required(`${field}.restartPolicy`));
  else if (!["Always", "OnFailure", "Never"].includes(rp))
    errs.push(notSupported(`${field}.restartPolicy`, rp, ["Always", "OnFailure", "Never"]));
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
  if (spec.runtimeClassName !== undefined)
    errs.push(
      ...nameIsDNSSubdomain(spec.runtimeClassName, false).map((m) => invalid(`${field}.runtimeClassName`, spec.runtimeClassName ?? "", m)),
    );
  if (spec.preemptionPolicy !== undefined && !["PreemptLowerPriority", "Never"].includes(spec.preemptionPolicy)) {
    errs.push(
      spec.preemptionPolicy
        ? notSupported(`${field}.preemptionPolicy`, spec.preemptionPolicy, ["PreemptLowerPriority", "Never"])
        : required(`${field}.preemptionPolicy`),
    );
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels at `<field>.labels` (not metadata.labels), as the apiserver reports them. */
export function validatePodTemplateSpec(template: PodTemplateSpec | undefined, field: string): FieldError[] {
  const t = template ?? {};
  const errs = validateLabels(t.metadata?.labels, `${field}.labels`);
  errs.push(...validateAnnotations(t.metadata?.annotations, `${field}.annotations`));
  const cost = t.metadata?.annotations?.["controller.kubernetes.io/pod-deletion-cost"];
  if (cost !== undefined && !/^[+-]?\d+$/.test(cost.trim()))
    errs.push(invalid(`${field}.annotations[controller.kubernetes.io/pod-deletion-cost]`, cost, "must be a 32bit integer"));
  errs.push(...validatePodSpec(t.spec ?? {}, `${field}.spec`));
  if (t.spec?.ephemeralContainers?.length)
    errs.push(forbidden(`${field}.spec.ephemeralContainers`, "ephemeral containers not allowed in pod template"));
  return errs;
}
