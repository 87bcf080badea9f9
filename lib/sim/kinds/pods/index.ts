/**
 * core/v1 Pod. Defaults from pkg/apis/core/v1/defaults.go (SetDefaults_Pod, _PodSpec, _Container),
 * validation from pkg/apis/core/validation/validation.go (ValidatePodCreate, the update rule),
 * strategy from pkg/registry/core/pod/strategy.go (status subresource, Pending phase and QoS on create),
 * selectable fields from pod's ToSelectableFields.
 */
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from "../../api/field";
import { isDNS1123Label } from "../_shared/names";
import type { KindDef } from "../types";
import { describePod } from "./describe";
import { podTable } from "./table";
import type { Container, Pod, PodSpec } from "./types";

export type { Pod } from "./types";

/** ":latest" or no tag pulls Always; a tag or digest IfNotPresent. */
function pullPolicy(image: string | undefined): string {
  if (!image) return "IfNotPresent";
  if (image.includes("@")) return "IfNotPresent";
  const last = image.slice(image.lastIndexOf("/") + 1);
  const tag = last.includes(":") ? last.slice(last.indexOf(":") + 1) : "";
  return !tag || tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= pullPolicy(c.image);
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= "TCP";
}

/** qos.GetPodQOS */
export function podQos(spec: PodSpec): string {
  const all = [...spec.containers, ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ["cpu", "memory"]) {
      if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

function validateContainers(list: Container[] | undefined, path: string, errs: FieldError[], requiredList: boolean): void {
  if (!list?.length) {
    if (requiredList) errs.push(required(path));
    return;
  }
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!c.name) errs.push(required(`${p}.name`));
    else {
      for (const m of isDNS1123Label(c.name)) errs.push(invalid(`${p}.name`, c.name, m));
      if (seen.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
      seen.add(c.name);
    }
    if (!c.image) errs.push(required(`${p}.image`));
    (c.ports ?? []).forEach((port, j) => {
      if (!Number.isInteger(port.containerPort) || port.containerPort < 1 || port.containerPort > 65535) {
        errs.push(invalid(`${p}.ports[${j}].containerPort`, port.containerPort, "must be between 1 and 65535, inclusive"));
      }
      if (port.protocol && !["TCP", "UDP", "SCTP"].includes(port.protocol))
        errs.push(notSupported(`${p}.ports[${j}].protocol`, port.protocol, ["SCTP", "TCP", "UDP"]));
    });
    if (c.imagePullPolicy && !["Always", "IfNotPresent", "Never"].includes(c.imagePullPolicy)) {
      errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, ["Always", "IfNotPresent", "Never"]));
    }
  });
}

/** Fields a pod update may change (ValidatePodUpdate): images, activeDeadlineSeconds, added tolerations. */
function mutableView(spec: PodSpec | undefined): unknown {
  if (!spec) return undefined;
  const strip = (cs: Container[] | undefined) => cs?.map((c) => ({ ...c, image: undefined }));
  return {
    ...spec,
    containers: strip(spec.containers),
    initContainers: strip(spec.initContainers),
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
  };
}

export const pods: KindDef<Pod> = {
  resource: {
    group: "",
    version: "v1",
    kind: "Pod",
    resource: "pods",
    singular: "pod",
    shortNames: ["po"],
    namespaced: true,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    categories: ["all"],
    subresources: [
      { name: "attach", kind: "PodAttachOptions", verbs: ["create", "get"] },
      { name: "binding", kind: "Binding", verbs: ["create"] },
      { name: "ephemeralcontainers", verbs: ["get", "patch", "update"] },
      { name: "eviction", kind: "Eviction", group: "policy", version: "v1", verbs: ["create"] },
      { name: "exec", kind: "PodExecOptions", verbs: ["create", "get"] },
      { name: "log", verbs: ["get"] },
      { name: "portforward", kind: "PodPortForwardOptions", verbs: ["create", "get"] },
      { name: "proxy", kind: "PodProxyOptions", verbs: ["create", "delete", "get", "patch", "update"] },
      { name: "status", verbs: ["get", "patch", "update"] },
    ],
  },
  defaults(pod) {
    const spec = (pod.spec ??= { containers: [] });
    spec.containers ??= [];
    spec.restartPolicy ??= "Always";
    spec.dnsPolicy ??= "ClusterFirst";
    spec.schedulerName ??= "default-scheduler";
    spec.terminationGracePeriodSeconds ??= 30;
    spec.securityContext ??= {};
    spec.enableServiceLinks ??= true;
    for (const c of spec.containers) defaultContainer(c);
    for (const c of spec.initContainers ?? []) defaultContainer(c);
  },
  validate(pod) {
    const errs: FieldError[] = [];
    const spec = pod.spec;
    validateContainers(spec?.containers, "spec.containers", errs, true);
    validateContainers(spec?.initContainers, "spec.initContainers", errs, false);
    if (spec?.restartPolicy && !["Always", "OnFailure", "Never"].includes(spec.restartPolicy)) {
      errs.push(notSupported("spec.restartPolicy", spec.restartPolicy, ["Always", "OnFailure", "Never"]));
    }
    return errs;
  },
  validateUpdate(pod, old) {
    const errs: FieldError[] = [];
    validateContainers(pod.spec?.containers, "spec.containers", errs, true);
    if (JSON.stringify(mutableView(pod.spec)) !== JSON.stringify(mutableView(old.spec))) {
      errs.push(
        forbidden(
          "spec",
          "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
        ),
      );
    }
    return errs;
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(pod) {
      const spec = pod.spec ?? { containers: [] };
      pod.status = { phase: "Pending", qosClass: podQos(spec) };
    },
  },
  table: podTable,
  describe: describePod,
  selectableFields: (pod) => ({
    "spec.nodeName": pod.spec?.nodeName ?? "",
    "spec.restartPolicy": pod.spec?.restartPolicy ?? "",
    "spec.schedulerName": typeof pod.spec?.schedulerName === "string" ? pod.spec.schedulerName : "",
    "spec.serviceAccountName": pod.spec?.serviceAccountName ?? "",
    "spec.hostNetwork": String(!!pod.spec?.hostNetwork),
    "status.phase": pod.status?.phase ?? "",
    "status.podIP": pod.status?.podIP ?? "",
    "status.nominatedNodeName": pod.status?.nominatedNodeName ?? "",
  }),
};
