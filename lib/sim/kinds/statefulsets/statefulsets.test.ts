import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, event, messages, meta, obj, ownerRef } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { statefulsets, type StatefulSet } from ".";

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

function db(): StatefulSet {
  const s = obj("apps/v1", "StatefulSet", meta("db", "default", 2 * DAY, { generation: 1, labels: { app: "db" } }), {
    spec: {
      serviceName: "db",
      replicas: 2,
      selector: { matchLabels: { app: "db" } },
      template: {
        metadata: { labels: { app: "db" } },
        spec: {
          containers: [
            {
              name: "pg",
              image: "postgres:16",
              ports: [{ containerPort: 5432, name: "pg" }],
              volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: { accessModes: ["ReadWriteOnce"], storageClassName: "local-path", resources: { requests: { storage: "1Gi" } } },
        },
      ],
    },
    status: { replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 1 },
  }) as StatefulSet;
  statefulsets.defaults?.(s);
  return s;
}

describe("statefulsets", () => {
  it("is apps/v1 statefulsets, sts, category all, names are DNS labels", () => {
    const r = statefulsets.resource;
    expect([r.kind, r.shortNames, r.categories, r.subresources?.map((x) => x.name)]).toEqual([
      "StatefulSet",
      ["sts"],
      ["all"],
      ["scale", "status"],
    ]);
    // ValidateStatefulSetName = NameIsDNSLabel
    expect(statefulsets.validateName?.("db.primary", false)).toEqual(["must not contain dots"]);
  });

  it("defaults as SetDefaults_StatefulSet does in v1.32 (retention policy GA) and claim templates as PVCs", () => {
    const s = db();
    expect(s.spec?.podManagementPolicy).toBe("OrderedReady");
    expect(s.spec?.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    expect(s.spec?.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(s.spec?.revisionHistoryLimit).toBe(10);
    expect(s.spec?.volumeClaimTemplates?.[0]).toEqual({
      metadata: { name: "data", creationTimestamp: null },
      spec: {
        accessModes: ["ReadWriteOnce"],
        storageClassName: "local-path",
        resources: { requests: { storage: "1Gi" } },
        volumeMode: "Filesystem",
      },
      status: { phase: "Pending" },
    });
  });

  it("does not validate the template's pod spec, but checks selector, restart policy and forbidden updates", () => {
    const s = db();
    const c = s.spec?.template?.spec?.containers?.[0];
    if (c) delete c.image; // accepted: ValidatePodTemplateSpecForStatefulSet leaves the pod spec alone
    expect(statefulsets.validate?.(s, CTX)).toEqual([]);
    const changed = db();
    if (changed.spec) changed.spec.serviceName = "other";
    expect(messages(statefulsets.validateUpdate?.(changed, db(), CTX) ?? [])).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it("prints READY ready/desired (printers.go printStatefulSet)", () => {
    expect(statefulsets.table?.rows(db(), { now: NOW })).toEqual([["db", "1/2", "2d", "pg", "postgres:16"]]);
  });

  it.skipIf(!HAVE_KUBECTL)("defaults the pod template kubectl generates (a tagged image gets IfNotPresent)", async () => {
    const r = await kubectlClient("create", "deployment", "x", "--image=busybox:1.36", "--dry-run=client", "-o", "json");
    const tmpl = (JSON.parse(r.stdout) as { spec: { template: unknown } }).spec.template;
    const s = obj("apps/v1", "StatefulSet", meta("x", "default", 0), {
      spec: { selector: { matchLabels: { app: "x" } }, template: tmpl },
    }) as StatefulSet;
    statefulsets.defaults?.(s);
    expect(s.spec?.template?.spec?.containers?.[0].imagePullPolicy).toBe("IfNotPresent");
  });

  it.skipIf(!HAVE_KUBECTL)("describes byte for byte as real kubectl (update strategy partition, volume claims, pods status)", async () => {
    const s = db();
    const pods = ["db-0", "db-1"].map((n, i) =>
      obj("v1", "Pod", meta(n, "default", HOUR, { labels: { app: "db" }, ownerReferences: [ownerRef(s)] }), {
        spec: {},
        status: { phase: i === 0 ? "Running" : "Pending" },
      }),
    );
    const evs = [
      event(s, {
        reason: "SuccessfulCreate",
        message: "create Pod db-1 in StatefulSet db successful",
        component: "statefulset-controller",
        first: HOUR,
      }),
    ];
    const world = makeWorld([statefulsets, events], [s, ...pods, ...evs]);
    const r = await describeBothWays(world, NOW, (o, c) => statefulsets.describe?.(o, c) ?? "", s, "statefulset");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "sts", "-o", "wide")).stdout).toBe(
        "NAME   READY   AGE   CONTAINERS   IMAGES\ndb     1/2     2d    pg           postgres:16\n",
      );
    });
  });
});
