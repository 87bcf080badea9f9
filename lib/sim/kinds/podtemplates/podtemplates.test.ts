import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { genericDescribe } from "../_shared/generic-describe";
import { podtemplates, type PodTemplate } from ".";

function template(): PodTemplate {
  const pt: PodTemplate = obj("v1", "PodTemplate", meta("batch-worker", "default", 3 * DAY), {
    template: {
      metadata: { labels: { app: "worker", tier: "batch" } },
      spec: {
        containers: [
          { name: "worker", image: "busybox:1.36", command: ["sh", "-c", "sleep 3600"] },
          { name: "log", image: "fluent-bit:3.0" },
        ],
      },
    },
  });
  podtemplates.defaults?.(pt);
  return pt;
}

describe("podtemplates", () => {
  it("is core/v1 podtemplates with no short names or categories", () => {
    const r = podtemplates.resource;
    expect([r.kind, r.shortNames, r.categories, r.namespaced]).toEqual(["PodTemplate", [], undefined, true]);
  });

  it("defaults the template like a pod's and validates it at template.* (ValidatePodTemplate)", () => {
    const pt = template();
    expect(pt.template?.spec?.restartPolicy).toBe("Always");
    expect(pt.template?.spec?.containers?.[0].imagePullPolicy).toBe("IfNotPresent");
    const bad: PodTemplate = obj("v1", "PodTemplate", meta("b", "default", 0), { template: { spec: { containers: [{ name: "a" }] } } });
    podtemplates.defaults?.(bad);
    expect(messages(podtemplates.validate?.(bad, strategyContext()) ?? [])).toEqual(["template.spec.containers[0].image: Required value"]);
  });

  it("prints CONTAINERS, IMAGES and POD LABELS without an age (printers.go printPodTemplate)", () => {
    expect(podtemplates.table?.rows(template(), { now: NOW })).toEqual([
      ["batch-worker", "worker,log", "busybox:1.36,fluent-bit:3.0", "app=worker,tier=batch"],
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists and describes (generic describer) byte for byte as real kubectl", async () => {
    const pt = template();
    const world = makeWorld([podtemplates], [pt]);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "podtemplates")).stdout).toBe(
        "NAME           CONTAINERS   IMAGES                        POD LABELS\nbatch-worker   worker,log   busybox:1.36,fluent-bit:3.0   app=worker,tier=batch\n",
      );
      const real = await kubectl("describe", "podtemplate", "batch-worker");
      expect(real.stderr).toBe("");
      expect(genericDescribe(pt, describeContext(world, NOW))).toBe(real.stdout);
    });
  });
});
