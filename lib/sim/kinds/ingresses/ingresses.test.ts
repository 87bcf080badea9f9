import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, event, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { endpointslices } from "../endpointslices";
import { events } from "../events";
import { ingressclasses } from "../ingressclasses";
import { ingresses, type Ingress } from ".";

async function created(...args: string[]): Promise<Ingress> {
  const out = await kubectlClient("create", "ingress", ...args, "--dry-run=client", "-o", "json");
  expect(out.stderr).toBe("");
  return JSON.parse(out.stdout) as Ingress;
}

/** `web` routes two hosts: web.example.com to a running service, api.example.com (TLS) to a service that does not exist. */
async function world() {
  const ing = await created("web", "--class=nginx", "--rule=web.example.com/*=web:80", "--rule=api.example.com/v1=api:http,tls=api-tls");
  ing.metadata = meta("web", "default", DAY, { annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" } });
  ing.status = { loadBalancer: { ingress: [{ ip: "192.168.49.2" }] } };
  const simple = await created("simple", "--rule=/=web:80");
  simple.metadata = meta("simple", "default", 2 * HOUR);
  const svc = obj("v1", "Service", meta("web", "default", 2 * DAY), {
    spec: { ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }], selector: { app: "web" } },
  });
  const slice = obj(
    "discovery.k8s.io/v1",
    "EndpointSlice",
    meta("web-x7k2p", "default", 2 * DAY, { labels: { "kubernetes.io/service-name": "web" } }),
    {
      addressType: "IPv4",
      ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      endpoints: [
        { addresses: ["10.244.1.4"], conditions: { ready: true }, nodeName: "worker-1" },
        { addresses: ["10.244.2.7"], conditions: { ready: true }, nodeName: "worker-2" },
        { addresses: ["10.244.2.9"], conditions: { ready: false }, nodeName: "worker-2" },
      ],
    },
  );
  const evs = [
    event(ing, {
      reason: "Sync",
      message: "Scheduled for sync",
      component: "nginx-ingress-controller",
      first: DAY,
      last: 30 * 60_000,
      count: 2,
    }),
  ];
  return { ing, simple, objects: [ing, simple, svc, slice, ...evs] };
}

describe("ingresses", () => {
  it("is networking.k8s.io/v1 ingresses, short name ing, with status", () => {
    const r = ingresses.resource;
    expect([r.group, r.version, r.kind, r.shortNames, r.subresources?.map((s) => s.name)]).toEqual([
      "networking.k8s.io",
      "v1",
      "Ingress",
      ["ing"],
      ["status"],
    ]);
  });

  it("takes the newest default IngressClass when none is named (DefaultIngressClass admission)", async () => {
    const ing = await created("simple", "--rule=/=web:80");
    const ic = (name: string, age: number) =>
      obj(
        "networking.k8s.io/v1",
        "IngressClass",
        meta(name, undefined, age, { annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } }),
        { spec: { controller: "k8s.io/ingress-nginx" } },
      );
    ingresses.strategy?.prepareForCreate?.(ing, strategyContext([ic("old", 2 * DAY), ic("nginx", DAY)]));
    expect([ing.spec?.ingressClassName, ing.status]).toEqual(["nginx", { loadBalancer: {} }]);
  });

  it("validates rules, paths, backends and TLS with the apiserver's messages (ValidateIngressCreate)", async () => {
    const ok = await created("web", "--rule=web.example.com/*=web:80");
    expect(ingresses.validate?.(ok, strategyContext())).toEqual([]);
    const bad: Ingress = obj(
      "networking.k8s.io/v1",
      "Ingress",
      meta("bad", "default", 0, { annotations: { "kubernetes.io/ingress.class": "traefik" } }),
      {
        spec: {
          ingressClassName: "nginx",
          rules: [
            {
              host: "10.0.0.1",
              http: { paths: [{ path: "api", pathType: "Prefix", backend: { service: { name: "Web", port: { number: 80 } } } }] },
            },
            { host: "*.example.com", http: { paths: [{ path: "/", backend: { service: { name: "web" } } }] } },
            {
              host: "a.example.com",
              http: {
                paths: [{ path: "/x", pathType: "Regex", backend: { service: { name: "web", port: { name: "http", number: 80 } } } }],
              },
            },
          ],
          tls: [{ hosts: ["*.bad*.com"], secretName: "Tls" }],
        },
      },
    );
    expect(messages(ingresses.validate?.(bad, strategyContext()) ?? [])).toEqual([
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
      "spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      "spec.rules[1].http.paths[0].pathType: Required value: pathType must be specified",
      'spec.rules[2].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      'spec.rules[2].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
      "spec.tls[0].hosts[0]: Invalid value: \"*.bad*.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "spec.tls[0].secretName: Invalid value: \"Tls\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
    const empty: Ingress = obj("networking.k8s.io/v1", "Ingress", meta("e", "default", 0), { spec: {} });
    expect(messages(ingresses.validate?.(empty, strategyContext()) ?? [])).toEqual([
      "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
    ]);
  });

  it("prints CLASS, HOSTS, ADDRESS and PORTS, ages as duration.HumanDuration (printers.go printIngress)", async () => {
    const { ing, simple } = await world();
    expect(ingresses.table?.rows(ing, { now: NOW })).toEqual([
      ["web", "nginx", "web.example.com,api.example.com", "192.168.49.2", "80, 443", "24h"],
    ]);
    expect(ingresses.table?.rows(simple, { now: NOW })).toEqual([["simple", "<none>", "*", "", "80", "120m"]]);
  });

  it.skipIf(!HAVE_KUBECTL)(
    "describes byte for byte as real kubectl: resolved endpoints, a missing service, TLS, a class-less ingress",
    async () => {
      const { ing, simple, objects } = await world();
      const w = makeWorld([ingresses, ingressclasses, endpointslices, events], objects);
      const r = await describeBothWays(w, NOW, (o, c) => ingresses.describe?.(o, c) ?? "", ing, "ingress");
      expect(r.real.stderr).toBe("");
      expect(r.ours).toBe(r.real.stdout);
      expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
      expect(r.ours).toContain("web:80 (10.244.1.4:8080,10.244.2.7:8080)");
      expect(r.ours).toContain('api:http (<error: services "api" not found>)');
      const s = await describeBothWays(w, NOW, (o, c) => ingresses.describe?.(o, c) ?? "", simple, "ing");
      expect(s.ours).toBe(s.real.stdout);
      await withKubectl(w, NOW, async (kubectl) => {
        expect((await kubectl("get", "ing")).stdout).toBe(
          "NAME     CLASS    HOSTS                             ADDRESS        PORTS     AGE\nsimple   <none>   *                                                80        120m\nweb      nginx    web.example.com,api.example.com   192.168.49.2   80, 443   24h\n",
        );
      });
    },
  );
});
