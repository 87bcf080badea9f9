import { describe, expect, it } from "vitest";
import { DAY, NOW, ago, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { genericDescribe } from "../_shared/generic-describe";
import { leases, type Lease } from ".";

/** kube-scheduler's leader election lease and a node heartbeat, as a kubeadm cluster has them. */
function clusterLeases(): Lease[] {
  const sched: Lease = obj("coordination.k8s.io/v1", "Lease", meta("kube-scheduler", "kube-system", 9 * DAY), {
    spec: {
      holderIdentity: "controlplane_6a1b1c9e-2f1e-4c3e-9a1b-1d0c4a7e9f21",
      leaseDurationSeconds: 15,
      acquireTime: "2025-05-01T10:00:00.000000Z",
      renewTime: "2025-05-10T10:00:00.123456Z",
      leaseTransitions: 2,
    },
  });
  const node: Lease = obj("coordination.k8s.io/v1", "Lease", meta("worker-1", "kube-node-lease", 9 * DAY), {
    spec: { holderIdentity: "worker-1", leaseDurationSeconds: 40, renewTime: ago(5000).replace("Z", ".000000Z") },
  });
  return [sched, node];
}

describe("leases", () => {
  it("is namespaced coordination.k8s.io/v1 leases", () => {
    const r = leases.resource;
    expect([r.group, r.kind, r.namespaced, r.shortNames]).toEqual(["coordination.k8s.io", "Lease", true, []]);
  });

  it("validates durations and drops the alpha strategy fields (ValidateLeaseSpec, dropDisabledFields)", () => {
    const l: Lease = obj("coordination.k8s.io/v1", "Lease", meta("x", "default", 0), {
      spec: { leaseDurationSeconds: 0, leaseTransitions: -1, strategy: "OldestEmulationVersion" },
    });
    leases.strategy?.prepareForCreate?.(l, strategyContext());
    expect(l.spec?.strategy).toBeUndefined();
    expect(messages(leases.validate?.(l, strategyContext()) ?? [])).toEqual([
      "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
      "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists HOLDER (printers.go printLease) and describes (generic) as real kubectl", async () => {
    const [sched, node] = clusterLeases();
    expect(leases.table?.rows(node, { now: NOW })).toEqual([["worker-1", "worker-1", "9d"]]);
    const world = makeWorld([leases], [sched, node]);
    await withKubectl(world, NOW, async (kubectl) => {
      expect(cells((await kubectl("get", "leases", "-n", "kube-system")).stdout)).toEqual([
        ["NAME", "HOLDER", "AGE"],
        ["kube-scheduler", "controlplane_6a1b1c9e-2f1e-4c3e-9a1b-1d0c4a7e9f21", "9d"],
      ]);
      const real = await kubectl("describe", "lease", "kube-scheduler", "-n", "kube-system");
      expect(genericDescribe(sched, describeContext(world, NOW))).toBe(real.stdout);
    });
  });
});
