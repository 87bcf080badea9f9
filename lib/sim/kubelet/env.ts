/**
 * A container's environment as the kubelet makes it (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables, v1.32): the service links of the `kubernetes` Service first, then
 * envFrom (ConfigMaps and Secrets, with their prefix), then env in order, each `value` expanded
 * against what came before ($(VAR), third_party/forked/golang/expansion), each `valueFrom` read
 * from a ConfigMap, a Secret or the pod's own fields. A missing object or key is the container's
 * CreateContainerConfigError, with the kubelet's error text, unless the reference is optional.
 */
import { storeFor } from "../api/store";
import { filesUnder } from "../controllers/persistentvolume/volume-data";
import type { KObject } from "../api/types";
import type { ClusterState, StoredLogLine } from "../types";
import { storedLog } from "./stored-logs";
import type { Container, PodSpec, PodStatus } from "../kinds/pods/types";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

/** Reads an object of the core group: configmaps, secrets, services. */
export type ObjectGetter = ((
  resource: "configmaps" | "secrets" | "services" | "persistentvolumeclaims" | "persistentvolumes",
  namespace: string,
  name: string,
) => KObject | undefined) & {
  /** the container's stored log lines (stored-logs.ts), where the getter reads a whole cluster state */
  storedLogs?: (podUid: string, container: string) => StoredLogLine[];
  /** the files under a directory of a node's disk (hostPath and local-path volumes: controllers/persistentvolume/volume-data.ts) */
  nodeFiles?: (node: string, root: string) => Record<string, string>;
};

/** The getter over a cluster state's store (commands: kubectl logs, kubectl exec). */
export const stateGetter = (state: ClusterState): ObjectGetter =>
  Object.assign(
    (resource: Parameters<ObjectGetter>[0], namespace: string, name: string) =>
      storeFor(state).get({ group: "", resource }, namespace, name),
    {
      storedLogs: (podUid: string, container: string) => storedLog(state, podUid, container),
      nodeFiles: (node: string, root: string) => filesUnder(state, node, root),
    },
  );

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; error: string };

interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

/**
 * NotFound as the kubelet's configmap/secret managers build it (pkg/kubelet/configmap and
 * pkg/kubelet/secret use corev1.Resource("configmap") / ("secret"): apierrors.NewNotFound).
 */
export const notFound = (kind: "configmap" | "secret", name: string) => `${kind} "${name}" not found`;

/** Secret data is base64 in the API; the container sees the bytes. */
export function decodeBase64(b64: string): string {
  return Buffer.from(b64, "base64").toString("latin1");
}

/** The string values of a ConfigMap's data or a Secret's decoded data. */
export function objectData(kind: "configmap" | "secret", obj: KObject): Record<string, string> {
  const data = (obj.data ?? {}) as Record<string, string>;
  if (kind === "configmap") return { ...data, ...((obj.binaryData ?? {}) as Record<string, string>) };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = decodeBase64(v);
  return out;
}

/** Kubelet's $(VAR) expansion: `$$` is a literal `$`, an unknown $(VAR) stays as written. */
export function expandRefs(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) =>
    m === "$$" ? "$" : name !== undefined && Object.prototype.hasOwnProperty.call(env, name) ? env[name] : m,
  );
}

/** podFieldSelectorRuntimeValue and fieldpath.ExtractFieldPathAsString (pkg/api/v1/pod, pkg/fieldpath). */
export function podFieldValue(pod: Pod, fieldPath: string): string | undefined {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (label) return (pod.metadata[label[1] as "labels"] ?? {})[label[2]] ?? "";
  const st = pod.status ?? {};
  switch (fieldPath) {
    case "metadata.name":
      return pod.metadata.name;
    case "metadata.namespace":
      return pod.metadata.namespace ?? "default";
    case "metadata.uid":
      return pod.metadata.uid ?? "";
    case "metadata.labels":
    case "metadata.annotations":
      return Object.entries(pod.metadata[fieldPath.slice(9) as "labels"] ?? {})
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join("\n");
    case "spec.nodeName":
      return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec.serviceAccountName ?? "default";
    case "status.podIP":
      return st.podIP ?? "";
    case "status.podIPs":
      return (st.podIPs ?? []).map((p) => p.ip).join(",");
    case "status.hostIP":
      return st.hostIP ?? "";
    case "status.hostIPs":
      return (st.hostIPs ?? []).map((p) => p.ip).join(",");
    default:
      return undefined;
  }
}

