/** apps/v1 Deployment as the API serves it (k8s.io/api apps/v1 types.go). */
import type { Condition, IntOrString, LabelSelector, PodTemplateSpec, Typed } from "../_shared/core-types";

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template?: PodTemplateSpec;
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } | null };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  rollbackTo?: { revision?: number };
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  terminatingReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export type Deployment = Typed<{ spec?: DeploymentSpec; status?: DeploymentStatus }>;
