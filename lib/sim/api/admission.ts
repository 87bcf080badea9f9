/**
 * The admission plugins a kubeadm v1.32 apiserver runs that the simulator models, in the
 * apiserver's order (pkg/kubeapiserver/options/plugins.go): NamespaceLifecycle, LimitRanger,
 * ServiceAccount, Priority, DefaultTolerationSeconds, CertificateApproval,
 * CertificateSubjectRestriction, ResourceQuota (LimitRanger lives in limit-ranger.ts). Mutating plugins run before the kind's validation,
 * validating ones after it (as the generic registry store does).
 */
import type { KObject, Status, UserInfo } from "./types";
import type { KindDef } from "../kinds/types";
import type { Attributes, Authorizer } from "./authz";
import { goQuote } from "./field";
import { limitRangerMutate, limitRangerValidate } from "./limit-ranger";
import { randomSuffix } from "./meta";
import { forbidden, notFound } from "./status";
import type { ObjectStore } from "./store";

export interface AdmissionRequest {
  operation: "CREATE" | "UPDATE" | "DELETE";
  def: KindDef;
  namespace?: string;
  name: string;
  subresource?: string;
  object?: KObject;
  oldObject?: KObject;
  user: UserInfo;
  dryRun: boolean;
}

export interface AdmissionEnv {
  store: ObjectStore;
  authorizer: Authorizer;
  random: () => number;
}

const NAMESPACES = { group: "", resource: "namespaces" };
/** namespaces that always exist (NamespaceLifecycle's immortal namespaces) */
export const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public"];

const gr = (def: KindDef) => ({ group: def.resource.group, resource: def.resource.resource });

/** plugin/pkg/admission/namespace/lifecycle: no content in missing or terminating namespaces, no deleting immortal ones. */
function namespaceLifecycle(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (r.def.resource.resource === "namespaces" && r.operation === "DELETE" && IMMORTAL_NAMESPACES.includes(r.name)) {
    return forbidden(NAMESPACES, r.name, "this namespace may not be deleted");
  }
  if (!r.def.resource.namespaced || !r.namespace || r.operation !== "CREATE") return undefined;
  const ns = env.store.get(NAMESPACES, undefined, r.namespace);
  if (!ns) return notFound(NAMESPACES, r.namespace);
  const phase = (ns.status as { phase?: string } | undefined)?.phase;
  if (phase === "Terminating" || ns.metadata.deletionTimestamp) {
    return forbidden(gr(r.def), r.name, `unable to create new content in namespace ${r.namespace} because it is being terminated`);
  }
  return undefined;
}

type PodSpecLike = {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; [k: string]: unknown }[];
  containers?: { volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }[];
  initContainers?: { volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[] }[];
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
  tolerations?: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[];
};

/**
 * plugin/pkg/admission/serviceaccount: the default service account, which must exist, and the
 * projected kube-api-access-<5> token volume mounted read-only in every container.
 */
