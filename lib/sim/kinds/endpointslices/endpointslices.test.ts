import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { formatEndpointSlices } from "../_shared/endpointslice-format";
import { endpointslices, type EndpointSlice } from ".";

/** What the EndpointSlice controller writes for a 5-pod service with two ports. */
function slice(): EndpointSlice {
  const ep = (ip: string, pod: string, ready: boolean, node: string) => ({
    addresses: [ip],
    conditions: { ready, serving: ready, terminating: false },
    nodeName: node,
    targetRef: { kind: "Pod", namespace: "default", name: pod, uid: `u-${pod}` },
  });
  const eps: EndpointSlice = obj(
    "discovery.k8s.io/v1",
    "EndpointSlice",
    meta("web-8xk2p", "default", 2 * DAY, {
      labels: { "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": "web" },
      generateName: "web-",
    }),
    {
      addressType: "IPv4",
      endpoints: [
        ep("10.244.1.4", "web-a", true, "worker-1"),
        ep("10.244.1.5", "web-b", true, "worker-1"),
        ep("10.244.2.7", "web-c", false, "worker-2"),
        ep("10.244.2.8", "web-d", true, "worker-2"),
      ],
      ports: [
        { name: "http", port: 8080, protocol: "TCP" },
        { name: "metrics", port: 9090 },
      ],
    },
  );
  endpointslices.defaults?.(eps);
  return eps;
}

describe("endpointslices", () => {
  it("is discovery.k8s.io/v1 endpointslices", () => {
    const r = endpointslices.resource;
    expect([r.group, r.version, r.kind, r.shortNames, r.namespaced]).toEqual(["discovery.k8s.io", "v1", "EndpointSlice", [], true]);
  });

  it("prints PORTS and ENDPOINTS three at a time (printers.go formatDiscoveryPorts, formatDiscoveryEndpoints)", () => {
    expect(endpointslices.table?.rows(slice(), { now: NOW })).toEqual([
      ["web-8xk2p", "IPv4", "8080,9090", "10.244.1.4,10.244.1.5,10.244.2.7 + 1 more...", "2d"],
    ]);
    expect(endpointslices.table?.rows({ ...slice(), ports: [], endpoints: [] }, { now: NOW })[0].slice(2, 4)).toEqual([
      "<unset>",
      "<unset>",
    ]);
  });

  it("lists only ready endpoints of the named port for service describers (describe.go formatEndpointSlices)", () => {
    expect(formatEndpointSlices([slice()], new Set(["http"]))).toBe("10.244.1.4:8080,10.244.1.5:8080,10.244.2.8:8080");
    expect(formatEndpointSlices([slice()])).toBe("10.244.1.4:8080,10.244.1.5:8080,10.244.2.8:8080 + 3 more...");
    expect(formatEndpointSlices([])).toBe("<none>");
  });

  it("validates addresses by type and port names (ValidateEndpointSlice); the address type is immutable", () => {
    const bad: EndpointSlice = {
      ...slice(),
      addressType: "IPv4",
      endpoints: [{ addresses: ["fd00::1"] }, { addresses: [] }],
      ports: [
        { name: "http", protocol: "TCP" },
        { name: "http", protocol: "HTTP" },
      ],
    };
    expect(messages(endpointslices.validate?.(bad, strategyContext()) ?? [])).toEqual([
      'endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
      "endpoints[1].addresses: Required value: must contain at least 1 address",
      'ports[1].name: Duplicate value: "http"',
      'ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    expect(
      messages(endpointslices.validateUpdate?.({ ...slice(), addressType: "IPv6", endpoints: [] }, slice(), strategyContext()) ?? []),
    ).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });

  it.skipIf(!HAVE_KUBECTL)("lists and describes byte for byte as real kubectl", async () => {
    const eps = slice();
    const world = makeWorld([endpointslices, events], [eps]);
    const r = await describeBothWays(world, NOW, (o, c) => endpointslices.describe?.(o, c) ?? "", eps, "endpointslice");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "endpointslices")).stdout).toBe(
        "NAME        ADDRESSTYPE   PORTS       ENDPOINTS                                      AGE\nweb-8xk2p   IPv4          8080,9090   10.244.1.4,10.244.1.5,10.244.2.7 + 1 more...   2d\n",
      );
    });
  });
});
