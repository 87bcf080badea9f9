import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { runtimeclasses, type RuntimeClass } from ".";

const gvisor = (): RuntimeClass =>
  obj("node.k8s.io/v1", "RuntimeClass", meta("gvisor", undefined, 2 * DAY), {
    handler: "runsc",
    overhead: { podFixed: { memory: "120Mi", cpu: "250m" } },
    scheduling: { nodeSelector: { "runtime/gvisor": "true" } },
  });

describe("runtimeclasses", () => {
  it("are cluster-scoped node.k8s.io/v1 runtimeclasses", () => {
    const r = runtimeclasses.resource;
    expect([r.group, r.kind, r.namespaced, r.shortNames]).toEqual(["node.k8s.io", "RuntimeClass", false, []]);
  });

  it("need a DNS-label handler, fixed once set (ValidateRuntimeClass(Update))", () => {
    const rc = { ...gvisor(), handler: "run.sc" };
    expect(messages(runtimeclasses.validate?.(rc, strategyContext()) ?? [])).toEqual([
      'handler: Invalid value: "run.sc": must not contain dots',
    ]);
    expect(messages(runtimeclasses.validateUpdate?.({ ...gvisor(), handler: "kata" }, gvisor(), strategyContext()) ?? [])).toEqual([
      'handler: Invalid value: "kata": field is immutable',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("list HANDLER as real kubectl (printers.go printRuntimeClass)", async () => {
    await withKubectl(makeWorld([runtimeclasses], [gvisor()]), NOW, async (kubectl) => {
      expect(cells((await kubectl("get", "runtimeclasses")).stdout)).toEqual([
        ["NAME", "HANDLER", "AGE"],
        ["gvisor", "runsc", "2d"],
      ]);
    });
  });
});
