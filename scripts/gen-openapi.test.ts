/**
 * scripts/gen-openapi.mjs: the definitions it derives from @kubernetes/client-node and
 * cdk8s-plus-32 have the real names, shapes and descriptions kubectl explain prints.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "./gen-openapi.mjs";

const installed = existsSync(join(process.cwd(), "node_modules/cdk8s-plus-32/lib/imports/k8s.d.ts"));
const REF = "#/components/schemas/";

describe.skipIf(!installed && !process.env.CI)("gen-openapi", () => {
  const { docs } = generate();
  const core = docs["api/v1"].components.schemas;
  const apps = docs["apis/apps/v1"].components.schemas;

  it("keeps client-node's structure: PodSpec.containers is a required []Container", () => {
    const spec = core["io.k8s.api.core.v1.PodSpec"];
    expect(spec.required).toContain("containers");
    expect(spec.required).not.toContain("affinity");
    expect(spec.properties?.containers).toMatchObject({
      type: "array",
      items: { allOf: [{ $ref: `${REF}io.k8s.api.core.v1.Container` }], default: {} },
    });
    // a reference field: allOf beside its own description (from cdk8s: client-node has none here)
    expect(spec.properties?.affinity).toEqual({
      description: "If specified, the pod's scheduling constraints",
      allOf: [{ $ref: `${REF}io.k8s.api.core.v1.Affinity` }],
    });
  });

  it("takes Quantity from cdk8s: ResourceRequirements.limits is map[string]Quantity", () => {
    expect(core["io.k8s.api.core.v1.ResourceRequirements"].properties?.limits).toMatchObject({
      type: "object",
      additionalProperties: { $ref: `${REF}io.k8s.apimachinery.pkg.api.resource.Quantity` },
    });
    expect(core["io.k8s.apimachinery.pkg.api.resource.Quantity"].type).toBeUndefined();
    expect(core["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({ format: "int-or-string" });
  });

  it("marks kinds with their group/version/kind, in their group/version's document", () => {
    expect(apps["io.k8s.api.apps.v1.Deployment"]["x-kubernetes-group-version-kind"]).toEqual([
      { group: "apps", kind: "Deployment", version: "v1" },
    ]);
    expect(core["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "Pod", version: "v1" }]);
    // the apps document holds what Deployment reaches (PodSpec), not other groups' kinds
    expect(apps["io.k8s.api.core.v1.PodSpec"]).toBeDefined();
    expect(apps["io.k8s.api.batch.v1.Job"]).toBeUndefined();
  });

  it("keeps cdk8s's paragraphs: ObjectMeta.generateName's description has its blank lines", () => {
    const d = core["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"].properties?.generateName.description ?? "";
    expect(d).toMatch(
      /on the server\.\n\nIf this field is specified and the generated name exists, the server will return a 409\.\n\nApplied only/,
    );
  });

  it("derives the status types cdk8s lacks from client-node, in the right package", () => {
    expect(core["io.k8s.api.core.v1.Pod"].properties?.status).toMatchObject({ allOf: [{ $ref: `${REF}io.k8s.api.core.v1.PodStatus` }] });
    expect(core["io.k8s.api.core.v1.PodStatus"].properties?.conditions.items).toMatchObject({
      allOf: [{ $ref: `${REF}io.k8s.api.core.v1.PodCondition` }],
    });
    // client-node's descriptions, unescaped
    expect(core["io.k8s.api.core.v1.PodCondition"].properties?.type.description).not.toMatch(/\\["']/);
    // a class cdk8s lacks that several groups reach is apimachinery's (PodDisruptionBudgetStatus.conditions)
    const pdbStatus = docs["apis/policy/v1"].components.schemas["io.k8s.api.policy.v1.PodDisruptionBudgetStatus"];
    expect(pdbStatus.properties?.conditions.items?.allOf?.[0].$ref).toBe(`${REF}io.k8s.apimachinery.pkg.apis.meta.v1.Condition`);
    const deployStatus = apps["io.k8s.api.apps.v1.DeploymentStatus"];
    expect(deployStatus.properties?.conditions.items?.allOf?.[0].$ref).toBe(`${REF}io.k8s.api.apps.v1.DeploymentCondition`);
  });
});
