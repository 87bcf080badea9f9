/**
 * describe.go (kubectl v0.32.4) DescribePodTemplate and what it shares with the Pod describer:
 * describeContainers (basic info, command, state, resources, probes, env, mounts),
 * DescribeProbe, describeVolumes and describeTopologySpreadConstraints. Containers of a
 * template have no status, so State/Ready/Restart Count lines are printed only when the
 * caller passes statuses (the Pod describer).
 */
import { goQuote } from "../../api/field";
import type { Container, PodTemplateSpec, Probe, Volume } from "./core-types";
import {
  formatRFC1123Z,
  printAnnotationsMultiline,
  printBool,
  printLabelsMultiline,
  printTolerationsMultiline,
  stringOrNone,
} from "./describe-helpers";
import { byteCompare, formatLabelSelector } from "./labels";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, NestedPrefixWriter, type Writer } from "./prefix-writer";
import { milliValue, quantityOf, quantityString, value } from "./quantity";

/** corev1.ContainerStatus, as far as describeContainers reads it. */
export interface ContainerStatus {
  name: string;
  containerID?: string;
  imageID?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface ContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: string; finishedAt?: string };
}

const portOrIntStr = (p: number | string | undefined): string => (p === undefined ? "" : String(p));

/** net.JoinHostPort */
const joinHostPort = (host: string, port: string): string => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);

/** DescribeProbe */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = portOrIntStr(g.port);
    const host = port.length ? joinHostPort(g.host ?? "", port) : (g.host ?? "");
    const scheme = (g.scheme ?? "").toLowerCase();
    // url.URL.String(): a path without a leading slash gets one when a host is present
    const path = g.path && host && !g.path.startsWith("/") ? `/${g.path}` : (g.path ?? "");
    return `http-get ${scheme ? `${scheme}:` : ""}${host ? `//${host}` : ""}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${portOrIntStr(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(stateName: string, state: ContainerState | undefined, w: Writer): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
}

function describeResources(c: Container, w: Writer): void {
  for (const [title, list] of [
    ["Limits", c.resources?.limits],
    ["Requests", c.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(byteCompare);
    if (names.length) w.write(LEVEL_2, `${title}:\n`);
    for (const n of names) w.write(LEVEL_3, `${n}:\t${quantityString(quantityOf(list?.[n]))}\n`);
  }
}

function describeEnv(c: Container, w: Writer): void {
  if (c.envFrom?.length) {
    w.write(LEVEL_2, "Environment Variables from:\n");
    for (const e of c.envFrom) {
      const [from, ref] = e.configMapRef ? ["ConfigMap", e.configMapRef] : e.secretRef ? ["Secret", e.secretRef] : ["", undefined];
      const optional = ref?.optional === true;
      if (!e.prefix) w.write(LEVEL_3, `${ref?.name ?? ""}\t${from}\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${ref?.name ?? ""}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    }
  }
  w.write(LEVEL_2, `Environment:${c.env?.length ? "" : "\t<none>"}\n`);
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? "").split("\n").forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      // a template has no pod to resolve the field from
      w.write(LEVEL_3, `${e.name}:\t (${from.fieldRef.apiVersion ?? ""}:${from.fieldRef.fieldPath ?? ""})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource ?? "";
      w.write(LEVEL_3, `${e.name}:\t${resourceFieldValue(c, resource)} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key ?? ""}' in secret '${r.name ?? ""}'>\tOptional: ${r.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key ?? ""}' of config map '${r.name ?? ""}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

/**
 * resourcehelper.ExtractContainerResourceValue with the default divisor of 1: cpu in whole
 * cores rounded up, memory and ephemeral storage in bytes; an unset limit is the node's.
 */
function resourceFieldValue(c: Container, resource: string): string {
  const [kind, name] = resource.split(".");
  const q = quantityOf((kind === "limits" ? c.resources?.limits : c.resources?.requests)?.[name]);
  const v = name === "cpu" ? ((milliValue(q) + 999n) / 1000n).toString() : value(q).toString();
  return v === "0" && (resource === "limits.cpu" || resource === "limits.memory") ? "node allocatable" : v;
}

function describeMounts(c: Container, w: Writer): void {
  const none = c.volumeMounts?.length ? "" : "\t<none>";
  w.write(LEVEL_2, `Mounts:${none}\n`);
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => byteCompare(a.mountPath ?? "", b.mountPath ?? ""));
  for (const m of mounts) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath ?? ""} from ${m.name ?? ""} (${flags.join(",")})\n`);
  }
  if (c.volumeDevices?.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of [...c.volumeDevices].sort((a, b) => byteCompare(a.devicePath ?? "", b.devicePath ?? "")))
      w.write(LEVEL_3, `${d.devicePath ?? ""} from ${d.name ?? ""}\n`);
  }
}

/** describeContainers; `space` is "  " inside a pod template, "" for a Pod. */
export function describeContainers(
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  w: Writer,
  space: string,
): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length ? "" : " <none>"}\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(LEVEL_1, `${space ? " " : ""}${c.name ?? ""}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ""}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort ?? 0}/${p.protocol ?? ""}`).join(", ");
    if (ports.includes(",")) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ""}`).join(", ");
    if (hostPorts.includes(",")) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type ?? ""}\n`);
      if (seccomp.type === "Localhost") w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
    }
    for (const [title, list] of [
      ["Command", c.command],
      ["Args", c.args],
    ] as const) {
      if (!list?.length) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const item of list) for (const s of item.split("\n")) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeStatus("State", status.state, w);
      if (status.lastState?.terminated) describeStatus("Last State", status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c, w);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(c, w);
    describeMounts(c, w);
  }
}

