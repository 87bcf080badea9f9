import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, event, messages, meta, obj, ownerRef, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { replicationcontrollers, type ReplicationController } from ".";

function rc(): ReplicationController {
  const r: ReplicationController = obj("v1", "ReplicationController", meta("nginx", "default", 2 * DAY), {
    spec: {
      replicas: 3,
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
      },
    },
  });
  replicationcontrollers.defaults?.(r);
  return r;
}

describe("replicationcontrollers", () => {
  it("is core/v1 replicationcontrollers, short name rc, category all, scale and status", () => {
    const r = replicationcontrollers.resource;
    expect([r.kind, r.shortNames, r.categories, r.subresources?.map((s) => s.name)]).toEqual([
      "ReplicationController",
      ["rc"],
      ["all"],
      ["scale", "status"],
    ]);
  });

  it("takes selector and labels from the template, replicas 1 (SetDefaults_ReplicationController)", () => {
    const r: ReplicationController = obj("v1", "ReplicationController", meta("x", "default", 0), {
      spec: { template: { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "x", image: "x:1" }] } } },
    });
    replicationcontrollers.defaults?.(r);
    expect([r.spec?.selector, r.metadata.labels, r.spec?.replicas, r.spec?.template?.spec?.restartPolicy]).toEqual([
      { app: "x" },
      { app: "x" },
      1,
      "Always",
    ]);
  });

  it("rejects a selector the template does not match and restartPolicy Never (ValidatePodTemplateSpecForRC)", () => {
    const r = rc();
    r.spec = { ...r.spec, selector: { app: "web" }, replicas: -1 };
    if (r.spec.template?.spec) r.spec.template.spec.restartPolicy = "Never";
    expect(messages(replicationcontrollers.validate?.(r, strategyContext()) ?? [])).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    const empty: ReplicationController = obj("v1", "ReplicationController", meta("e", "default", 0), { spec: { replicas: 1 } });
    expect(messages(replicationcontrollers.validate?.(empty, strategyContext()) ?? [])).toEqual([
      "spec.selector: Required value",
      "spec.template: Required value",
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("prints, lists and describes byte for byte as real kubectl", async () => {
    const r = rc();
    r.status = { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 };
    expect(replicationcontrollers.table?.rows(r, { now: NOW })).toEqual([["nginx", 3, 3, 2, "2d", "nginx", "nginx:1.27", "app=nginx"]]);
    const pod = (name: string, phase: string) =>
      obj("v1", "Pod", meta(name, "default", HOUR, { labels: { app: "nginx" }, ownerReferences: [ownerRef(r)] }), { status: { phase } });
    const evs = [
      event(r, { reason: "SuccessfulCreate", message: "Created pod: nginx-7x2kq", component: "replication-controller", first: 2 * DAY }),
    ];
    const world = makeWorld(
      [replicationcontrollers, events],
      [r, pod("nginx-7x2kq", "Running"), pod("nginx-9bcdl", "Running"), pod("nginx-tq4wz", "Pending"), ...evs],
    );
    const d = await describeBothWays(world, NOW, (o, c) => replicationcontrollers.describe?.(o, c) ?? "", r, "rc");
    expect(d.real.stderr).toBe("");
    expect(d.ours).toBe(d.real.stdout);
    expect(d.oursNoEvents).toBe(d.realNoEvents.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "rc", "-o", "wide")).stdout).toBe(
        "NAME    DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR\nnginx   3         3         2       2d    nginx        nginx:1.27   app=nginx\n",
      );
      expect((await kubectl("get", "rc", "--field-selector", "status.replicas=3", "-o", "name")).stdout).toBe(
        "replicationcontroller/nginx\n",
      );
    });
  });
});
