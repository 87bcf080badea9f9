/** `kubectl describe pod` (describe.go describePod), rendered from the native Pod. */
import type { Json } from "../model/native";
import { DescribeWriter, rfc1123z } from "./describe-util";

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function probe(p: J | undefined): string | undefined {
  if (!p) return undefined;
  const g = p.httpGet;
  const action = g ? `http-get ${String(g.scheme ?? "HTTP").toLowerCase()}://${g.host ?? ""}:${g.port}${g.path}` : "exec";
  return `${action} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

export function describePod(native: Json): string {
  const p = native as J;
  const m = p.metadata;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${m.name}\n`);
  w.write(0, `Namespace:\t${m.namespace}\n`);
  w.write(0, `Priority:\t${p.spec.priority ?? 0}\n`);
  if (p.spec.priorityClassName) w.write(0, `Priority Class Name:\t${p.spec.priorityClassName}\n`);
  if (p.spec.serviceAccountName) w.write(0, `Service Account:\t${p.spec.serviceAccountName}\n`);
  w.write(0, `Node:\t${p.spec.nodeName}/${p.status.hostIP}\n`);
  w.write(0, `Start Time:\t${rfc1123z(Date.parse(p.status.startTime))}\n`);
  w.map("Labels", m.labels, "=");
  w.map("Annotations", m.annotations, ": ");
  w.write(0, `Status:\t${p.status.phase}\n`);
  if (p.spec.securityContext?.seccompProfile) w.write(0, `SeccompProfile:\t${p.spec.securityContext.seccompProfile.type}\n`);
  w.write(0, `IP:\t${p.status.podIP}\n`);
  w.write(0, "IPs:\n");
  for (const ip of p.status.podIPs as J[]) w.write(1, `IP:\t${ip.ip}\n`);
  const owner = (m.ownerReferences as J[] | undefined)?.[0];
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, "Containers:\n");
  for (const c of p.spec.containers as J[]) {
    const st = (p.status.containerStatuses as J[]).find((s) => s.name === c.name) ?? {};
    w.write(1, `${c.name}:\n`);
    w.write(2, `Container ID:\t${st.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    w.write(2, `Image ID:\t${st.imageID ?? ""}\n`);
    w.write(2, "Port:\t<none>\n");
    w.write(2, "Host Port:\t<none>\n");
    for (const [title, list] of [["Command", c.command], ["Args", c.args]] as const) {
      if (!list?.length) continue;
      w.write(2, `${title}:\n`);
      for (const a of list) w.write(3, `${a}\n`);
    }
    if (st.state?.running) {
      w.write(2, "State:\tRunning\n");
      w.write(3, `Started:\t${rfc1123z(Date.parse(st.state.running.startedAt))}\n`);
    } else w.write(2, `State:\tWaiting\n`);
    const last = st.lastState?.terminated;
    if (last) {
      w.write(2, "Last State:\tTerminated\n");
      w.write(3, `Reason:\t${last.reason}\n`);
      w.write(3, `Exit Code:\t${last.exitCode}\n`);
      w.write(3, `Started:\t${rfc1123z(Date.parse(last.startedAt))}\n`);
      w.write(3, `Finished:\t${rfc1123z(Date.parse(last.finishedAt))}\n`);
    }
    w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
    w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    for (const kind of ["limits", "requests"] as const) {
      const r = c.resources?.[kind];
      if (r && Object.keys(r).length) {
        w.write(2, `${kind === "limits" ? "Limits" : "Requests"}:\n`);
        for (const k of Object.keys(r).sort()) w.write(3, `${k}:\t${r[k]}\n`);
      }
    }
    const probes: [string, J | undefined][] = [["Liveness", c.livenessProbe], ["Readiness", c.readinessProbe], ["Startup", c.startupProbe]];
    for (const [title, pr] of probes) if (pr) w.write(2, `${title}:\t${probe(pr)}\n`);
    w.write(2, "Environment:\t<none>\n");
    const mounts = (c.volumeMounts as J[] | undefined) ?? [];
    if (!mounts.length) w.write(2, "Mounts:\t<none>\n");
    else {
      w.write(2, "Mounts:\n");
      for (const v of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))) w.write(3, `${v.mountPath} from ${v.name} (${v.readOnly ? "ro" : "rw"})\n`);
    }
  }
  w.write(0, "Conditions:\n");
  w.write(1, "Type\tStatus\n");
  for (const c of p.status.conditions as J[]) w.write(1, `${c.type} \t${c.status} \n`);
  const vols = (p.spec.volumes as J[] | undefined) ?? [];
  if (!vols.length) w.write(0, "Volumes:\t<none>\n");
  else {
    w.write(0, "Volumes:\n");
    for (const v of vols) {
      w.write(1, `${v.name}:\n`);
      w.write(2, "Type:\tHostPath (bare host directory volume)\n");
      w.write(2, `Path:\t${v.hostPath.path}\n`);
      w.write(2, `HostPathType:\t${v.hostPath.type}\n`);
    }
  }
  w.write(0, `QoS Class:\t${p.status.qosClass}\n`);
  const sel = p.spec.nodeSelector as Record<string, string> | undefined;
  w.write(0, `Node-Selectors:\t${sel ? Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join("\n\t") : "<none>"}\n`);
  const tols = (p.spec.tolerations as J[]).map((t) =>
    `${t.key ?? ""}${t.value ? "=" + t.value : ""}${t.effect ? ":" + t.effect : ""}${t.operator === "Exists" ? " op=Exists" : ""}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ""}`);
  w.write(0, `Tolerations:\t${tols.length ? tols.join("\n\t") : "<none>"}\n`);
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}