const optionalPtr = (v: boolean | undefined): string => (v === undefined ? "<nil>" : String(v));

function describeVolume(v: Volume, w: Writer): void {
  if (v.hostPath) {
    w.write(
      LEVEL_2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path ?? ""}\n    HostPathType:\t${v.hostPath.type ?? "<none>"}\n`,
    );
  } else if (v.emptyDir) {
    const limit =
      v.emptyDir.sizeLimit !== undefined && quantityOf(v.emptyDir.sizeLimit).mant > 0n
        ? quantityString(quantityOf(v.emptyDir.sizeLimit))
        : "<unset>";
    w.write(
      LEVEL_2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n    SizeLimit:\t${limit}\n`,
    );
  } else if (v.secret) {
    w.write(
      LEVEL_2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ""}\n    Optional:\t${v.secret.optional === true}\n`,
    );
  } else if (v.configMap) {
    w.write(
      LEVEL_2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${v.configMap.optional === true}\n`,
    );
  } else if (v.nfs) {
    w.write(
      LEVEL_2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server ?? ""}\n    Path:\t${v.nfs.path ?? ""}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`,
    );
  } else if (v.persistentVolumeClaim) {
    const c = v.persistentVolumeClaim;
    w.write(
      LEVEL_2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${c.claimName ?? ""}\n    ReadOnly:\t${c.readOnly === true}\n`,
    );
  } else if (v.ephemeral) {
    w.write(LEVEL_2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n");
    const tmpl = v.ephemeral.volumeClaimTemplate;
    if (tmpl) printClaimTemplate(new NestedPrefixWriter(w, LEVEL_2), tmpl);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath ?? ""} -> ${item.path ?? ""}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource ?? ""} -> ${item.path ?? ""}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ""}\n    SecretOptionalName:\t${optionalPtr(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
      else if (s.configMap)
        w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ""}\n    ConfigMapOptional:\t${optionalPtr(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (v.csi) {
    const c = v.csi;
    w.write(
      LEVEL_2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver ?? ""}\n    FSType:\t${c.fsType ?? ""}\n    ReadOnly:\t${c.readOnly === true}\n`,
    );
    const attrs = Object.keys(c.volumeAttributes ?? {}).sort(byteCompare);
    w.write(LEVEL_2, "VolumeAttributes:\t");
    if (!attrs.length) w.writeLine("<none>");
    attrs.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_2, "\t");
      const line = `${k}=${c.volumeAttributes?.[k] ?? ""}`;
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
  } else w.write(LEVEL_1, "<unknown>\n");
}

/** printPersistentVolumeClaim(isFullPVC=false) for an ephemeral volume's claim template. */
function printClaimTemplate(
  w: Writer,
  tmpl: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> },
): void {
  const spec = (tmpl.spec ?? {}) as {
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
    dataSource?: { apiGroup?: string; kind?: string; name?: string };
  };
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? ""}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ""}\n`);
  printLabelsMultiline(w, "Labels", tmpl.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", tmpl.metadata?.annotations);
  w.write(LEVEL_0, "Capacity:\t\n");
  w.write(LEVEL_0, "Access Modes:\t\n");
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, "DataSource:\n");
    if (spec.dataSource.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ""}\n`);
  }
}

export function describeVolumes(volumes: Volume[] | undefined, w: Writer, space: string): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? " " : ""}${v.name ?? ""}:\n`);
    describeVolume(v, w);
  }
}

function describeTopologySpreadConstraints(template: PodTemplateSpec, w: Writer, space: string): void {
  const tscs = [...(template.spec?.topologySpreadConstraints ?? [])];
  if (!tscs.length) return;
  tscs.sort((a, b) => byteCompare(a.topologyKey ?? "", b.topologyKey ?? ""));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  tscs.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, "\t");
    }
    let s = `${t.topologyKey ?? ""}:${t.whenUnsatisfiable ?? ""} when max skew ${t.maxSkew ?? 0} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, s + "\n");
  });
}

/** DescribePodTemplate */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: Writer): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  const spec = template.spec ?? {};
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length)
    printAnnotationsMultiline(w, "  Annotations", template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers("Init Containers", spec.initContainers, undefined, w, "  ");
  describeContainers("Containers", spec.containers ?? [], undefined, w, "  ");
  describeVolumes(spec.volumes, w, "  ");
  describeTopologySpreadConstraints(template, w, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}
