import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { ingressclasses, type IngressClass } from ".";

const nginx = (): IngressClass =>
  obj(
    "networking.k8s.io/v1",
    "IngressClass",
    meta("nginx", undefined, 5 * DAY, {
      labels: { "app.kubernetes.io/name": "ingress-nginx" },
      annotations: { "ingressclass.kubernetes.io/is-default-class": "true" },
    }),
    {
      spec: {
        controller: "k8s.io/ingress-nginx",
        parameters: { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb" },
      },
    },
  );

describe("ingressclasses", () => {
  it("is cluster-scoped networking.k8s.io/v1 ingressclasses", () => {
    const r = ingressclasses.resource;
    expect([r.group, r.kind, r.namespaced, r.shortNames]).toEqual(["networking.k8s.io", "IngressClass", false, []]);
  });

  it("defaults the parameters' scope to Cluster (SetDefaults_IngressClass)", () => {
    const ic = nginx();
    ingressclasses.defaults?.(ic);
    expect(ic.spec?.parameters?.scope).toBe("Cluster");
  });

  it("validates the controller and parameters; the controller is immutable (ValidateIngressClass(Update))", () => {
    const bad: IngressClass = obj("networking.k8s.io/v1", "IngressClass", meta("x", undefined, 0), {
      spec: { controller: "nginx", parameters: { kind: "", name: "p", scope: "Namespace" } },
    });
    expect(messages(ingressclasses.validate?.(bad, strategyContext()) ?? [])).toEqual([
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
      "spec.parameters.kind: Required value",
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ]);
    const old = nginx();
    ingressclasses.defaults?.(old);
    const cur = structuredClone(old);
    cur.spec = { ...cur.spec, controller: "example.com/other" };
    expect(messages(ingressclasses.validateUpdate?.(cur, old, strategyContext()) ?? [])).toEqual([
      "spec.controller: Forbidden: may not change once set",
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("prints and describes byte for byte as real kubectl (printIngressClass, describeIngressClassV1)", async () => {
    const ic = nginx();
    ingressclasses.defaults?.(ic);
    expect(ingressclasses.table?.rows(ic, { now: NOW })).toEqual([
      ["nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "5d"],
    ]);
    const world = makeWorld([ingressclasses, events], [ic]);
    const r = await describeBothWays(world, NOW, (o, c) => ingressclasses.describe?.(o, c) ?? "", ic, "ingressclass");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "ingressclass")).stdout).toBe(
        "NAME    CONTROLLER             PARAMETERS                                      AGE\nnginx   k8s.io/ingress-nginx   IngressParameters.k8s.example.com/external-lb   5d\n",
      );
    });
  });
});
