/**
 * StatefulSets on the simulated clock, driven through kubectl as a learner would. Expectations from
 * pkg/controller/statefulset (v1.32): stateful_set_control.go (ordering, rolling update),
 * stateful_pod_control.go recordPodEvent (event texts), stateful_set_utils.go (identity labels).
 */
import { describe, expect, it } from "vitest";
import { cluster, manifest, type TestCluster } from "./harness";

const STS = (name: string, image: string, replicas: number, extra = "") => `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
  replicas: ${replicas}${extra}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: main
        image: ${image}
`;
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;
const podLines = '{range .items[*]}{.metadata.name} {.status.phase}{"\\n"}{end}';

/** Steps the clock in half seconds, recording each new set of pod names seen. */
async function watchNames(c: TestCluster, from: number, to: number): Promise<string[]> {
  const seen: string[] = [];
  for (let s = from; s <= to; s += 0.5) {
    c.at(s);
    const names = await c.run(jp("pods -l app=web", "{.items[*].metadata.name}"));
    if (seen[seen.length - 1] !== names) seen.push(names);
  }
  return seen;
}

describe("a StatefulSet of 3 (OrderedReady)", () => {
  it("creates web-0, web-1, web-2 one after the other, each once the previous is Running and Ready", async () => {
    const c = await cluster();
    await c.run(manifest("s", STS("web", "nginx", 3)));
    expect(await c.run("kubectl apply -f s.yaml")).toBe("statefulset.apps/web created\n");
    expect(await c.run(jp("pods -l app=web", podLines))).toBe("web-0 Pending\n");
    const seen = await watchNames(c, 0.5, 40);
    expect(seen).toEqual(["web-0", "web-0 web-1", "web-0 web-1 web-2"]);
    // stateful_set_utils.go initIdentity/updateIdentity and the revision label
    const rev = await c.run(jp("sts web", "{.status.updateRevision}"));
    expect(rev).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(await c.run(jp("pod web-1", "{.metadata.labels}"))).toBe(
      JSON.stringify({
        app: "web",
        "apps.kubernetes.io/pod-index": "1",
        "controller-revision-hash": rev,
        "statefulset.kubernetes.io/pod-name": "web-1",
      }),
    );
    expect(await c.run(jp("pod web-1", "{.spec.hostname} {.spec.subdomain}"))).toBe("web-1 web");
    expect(await c.run(jp("sts web", "{.status}"))).toBe(
      JSON.stringify({
        availableReplicas: 3,
        collisionCount: 0,
        currentReplicas: 3,
        currentRevision: rev,
        observedGeneration: 1,
        readyReplicas: 3,
        replicas: 3,
        updateRevision: rev,
        updatedReplicas: 3,
      }),
    );
    expect(await c.run(jp("controllerrevisions", "{.items[*].metadata.name}"))).toBe(rev);
    const events = await c.run(
      jp("events --field-selector involvedObject.kind=StatefulSet", '{range .items[*]}{.reason} {.message}{"\\n"}{end}'),
    );
    expect(events).toBe([0, 1, 2].map((i) => `SuccessfulCreate create Pod web-${i} in StatefulSet web successful\n`).join(""));
  });

  it("does not create web-1 while web-0 cannot start", async () => {
    const c = await cluster();
    await c.run(manifest("s", STS("web", "nginx:no-such-tag", 3)));
    await c.run("kubectl apply -f s.yaml");
    c.at(120);
    expect(await c.run(jp("pods -l app=web", "{.items[*].metadata.name}"))).toBe("web-0");
    expect(await c.run(jp("sts web", "{.status.replicas} {.status.readyReplicas}"))).toBe("1 ");
  });

  it("scales down from the highest ordinal, and Parallel creates every pod at once", async () => {
    const c = await cluster();
    await c.run(manifest("s", STS("web", "nginx", 4)));
    await c.run("kubectl apply -f s.yaml");
    c.at(60);
    expect(await c.run("kubectl scale sts web --replicas=1")).toBe("statefulset.apps/web scaled\n");
    expect(await c.run(jp("pods -l app=web", "{.items[*].metadata.name}"))).toBe("web-0");
    const deletes = await c.run(jp("events --field-selector reason=SuccessfulDelete", '{range .items[*]}{.message}{"\\n"}{end}'));
    expect(deletes).toBe(["web-3", "web-2", "web-1"].map((p) => `delete Pod ${p} in StatefulSet web successful\n`).join(""));

    await c.run(manifest("p", STS("par", "nginx", 3, "\n  podManagementPolicy: Parallel")));
    await c.run("kubectl apply -f p.yaml");
    expect(await c.run(jp("pods -l app=par", "{.items[*].metadata.name}"))).toBe("par-0 par-1 par-2");
  });

  it("rolls a new image out from the highest ordinal down, one pod at a time", async () => {
    const c = await cluster();
    await c.run(manifest("s", STS("web", "nginx:1.27", 3)));
    await c.run("kubectl apply -f s.yaml");
    c.at(60);
    const before = await c.run(jp("sts web", "{.status.currentRevision}"));
    await c.run("kubectl set image sts/web main=nginx:1.28");
    const order: string[] = [];
    for (let s = 60.5; s <= 120; s += 0.5) {
      c.at(s);
      const out = await c.run(jp("pods -l app=web", "{range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}"));
      for (const m of out.matchAll(/(web-\d)=nginx:1\.28/g)) if (!order.includes(m[1])) order.push(m[1]);
    }
    expect(order).toEqual(["web-2", "web-1", "web-0"]);
    const [current, update, updated] = (
      await c.run(jp("sts web", "{.status.currentRevision} {.status.updateRevision} {.status.updatedReplicas}"))
    ).split(" ");
    expect(current).toBe(update);
    expect(current).not.toBe(before);
    expect(updated).toBe("3");
    expect((await c.run(jp("controllerrevisions", "{.items[*].revision}"))).split(" ").sort()).toEqual(["1", "2"]);
  });
});
