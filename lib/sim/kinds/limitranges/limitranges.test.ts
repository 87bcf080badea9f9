import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { DEFAULT_TABLE } from "../_shared/table";
import { limitranges, type LimitRange } from ".";

const lr = (limits: NonNullable<LimitRange["spec"]>["limits"]): LimitRange =>
  obj("v1", "LimitRange", meta("mem-limits", "dev", 4 * DAY), { spec: { limits } });

describe("limitranges", () => {
  it("is core/v1 limitranges, short name limits, printed with the default table", () => {
    const r = limitranges.resource;
    expect([r.kind, r.shortNames, r.namespaced, r.subresources]).toEqual(["LimitRange", ["limits"], true, undefined]);
    expect(limitranges.table).toBe(DEFAULT_TABLE);
  });

  it("defaults a Container item's default from max and defaultRequest from default, then min (SetDefaults_LimitRangeItem)", () => {
    const l = lr([
      { type: "Container", max: { memory: "1Gi", cpu: "2" }, min: { cpu: "100m", memory: "64Mi" }, default: { cpu: "500m" } },
      { type: "Pod", max: { cpu: "4" } },
    ]);
    limitranges.defaults?.(l);
    expect(l.spec?.limits).toEqual([
      {
        type: "Container",
        max: { memory: "1Gi", cpu: "2" },
        min: { cpu: "100m", memory: "64Mi" },
        default: { cpu: "500m", memory: "1Gi" },
        defaultRequest: { cpu: "500m", memory: "1Gi" },
      },
      { type: "Pod", max: { cpu: "4" } },
    ]);
  });

  it("checks bounds against each other with the apiserver's messages (ValidateLimitRange)", () => {
    const l = lr([
      { type: "Container", min: { memory: "1Gi" }, max: { memory: "512Mi" }, default: { cpu: "1" }, defaultRequest: { cpu: "2" } },
      { type: "Pod", default: { cpu: "1" } },
      { type: "Pod" },
      { type: "PersistentVolumeClaim", max: { cpu: "1" } },
    ]);
    expect(messages(limitranges.validate?.(l, strategyContext()) ?? [])).toEqual([
      // %#v of a resource.Quantity, as field.Invalid prints a non-Stringer value
      'spec.limits[0].min[memory]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1073741824, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1Gi", Format:"BinarySI"}: min value 1Gi is greater than max value 512Mi',
      'spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"2", Format:"DecimalSI"}: default request value 2 is greater than default limit value 1',
      "spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod'",
      'spec.limits[2].type: Duplicate value: "Pod"',
      "spec.limits[3].limits: Required value: either minimum or maximum storage value is required, but neither was provided",
    ]);
    expect(messages(limitranges.validate?.(lr([{ type: "Node", max: { gpu: "1" } }]), strategyContext()) ?? [])).toEqual([
      'spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified',
      'spec.limits[0].max[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    ]);
  });

  it("describes every resource of every item (describe.go describeLimitRange; Go's map order is random, here sorted)", () => {
    const l = lr([{ type: "Container", max: { memory: "1Gi", cpu: "2" }, min: { cpu: "100m" }, maxLimitRequestRatio: { cpu: "4" } }]);
    limitranges.defaults?.(l);
    expect(limitranges.describe?.(l, describeContext(makeWorld([limitranges], []), NOW))).toBe(
      "Name:       mem-limits\n" +
        "Namespace:  dev\n" +
        "Type        Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio\n" +
        "----        --------  ---   ---  ---------------  -------------  -----------------------\n" +
        "Container   cpu       100m  2    2                2              4\n" +
        "Container   memory    -     1Gi  1Gi              1Gi            -\n",
    );
  });

  it.skipIf(!HAVE_KUBECTL)("describes and lists byte for byte as real kubectl", async () => {
    const l = lr([
      { type: "Container", default: { memory: "512Mi" }, defaultRequest: { memory: "256Mi" }, max: { memory: "1Gi" } },
      { type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "10Gi" } },
    ]);
    limitranges.defaults?.(l);
    const world = makeWorld([limitranges], [l]);
    await withKubectl(world, NOW, async (kubectl) => {
      const real = await kubectl("describe", "limits", "mem-limits", "-n", "dev");
      expect(real.stderr).toBe("");
      expect(limitranges.describe?.(l, describeContext(world, NOW))).toBe(real.stdout);
      const got = await kubectl("get", "limitranges", "-n", "dev");
      expect(got.stdout).toBe(`NAME         CREATED AT\nmem-limits   ${l.metadata.creationTimestamp}\n`);
    });
  });
});
