import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { networkpolicies, type NetworkPolicy } from ".";

/** The classic exercise: the API pods accept the frontend and one subnet on 8080-8090, and talk to DNS only. */
function apiPolicy(): NetworkPolicy {
  const np: NetworkPolicy = obj("networking.k8s.io/v1", "NetworkPolicy", meta("api-allow", "prod", 3 * DAY, { labels: { team: "api" } }), {
    spec: {
      podSelector: { matchLabels: { app: "api" } },
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { role: "frontend" } } },
            {
              namespaceSelector: { matchLabels: { env: "prod" } },
              podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["web", "edge"] }] },
            },
          ],
          ports: [{ port: 8080, endPort: 8090 }],
        },
        { from: [{ ipBlock: { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] } }], ports: [{ protocol: "TCP", port: "metrics" }] },
      ],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
          ports: [{ protocol: "UDP", port: 53 }, { port: 53 }],
        },
      ],
    },
  });
  networkpolicies.defaults?.(np);
  return np;
}

describe("networkpolicies", () => {
  it("is networking.k8s.io/v1 networkpolicies, short name netpol", () => {
    const r = networkpolicies.resource;
    expect([r.group, r.kind, r.shortNames, r.namespaced, r.subresources]).toEqual([
      "networking.k8s.io",
      "NetworkPolicy",
      ["netpol"],
      true,
      undefined,
    ]);
  });

  it("defaults policyTypes from the rules and port protocols to TCP (SetDefaults_NetworkPolicy, _NetworkPolicyPort)", () => {
    const np = apiPolicy();
    expect(np.spec?.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(np.spec?.ingress?.[0].ports?.[0].protocol).toBe("TCP");
    const deny: NetworkPolicy = obj("networking.k8s.io/v1", "NetworkPolicy", meta("deny", "prod", 0), { spec: { podSelector: {} } });
    networkpolicies.defaults?.(deny);
    expect(deny.spec?.policyTypes).toEqual(["Ingress"]);
  });

  it("validates ports, peers and ipBlocks (ValidateNetworkPolicySpec)", () => {
    const np: NetworkPolicy = obj("networking.k8s.io/v1", "NetworkPolicy", meta("x", "prod", 0), {
      spec: {
        podSelector: {},
        ingress: [
          {
            ports: [{ port: 70000 }, { port: "http", endPort: 90 }, { protocol: "ICMP" }],
            from: [{}, { ipBlock: { cidr: "10.0.0.0/8", except: ["192.168.0.0/16"] }, podSelector: {} }],
          },
        ],
        policyTypes: ["Ingress", "Sideways"],
      },
    });
    expect(messages(networkpolicies.validate?.(np, strategyContext()) ?? [])).toEqual([
      "spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
      'spec.ingress[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      "spec.ingress[0].from[0]: Required value: must specify a peer",
      'spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
      "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
      'spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists and describes byte for byte as real kubectl (printNetworkPolicy, describeNetworkPolicy)", async () => {
    const np = apiPolicy();
    const deny: NetworkPolicy = obj("networking.k8s.io/v1", "NetworkPolicy", meta("default-deny", "prod", 5 * DAY), {
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
    networkpolicies.defaults?.(deny);
    const world = makeWorld([networkpolicies], [np, deny]);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "netpol", "-n", "prod")).stdout).toBe(
        "NAME           POD-SELECTOR   AGE\napi-allow      app=api        3d\ndefault-deny   <none>         5d\n",
      );
      for (const p of [np, deny]) {
        const real = await kubectl("describe", "networkpolicy", p.metadata.name, "-n", "prod");
        expect(real.stderr).toBe("");
        expect(networkpolicies.describe?.(p, describeContext(world, NOW))).toBe(real.stdout);
      }
    });
  });
});
