/**
 * core/v1 componentstatuses: get and list only, computed by the apiserver from its health checks.
 * Discovery: pkg/registry/core/componentstatus/rest.go (ShortNames "cs", verbs get/list).
 * Table: printers.go printComponentStatus (STATUS Healthy/Unhealthy/Unknown, MESSAGE, ERROR).
 * No describer: the generic one. `healthyComponentStatuses` is what a healthy kubeadm v1.32
 * control plane answers (scheduler, controller-manager, etcd-0, all "ok").
 */
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { column, nameColumn } from "../_shared/table";

export type ComponentStatus = Typed<{ conditions?: { type?: string; status?: string; message?: string; error?: string }[] }>;

export const componentstatuses: KindDef<ComponentStatus> = {
  resource: resourceInfo("v1", "ComponentStatus", "componentstatuses", false, { shortNames: ["cs"], verbs: ["get", "list"] }),
  table: {
    columns: [
      nameColumn(),
      column("Status", "string", "Status of the component conditions"),
      column("Message", "string", "Message of the component conditions"),
      column("Error", "string", "Error of the component conditions"),
    ],
    rows(cs) {
      const c = (cs.conditions ?? []).find((x) => x.type === "Healthy");
      const status = !c ? "Unknown" : c.status === "True" ? "Healthy" : "Unhealthy";
      return [[cs.metadata.name, status, c?.message ?? "", c?.error ?? ""]];
    },
  },
};

/** The three components a kubeadm control plane reports, as the apiserver serves them (no uid, no timestamps). */
export function healthyComponentStatuses(): ComponentStatus[] {
  return ["scheduler", "controller-manager", "etcd-0"].map((name) => ({
    apiVersion: "v1",
    kind: "ComponentStatus",
    metadata: { name, uid: "", resourceVersion: "", creationTimestamp: "" },
    conditions: [{ type: "Healthy", status: "True", message: "ok", error: "" }],
  }));
}
