import { describe, expect, it } from "vitest";
import { DAY, NOW, event, messages, meta, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { endpoints, formatEndpoints, type Endpoints } from ".";

/** The endpoints controller's object for a 4-replica web service with one pod not ready. */
function web(): Endpoints {
  const addr = (ip: string, pod: string) => ({
    ip,
    nodeName: "worker-1",
    targetRef: { kind: "Pod", namespace: "default", name: pod, uid: "u-" + pod },
  });
  const ep: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: meta("web", "default", 2 * DAY, {
      labels: { app: "web" },
      annotations: { "endpoints.kubernetes.io/last-change-trigger-time": "2025-05-01T10:00:00Z" },
    }),
    subsets: [
      {
        addresses: [addr("10.244.1.4", "web-a"), addr("10.244.1.5", "web-b"), addr("10.244.2.7", "web-c")],
        notReadyAddresses: [addr("10.244.2.9", "web-d")],
        ports: [
          { name: "http", port: 8080, protocol: "TCP" },
          { name: "metrics", port: 9090 },
        ],
      },
    ],
  };
  endpoints.defaults?.(ep);
  return ep;
}

describe("endpoints", () => {
  it("is core/v1 endpoints, singular endpoints, short name ep", () => {
    const r = endpoints.resource;
    expect([r.kind, r.resource, r.singular, r.shortNames, r.namespaced]).toEqual(["Endpoints", "endpoints", "endpoints", ["ep"], true]);
  });

  it("defaults port protocols to TCP (SetDefaults_Endpoints)", () => {
    expect(web().subsets?.[0].ports?.[1].protocol).toBe("TCP");
  });

  it("prints at most three host:port pairs then '+ N more...' (printers.go formatEndpoints)", () => {
    // 3 ready addresses x 2 ports = 6 endpoints, 3 shown
    expect(endpoints.table?.rows(web(), { now: NOW })).toEqual([
      ["web", "10.244.1.4:8080,10.244.1.5:8080,10.244.2.7:8080 + 3 more...", "2d"],
    ]);
    expect(formatEndpoints({ ...web(), subsets: [] })).toBe("<none>");
    expect(formatEndpoints({ ...web(), subsets: [{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 53 }] }] })).toBe("[fd00::1]:53");
  });

  it("validates addresses and ports with the apiserver's messages (validateEndpointSubsets)", () => {
    const ep: Endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: meta("x", "default", 0),
      subsets: [
        {
          ports: [
            { port: 0, protocol: "HTTP" },
            { name: "b", port: 80, protocol: "TCP" },
          ],
        },
        { addresses: [{ ip: "999.1.1.1" }] },
      ],
    };
    expect(messages(endpoints.validate?.(ep, strategyContext()) ?? [])).toEqual([
      "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
      "subsets[0].ports[0].name: Required value",
      "subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      'subsets[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'subsets[1].addresses[0].ip: Invalid value: "999.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("describes and lists byte for byte as real kubectl", async () => {
    const ep = web();
    const ev = event(ep, {
      type: "Warning",
      reason: "FailedToUpdateEndpoint",
      message: "Failed to update endpoint default/web: Operation cannot be fulfilled",
      component: "endpoint-controller",
      first: DAY,
      count: 2,
      last: 3 * 3600_000,
    });
    const world = makeWorld([endpoints, events], [ep, ev]);
    const r = await describeBothWays(world, NOW, (o, c) => endpoints.describe?.(o, c) ?? "", ep, "endpoints");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      const real = await kubectl("get", "ep");
      expect(real.stderr).toBe("");
      expect(real.stdout).toBe(
        "NAME   ENDPOINTS                                                     AGE\nweb    10.244.1.4:8080,10.244.1.5:8080,10.244.2.7:8080 + 3 more...   2d\n",
      );
    });
  });
});
