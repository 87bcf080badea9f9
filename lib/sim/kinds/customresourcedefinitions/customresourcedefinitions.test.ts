import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import type { KindDef } from "../types";
import { genericDescribe } from "../_shared/generic-describe";
import { compareKubeAwareVersions, crdResourceInfo, crdTable } from "./resources";
import { customresourcedefinitions, type CustomResourceDefinition } from ".";

/** The CronTab CRD of the Kubernetes documentation ("Extend the Kubernetes API with CustomResourceDefinitions"). */
function crontabs(): CustomResourceDefinition {
  const crd: CustomResourceDefinition = obj(
    "apiextensions.k8s.io/v1",
    "CustomResourceDefinition",
    meta("crontabs.stable.example.com", undefined, 3 * DAY),
    {
      spec: {
        group: "stable.example.com",
        scope: "Namespaced",
        names: { plural: "crontabs", kind: "CronTab", shortNames: ["ct"], categories: ["all"] },
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                properties: {
                  spec: {
                    type: "object",
                    properties: { cronSpec: { type: "string" }, image: { type: "string" }, replicas: { type: "integer" } },
                  },
                },
              },
            },
            additionalPrinterColumns: [
              {
                name: "Spec",
                type: "string",
                description: "The cron spec defining the interval a CronJob is run",
                jsonPath: ".spec.cronSpec",
              },
              { name: "Replicas", type: "integer", description: "The number of jobs launched by the CronJob", jsonPath: ".spec.replicas" },
              { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
            ],
          },
          {
            name: "v1beta1",
            served: true,
            storage: false,
            schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          },
        ],
      },
    },
  );
  customresourcedefinitions.defaults?.(crd);
  return crd;
}

describe("customresourcedefinitions", () => {
  it("are apiextensions.k8s.io/v1, short names crd and crds, category api-extensions, with status", () => {
    const r = customresourcedefinitions.resource;
    expect([r.group, r.shortNames, r.categories, r.namespaced, r.subresources?.map((s) => s.name)]).toEqual([
      "apiextensions.k8s.io",
      ["crd", "crds"],
      ["api-extensions"],
      false,
      ["status"],
    ]);
  });

  it("default singular, listKind and conversion, and record the storage version (SetDefaults_CustomResourceDefinitionSpec, PrepareForCreate)", () => {
    const crd = crontabs();
    expect([crd.spec?.names?.singular, crd.spec?.names?.listKind, crd.spec?.conversion]).toEqual([
      "crontab",
      "CronTabList",
      { strategy: "None" },
    ]);
    customresourcedefinitions.strategy?.prepareForCreate?.(crd, strategyContext());
    expect(crd.status).toEqual({ acceptedNames: { plural: "", kind: "" }, storedVersions: ["v1"] });
  });

  it("require plural.group as the name, one storage version and schemas (ValidateCustomResourceDefinition)", () => {
    const crd = crontabs();
    crd.metadata.name = "crontab.stable.example.com";
    crd.spec = {
      ...crd.spec,
      versions: (crd.spec?.versions ?? []).map((v) => ({ ...v, storage: true, schema: undefined })),
      group: "example",
    };
    expect(messages(customresourcedefinitions.validate?.(crd, strategyContext()) ?? [])).toEqual([
      'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
      'spec.group: Invalid value: "example": should be a domain with at least one dot',
      "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required",
      "spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required",
      "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must have exactly one version marked as storage version",
    ]);
  });

  it("serve their custom resources at the preferred version (GA before beta) with the CRD's columns (tableconvertor)", () => {
    expect(["v1beta1", "v2", "v1", "v1alpha1", "v10", "foo"].sort((a, b) => compareKubeAwareVersions(b, a))).toEqual([
      "v10",
      "v2",
      "v1",
      "v1beta1",
      "v1alpha1",
      "foo",
    ]);
    expect(crdResourceInfo(crontabs())).toMatchObject({
      group: "stable.example.com",
      version: "v1",
      kind: "CronTab",
      resource: "crontabs",
      singular: "crontab",
      shortNames: ["ct"],
      namespaced: true,
      categories: ["all"],
    });
    const ct = obj("stable.example.com/v1", "CronTab", meta("my-new-cron-object", "default", 2 * HOUR), {
      spec: { cronSpec: "* * * * */5", image: "my-awesome-cron-image" },
    });
    expect(crdTable(crontabs()).rows(ct, { now: NOW })).toEqual([["my-new-cron-object", "* * * * */5", null, "120m"]]);
  });

  it.skipIf(!HAVE_KUBECTL)("list custom resources and describe the CRD (generic describer) as real kubectl", async () => {
    const crd = crontabs();
    const info = crdResourceInfo(crd);
    if (!info) throw new Error("no resource");
    const crKind: KindDef = { resource: info, table: crdTable(crd) };
    const ct = obj("stable.example.com/v1", "CronTab", meta("my-new-cron-object", "default", 2 * HOUR), {
      spec: { cronSpec: "* * * * */5", image: "my-awesome-cron-image", replicas: 3 },
    });
    const world = makeWorld([customresourcedefinitions, crKind], [crd, ct]);
    await withKubectl(world, NOW, async (kubectl) => {
      expect(cells((await kubectl("get", "ct")).stdout)).toEqual([
        ["NAME", "SPEC", "REPLICAS", "AGE"],
        ["my-new-cron-object", "* * * * */5", "3", "120m"],
      ]);
      expect(cells((await kubectl("get", "crd")).stdout)).toEqual([
        ["NAME", "CREATED AT"],
        ["crontabs.stable.example.com", crd.metadata.creationTimestamp],
      ]);
      const real = await kubectl("describe", "crd", "crontabs.stable.example.com");
      expect(real.stderr).toBe("");
      expect(genericDescribe(crd, describeContext(world, NOW))).toBe(real.stdout);
    });
  });
});
