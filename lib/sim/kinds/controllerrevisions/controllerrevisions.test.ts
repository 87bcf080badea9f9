import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, ownerRef } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { genericDescribe } from "../_shared/generic-describe";
import { events } from "../events";
import { controllerrevisions, type ControllerRevision } from ".";

const CTX = {
  user: { username: "u", groups: [] },
  now: NOW,
  random: () => 0,
  objects: { get: () => undefined, list: () => [] },
  cluster: {
    serviceSubnet: "10.96.0.0/12",
    nodePortRange: [30000, 32767] as [number, number],
    podSubnet: "10.244.0.0/16",
    dnsDomain: "cluster.local",
  },
};

function revision(): ControllerRevision {
  const ds = obj("apps/v1", "DaemonSet", meta("kube-proxy", "kube-system", 12 * DAY), {});
  return obj(
    "apps/v1",
    "ControllerRevision",
    meta("kube-proxy-7bf8c6c4c5", "kube-system", 12 * DAY, {
      labels: { "controller-revision-hash": "7bf8c6c4c5", "k8s-app": "kube-proxy" },
      ownerReferences: [ownerRef(ds)],
    }),
    {
      data: {
        spec: {
          template: {
            $patch: "replace",
            metadata: { labels: { "k8s-app": "kube-proxy" } },
            spec: {
              containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.32.4" }],
              terminationGracePeriodSeconds: 30,
              hostNetwork: true,
            },
          },
        },
      },
      revision: 1,
    },
  );
}

describe("controllerrevisions", () => {
  it("prints CONTROLLER as kind.group/name (printers.go printControllerRevision)", () => {
    expect(controllerrevisions.table?.rows(revision(), { now: NOW })).toEqual([
      ["kube-proxy-7bf8c6c4c5", "daemonset.apps/kube-proxy", 1, "12d"],
    ]);
  });

  it("requires data and keeps it immutable (ValidateControllerRevision(Update))", () => {
    const cr = revision();
    const changed = revision();
    changed.data = { other: true };
    expect(messages(controllerrevisions.validateUpdate?.(changed, cr, CTX) ?? [])).toEqual(["data: Invalid value: field is immutable"]);
    delete cr.data;
    expect(messages(controllerrevisions.validate?.(cr, CTX) ?? [])).toEqual(["data: Required value: data is mandatory"]);
  });

  it.skipIf(!HAVE_KUBECTL)("is described by the generic describer exactly as real kubectl describes it", async () => {
    const cr = revision();
    const world = makeWorld([controllerrevisions, events], [cr]);
    await withKubectl(world, NOW, async (kubectl) => {
      const real = await kubectl("describe", "controllerrevision", cr.metadata.name, "-n", "kube-system");
      expect(real.stderr).toBe("");
      expect(genericDescribe(cr, describeContext(world, NOW))).toBe(real.stdout);
      expect((await kubectl("get", "controllerrevisions", "-n", "kube-system")).stdout).toBe(
        "NAME                    CONTROLLER                  REVISION   AGE\nkube-proxy-7bf8c6c4c5   daemonset.apps/kube-proxy   1          12d\n",
      );
    });
  });
});
