/**
 * DaemonSets through kubectl. Expectations from pkg/controller/daemon (v1.32): daemon_controller.go
 * (one pod per eligible node, nodeShouldRunDaemonPod), util/daemonset_util.go (tolerations, node
 * affinity), update.go (rolling update within maxUnavailable), controller_utils.go (event texts).
 */
import { describe, expect, it } from "vitest";
import { cluster, manifest } from "./harness";

const DS = (name: string, image: string, extra = "") => `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:${extra}
      containers:
      - name: main
        image: ${image}
`;
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;
const SAFE = "[bcdfghjklmnpqrstvwxz2456789]";

describe("a DaemonSet", () => {
  it("runs one pod per worker, none on the tainted control plane, with the daemon tolerations", async () => {
    const c = await cluster();
    const nodes = (await c.run(jp("nodes", "{.items[*].metadata.name}"))).split(" ");
    const workers = nodes.filter((n) => n !== "controlplane");
    expect(workers.length).toBeGreaterThan(0);
    await c.run(manifest("d", DS("agent", "nginx:1.27")));
    expect(await c.run("kubectl apply -f d.yaml")).toBe("daemonset.apps/agent created\n");
    c.at(30);
    const pods = await c.run(jp("pods -l app=agent", '{range .items[*]}{.metadata.name} {.spec.nodeName} {.status.phase}{"\\n"}{end}'));
    const lines = pods.trim().split("\n");
    expect(lines).toHaveLength(workers.length);
    expect(lines.map((l) => l.split(" ")[1]).sort()).toEqual([...workers].sort());
    for (const l of lines) expect(l).toMatch(new RegExp(`^agent-${SAFE}{5} \\S+ Running$`));
    const n = workers.length;
    expect(await c.run(jp("ds agent", "{.status}"))).toBe(
      JSON.stringify({
        currentNumberScheduled: n,
        desiredNumberScheduled: n,
        numberAvailable: n,
        numberMisscheduled: 0,
        numberReady: n,
        observedGeneration: 1,
        updatedNumberScheduled: n,
      }),
    );
    const first = lines[0].split(" ")[0];
    // daemonset_util.go AddOrUpdateDaemonPodTolerations, then admission's defaults (none: already tolerated)
    expect(await c.run(jp(`pod ${first}`, "{range .spec.tolerations[*]}{.key}:{.effect} {end}"))).toBe(
      "node.kubernetes.io/not-ready:NoExecute node.kubernetes.io/unreachable:NoExecute node.kubernetes.io/disk-pressure:NoSchedule node.kubernetes.io/memory-pressure:NoSchedule node.kubernetes.io/pid-pressure:NoSchedule node.kubernetes.io/unschedulable:NoSchedule ",
    );
    expect(
      await c.run(
        jp(
          `pod ${first}`,
          "{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}",
        ),
      ),
    ).toBe(lines[0].split(" ")[1]);
    const hash = await c.run(jp(`pod ${first}`, "{.metadata.labels.controller-revision-hash}"));
    expect(await c.run(jp(`pod ${first}`, "{.metadata.labels.pod-template-generation}"))).toBe("1");
    expect(await c.run(jp("controllerrevisions", "{.items[*].metadata.name}"))).toContain(`agent-${hash}`);
    const events = await c.run(
      jp("events --field-selector involvedObject.kind=DaemonSet", '{range .items[*]}{.reason} {.message}{"\\n"}{end}'),
    );
    expect(events.match(new RegExp(`SuccessfulCreate Created pod: agent-${SAFE}{5}\\n`, "g"))).toHaveLength(n);
  });

  it("runs on the control plane too when the template tolerates its taint", async () => {
    const c = await cluster();
    const nodes = (await c.run(jp("nodes", "{.items[*].metadata.name}"))).split(" ");
    await c.run(
      manifest(
        "d",
        DS(
          "agent",
          "nginx:1.27",
          "\n      tolerations:\n      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}",
        ),
      ),
    );
    await c.run("kubectl apply -f d.yaml");
    c.at(30);
    expect((await c.run(jp("pods -l app=agent", "{.items[*].spec.nodeName}"))).split(" ").sort()).toEqual([...nodes].sort());
    expect(await c.run(jp("ds agent", "{.status.desiredNumberScheduled} {.status.numberReady}"))).toBe(`${nodes.length} ${nodes.length}`);
  });

  it("rolls a new image out one node at a time (maxUnavailable 1) and leaves the bootstrap DaemonSets alone", async () => {
    const c = await cluster();
    const before = await c.run(jp("pods -n kube-system -l k8s-app=kube-proxy", "{.items[*].metadata.name}"));
    await c.run(manifest("d", DS("agent", "nginx:1.27", `\n      tolerations:\n      - {operator: Exists}`)));
    await c.run("kubectl apply -f d.yaml");
    c.at(30);
    const nodes = Number(await c.run(jp("ds agent", "{.status.desiredNumberScheduled}")));
    expect(nodes).toBeGreaterThanOrEqual(2);
    await c.run("kubectl set image ds/agent main=nginx:1.28");
    let mixed = 0;
    for (let s = 30.5; s <= 90; s += 0.5) {
      c.at(s);
      const images = (await c.run(jp("pods -l app=agent", "{.items[*].spec.containers[0].image}"))).split(" ");
      if (images.includes("nginx:1.27") && images.includes("nginx:1.28")) mixed++;
      // update.go rollingUpdate: never more than maxUnavailable (1) node without an available pod
      expect(Number(await c.run(jp("ds agent", "{.status.numberAvailable}")))).toBeGreaterThanOrEqual(nodes - 1);
    }
    expect(mixed).toBeGreaterThan(0);
    expect(await c.run(jp("pods -l app=agent", "{.items[*].spec.containers[0].image}"))).toBe(Array(nodes).fill("nginx:1.28").join(" "));
    expect(await c.run(jp("ds agent", "{.status.updatedNumberScheduled} {.status.numberAvailable}"))).toBe(`${nodes} ${nodes}`);
    expect(await c.run(jp("pods -l app=agent", "{.items[*].metadata.labels.pod-template-generation}"))).toBe(
      Array(nodes).fill("2").join(" "),
    );
    expect(await c.run(jp("pods -n kube-system -l k8s-app=kube-proxy", "{.items[*].metadata.name}"))).toBe(before);
  });
});
