/** autoscaling/v2 HorizontalPodAutoscaler as the API serves it (k8s.io/api autoscaling/v2 types.go). */
import type { LabelSelector, Typed } from "../_shared/core-types";

export interface CrossVersionObjectReference {
  kind?: string;
  name?: string;
  apiVersion?: string;
}
export interface MetricTarget {
  type?: string;
  value?: string | number;
  averageValue?: string | number;
  averageUtilization?: number;
}
export interface MetricValueStatus {
  value?: string | number;
  averageValue?: string | number;
  averageUtilization?: number;
}
export interface MetricIdentifier {
  name?: string;
  selector?: LabelSelector;
}
export interface MetricSpec {
  type?: string;
  object?: { describedObject?: CrossVersionObjectReference; target?: MetricTarget; metric?: MetricIdentifier };
  pods?: { metric?: MetricIdentifier; target?: MetricTarget };
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: { name?: string; target?: MetricTarget; container?: string };
  external?: { metric?: MetricIdentifier; target?: MetricTarget };
}
export interface MetricStatus {
  type?: string;
  object?: { metric?: MetricIdentifier; current?: MetricValueStatus; describedObject?: CrossVersionObjectReference };
  pods?: { metric?: MetricIdentifier; current?: MetricValueStatus };
  resource?: { name?: string; current?: MetricValueStatus };
  containerResource?: { name?: string; current?: MetricValueStatus; container?: string };
  external?: { metric?: MetricIdentifier; current?: MetricValueStatus };
}
export interface HPAScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type?: string; value?: number; periodSeconds?: number }[];
}
export interface HPACondition {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
export type HorizontalPodAutoscaler = Typed<{
  spec?: {
    scaleTargetRef?: CrossVersionObjectReference;
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: MetricSpec[];
    behavior?: { scaleUp?: HPAScalingRules; scaleDown?: HPAScalingRules };
  };
  status?: {
    observedGeneration?: number;
    lastScaleTime?: string;
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: MetricStatus[] | null;
    conditions?: HPACondition[];
  };
}>;
