import { describe, expect, it } from "vitest";
import type { KObject } from "../../api/types";
import { invalidStatus } from "../../api/field";
import { DAY, MIN, NOW, event, messages, meta, obj, ownerRef } from "../__tests__/fixtures";
import { HAVE_KUBECTL, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { events as eventsKind } from "../events";
import { replicasets } from "../replicasets";
import { deployments, defaultDeployment } from ".";
import type { Deployment } from "./types";

/** A deployment mid-rollout: image nginx:1.25 -> nginx:1.27, one old pod left, three new ones. */
function rollout() {
  const template = (image: string, hash?: string) => ({
    metadata: { creationTimestamp: null, labels: { app: "web", ...(hash ? { "pod-template-hash": hash } : {}) } },
    spec: {
      containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }], resources: { requests: { cpu: "100m", memory: "64Mi" } } }],
    },
  });
  const d = obj(
    "apps/v1",
    "Deployment",
    meta("web", "default", 2 * DAY, { generation: 2, labels: { app: "web" }, annotations: { "deployment.kubernetes.io/revision": "2" } }),
    {
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: template("nginx:1.27"), strategy: {} },
      status: {
        observedGeneration: 2,
        replicas: 4,
        updatedReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
        unavailableReplicas: 1,
        conditions: [
          { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." },
          { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: 'ReplicaSet "web-5b7b9c8d4f" is progressing.' },
        ],
      },
    },
  ) as Deployment;
  defaultDeployment(d);
  const rs = (name: string, hash: string, image: string, replicas: number, created: number, revision: string) => {
    const r = obj(
      "apps/v1",
      "ReplicaSet",
      meta(name, "default", created, {
        labels: { app: "web", "pod-template-hash": hash },
        annotations: { "deployment.kubernetes.io/revision": revision },
        ownerReferences: [ownerRef(d)],
      }),
      {
        spec: { replicas, selector: { matchLabels: { app: "web", "pod-template-hash": hash } }, template: template(image, hash) },
        status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
      },
    );
    replicasets.defaults?.(r);
    return r;
  };
  const oldRS = rs("web-6d4cf56db6", "6d4cf56db6", "nginx:1.25", 1, 2 * DAY, "1");
  const newRS = rs("web-5b7b9c8d4f", "5b7b9c8d4f", "nginx:1.27", 3, 20 * MIN, "2");
  const events: KObject[] = [
    event(d, {
      reason: "ScalingReplicaSet",
      message: "Scaled up replica set web-6d4cf56db6 to 3",
      component: "deployment-controller",
      first: 2 * DAY,
    }),
    event(d, {
      reason: "ScalingReplicaSet",
      message: "Scaled up replica set web-5b7b9c8d4f to 1",
      component: "deployment-controller",
      first: 20 * MIN,
    }),
    event(d, {
      reason: "ScalingReplicaSet",
      message: "Scaled down replica set web-6d4cf56db6 to 1 from 3",
      component: "deployment-controller",
      first: 18 * MIN,
      last: 12 * MIN,
      count: 2,
    }),
  ];
  return { d, oldRS, newRS, events };
}

