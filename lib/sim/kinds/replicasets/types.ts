/** apps/v1 ReplicaSet as the API serves it (k8s.io/api apps/v1 types.go). */
import type { Condition, LabelSelector, PodTemplateSpec, Typed } from "../_shared/core-types";

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector | null;
  template?: PodTemplateSpec;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export type ReplicaSet = Typed<{ spec?: ReplicaSetSpec; status?: ReplicaSetStatus }>;
