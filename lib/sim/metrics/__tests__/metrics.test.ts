/**
 * The usage model (metrics/usage.ts) and what metrics-server serves when (metrics/server.ts):
 * the scrape timing of metrics-server v0.7.2 (pkg/server/server.go: a tick at start and every
 * --metric-resolution=15s; pkg/storage/storage.go Ready once a node has two points;
 * pkg/storage/pod.go: a container 10s-15s old at a scrape gets a point from its start) and the
 * aggregator's 503 while the APIService is not Available.
 */
import { describe, expect, it } from "vitest";
import type { Container } from "../../kinds/pods/types";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";
import { containerUsage, isBusyLoop, shareNodeCpu } from "../usage";

const MI = 1024 * 1024;
const c = (image: string, extra: Partial<Container> = {}): Container => ({ name: "c", image, ...extra });

describe("the usage model", () => {
  it("gives an idle container its image's figure, and a busy loop one CPU", () => {
    expect(containerUsage(c("nginx:1.27"))).toEqual({ cpu: 0, memory: Math.round(3.1 * MI) });
    expect(containerUsage(c("redis"))).toEqual({ cpu: 2_000_000, memory: Math.round(3.4 * MI) });
    expect(containerUsage(c("busybox", { command: ["sh", "-c", "while true; do :; done"] })).cpu).toBe(1_000_000_000);
    expect(containerUsage(c("busybox", { command: ["sh", "-c", "while true; do echo hi; sleep 5; done"] })).cpu).toBe(0);
    expect(containerUsage(c("example.com/unknown:1")).cpu).toBe(1_000_000);
  });

  it("shares a node's CPUs among busy containers by their requests once they would pass its capacity", () => {
    const busy = (request?: string) => ({
      spec: c("busybox", request ? { resources: { requests: { cpu: request } } } : {}),
      usage: { cpu: 1_000_000_000, memory: 0 },
    });
    const idle = { spec: c("redis"), usage: { cpu: 2_000_000, memory: 0 } };
    // 2 CPUs, 100m of daemons: 1900m left for 3002m of demand. Weights 300, 100, 2 and 2: the idle
    // container and the 300m one use less than their fair shares and keep it; the other two
    // split the remaining 898m by 100 : 2.
    const heavy = busy("300m");
    const light = busy("100m");
    const none = busy();
    shareNodeCpu([heavy, light, none, idle], 2_000_000_000, 100_000_000);
    expect(idle.usage.cpu).toBe(2_000_000);
    expect(heavy.usage.cpu).toBe(1_000_000_000);
    expect(light.usage.cpu).toBe(Math.floor((898_000_000 * 100) / 102));
    expect(none.usage.cpu).toBe(Math.floor((898_000_000 * 2) / 102));
    expect(idle.usage.cpu + heavy.usage.cpu + light.usage.cpu + none.usage.cpu).toBeLessThanOrEqual(1_900_000_000);
    // what fits is left alone
    const alone = busy("100m");
    shareNodeCpu([alone], 2_000_000_000, 100_000_000);
    expect(alone.usage.cpu).toBe(1_000_000_000);
  });

  it("knows the busy loops learners write", () => {
    expect(isBusyLoop(["sh", "-c", "while :; do :; done"])).toBe(true);
    expect(isBusyLoop(["yes"])).toBe(true);
    expect(isBusyLoop(["sh", "-c", "md5sum /dev/zero"])).toBe(true);
    expect(isBusyLoop(["sh", "-c", "dd if=/dev/zero of=/dev/null"])).toBe(true);
    expect(isBusyLoop(["sh", "-c", "while true; do sleep 1; done"])).toBe(false);
    expect(isBusyLoop(["nginx", "-g", "daemon off;"])).toBe(false);
  });

  it("caps usage at the container's limits (CFS quota, the memory cgroup)", () => {
    const busy = c("busybox", { command: ["sh", "-c", "while true; do :; done"], resources: { limits: { cpu: "200m", memory: "1Mi" } } });
    expect(containerUsage(busy).cpu).toBe(200_000_000);
    expect(containerUsage(c("mysql", { resources: { limits: { memory: "256Mi" } } })).memory).toBe(256 * MI);
  });
});

describe("metrics-server's scrapes", () => {
  const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
  async function cluster() {
    let now = T0;
    const sim = await Simulator.create({ clock: { now: () => now }, keys: new DeterministicKeySource(4), seed: 7 });
    return { sim, at: (ms: number) => (now = T0 + ms), run: async (l: string) => (await sim.exec(l)).output };
  }

  it("serves a new pod's metrics once it ran 10s before a scrape, and sums its busy loop into the node", async () => {
    const { at, run } = await cluster();
    await run("kubectl run spin --image=busybox -- sh -c 'while true; do :; done'");
    expect(await run("kubectl top pod")).toBe("error: metrics not available yet\n");
    at(60_000);
    expect(await run("kubectl top pod --no-headers")).toMatch(/^spin +1000m +0Mi +\n$/);
    const json = JSON.parse(await run("kubectl get pods.metrics.k8s.io spin -o json")) as { window: string; containers: unknown[] };
    expect(json.window).toBe("15s");
    expect(json.containers).toEqual([{ name: "spin", usage: { cpu: "1", memory: "419430" } }]);
  });

  it("answers 503 while the APIService is not Available, and not at all without it", async () => {
    const { run } = await cluster();
    await run("kubectl -n kube-system scale deploy metrics-server --replicas=0");
    expect(await run("kubectl get apiservice v1beta1.metrics.k8s.io --no-headers")).toMatch(
      /^v1beta1\.metrics\.k8s\.io +kube-system\/metrics-server +False \(MissingEndpoints\) +\S+\n$/,
    );
    expect(await run("kubectl top node")).toBe(
      "Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n",
    );
    expect(await run("kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[0].message}'")).toBe(
      'endpointslices for service/metrics-server in "kube-system" have no addresses with port name "https"',
    );
    await run("kubectl delete apiservice v1beta1.metrics.k8s.io");
    expect(await run("kubectl top pod")).toBe("error: Metrics API not available\n");
  });

  it("comes back once a new metrics-server pod is Ready (readiness after 20s, past its second scrape at 15s)", async () => {
    const { at, run } = await cluster();
    await run("kubectl -n kube-system scale deploy metrics-server --replicas=0");
    at(60_000);
    await run("kubectl -n kube-system scale deploy metrics-server --replicas=1");
    at(65_000);
    expect(await run("kubectl top node")).toMatch(/^Error from server \(ServiceUnavailable\)/);
    at(180_000);
    expect(await run("kubectl top node --no-headers")).toMatch(/^controlplane +\d+m +\d+% +\d+Mi +\d+% +\nnode01 /);
  });
});
