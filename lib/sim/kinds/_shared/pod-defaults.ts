/**
 * Defaulting of a PodSpec as every workload's template gets it (pkg/apis/core/v1/defaults.go
 * SetDefaults_PodSpec, _Container, _Probe, _HTTPGetAction, _Volume and the volume sources,
 * _ObjectFieldSelector, _ResourceList, plus the declarative `+default` of ContainerPort.protocol),
 * in the order zz_generated.defaults.go applies them, and with the fields Go always serialises
 * (container `resources: {}`, template `metadata.creationTimestamp: null`).
 *
 * SetDefaults_Pod (requests from limits, enableServiceLinks, host-network ports) is not here: it
 * applies to Pod objects only, never to templates. The Pod kind calls defaultPodSpec(pod.spec)
 * and then adds those.
 */
import type { Container, EnvVar, Handler, PodSpec, PodTemplateSpec, Probe, ResourceList, Volume } from "./core-types";
import { canonicalQuantity } from "./quantity";
import { defaultResourceList } from "./resources";

/** v1.DefaultTerminationGracePeriodSeconds, v1.DefaultSchedulerName, volume default modes (0644). */
const TERMINATION_GRACE_PERIOD = 30;
const DEFAULT_SCHEDULER = "default-scheduler";
const DEFAULT_MODE = 420;

/**
 * The tag parsers.ParseImageName would find: "latest" when the reference has neither tag nor
 * digest, "" when it has only a digest or cannot be parsed (upper case in the repository).
 */
export function imageTag(image: string): string {
  if (!image) return "";
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(":");
  const hasTag = colon > name.lastIndexOf("/");
  const repo = hasTag ? name.slice(0, colon) : name;
  const first = repo.split("/")[0];
  const isDomain = repo.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const path = isDomain ? repo.slice(first.length + 1) : repo;
  if (!path || /[A-Z]/.test(path)) return "";
  if (hasTag) return name.slice(colon + 1);
  return at >= 0 ? "" : "latest";
}

function defaultHandler(h: Handler | undefined): void {
  if (!h?.httpGet) return;
  if (!h.httpGet.path) h.httpGet.path = "/";
  if (!h.httpGet.scheme) h.httpGet.scheme = "HTTP";
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

function defaultEnv(env: EnvVar[] | undefined): void {
  for (const e of env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (ref && !ref.apiVersion) ref.apiVersion = "v1";
    const div = e.valueFrom?.resourceFieldRef;
    if (div?.divisor !== undefined) div.divisor = canonicalQuantity(div.divisor);
  }
}

export function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? "") === "latest" ? "Always" : "IfNotPresent";
  if (!c.terminationMessagePath) c.terminationMessagePath = "/dev/termination-log";
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = "File";
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = "TCP";
  defaultEnv(c.env);
  c.resources ??= {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

/** True when no volume source field is set (ptr.AllPtrFieldsNil(&obj.VolumeSource)). */
function hasNoSource(v: Volume): boolean {
  return Object.keys(v).every((k) => k === "name" || v[k] === undefined || v[k] === null);
}

export function defaultVolume(v: Volume): void {
  if (hasNoSource(v)) v.emptyDir = {};
  if (v.emptyDir?.sizeLimit !== undefined) v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = "";
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_MODE;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = "v1";
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) s.serviceAccountToken.expirationSeconds = 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = "v1";
    }
  }
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec as
    { volumeMode?: string; resources?: { requests?: ResourceList; limits?: ResourceList } } | undefined;
  if (claimSpec) {
    claimSpec.volumeMode ??= "Filesystem";
    defaultResourceList(claimSpec.resources?.requests);
    defaultResourceList(claimSpec.resources?.limits);
  }
}

/** SetDefaults_PodSpec and everything nested in a PodSpec. */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = "ClusterFirst";
  if (!spec.restartPolicy) spec.restartPolicy = "Always";
  spec.securityContext ??= {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    spec.terminationGracePeriodSeconds = TERMINATION_GRACE_PERIOD;
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  if (spec.overhead) defaultResourceList(spec.overhead as ResourceList);
}

/** A PodTemplateSpec as it is stored inside a workload. */
export function defaultPodTemplateSpec(template: PodTemplateSpec): void {
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  template.spec ??= {};
  defaultPodSpec(template.spec);
}
