import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { apiservices, type APIService } from ".";

const local = (version: string, group: string, gpm: number, vp: number): APIService =>
  obj(
    "apiregistration.k8s.io/v1",
    "APIService",
    meta(group ? `${version}.${group}` : `${version}.`, undefined, 30 * DAY, {
      labels: { "kube-aggregator.kubernetes.io/automanaged": "onstart" },
    }),
    {
      spec: { group, version, groupPriorityMinimum: gpm, versionPriority: vp },
      status: {
        conditions: [
          {
            type: "Available",
            status: "True",
            lastTransitionTime: "2025-04-01T10:00:00Z",
            reason: "Local",
            message: "Local APIServices are always available",
          },
        ],
      },
    },
  );

function metricsServer(): APIService {
  const a: APIService = obj(
    "apiregistration.k8s.io/v1",
    "APIService",
    meta("v1beta1.metrics.k8s.io", undefined, HOUR, { labels: { "k8s-app": "metrics-server" } }),
    {
      spec: {
        service: { namespace: "kube-system", name: "metrics-server" },
        group: "metrics.k8s.io",
        version: "v1beta1",
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
      status: {
        conditions: [
          {
            type: "Available",
            status: "False",
            lastTransitionTime: "2025-04-01T10:00:00Z",
            reason: "MissingEndpoints",
            message: 'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
          },
        ],
      },
    },
  );
  apiservices.defaults?.(a);
  return a;
}

describe("apiservices", () => {
  it("are cluster-scoped apiregistration.k8s.io/v1 resources in api-extensions, with status", () => {
    const r = apiservices.resource;
    expect([r.group, r.namespaced, r.categories, r.subresources?.map((s) => s.name)]).toEqual([
      "apiregistration.k8s.io",
      false,
      ["api-extensions"],
      ["status"],
    ]);
  });

  it("default the service port to 443 and validate as the aggregator does (ValidateAPIService)", () => {
    expect(metricsServer().spec?.service?.port).toBe(443);
    const a: APIService = obj("apiregistration.k8s.io/v1", "APIService", meta("v1.metrics", undefined, 0), {
      spec: { group: "metrics.k8s.io", version: "v1beta1", groupPriorityMinimum: 0, versionPriority: 100, caBundle: "AAAA" },
    });
    expect(messages(apiservices.validate?.(a, strategyContext()) ?? [])).toEqual([
      'metadata.name: Invalid value: "v1.metrics": must be `spec.version+"."+spec.group`: "v1beta1.metrics.k8s.io"',
      "spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000",
      'spec.caBundle: Invalid value: "3 bytes": local APIServices may not have a caBundle',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("list SERVICE and AVAILABLE as the kube-aggregator's table, through real kubectl", async () => {
    await withKubectl(
      makeWorld([apiservices], [local("v1", "", 18000, 1), local("v1", "apps", 17800, 15), metricsServer()]),
      NOW,
      async (kubectl) => {
        expect(cells((await kubectl("get", "apiservices")).stdout)).toEqual([
          ["NAME", "SERVICE", "AVAILABLE", "AGE"],
          ["v1.", "Local", "True", "30d"],
          ["v1.apps", "Local", "True", "30d"],
          ["v1beta1.metrics.k8s.io", "kube-system/metrics-server", "False (MissingEndpoints)", "60m"],
        ]);
      },
    );
  });
});
