/** Create/delete of the kinds the lessons manage from manifests: Namespace and CertificateSigningRequest. */
import { createCsr } from "../../model/csr-api";
import { randomUid } from "../../model/names";
import { authorize, forbiddenMessage, type Subject } from "../../model/rbac";
import { resourceByKind, type ResourceType } from "../../model/resources";
import { type ApiError, validateName } from "../../model/status";
import { nextResourceVersion, removeObject } from "../../model/store";
import type { CommandContext } from "../../types";
import type { Doc } from "./manifest";
import { parseCsr } from "./pki";

export const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

export function typeOf(doc: Doc): ResourceType | { error: string } {
  const kind = String(doc.kind);
  const r = resourceByKind(kind);
  const apiVersion = String(doc.apiVersion);
  if (!r || (r.group ? `${r.group}/${r.version}` : r.version) !== apiVersion || (kind !== "Namespace" && kind !== "CertificateSigningRequest")) {
    const name = String((doc.metadata as Doc | undefined)?.name ?? "");
    const ns = String((doc.metadata as Doc | undefined)?.namespace ?? "");
    return { error: `resource mapping not found for name: "${name}" namespace: "${ns}" from "%FILE%": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first` };
  }
  return r;
}

export function createFromDoc(ctx: CommandContext, r: ResourceType, doc: Doc, who: Subject): ApiError | undefined {
  const name = String((doc.metadata as Doc | undefined)?.name ?? "");
  if (!authorize(who, "create", r.plural)) return { reason: "Forbidden", message: forbiddenMessage(who, "create", r, undefined, undefined) };
  if (r.kind === "Namespace") return createNamespace(ctx, name, ((doc.metadata as Doc | undefined)?.labels ?? {}) as Record<string, string>);
  const res = createCsr(ctx.state, doc, who, ctx.now, () => ctx.random(), (pem) => {
    const info = parseCsr(pem);
    return info.ok ? { organizations: info.subjectO } : { error: info.error };
  });
  return "reason" in res ? res : undefined;
}

export function createNamespace(ctx: CommandContext, name: string, labels: Record<string, string> = {}): ApiError | undefined {
  const bad = name ? validateName(name, true) : "metadata.name: Required value: name or generateName is required";
  if (bad) return { reason: "Invalid", kind: "Namespace", name, causes: [bad] };
  if (ctx.state.objects.namespaces.some((n) => n.metadata.name === name)) return { reason: "AlreadyExists", message: `namespaces "${name}" already exists` };
  ctx.state.objects.namespaces.push({
    metadata: {
      name,
      uid: randomUid(() => ctx.random()),
      resourceVersion: nextResourceVersion(ctx.state),
      creationTimestamp: ctx.now,
      labels: { ...labels, "kubernetes.io/metadata.name": name },
    },
    status: { phase: "Active" },
  });
  return undefined;
}

export function deleteByName(ctx: CommandContext, r: ResourceType, name: string, namespace: string | undefined, who: Subject): ApiError | undefined {
  if (!authorize(who, "delete", r.plural, namespace)) return { reason: "Forbidden", message: forbiddenMessage(who, "delete", r, name, namespace) };
  if (r.kind === "Namespace" && IMMORTAL_NAMESPACES.has(name)) return { reason: "Forbidden", message: `namespaces "${name}" is forbidden: this namespace may not be deleted` };
  if (!removeObject(ctx.state, r, name, namespace)) {
    return { reason: "NotFound", message: `${r.group ? `${r.plural}.${r.group}` : r.plural} "${name}" not found` };
  }
  if (r.kind === "Namespace") {
    // the namespace controller removes everything inside before the namespace disappears
    ctx.state.objects.pods = ctx.state.objects.pods.filter((p) => p.metadata.namespace !== name);
    ctx.state.objects.services = ctx.state.objects.services.filter((s) => s.metadata.namespace !== name);
  }
  return undefined;
}
