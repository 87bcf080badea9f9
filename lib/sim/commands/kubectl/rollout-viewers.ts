/**
 * rollout_status.go's StatusViewers for the kinds `kubectl rollout status` accepts
 * (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, v1.32): each turns the
 * object's status into the line to print, whether the rollout is done, or the error that ends it.
 */
import type { KObject } from "../../api/types";
import type { DeploymentSpec, DeploymentStatus } from "../../kinds/deployments/types";
import type { Condition } from "../../kinds/_shared/core-types";

export type RolloutResource = "deployments" | "statefulsets" | "daemonsets";
export interface RolloutView {
  message: string;
  done: boolean;
  error?: string;
}

type Deploy = KObject & { spec: DeploymentSpec; status?: DeploymentStatus };
/** rollout_status.go DeploymentStatusViewer.Status */
export function deploymentStatus(d: Deploy): RolloutView {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { message: "Waiting for deployment spec update to be observed...\n", done: false };
  const progressing = (st.conditions ?? []).find((c: Condition) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded")
    return { message: "", done: false, error: `error: deployment ${JSON.stringify(name)} exceeded its progress deadline\n` };
  const replicas = d.spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < replicas)
    return {
      message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
      done: false,
    };
  if ((st.replicas ?? 0) > updated)
    return {
      message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
      done: false,
    };
  if ((st.availableReplicas ?? 0) < updated)
    return {
      message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
      done: false,
    };
  return { message: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
}

type Strategy = { type?: string; rollingUpdate?: { partition?: number } };
type Sts = KObject & {
  spec: { replicas?: number; updateStrategy?: Strategy };
  status?: {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
};
type Ds = KObject & {
  spec: { updateStrategy?: Strategy };
  status?: { observedGeneration?: number; desiredNumberScheduled?: number; updatedNumberScheduled?: number; numberAvailable?: number };
};

// both viewers name the StatefulSet's constant (RollingUpdateStatefulSetStrategyType) in their error
const ONLY_ROLLING = "error: rollout status is only available for RollingUpdate strategy type\n";

/** StatefulSetStatusViewer.Status */
function statefulSetStatus(sts: Sts): RolloutView {
  const st = sts.status ?? {};
  const strategy = sts.spec.updateStrategy ?? {};
  if ((strategy.type ?? "RollingUpdate") !== "RollingUpdate") return { message: "", done: true, error: ONLY_ROLLING };
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration)
    return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  const replicas = sts.spec.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < replicas)
    return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && (st.updatedReplicas ?? 0) < replicas - partition)
      return {
        message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`,
        done: false,
      };
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision ?? ""}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ""}...\n`,
    done: true,
  };
}

/** DaemonSetStatusViewer.Status */
function daemonSetStatus(ds: Ds): RolloutView {
  const st = ds.status ?? {};
  const name = JSON.stringify(ds.metadata.name);
  if ((ds.spec.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") return { message: "", done: true, error: ONLY_ROLLING };
  if ((ds.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
  const desired = st.desiredNumberScheduled ?? 0;
  if ((st.updatedNumberScheduled ?? 0) < desired)
    return {
      message: `Waiting for daemon set ${name} rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`,
      done: false,
    };
  if ((st.numberAvailable ?? 0) < desired)
    return {
      message: `Waiting for daemon set ${name} rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`,
      done: false,
    };
  return { message: `daemon set ${name} successfully rolled out\n`, done: true };
}

export function rolloutView(resource: RolloutResource, obj: KObject): RolloutView {
  switch (resource) {
    case "deployments":
      return deploymentStatus(obj as Deploy);
    case "statefulsets":
      return statefulSetStatus(obj as Sts);
    case "daemonsets":
      return daemonSetStatus(obj as Ds);
  }
  const never: never = resource;
  throw new Error(`rollout status: unknown resource ${String(never)}`);
}

/** The kinds rollout status watches, by the Kind a target resolved to. */
export const ROLLOUT_RESOURCES: Record<string, RolloutResource> = {
  Deployment: "deployments",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
};
