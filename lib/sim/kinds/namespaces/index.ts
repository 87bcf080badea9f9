/**
 * core/v1 Namespace. Discovery as the v1.32 apiserver serves it; defaults from
 * pkg/apis/core/v1/defaults.go (SetDefaults_Namespace: the kubernetes.io/metadata.name label) and
 * pkg/registry/core/namespace/strategy.go (spec.finalizers [kubernetes], status.phase Active);
 * table from printers.go printNamespace; describer from describe.go describeNamespace.
 */
import { nameIsDNSLabel } from "../_shared/names";
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { KObject } from "../../api/types";
import { DescribeWriter, rfc1123z } from "../../printers/describe-util";
import { ageOf } from "../../printers/duration";
import type { DescribeContext, KindDef } from "../types";

export interface Namespace extends KObject {
  spec?: { finalizers?: string[] };
  status?: {
    phase?: "Active" | "Terminating";
    conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
  };
}

function describeNamespace(ns: Namespace, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  w.map("Labels", ns.metadata.labels, "=");
  w.map("Annotations", ns.metadata.annotations, ": ");
  w.write(0, `Status:\t${ns.status?.phase ?? ""}\n`);
  const conds = ns.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conds)
      w.write(
        1,
        `${c.type}\t${c.status}\t${c.lastTransitionTime ? rfc1123z(c.lastTransitionTime) : ""}\t${c.reason ?? ""}\t${c.message ?? ""}\n`,
      );
  }
  const quotas = ctx.list({ group: "", resource: "resourcequotas" }, ns.metadata.name);
  w.write(0, "\n");
  if (!quotas.length) w.write(0, "No resource quota.\n");
  else {
    w.write(0, "Resource Quotas\n");
    for (const q of quotas) {
      const spec = (q.spec ?? {}) as { hard?: Record<string, string> };
      const status = (q.status ?? {}) as { used?: Record<string, string> };
      w.write(1, `Name:\t${q.metadata.name}\n`);
      w.write(1, "Resource\tUsed\tHard\n");
      w.write(1, "--------\t---\t---\n");
      for (const r of Object.keys(spec.hard ?? {}).sort()) w.write(1, `${r}\t${status.used?.[r] ?? "0"}\t${(spec.hard ?? {})[r]}\n`);
    }
  }
  const limits = ctx.list({ group: "", resource: "limitranges" }, ns.metadata.name);
  w.write(0, "\n");
  if (!limits.length) w.write(0, "No LimitRange resource.\n");
  else {
    w.write(0, "Resource Limits\n");
    w.write(1, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(1, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const lr of limits) {
      type Item = {
        type: string;
        min?: Record<string, string>;
        max?: Record<string, string>;
        defaultRequest?: Record<string, string>;
        default?: Record<string, string>;
        maxLimitRequestRatio?: Record<string, string>;
      };
      for (const item of ((lr.spec ?? {}) as { limits?: Item[] }).limits ?? []) {
        const names = new Set([
          ...Object.keys(item.min ?? {}),
          ...Object.keys(item.max ?? {}),
          ...Object.keys(item.defaultRequest ?? {}),
          ...Object.keys(item.default ?? {}),
          ...Object.keys(item.maxLimitRequestRatio ?? {}),
        ]);
        for (const r of [...names].sort()) {
          const v = (m?: Record<string, string>) => m?.[r] ?? "-";
          w.write(
            1,
            `${item.type}\t${r}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`,
          );
        }
      }
    }
  }
  return w.toString();
}

export const namespaces: KindDef<Namespace> = {
  resource: {
    group: "",
    version: "v1",
    kind: "Namespace",
    resource: "namespaces",
    singular: "namespace",
    shortNames: ["ns"],
    namespaced: false,
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    subresources: [
      { name: "finalize", verbs: ["update"] },
      { name: "status", verbs: ["get", "patch", "update"] },
    ],
  },
  validateName: nameIsDNSLabel,
  defaults(ns) {
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), "kubernetes.io/metadata.name": ns.metadata.name };
    if (!ns.status?.phase) ns.status = { ...(ns.status ?? {}), phase: "Active" };
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(ns) {
      // namespace strategy: finalizers are always [kubernetes] and the phase Active on create
      ns.spec = { ...(ns.spec ?? {}), finalizers: ["kubernetes"] };
      ns.status = { phase: "Active" };
    },
    prepareForUpdate(ns, old) {
      // spec.finalizers change only through /finalize; status only through /status
      ns.spec = { ...(ns.spec ?? {}), finalizers: old.spec?.finalizers ?? [] };
      ns.status = old.status;
    },
  },
  table: {
    columns: [NAME_COLUMN, column("Status", "string", "The status of the namespace"), AGE_COLUMN],
    rows: (ns, ctx) => [[ns.metadata.name, ns.status?.phase ?? "", ageOf(ns.metadata.creationTimestamp, ctx.now)]],
  },
  describe: describeNamespace,
  selectableFields: (ns) => ({ "status.phase": ns.status?.phase ?? "", name: ns.metadata.name }),
};
