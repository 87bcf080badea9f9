/** batch/v1 Job and CronJob as the API serves them (k8s.io/api batch/v1 types.go). */
import type { Condition, LabelSelector, ObjectReference, PodTemplateSpec, TemplateMeta, Typed } from "../_shared/core-types";

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: { rules?: { action?: string; onExitCodes?: unknown; onPodConditions?: { type?: string; status?: string }[] }[] };
  successPolicy?: unknown;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector | null;
  manualSelector?: boolean;
  template?: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  managedBy?: string;
}

export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: unknown;
  ready?: number;
}

export type Job = Typed<{ spec?: JobSpec; status?: JobStatus }>;

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  jobTemplate?: { metadata?: TemplateMeta; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export type CronJob = Typed<{
  spec?: CronJobSpec;
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}>;