function serviceAccount(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (r.def.resource.resource !== "pods" || r.operation !== "CREATE" || r.subresource || !r.object) return undefined;
  const spec = (r.object.spec ??= {}) as PodSpecLike;
  if (r.object.metadata.annotations?.["kubernetes.io/config.mirror"]) return undefined;
  spec.serviceAccountName ||= spec.serviceAccount || "default";
  spec.serviceAccount = spec.serviceAccountName;
  const sa = env.store.get({ group: "", resource: "serviceaccounts" }, r.namespace, spec.serviceAccountName);
  if (!sa) {
    return forbidden(
      { group: "", resource: "pods" },
      r.name,
      `error looking up service account ${r.namespace}/${spec.serviceAccountName}: serviceaccount ${goQuote(spec.serviceAccountName)} not found`,
    );
  }
  const automount = spec.automountServiceAccountToken ?? (sa.automountServiceAccountToken as boolean | undefined) ?? true;
  const mountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (!automount || containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath))) return undefined;
  const volume = `kube-api-access-${randomSuffix(env.random)}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: volume,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
        ],
      },
    },
  ];
  for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath, name: volume, readOnly: true }];
  return undefined;
}

/** plugin/pkg/admission/priority: spec.priority from the PriorityClass (0 without one). */
function priority(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (r.def.resource.resource !== "pods" || r.operation !== "CREATE" || r.subresource || !r.object) return undefined;
  const spec = (r.object.spec ??= {}) as PodSpecLike;
  if (!spec.priorityClassName) {
    spec.priority ??= 0;
    spec.preemptionPolicy ??= "PreemptLowerPriority";
    return undefined;
  }
  const pc = env.store.get({ group: "scheduling.k8s.io", resource: "priorityclasses" }, undefined, spec.priorityClassName);
  if (!pc) return forbidden({ group: "", resource: "pods" }, r.name, `no PriorityClass with name ${spec.priorityClassName} was found`);
  spec.priority = pc.value as number;
  spec.preemptionPolicy ??= (pc.preemptionPolicy as string | undefined) ?? "PreemptLowerPriority";
  return undefined;
}

/** plugin/pkg/admission/defaulttolerationseconds: tolerate not-ready and unreachable nodes for 300 s. */
function defaultTolerationSeconds(r: AdmissionRequest): Status | undefined {
  if (r.def.resource.resource !== "pods" || r.operation !== "CREATE" || r.subresource || !r.object) return undefined;
  const spec = (r.object.spec ??= {}) as PodSpecLike;
  const tols = (spec.tolerations ??= []);
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!tols.some((t) => (t.key === key || (!t.key && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"))) {
      tols.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
    }
  }
  return undefined;
}

/** plugin/pkg/admission/certificates/approval: approving needs `approve` on the signer. */
function certificateApproval(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (r.def.resource.resource !== "certificatesigningrequests" || r.subresource !== "approval" || r.operation !== "UPDATE" || !r.object)
    return undefined;
  const signer = String((r.object.spec as { signerName?: string } | undefined)?.signerName ?? "");
  const allowed = (name: string) => {
    const a: Attributes = { user: r.user, verb: "approve", resourceRequest: true, group: "certificates.k8s.io", resource: "signers", name };
    return env.authorizer.authorize(a).allowed;
  };
  const domain = signer.includes("/") ? `${signer.slice(0, signer.indexOf("/"))}/*` : signer;
  if (allowed(signer) || allowed(domain)) return undefined;
  return forbidden(gr(r.def), r.name, `user not permitted to approve requests with signerName ${goQuote(signer)}`);
}

/** plugin/pkg/admission/certificates/subjectrestriction: no system:masters through the kube-apiserver-client signer. */
function certificateSubjectRestriction(
  r: AdmissionRequest,
  _env: AdmissionEnv,
  parseCsrOrgs: (pem: string) => string[] | { error: string },
): Status | undefined {
  if (r.def.resource.resource !== "certificatesigningrequests" || r.operation !== "CREATE" || r.subresource || !r.object) return undefined;
  const spec = r.object.spec as { signerName?: string; request?: string };
  if (spec.signerName !== "kubernetes.io/kube-apiserver-client") return undefined;
  const orgs = parseCsrOrgs(Buffer.from(spec.request ?? "", "base64").toString("utf8"));
  if (!Array.isArray(orgs)) return forbidden(gr(r.def), r.name, `failed to parse CSR: ${orgs.error}`);
  if (orgs.includes("system:masters"))
    return forbidden(gr(r.def), r.name, `use of ${spec.signerName} signer with system:masters group is not allowed`);
  return undefined;
}

/** Mutating admission, before validation. */
export function mutatingAdmission(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  return (
    namespaceLifecycle(r, env) ?? limitRangerMutate(r, env) ?? serviceAccount(r, env) ?? priority(r, env) ?? defaultTolerationSeconds(r)
  );
}

/** Validating admission, after validation. */
export function validatingAdmission(
  r: AdmissionRequest,
  env: AdmissionEnv,
  parseCsrOrgs: (pem: string) => string[] | { error: string },
): Status | undefined {
  return (
    limitRangerValidate(r, env) ??
    certificateApproval(r, env) ??
    certificateSubjectRestriction(r, env, parseCsrOrgs) ??
    resourceQuota(r, env)
  );
}

/** plugin/pkg/admission/resourcequota: object-count quotas ("count/<resource>", "pods", "services", ...). */
function resourceQuota(r: AdmissionRequest, env: AdmissionEnv): Status | undefined {
  if (r.operation !== "CREATE" || !r.def.resource.namespaced || !r.namespace || r.subresource) return undefined;
  const quotas = env.store.list({ group: "", resource: "resourcequotas" }, r.namespace);
  const res = r.def.resource;
  const names = [`count/${res.group ? `${res.resource}.${res.group}` : res.resource}`];
  const legacy: Record<string, string> = {
    pods: "pods",
    services: "services",
    secrets: "secrets",
    configmaps: "configmaps",
    persistentvolumeclaims: "persistentvolumeclaims",
    replicationcontrollers: "replicationcontrollers",
    resourcequotas: "resourcequotas",
  };
  if (!res.group && legacy[res.resource]) names.push(legacy[res.resource]);
  for (const q of quotas) {
    const hard = (q.spec as { hard?: Record<string, string> } | undefined)?.hard ?? {};
    for (const n of names) {
      if (hard[n] === undefined) continue;
      const used = env.store.list({ group: res.group, resource: res.resource }, r.namespace).length;
      const limit = Number(hard[n]);
      if (used + 1 > limit) {
        return forbidden(
          gr(r.def),
          r.name,
          `exceeded quota: ${q.metadata.name}, requested: ${n}=1, used: ${n}=${used}, limited: ${n}=${hard[n]}`,
        );
      }
    }
  }
  return undefined;
}
