import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, ownerRef, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { csinodes, type CSINode } from ".";

/** What the kubelet registers for a node running two CSI node plugins. */
function worker(): CSINode {
  const node = obj("v1", "Node", meta("worker-1", undefined, 9 * DAY), {});
  return obj(
    "storage.k8s.io/v1",
    "CSINode",
    meta("worker-1", undefined, 9 * DAY, {
      annotations: { "storage.alpha.kubernetes.io/migrated-plugins": "kubernetes.io/aws-ebs,kubernetes.io/gce-pd" },
      ownerReferences: [{ ...ownerRef(node), controller: undefined, blockOwnerDeletion: undefined }],
    }),
    {
      spec: {
        drivers: [
          {
            name: "ebs.csi.aws.com",
            nodeID: "i-0a1b2c3d4e5f",
            topologyKeys: ["topology.ebs.csi.aws.com/zone", "topology.kubernetes.io/zone"],
            allocatable: { count: 25 },
          },
          { name: "rancher.io/local-path", nodeID: "worker-1" },
        ],
      },
    },
  );
}

describe("csinodes", () => {
  it("is cluster-scoped storage.k8s.io/v1 csinodes", () => {
    const r = csinodes.resource;
    expect([r.group, r.kind, r.namespaced]).toEqual(["storage.k8s.io", "CSINode", false]);
  });

  it("validates driver names, node IDs and topology keys (ValidateCSINode)", () => {
    const n = worker();
    n.spec = {
      drivers: [
        { name: "ebs.csi.aws.com", nodeID: "" },
        { name: "ebs.csi.aws.com", nodeID: "x", topologyKeys: ["a", "a"] },
      ],
    };
    expect(messages(csinodes.validate?.(n, strategyContext()) ?? [])).toEqual([
      "spec.drivers[0].nodeID: Required value",
      'spec.drivers[1].topologyKeys[1]: Duplicate value: "a"',
      'spec.drivers[1].name: Duplicate value: "ebs.csi.aws.com"',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists (DRIVERS count) and describes byte for byte as real kubectl (describeCSINode)", async () => {
    const n = worker();
    const world = makeWorld([csinodes, events], [n]);
    const r = await describeBothWays(world, NOW, (o, c) => csinodes.describe?.(o, c) ?? "", n, "csinode");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.ours).toContain("Topology Keys:  [topology.ebs.csi.aws.com/zone topology.kubernetes.io/zone]\n");
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "csinodes")).stdout).toBe("NAME       DRIVERS   AGE\nworker-1   2         9d\n");
    });
  });
});
