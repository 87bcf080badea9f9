/**
 * The namespace controller (pkg/controller/namespace/deletion): a Terminating namespace has all
 * its content deleted, then its `kubernetes` finalizer removed, and is gone. Plus the two
 * controllers that furnish a new namespace: serviceaccounts-controller (the `default`
 * ServiceAccount) and root-ca-cert-publisher (the kube-root-ca.crt ConfigMap).
 */
import { newUid, rfc3339 } from "../api/meta";
import type { KObject } from "../api/types";
import { parseKey } from "../api/store";
import type { Controller, ControllerEnv } from "./types";

const NAMESPACES = { group: "", resource: "namespaces" };
const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

function deleteContent(env: ControllerEnv, ns: string): boolean {
  const store = env.api.store;
  let changed = false;
  for (const key of store.keys()) {
    const k = parseKey(key);
    if (k.namespace !== ns) continue;
    store.remove({ group: k.group, resource: k.resource }, ns, k.name);
    changed = true;
  }
  return changed;
}

export const namespaceController: Controller = {
  name: "namespace",
  relevant: (r) => r.type === "DELETED" || /^\/(namespaces|serviceaccounts|configmaps)\//.test(r.key),
  reconcile(env) {
    const store = env.api.store;
    let changed = false;
    for (const ns of store.list(NAMESPACES)) {
      const name = ns.metadata.name;
      if (ns.metadata.deletionTimestamp) {
        if (deleteContent(env, name)) changed = true;
        const finalizers = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
        if (finalizers.includes("kubernetes")) {
          const next = structuredClone(ns);
          (next.spec as { finalizers?: string[] }).finalizers = finalizers.filter((f) => f !== "kubernetes");
          store.put(NAMESPACES, next);
          changed = true;
        }
        const cur = store.get(NAMESPACES, undefined, name);
        if (
          cur &&
          !((cur.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length &&
          !(cur.metadata.finalizers ?? []).length
        ) {
          store.remove(NAMESPACES, undefined, name);
          changed = true;
        }
        continue;
      }
      // serviceaccounts-controller and root-ca-cert-publisher
      if (!store.get({ group: "", resource: "serviceaccounts" }, name, "default")) {
        store.put(
          { group: "", resource: "serviceaccounts" },
          { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(env, "default", name) },
        );
        changed = true;
      }
      const ca = env.fs.readFile("/etc/kubernetes/pki/ca.crt");
      if (ca.ok && !store.get({ group: "", resource: "configmaps" }, name, "kube-root-ca.crt")) {
        store.put(
          { group: "", resource: "configmaps" },
          {
            apiVersion: "v1",
            data: { "ca.crt": ca.value },
            kind: "ConfigMap",
            metadata: { ...meta(env, "kube-root-ca.crt", name), annotations: { "kubernetes.io/description": ROOT_CA_DESCRIPTION } },
          },
        );
        changed = true;
      }
    }
    return changed;
  },
};

function meta(env: ControllerEnv, name: string, namespace: string): KObject["metadata"] {
  return { name, namespace, uid: newUid(env.random), resourceVersion: "", creationTimestamp: rfc3339(env.now) };
}
