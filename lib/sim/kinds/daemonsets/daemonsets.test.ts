import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, ownerRef } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { daemonsets, TEMPLATE_GENERATION, type DaemonSet } from ".";

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

/** kube-proxy as kubeadm v1.32 installs it. */
function kubeProxy(): DaemonSet {
  const ds = obj(
    "apps/v1",
    "DaemonSet",
    meta("kube-proxy", "kube-system", 12 * DAY, {
      generation: 1,
      labels: { "k8s-app": "kube-proxy" },
      annotations: { [TEMPLATE_GENERATION]: "1" },
    }),
    {
      spec: {
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        template: {
          metadata: { labels: { "k8s-app": "kube-proxy" } },
          spec: {
            priorityClassName: "system-node-critical",
            serviceAccountName: "kube-proxy",
            hostNetwork: true,
            nodeSelector: { "kubernetes.io/os": "linux" },
            tolerations: [{ operator: "Exists" }],
            containers: [
              {
                name: "kube-proxy",
                image: "registry.k8s.io/kube-proxy:v1.32.4",
                command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"],
                env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
                volumeMounts: [
                  { name: "kube-proxy", mountPath: "/var/lib/kube-proxy" },
                  { name: "xtables-lock", mountPath: "/run/xtables.lock" },
                  { name: "lib-modules", mountPath: "/lib/modules", readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: "kube-proxy", configMap: { name: "kube-proxy" } },
              { name: "xtables-lock", hostPath: { path: "/run/xtables.lock", type: "FileOrCreate" } },
              { name: "lib-modules", hostPath: { path: "/lib/modules" } },
            ],
          },
        },
      },
      status: {
        currentNumberScheduled: 2,
        numberMisscheduled: 0,
        desiredNumberScheduled: 2,
        numberReady: 2,
        observedGeneration: 1,
        updatedNumberScheduled: 2,
        numberAvailable: 2,
      },
    },
  ) as DaemonSet;
  daemonsets.defaults?.(ds);
  return ds;
}

describe("daemonsets", () => {
  it("is apps/v1 daemonsets, ds, category all, status only", () => {
    const r = daemonsets.resource;
    expect([r.kind, r.shortNames, r.categories, r.subresources?.map((x) => x.name)]).toEqual(["DaemonSet", ["ds"], ["all"], ["status"]]);
  });

  it('defaults RollingUpdate with maxUnavailable 1 and maxSurge 0, hostPath type ""', () => {
    const ds = kubeProxy();
    expect(ds.spec?.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec?.template?.spec?.volumes?.[2]).toEqual({ name: "lib-modules", hostPath: { path: "/lib/modules", type: "" } });
  });

  it("keeps the template generation annotation: 1 on create, +1 when the template changes", () => {
    const ds = kubeProxy();
    delete ds.metadata.annotations;
    daemonsets.strategy?.prepareForCreate?.(ds, CTX);
    expect(ds.metadata.annotations).toEqual({ [TEMPLATE_GENERATION]: "1" });
    const next = kubeProxy();
    const c = next.spec?.template?.spec?.containers?.[0];
    if (c) c.image = "registry.k8s.io/kube-proxy:v1.32.5";
    daemonsets.strategy?.prepareForUpdate?.(next, ds, CTX);
    expect(next.metadata.annotations?.[TEMPLATE_GENERATION]).toBe("2");
  });

  it("rejects both maxSurge and maxUnavailable (ValidateRollingUpdateDaemonSet)", () => {
    const ds = kubeProxy();
    if (ds.spec?.updateStrategy) ds.spec.updateStrategy.rollingUpdate = { maxUnavailable: 1, maxSurge: "10%" };
    expect(messages(daemonsets.validate?.(ds, CTX) ?? [])).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"10%"}: may not be set when maxUnavailable is non-zero',
    ]);
  });

  it("prints DESIRED..AVAILABLE, NODE SELECTOR and the wide cells (printers.go printDaemonSet)", () => {
    expect(daemonsets.table?.rows(kubeProxy(), { now: NOW })).toEqual([
      [
        "kube-proxy",
        2,
        2,
        2,
        2,
        2,
        "kubernetes.io/os=linux",
        "12d",
        "kube-proxy",
        "registry.k8s.io/kube-proxy:v1.32.4",
        "k8s-app=kube-proxy",
      ],
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)(
    "describes kube-proxy byte for byte as real kubectl (command, env from fieldRef, hostPath volumes, tolerations)",
    async () => {
      const ds = kubeProxy();
      const pods = ["kube-proxy-8kq5w", "kube-proxy-x2l9p"].map((n) =>
        obj("v1", "Pod", meta(n, "kube-system", DAY, { labels: { "k8s-app": "kube-proxy" }, ownerReferences: [ownerRef(ds)] }), {
          spec: {},
          status: { phase: "Running" },
        }),
      );
      const world = makeWorld([daemonsets, events], [ds, ...pods]);
      const r = await describeBothWays(world, NOW, (o, c) => daemonsets.describe?.(o, c) ?? "", ds, "daemonset");
      expect(r.real.stderr).toBe("");
      expect(r.ours).toBe(r.real.stdout);
      await withKubectl(world, NOW, async (kubectl) => {
        expect((await kubectl("get", "ds", "-n", "kube-system")).stdout).toBe(
          "NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\nkube-proxy   2         2         2       2            2           kubernetes.io/os=linux   12d\n",
        );
      });
    },
  );
});
