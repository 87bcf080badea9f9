/** describe.go describePod (kubectl v1.32): containers, conditions, volumes, QoS, node selectors, tolerations. */
import { DescribeWriter, rfc1123z } from "../../printers/describe-util";
import { ageOf } from "../../printers/duration";
import type { DescribeContext } from "../types";
import { describeEvents } from "../_shared/events";
import { PrefixWriter } from "../_shared/prefix-writer";
import type { Container, ContainerState, Pod, Probe } from "./types";

function probe(p: Probe): string {
  let action = "unknown";
  if (p.httpGet) {
    const g = p.httpGet;
    action = `http-get ${str(g.scheme, "HTTP").toLowerCase()}://${g.host ?? ""}:${g.port}${g.path ?? ""}`;
  } else if (p.tcpSocket) action = `tcp-socket :${p.tcpSocket.port}`;
  else if (p.exec) action = `exec [${(p.exec.command ?? []).join(" ")}]`;
  return `${action} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

function describeState(w: DescribeWriter, title: string, st: ContainerState | undefined): void {
  if (st?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${st.running.startedAt ? rfc1123z(st.running.startedAt) : ""}\n`);
  } else if (st?.terminated) {
    const t = st.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${t.startedAt ? rfc1123z(t.startedAt) : ""}\n`);
    w.write(3, `Finished:\t${t.finishedAt ? rfc1123z(t.finishedAt) : ""}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
    if (st?.waiting?.reason) w.write(3, `Reason:\t${st.waiting.reason}\n`);
  }
}