/** The `kubernetes` Service's links, present in every namespace (kubelet getServiceEnvVarMap, master services). */
function serviceLinks(get: ObjectGetter): Record<string, string> {
  const svc = get("services", "default", "kubernetes");
  const ip = (svc?.spec as { clusterIP?: string } | undefined)?.clusterIP;
  if (!ip) return {};
  const port = String((svc?.spec as { ports?: { port: number }[] }).ports?.[0]?.port ?? 443);
  return {
    KUBERNETES_SERVICE_HOST: ip,
    KUBERNETES_SERVICE_PORT: port,
    KUBERNETES_SERVICE_PORT_HTTPS: port,
    KUBERNETES_PORT: `tcp://${ip}:${port}`,
    [`KUBERNETES_PORT_${port}_TCP`]: `tcp://${ip}:${port}`,
    [`KUBERNETES_PORT_${port}_TCP_PROTO`]: "tcp",
    [`KUBERNETES_PORT_${port}_TCP_PORT`]: port,
    [`KUBERNETES_PORT_${port}_TCP_ADDR`]: ip,
  };
}

/** C_IDENTIFIER-ish names the kubelet accepts from envFrom (validation.IsEnvVarName). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function containerEnvironment(pod: Pod, c: Container, get: ObjectGetter): EnvResult {
  const ns = pod.metadata.namespace ?? "default";
  const out: Record<string, string> = serviceLinks(get);
  const set = (k: string, v: string) => Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
  const lookup = (kind: "configmap" | "secret", name: string): KObject | undefined =>
    get(kind === "configmap" ? "configmaps" : "secrets", ns, name);
  for (const from of (c.envFrom ?? []) as { prefix?: string; configMapRef?: KeyRef; secretRef?: KeyRef }[]) {
    const kind = from.configMapRef ? "configmap" : from.secretRef ? "secret" : undefined;
    const ref = from.configMapRef ?? from.secretRef;
    if (!kind || !ref) continue;
    const obj = lookup(kind, ref.name ?? "");
    if (!obj) {
      if (ref.optional) continue;
      return { ok: false, error: notFound(kind, ref.name ?? "") };
    }
    for (const [k, v] of Object.entries(objectData(kind, obj))) {
      const name = (from.prefix ?? "") + k;
      if (ENV_NAME.test(name)) set(name, v);
    }
  }
  for (const e of c.env ?? []) {
    const vf = e.valueFrom as
      | { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef; fieldRef?: { fieldPath?: string }; resourceFieldRef?: { resource?: string } }
      | undefined;
    if (!vf) {
      set(e.name, expandRefs(e.value ?? "", out));
      continue;
    }
    if (vf.fieldRef) {
      const v = podFieldValue(pod, vf.fieldRef.fieldPath ?? "");
      if (v === undefined) return { ok: false, error: `unsupported fieldPath: ${vf.fieldRef.fieldPath ?? ""}` };
      set(e.name, v);
      continue;
    }
    if (vf.resourceFieldRef) {
      set(e.name, resourceValue(c, vf.resourceFieldRef.resource ?? ""));
      continue;
    }
    const kind = vf.configMapKeyRef ? "configmap" : vf.secretKeyRef ? "secret" : undefined;
    const ref = vf.configMapKeyRef ?? vf.secretKeyRef;
    if (!kind || !ref) continue;
    const obj = lookup(kind, ref.name ?? "");
    if (!obj) {
      if (ref.optional) continue;
      return { ok: false, error: notFound(kind, ref.name ?? "") };
    }
    const data = objectData(kind, obj);
    const key = ref.key ?? "";
    if (!Object.prototype.hasOwnProperty.call(data, key)) {
      if (ref.optional) continue;
      // kubelet_pods.go makeEnvironmentVariables: "couldn't find key %v in ConfigMap %v/%v" / "... in Secret %v/%v"
      return { ok: false, error: `couldn't find key ${key} in ${kind === "configmap" ? "ConfigMap" : "Secret"} ${ns}/${ref.name ?? ""}` };
    }
    set(e.name, data[key]);
  }
  return { ok: true, env: out };
}

/** resourceFieldRef with the default divisor 1 (pkg/api/v1/resource ExtractContainerResourceValue): limits fall back to the node's allocatable, which the simulator does not model, so unset limits read as 0. */
function resourceValue(c: Container, resource: string): string {
  const [kind, name] = resource.split(".") as ["limits" | "requests", string];
  const q = c.resources?.[kind]?.[name];
  if (!q) return "0";
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$/.exec(q);
  if (!m) return q;
  const n = Number(m[1]);
  const mult: Record<string, number> = { "": 1, m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 };
  return String(Math.ceil(n * (mult[m[2] ?? ""] ?? 1)));
}
