/** The `kubernetes` and `kube-dns` services, with their Endpoints and EndpointSlices as the controllers write them. */
import { randomSuffix } from "../../api/meta";
import type { KObject } from "../../api/types";
import type { ClusterConfig } from "../../types";
import { nthIp } from "../ip";
import { type Factory, GR } from "./factory";

type J = Record<string, unknown>;

export function createServices(f: Factory, config: ClusterConfig, pods: KObject[]): void {
  const cpIp = config.controlPlane.ip;
  const svcSpec = (ip: string, ports: J[], selector?: Record<string, string>) => ({
    clusterIP: ip,
    clusterIPs: [ip],
    internalTrafficPolicy: "Cluster",
    ipFamilies: ["IPv4"],
    ipFamilyPolicy: "SingleStack",
    ports,
    ...(selector ? { selector } : {}),
    sessionAffinity: "None",
    type: "ClusterIP",
  });
  f.add(GR.services, {
    apiVersion: "v1",
    kind: "Service",
    metadata: f.meta("kubernetes", 74, { namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } }),
    spec: svcSpec(nthIp(config.serviceSubnet, 1), [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }]),
    status: { loadBalancer: {} },
  });
  const dnsPorts = [
    { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
    { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
    { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
  ];
  const kubeDns = f.add(GR.services, {
    apiVersion: "v1",
    kind: "Service",
    metadata: f.meta("kube-dns", 62, {
      namespace: "kube-system",
      labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    }),
    spec: svcSpec(nthIp(config.serviceSubnet, 10), dnsPorts, { "k8s-app": "kube-dns" }),
    status: { loadBalancer: {} },
  });
  f.add(GR.endpoints, {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: f.meta("kubernetes", 74, { namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } }),
    subsets: [{ addresses: [{ ip: cpIp }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }],
  });
  const dnsPods = pods.filter((p) => p.metadata.labels?.["k8s-app"] === "kube-dns");
  const podAddr = (p: KObject) => ({
    ip: String((p.status as J).podIP),
    nodeName: String((p.spec as J).nodeName),
    targetRef: { kind: "Pod", name: p.metadata.name, namespace: "kube-system", uid: p.metadata.uid },
  });
  f.add(GR.endpoints, {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: f.meta("kube-dns", 55, {
      namespace: "kube-system",
      labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
      annotations: { "endpoints.kubernetes.io/last-change-trigger-time": f.time(54) },
    }),
    subsets: [
      { addresses: dnsPods.map(podAddr), ports: dnsPorts.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })) },
    ],
  });
  f.add(GR.endpointslices, {
    addressType: "IPv4",
    apiVersion: "discovery.k8s.io/v1",
    endpoints: [{ addresses: [cpIp], conditions: { ready: true } }],
    kind: "EndpointSlice",
    metadata: f.meta("kubernetes", 74, { namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" }, generation: 1 }),
    ports: [{ name: "https", port: 6443, protocol: "TCP" }],
  });
  f.add(GR.endpointslices, {
    addressType: "IPv4",
    apiVersion: "discovery.k8s.io/v1",
    endpoints: dnsPods.map((p) => ({
      addresses: [String((p.status as J).podIP)],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: String((p.spec as J).nodeName),
      targetRef: { kind: "Pod", name: p.metadata.name, namespace: "kube-system", uid: p.metadata.uid },
    })),
    kind: "EndpointSlice",
    metadata: f.meta(`kube-dns-${randomSuffix(f.random)}`, 55, {
      namespace: "kube-system",
      generateName: "kube-dns-",
      labels: {
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
        "k8s-app": "kube-dns",
        "kubernetes.io/cluster-service": "true",
        "kubernetes.io/name": "CoreDNS",
        "kubernetes.io/service-name": "kube-dns",
      },
      annotations: { "endpoints.kubernetes.io/last-change-trigger-time": f.time(54) },
      owner: kubeDns,
      generation: 1,
    }),
    ports: dnsPorts.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
  });
}