function describeContainers(w: DescribeWriter, title: string, containers: Container[], pod: Pod, init: boolean): void {
  const statuses = (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses) ?? [];
  w.write(0, `${title}:\n`);
  for (const c of containers) {
    const st = statuses.find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image ?? ""}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ""}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(2, ports.includes(",") ? `Ports:\t${ports}\n` : `Port:\t${ports || "<none>"}\n`);
    w.write(2, hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`);
    for (const [name, list] of [
      ["Command", c.command],
      ["Args", c.args],
    ] as const) {
      if (!list?.length) continue;
      w.write(2, `${name}:\n`);
      for (const a of list) w.write(3, `${a}\n`);
    }
    if (st) {
      describeState(w, "State", st.state);
      if (st.lastState?.terminated) describeState(w, "Last State", st.lastState);
      w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    for (const kind of ["limits", "requests"] as const) {
      const r = c.resources?.[kind];
      if (r && Object.keys(r).length) {
        w.write(2, `${kind === "limits" ? "Limits" : "Requests"}:\n`);
        for (const k of Object.keys(r).sort()) w.write(3, `${k}:\t${r[k]}\n`);
      }
    }
    for (const [name, pr] of [
      ["Liveness", c.livenessProbe],
      ["Readiness", c.readinessProbe],
      ["Startup", c.startupProbe],
    ] as const) {
      if (pr) w.write(2, `${name}:\t${probe(pr)}\n`);
    }
    const env = c.env ?? [];
    if (!env.length) w.write(2, "Environment:\t<none>\n");
    else {
      w.write(2, "Environment:\n");
      for (const e of env) w.write(3, `${e.name}:\t${e.value ?? ""}\n`);
    }
    const mounts = c.volumeMounts ?? [];
    if (!mounts.length) w.write(2, "Mounts:\t<none>\n");
    else {
      w.write(2, "Mounts:\n");
      for (const m of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0))) {
        w.write(3, `${m.mountPath} from ${m.name} (${m.readOnly ? "ro" : "rw"}${m.subPath ? `,path="${m.subPath}"` : ""})\n`);
      }
    }
  }
}

type Volume = { name: string } & Record<string, unknown>;
type J = Record<string, unknown>;

/** A JSON scalar as Go's %v prints it; objects and absent values print as `dflt`. */
function str(v: unknown, dflt = ""): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : dflt;
}

function describeVolume(w: DescribeWriter, v: Volume): void {
  w.write(1, `${v.name}:\n`);
  const hostPath = v.hostPath as J | undefined;
  const projected = v.projected as { sources?: J[] } | undefined;
  const configMap = v.configMap as J | undefined;
  const secret = v.secret as J | undefined;
  const emptyDir = v.emptyDir as J | undefined;
  const claim = v.persistentVolumeClaim as J | undefined;
  if (hostPath) {
    w.write(2, "Type:\tHostPath (bare host directory volume)\n");
    w.write(2, `Path:\t${str(hostPath.path, "")}\n`);
    w.write(2, `HostPathType:\t${str(hostPath.type, "")}\n`);
  } else if (projected) {
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of projected.sources ?? []) {
      const sat = s.serviceAccountToken as J | undefined;
      const cm = s.configMap as J | undefined;
      const sec = s.secret as J | undefined;
      if (sec) w.write(2, `SecretName:\t${str(sec.name, "")}\n    SecretOptionalName:\t${str(sec.optional, "<nil>")}\n`);
      else if (s.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
      else if (cm) w.write(2, `ConfigMapName:\t${str(cm.name, "")}\n    ConfigMapOptional:\t${str(cm.optional, "<nil>")}\n`);
      else if (sat) w.write(2, `TokenExpirationSeconds:\t${str(sat.expirationSeconds, "3607")}\n`);
    }
  } else if (configMap) {
    w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
    w.write(2, `Name:\t${str(configMap.name, "")}\n`);
    w.write(2, `Optional:\t${str(configMap.optional, "false")}\n`);
  } else if (secret) {
    w.write(2, "Type:\tSecret (a volume populated by a Secret)\n");
    w.write(2, `SecretName:\t${str(secret.secretName, "")}\n`);
    w.write(2, `Optional:\t${str(secret.optional, "false")}\n`);
  } else if (emptyDir) {
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
    w.write(2, `Medium:\t${str(emptyDir.medium, "")}\n`);
    w.write(2, `SizeLimit:\t${str(emptyDir.sizeLimit, "<unset>")}\n`);
  } else if (claim) {
    // describe.go printPersistentVolumeClaimVolumeSource
    w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n");
    w.write(2, `ClaimName:\t${str(claim.claimName, "")}\n`);
    w.write(2, `ReadOnly:\t${str(claim.readOnly, "false")}\n`);
  } else w.write(2, "<unknown>\n");
}

export function describePod(p: Pod, ctx: DescribeContext): string {
  const m = p.metadata;
  const spec = p.spec ?? { containers: [] };
  const status = p.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n` : "Node:\t<none>\n");
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  w.map("Labels", m.labels, "=");
  w.map("Annotations", m.annotations, ": ");
  if (m.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    w.write(0, `Status:\tTerminating (lasts ${ageOf(m.deletionTimestamp, ctx.now)})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 30}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ""}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = (spec.securityContext as { seccompProfile?: { type: string } } | undefined)?.seccompProfile;
  if (seccomp) w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
  w.write(0, `IP:\t${status.podIP ?? ""}\n`);
  if (!status.podIPs?.length) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = (m.ownerReferences ?? []).find((o) => o.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers?.length) describeContainers(w, "Init Containers", spec.initContainers, p, true);
  describeContainers(w, "Containers", spec.containers, p, false);
  if (spec.readinessGates?.length) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c?.status ?? "<none>"} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  const vols = spec.volumes ?? [];
  if (!vols.length) w.write(0, "Volumes:\t<none>\n");
  else {
    w.write(0, "Volumes:\n");
    for (const v of vols) describeVolume(w, v);
  }
  w.write(0, `QoS Class:\t${status.qosClass ?? ""}\n`);
  w.map("Node-Selectors", spec.nodeSelector, "=");
  const tols = [...(spec.tolerations ?? [])].sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  const tolText = tols.map((t) => {
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    return s;
  });
  w.write(0, `Tolerations:\t${tolText.length ? tolText.join("\n\t") : "<none>"}\n`);
  // describe.go DescribeEvents flushes the tabwriter before the events table
  const events = ctx.showEvents ? ctx.eventsFor(p) : [];
  if (!events.length) {
    w.write(0, "Events:\t<none>\n");
    return w.toString();
  }
  const ew = new PrefixWriter();
  describeEvents(events, ew, ctx.now);
  return w.toString() + ew.toString();
}