describe("deployments: discovery and defaulting", () => {
  it("is apps/v1 deployments, short name deploy, in category all, with scale and status", () => {
    const r = deployments.resource;
    expect([r.group, r.version, r.kind, r.resource, r.singular, r.shortNames, r.namespaced, r.categories]).toEqual([
      "apps",
      "v1",
      "Deployment",
      "deployments",
      "deployment",
      ["deploy"],
      true,
      ["all"],
    ]);
    expect(r.subresources?.map((s) => `${s.name}:${s.kind ?? r.kind}`)).toEqual(["scale:Scale", "status:Deployment"]);
  });

  it.skipIf(!HAVE_KUBECTL)("defaults the object kubectl create deployment sends as the apiserver does", async () => {
    // kubectl v1.32.4 client-side generator, then SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go) and SetDefaults_PodSpec/_Container (pkg/apis/core/v1/defaults.go)
    const out = await kubectlClient("create", "deployment", "web", "--image=nginx", "--replicas=2", "--dry-run=client", "-o", "json");
    const d = JSON.parse(out.stdout) as Deployment;
    defaultDeployment(d);
    expect(d.spec).toEqual({
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx",
              resources: {},
              imagePullPolicy: "Always",
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
            },
          ],
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 30,
          dnsPolicy: "ClusterFirst",
          securityContext: {},
          schedulerName: "default-scheduler",
        },
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it("uses IfNotPresent for a tagged image and keeps an explicit Recreate strategy without rollingUpdate", () => {
    const d = obj("apps/v1", "Deployment", meta("db", "default", 0), {
      spec: {
        strategy: { type: "Recreate" },
        template: { spec: { containers: [{ name: "pg", image: "postgres:16", ports: [{ containerPort: 5432 }] }] } },
      },
    }) as Deployment;
    defaultDeployment(d);
    expect(d.spec?.strategy).toEqual({ type: "Recreate" });
    expect(d.spec?.template?.spec?.containers?.[0].imagePullPolicy).toBe("IfNotPresent");
    expect(d.spec?.template?.spec?.containers?.[0].ports).toEqual([{ containerPort: 5432, protocol: "TCP" }]);
    expect(d.spec?.replicas).toBe(1);
  });
});

describe("deployments: validation (pkg/apis/apps/validation/validation.go ValidateDeploymentSpec)", () => {
  const base = () => {
    const d = obj("apps/v1", "Deployment", meta("web", "default", 0), {
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } },
      },
    }) as Deployment;
    defaultDeployment(d);
    return d;
  };
  const ctx = {
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

  it("accepts a defaulted deployment", () => {
    expect(deployments.validate?.(base(), ctx)).toEqual([]);
  });

  it("rejects a selector that does not match the template labels, with the apiserver's full message", () => {
    const d = base();
    if (d.spec?.template?.metadata) d.spec.template.metadata.labels = { app: "api" };
    const status = invalidStatus("apps", "Deployment", "web", deployments.validate?.(d, ctx) ?? []);
    // apierrors.NewInvalid + field.Invalid(...template.Labels, "`selector` does not match template `labels`")
    expect(status.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    );
  });

  it("reports negative replicas, a missing image and Never as restart policy in the apiserver's order", () => {
    const d = base();
    if (d.spec) d.spec.replicas = -1;
    const c = d.spec?.template?.spec?.containers?.[0];
    if (c) delete c.image;
    if (d.spec?.template?.spec) d.spec.template.spec.restartPolicy = "Never";
    expect(messages(deployments.validate?.(d, ctx) ?? [])).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "spec.template.spec.containers[0].image: Required value",
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("rejects container names that are not DNS labels and duplicate names", () => {
    const d = base();
    d.spec?.template?.spec?.containers?.push(
      { name: "Web_1", image: "nginx", imagePullPolicy: "Always", terminationMessagePolicy: "File" },
      { name: "nginx", image: "busybox", imagePullPolicy: "Always", terminationMessagePolicy: "File" },
    );
    expect(messages(deployments.validate?.(d, ctx) ?? [])).toEqual([
      `spec.template.spec.containers[1].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      'spec.template.spec.containers[2].name: Duplicate value: "nginx"',
    ]);
  });

  it("rejects 0/0 rolling update bounds and a percentage over 100", () => {
    const d = base();
    if (d.spec?.strategy) d.spec.strategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 0 };
    expect(messages(deployments.validate?.(d, ctx) ?? [])).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
    if (d.spec?.strategy) d.spec.strategy.rollingUpdate = { maxUnavailable: "150%", maxSurge: "abc" };
    expect(messages(deployments.validate?.(d, ctx) ?? [])).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ]);
  });

  it("keeps spec.selector immutable on update (pkg/registry/apps/deployment/strategy.go ValidateUpdate)", () => {
    const old = base();
    const d = base();
    if (d.spec) d.spec.selector = { matchLabels: { app: "web", tier: "front" } };
    if (d.spec?.template?.metadata) d.spec.template.metadata.labels = { app: "web", tier: "front" };
    const status = invalidStatus("apps", "Deployment", "web", deployments.validateUpdate?.(d, old, ctx) ?? []);
    expect(status.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe("deployments: table (printers.go printDeployment)", () => {
  it("prints READY ready/desired, UP-TO-DATE, AVAILABLE, AGE and the wide cells", () => {
    const { d } = rollout();
    expect(deployments.table?.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ["Name", "string", 0],
      ["Ready", "string", 0],
      ["Up-to-date", "string", 0],
      ["Available", "string", 0],
      ["Age", "string", 0],
      ["Containers", "string", 1],
      ["Images", "string", 1],
      ["Selector", "string", 1],
    ]);
    expect(deployments.table?.rows(d, { now: NOW })).toEqual([["web", "3/3", 3, 3, "2d", "nginx", "nginx:1.27", "app=web"]]);
  });
});

describe("deployments: describe (describe.go describeDeployment)", () => {
  it("shows the rolling update, the pod template, conditions, old and new replica sets and events", () => {
    const { d, oldRS, newRS, events } = rollout();
    const out =
      deployments.describe?.(d, describeContext(makeWorld([deployments, replicasets, eventsKind], [d, oldRS, newRS, ...events]), NOW)) ??
      "";
    expect(out).toContain("RollingUpdateStrategy:  25% max unavailable, 25% max surge\n");
    expect(out).toContain(
      "OldReplicaSets:  web-6d4cf56db6 (1/1 replicas created)\nNewReplicaSet:   web-5b7b9c8d4f (3/3 replicas created)\n",
    );
    expect(out).toContain(
      "  Normal  ScalingReplicaSet  12m (x2 over 18m)  deployment-controller  Scaled down replica set web-6d4cf56db6 to 1 from 3\n",
    );
  });

  it.skipIf(!HAVE_KUBECTL)("prints byte for byte what real kubectl describe prints for the same objects", async () => {
    const { d, oldRS, newRS, events } = rollout();
    const world = makeWorld([deployments, replicasets, eventsKind], [d, oldRS, newRS, ...events]);
    await withKubectl(world, NOW, async (kubectl) => {
      const real = await kubectl("describe", "deployment", "web");
      expect(real.stderr).toBe("");
      expect(deployments.describe?.(d, describeContext(world, NOW))).toBe(real.stdout);
      const noEvents = await kubectl("describe", "deployment", "web", "--show-events=false");
      expect(deployments.describe?.(d, describeContext(world, NOW, false))).toBe(noEvents.stdout);
    });
  });

  it.skipIf(!HAVE_KUBECTL)("renders through real kubectl get as the apiserver's table", async () => {
    const { d } = rollout();
    await withKubectl(makeWorld([deployments], [d]), NOW, async (kubectl) => {
      expect((await kubectl("get", "deployments")).stdout).toBe(
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           2d\n",
      );
      expect((await kubectl("get", "deploy", "-o", "wide")).stdout).toBe(
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    3/3     3            3           2d    nginx        nginx:1.27   app=web\n",
      );
    });
  });
});
