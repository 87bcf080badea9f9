import { describe, expect, it } from "vitest";
import { NOW } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { componentstatuses, healthyComponentStatuses } from ".";

describe("componentstatuses", () => {
  it("is cluster-scoped core/v1 componentstatuses, short name cs, get and list only (pkg/registry/core/componentstatus/rest.go)", () => {
    const r = componentstatuses.resource;
    expect([r.kind, r.shortNames, r.namespaced, r.verbs]).toEqual(["ComponentStatus", ["cs"], false, ["get", "list"]]);
  });

  it("prints Healthy/Unhealthy/Unknown from the Healthy condition (printers.go printComponentStatus)", () => {
    const [sched] = healthyComponentStatuses();
    expect(componentstatuses.table?.rows(sched, { now: NOW })).toEqual([["scheduler", "Healthy", "ok", ""]]);
    const bad = {
      ...sched,
      conditions: [
        {
          type: "Healthy",
          status: "False",
          message: "",
          error: 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused',
        },
      ],
    };
    expect(componentstatuses.table?.rows(bad, { now: NOW })[0][1]).toBe("Unhealthy");
    expect(componentstatuses.table?.rows({ ...sched, conditions: [] }, { now: NOW })[0][1]).toBe("Unknown");
  });

  it.skipIf(!HAVE_KUBECTL)("lists through real kubectl as a kubeadm control plane answers", async () => {
    await withKubectl(makeWorld([componentstatuses], healthyComponentStatuses()), NOW, async (kubectl) => {
      expect((await kubectl("get", "cs")).stdout).toBe(
        "NAME                 STATUS    MESSAGE   ERROR\ncontroller-manager   Healthy   ok        \netcd-0               Healthy   ok        \nscheduler            Healthy   ok        \n",
      );
    });
  });
});
