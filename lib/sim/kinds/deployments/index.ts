/**
 * apps/v1 deployments.
 * Discovery: pkg/registry/apps/deployment/storage/storage.go (ShortNames "deploy", Categories
 * "all", subresources scale and status) as api/discovery/apis__apps__v1.json lists them.
 * Defaulting: pkg/apis/apps/v1/defaults.go SetDefaults_Deployment and the pod template's.
 * Strategy: pkg/registry/apps/deployment/strategy.go (status cleared on create, generation
 * bumped by spec or annotation changes).
 */
import type { KindDef } from "../types";
import { resourceInfo, scaleSubresource, statusSubresource } from "../_shared/discovery";
import { defaultPodTemplateSpec } from "../_shared/pod-defaults";
import { semanticEqual } from "../_shared/semantic";
import { describeDeployment } from "./describe";
import { deploymentTable } from "./table";
import type { Deployment } from "./types";
import { validateDeployment, validateDeploymentUpdate } from "./validation";

/** SetDefaults_Deployment */
export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= "25%";
    ru.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec((spec.template ??= {}));
}

export const deployments: KindDef<Deployment> = {
  resource: resourceInfo("apps/v1", "Deployment", "deployments", true, {
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: [scaleSubresource(), statusSubresource()],
  }),
  defaults: defaultDeployment,
  validate: (d) => validateDeployment(d),
  validateUpdate: (d, old) => validateDeploymentUpdate(d, old),
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(d) {
      d.status = {};
    },
    prepareForUpdate(d, old) {
      // annotations are copied to the replica sets, so changing them is a new generation too
      if (!semanticEqual(d.metadata.annotations, old.metadata.annotations)) d.metadata.generation = (old.metadata.generation ?? 1) + 1;
    },
    scale: { specReplicasPath: "spec.replicas", statusReplicasPath: "status.replicas", labelSelectorPath: "spec.selector" },
  },
  table: deploymentTable,
  describe: describeDeployment,
};
