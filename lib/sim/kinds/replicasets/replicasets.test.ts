import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, event, messages, meta, obj, ownerRef } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { replicasets } from ".";
import type { ReplicaSet } from "./types";

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

function owned() {
  const owner = obj("apps/v1", "Deployment", meta("web", "default", 3 * DAY), {});
  const rs = obj(
    "apps/v1",
    "ReplicaSet",
    meta("web-5b7b9c8d4f", "default", 3 * HOUR, {
      labels: { app: "web", "pod-template-hash": "5b7b9c8d4f" },
      ownerReferences: [ownerRef(owner)],
    }),
    {
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web", "pod-template-hash": "5b7b9c8d4f" } },
        template: {
          metadata: { labels: { app: "web", "pod-template-hash": "5b7b9c8d4f" } },
          spec: {
            containers: [
              {
                name: "nginx",
                image: "nginx:1.27",
                env: [
                  { name: "MODE", value: "prod" },
                  { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                ],
                volumeMounts: [{ name: "conf", mountPath: "/etc/nginx/conf.d", readOnly: true }],
              },
            ],
            volumes: [{ name: "conf", configMap: { name: "web-conf" } }],
          },
        },
      },
      status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
    },
  ) as ReplicaSet;
  replicasets.defaults?.(rs);
  const pod = (name: string, phase: string) =>
    obj(
      "v1",
      "Pod",
      meta(name, "default", 3 * HOUR, { labels: { app: "web", "pod-template-hash": "5b7b9c8d4f" }, ownerReferences: [ownerRef(rs)] }),
      { spec: {}, status: { phase } },
    );
  const pods = [pod("web-5b7b9c8d4f-2xkqv", "Running"), pod("web-5b7b9c8d4f-8fjtw", "Running"), pod("web-5b7b9c8d4f-vq6lz", "Pending")];
  const evs = [
    event(rs, {
      reason: "SuccessfulCreate",
      message: "Created pod: web-5b7b9c8d4f-2xkqv",
      component: "replicaset-controller",
      first: 3 * HOUR,
    }),
  ];
  return { rs, pods, evs };
}

describe("replicasets", () => {
  it("is apps/v1 replicasets, short name rs, category all, scale and status", () => {
    const r = replicasets.resource;
    expect([r.group, r.version, r.kind, r.shortNames, r.categories, r.subresources?.map((s) => s.name)]).toEqual([
      "apps",
      "v1",
      "ReplicaSet",
      ["rs"],
      ["all"],
      ["scale", "status"],
    ]);
  });

  it("defaults replicas to 1 and the template as pods get it (configMap defaultMode 420, fieldRef apiVersion v1)", () => {
    const rs = obj("apps/v1", "ReplicaSet", meta("x", "default", 0), {
      spec: {
        template: {
          spec: {
            volumes: [{ name: "c", configMap: { name: "c" } }],
            containers: [{ name: "a", image: "a:1", env: [{ name: "N", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] }],
          },
        },
      },
    }) as ReplicaSet;
    replicasets.defaults?.(rs);
    expect(rs.spec?.replicas).toBe(1);
    expect(rs.spec?.template?.spec?.volumes).toEqual([{ name: "c", configMap: { name: "c", defaultMode: 420 } }]);
    expect(rs.spec?.template?.spec?.containers?.[0].env).toEqual([
      { name: "N", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
    ]);
  });

  it("validates like ValidateReplicaSetSpec: replicas, then an empty selector (worded for deployments, as in the source)", () => {
    const rs = obj("apps/v1", "ReplicaSet", meta("x", "default", 0), {
      spec: {
        replicas: -2,
        selector: {},
        template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "a", image: "a" }] } },
      },
    }) as ReplicaSet;
    replicasets.defaults?.(rs);
    expect(messages(replicasets.validate?.(rs, CTX) ?? [])).toEqual([
      "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
  });

  it("rejects a volume mount of an unknown volume (ValidateVolumeMounts: Not found)", () => {
    const { rs } = owned();
    rs.spec?.template?.spec?.volumes?.pop();
    expect(messages(replicasets.validate?.(rs, CTX) ?? [])).toEqual([
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "conf"',
    ]);
  });

  it("prints DESIRED, CURRENT, READY and the wide cells (printers.go printReplicaSet)", () => {
    const { rs } = owned();
    expect(replicasets.table?.rows(rs, { now: NOW })).toEqual([
      ["web-5b7b9c8d4f", 3, 3, 2, "3h", "nginx", "nginx:1.27", "app=web,pod-template-hash=5b7b9c8d4f"],
    ]);
    expect(replicasets.selectableFields?.(rs)).toEqual({ "status.replicas": "3" });
  });

  it.skipIf(!HAVE_KUBECTL)(
    "describes byte for byte as real kubectl (Controlled By, Pods Status, env, mounts, volumes, events)",
    async () => {
      const { rs, pods, evs } = owned();
      const world = makeWorld([replicasets, events], [rs, ...pods, ...evs]);
      const r = await describeBothWays(world, NOW, (o, c) => replicasets.describe?.(o, c) ?? "", rs, "replicaset");
      expect(r.real.stderr).toBe("");
      expect(r.ours).toBe(r.real.stdout);
      expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
      expect(r.ours).toContain("Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 0 Failed\n");
    },
  );
});
