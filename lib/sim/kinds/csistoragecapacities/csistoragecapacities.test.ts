import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { csistoragecapacities, type CSIStorageCapacity } from ".";

function capacity(): CSIStorageCapacity {
  const c: CSIStorageCapacity = obj("storage.k8s.io/v1", "CSIStorageCapacity", meta("csisc-7gq4x", "kube-system", DAY), {
    nodeTopology: { matchLabels: { "topology.hostpath.csi/node": "worker-1" } },
    storageClassName: "csi-hostpath-fast",
    capacity: "102400Mi",
    maximumVolumeSize: "50Gi",
  });
  csistoragecapacities.defaults?.(c);
  return c;
}

describe("csistoragecapacities", () => {
  it("is namespaced storage.k8s.io/v1 csistoragecapacities", () => {
    const r = csistoragecapacities.resource;
    expect([r.group, r.kind, r.namespaced]).toEqual(["storage.k8s.io", "CSIStorageCapacity", true]);
  });

  it("stores quantities canonically and prints NAME, STORAGECLASSNAME, CAPACITY without an age (printCSIStorageCapacity)", () => {
    const c = capacity();
    expect(c.capacity).toBe("100Gi");
    expect(csistoragecapacities.table?.rows(c, { now: NOW })).toEqual([["csisc-7gq4x", "csi-hostpath-fast", "100Gi"]]);
    expect(csistoragecapacities.table?.rows({ ...c, capacity: undefined }, { now: NOW })[0][2]).toBe("<unset>");
  });

  it("requires a storage class name and keeps the topology immutable (ValidateCSIStorageCapacity(Update))", () => {
    const c = { ...capacity(), storageClassName: "", capacity: "-1" };
    expect(messages(csistoragecapacities.validate?.(c, strategyContext()) ?? [])).toEqual([
      "storageClassName: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'capacity: Invalid value: "-1": must be greater than or equal to 0',
    ]);
    const moved = { ...capacity(), storageClassName: "other" };
    expect(messages(csistoragecapacities.validateUpdate?.(moved, capacity(), strategyContext()) ?? [])).toEqual([
      'storageClassName: Invalid value: "other": field is immutable',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists through real kubectl", async () => {
    await withKubectl(makeWorld([csistoragecapacities], [capacity()]), NOW, async (kubectl) => {
      expect((await kubectl("get", "csistoragecapacities", "-n", "kube-system")).stdout).toBe(
        "NAME          STORAGECLASSNAME    CAPACITY\ncsisc-7gq4x   csi-hostpath-fast   100Gi\n",
      );
    });
  });
});
