/**
 * `kubectl run --overrides=JSON --override-type=json|merge|strategic` (staging/src/k8s.io/kubectl/
 * pkg/cmd/util/override_options.go Overrider.Apply, with Merge, StrategicMerge and JSONPatch of
 * pkg/cmd/util/helpers.go): the generated Pod is encoded to JSON, patched, and decoded back into a
 * typed v1.Pod (run.go createGeneratedObject). The decode drops fields a Pod does not have and
 * json.MarshalIndent then writes the typed fields in struct order, so the patched object is
 * rebuilt from the struct orders of staging/src/k8s.io/api/core/v1/types.go below (a type not
 * listed keeps the patch's fields as they are).
 */
import { applyJsonPatch } from "../../api/patch/json-patch";
import { applyMergePatch } from "../../api/patch/merge-patch";
import { applyStrategicPatch } from "../../api/patch/strategic";
import type { Json } from "../../api/types";
import { META_ORDER } from "../../api/meta";

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A struct: its JSON fields in order, and the struct type of each field that is one (or a list of them). */
interface Struct {
  fields: string[];
  nested?: Record<string, Struct>;
  /** map[string]T fields: written with sorted keys */
  maps?: string[];
  /** struct-valued fields (not pointers), which omitempty never omits, with their zero value as JSON */
  always?: Record<string, Json>;
}

// core/v1 types.go, v1.32
const CAPABILITIES: Struct = { fields: ["add", "drop"] };
const SECURITY_CONTEXT: Struct = {
  fields: [
    "capabilities",
    "privileged",
    "seLinuxOptions",
    "windowsOptions",
    "runAsUser",
    "runAsGroup",
    "runAsNonRoot",
    "readOnlyRootFilesystem",
    "allowPrivilegeEscalation",
    "procMount",
    "seccompProfile",
    "appArmorProfile",
  ],
  nested: { capabilities: CAPABILITIES },
};
const POD_SECURITY_CONTEXT: Struct = {
  fields: [
    "seLinuxOptions",
    "windowsOptions",
    "runAsUser",
    "runAsGroup",
    "runAsNonRoot",
    "supplementalGroups",
    "supplementalGroupsPolicy",
    "fsGroup",
    "sysctls",
    "fsGroupChangePolicy",
    "seccompProfile",
    "appArmorProfile",
    "seLinuxChangePolicy",
  ],
};
const TOLERATION: Struct = { fields: ["key", "operator", "value", "effect", "tolerationSeconds"] };
const CONTAINER_PORT: Struct = { fields: ["name", "hostPort", "containerPort", "protocol", "hostIP"] };
const ENV_VAR: Struct = { fields: ["name", "value", "valueFrom"] };
const RESOURCES: Struct = { fields: ["limits", "requests", "claims"], maps: ["limits", "requests"] };
const VOLUME_MOUNT: Struct = {
  fields: ["name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation", "subPathExpr"],
};
const CONTAINER: Struct = {
  fields: [
    "name",
    "image",
    "command",
    "args",
    "workingDir",
    "ports",
    "envFrom",
    "env",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
  ],
  nested: { ports: CONTAINER_PORT, env: ENV_VAR, resources: RESOURCES, volumeMounts: VOLUME_MOUNT, securityContext: SECURITY_CONTEXT },
  always: { resources: {} },
};
const POD_SPEC: Struct = {
  fields: [
    "volumes",
    "initContainers",
    "containers",
    "ephemeralContainers",
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "affinity",
    "schedulerName",
    "tolerations",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "overhead",
    "topologySpreadConstraints",
    "setHostnameAsFQDN",
    "os",
    "hostUsers",
    "schedulingGates",
    "resourceClaims",
    "resources",
  ],
  nested: {
    initContainers: CONTAINER,
    containers: CONTAINER,
    securityContext: POD_SECURITY_CONTEXT,
    tolerations: TOLERATION,
    resources: RESOURCES,
  },
  maps: ["nodeSelector", "overhead"],
};
// a zero metav1.Time is written as null
const OBJECT_META: Struct = { fields: META_ORDER, maps: ["labels", "annotations"], always: { creationTimestamp: null } };
const POD: Struct = {
  fields: ["kind", "apiVersion", "metadata", "spec", "status"],
  nested: { metadata: OBJECT_META, spec: POD_SPEC },
  always: { metadata: {}, spec: {}, status: {} },
};

const sortedMap = (m: Obj): Obj =>
  Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]]),
  );

/** The typed decode and encode: unknown fields dropped, known ones in struct order, maps sorted. */
function typed(v: Json, s: Struct): Json {
  if (Array.isArray(v)) return v.map((x) => typed(x, s));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const f of s.fields) {
    // a nil pointer, slice or map is omitted; a struct is written as its zero value
    const val = f in v && v[f] !== null ? v[f] : s.always?.[f];
    if (val === undefined) continue;
    const sub = s.nested?.[f];
    out[f] = sub ? typed(val, sub) : s.maps?.includes(f) && isObj(val) ? sortedMap(val) : val;
  }
  return out;
}

export type OverrideResult = { ok: true; pod: Obj } | { ok: false; error: string };

/** Overrider.Apply on the generated pod; errors are the texts kubectl prints after "error: ". */
export function applyOverrides(pod: Obj, overrides: string, overrideType: string, enforcedNamespace?: string): OverrideResult {
  if (!overrides) return { ok: true, pod };
  let patched: Json;
  let patch: Json;
  switch (overrideType || "merge") {
    case "merge":
      try {
        patch = JSON.parse(overrides) as Json;
      } catch {
        // github.com/evanphx/json-patch MergePatch: errBadJSONPatch
        return { ok: false, error: "Invalid JSON Patch" };
      }
      if (!isObj(patch)) {
        if (!Array.isArray(patch)) return { ok: false, error: "Invalid JSON Patch" };
        // the patch replaces the document, which then has no apiVersion/kind to decode
        return {
          ok: false,
          error:
            'couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
        };
      }
      patched = applyMergePatch(pod, patch);
      break;
    case "strategic": {
      try {
        patch = JSON.parse(overrides) as Json;
      } catch {
        // apimachinery/pkg/util/mergepatch ErrBadJSONDoc
        return { ok: false, error: "invalid JSON document" };
      }
      if (!isObj(patch)) return { ok: false, error: "invalid JSON document" };
      const r = applyStrategicPatch("Pod", pod, patch);
      if (!r.ok) return r;
      patched = r.value;
      break;
    }
    case "json": {
      try {
        patch = JSON.parse(overrides) as Json;
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
      const r = applyJsonPatch(pod, patch);
      if (!r.ok) return r;
      patched = r.value;
      break;
    }
    default:
      return { ok: false, error: `invalid override type: ${overrideType}` };
  }
  if (!isObj(patched)) return { ok: false, error: "Invalid JSON Patch" };
  const version = typeof patched.apiVersion === "string" ? patched.apiVersion : "";
  // runtime.Decode into the scheme: only core/v1 has a Pod
  if (version !== "v1")
    return { ok: false, error: `no kind "Pod" is registered for version "${version}" in scheme "pkg/scheme/scheme.go:28"` };
  // with --dry-run=client, run.go sets an explicit -n on the object after the overrides
  if (enforcedNamespace !== undefined && isObj(patched.metadata)) patched.metadata.namespace = enforcedNamespace;
  return { ok: true, pod: typed(patched, POD) as Obj };
}
