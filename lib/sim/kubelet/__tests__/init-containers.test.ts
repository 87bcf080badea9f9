/**
 * Init containers, driven as a learner would. The kubelet runs them one at a time, in order, before
 * any regular container (kuberuntime_manager.go computePodActions); the STATUS column is
 * printers.go printPod's (pkg/printers/internalversion/printers.go: "Init:%d/%d", "Init:" + reason,
 * "PodInitializing"); the Initialized condition is status/generate.go GeneratePodInitializedCondition
 * ("containers with incomplete status: %s", ContainersNotInitialized); the phase is kubelet_pods.go
 * getPhase (a failed init container fails a restartPolicy Never pod).
 */
import { describe, expect, it } from "vitest";
import { cluster, manifest } from "../../controllers/__tests__/harness";

const status = async (c: Awaited<ReturnType<typeof cluster>>, pod: string) =>
  (await c.run(`kubectl get pod ${pod} --no-headers`)).split(/ {2,}/).slice(1, 4).join(" | ");
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;

const TWO_INITS = (name: string, first: string, policy = "Always") => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${policy}
  initContainers:
  - name: init-one
    image: busybox:1.36
    command: ["sh", "-c", "${first}"]
  - name: init-two
    image: busybox:1.36
    command: ["sh", "-c", "echo init done"]
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo app up; sleep 3600"]
`;

describe("init containers", () => {
  it("run in order on the clock: Init:0/2, Init:1/2, then Running; their logs and events are their own", async () => {
    const c = await cluster();
    await c.run(manifest("p", TWO_INITS("ordered", "echo first; sleep 5")));
    await c.run("kubectl apply -f p.yaml");
    c.at(0);
    expect(await status(c, "ordered")).toBe("0/1 | Init:0/2 | 0");
    c.at(4);
    expect(await c.run(jp("pod ordered", "{.status.initContainerStatuses[0].state.running.startedAt}"))).not.toBe("");
    expect(await c.run(jp("pod ordered", "{.status.initContainerStatuses[1].state.waiting.reason}"))).toBe("PodInitializing");
    expect(await c.run(jp("pod ordered", "{.status.containerStatuses[0].state.waiting.reason}"))).toBe("PodInitializing");
    expect(await c.run(jp("pod ordered", '{.status.conditions[?(@.type=="Initialized")].message}'))).toBe(
      "containers with incomplete status: [init-one init-two]",
    );
    expect(await c.run(jp("pod ordered", "{.status.phase}"))).toBe("Pending");
    c.at(30);
    expect(await status(c, "ordered")).toBe("1/1 | Running | 0");
    expect(
      await c.run(jp("pod ordered", "{range .status.initContainerStatuses[*]}{.name}={.state.terminated.reason},{.ready} {end}")),
    ).toBe("init-one=Completed,true init-two=Completed,true ");
    expect(await c.run("kubectl logs ordered -c init-one")).toBe("first\n");
    expect(await c.run("kubectl logs ordered -c init-two")).toBe("init done\n");
    // the second init container starts only after the first one exited, the app after both
    const started = await c.run(
      jp(
        "pod ordered",
        "{.status.initContainerStatuses[0].state.terminated.finishedAt} {.status.initContainerStatuses[1].state.terminated.startedAt} {.status.containerStatuses[0].state.running.startedAt}",
      ),
    );
    const [oneDone, twoStart, appStart] = started.split(" ").map((t) => Date.parse(t));
    expect(twoStart).toBeGreaterThanOrEqual(oneDone);
    expect(appStart).toBeGreaterThanOrEqual(twoStart);
    const evs = await c.run(
      jp("events", '{range .items[?(@.involvedObject.name=="ordered")]}{.involvedObject.fieldPath} {.reason} {.message}{"\\n"}{end}'),
    );
    expect(evs).toContain("spec.initContainers{init-one} Created Created container init-one\n");
    expect(evs).toContain("spec.initContainers{init-one} Started Started container init-one\n");
    expect(evs).toContain("spec.initContainers{init-two} Started Started container init-two\n");
    expect(evs).toContain("spec.containers{app} Started Started container app\n");
    expect(evs.indexOf("Started container init-two")).toBeLessThan(evs.indexOf("Started container app"));
  });

  it("PodInitializing while the app's image is pulled after the last init container", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "p",
        TWO_INITS("slowapp", "true").replace(
          'image: busybox:1.36\n    command: ["sh", "-c", "echo app up; sleep 3600"]',
          "image: postgres:17\n    env: [{name: POSTGRES_PASSWORD, value: x}]",
        ),
      ),
    );
    await c.run("kubectl apply -f p.yaml");
    const seen = new Set<string>();
    for (let s = 0; s <= 60; s++) {
      c.at(s);
      seen.add((await status(c, "slowapp")).split(" | ")[1]);
    }
    expect([...seen]).toEqual(["Init:0/2", "Init:1/2", "PodInitializing", "Running"]);
  });

  it("a failing init container: Init:Error, then Init:CrashLoopBackOff with the kubelet's back-off; the app never starts", async () => {
    const c = await cluster();
    await c.run(manifest("p", TWO_INITS("broken", "echo cannot; exit 1")));
    await c.run("kubectl apply -f p.yaml");
    const seen: string[] = [];
    for (let s = 0; s <= 120; s++) {
      c.at(s);
      const st = (await status(c, "broken")).split(" | ")[1];
      if (seen[seen.length - 1] !== st) seen.push(st);
    }
    expect(seen.slice(0, 4)).toEqual(["Init:0/2", "Init:Error", "Init:CrashLoopBackOff", "Init:Error"]);
    expect(await c.run(jp("pod broken", "{.status.phase} {.status.initContainerStatuses[0].restartCount}"))).toMatch(/^Pending [3-5]$/);
    expect(await c.run(jp("pod broken", "{.status.containerStatuses[0].state.waiting.reason}"))).toBe("PodInitializing");
    expect(await c.run("kubectl logs broken -c init-one")).toBe("cannot\n");
    const evs = await c.run(jp("events", '{range .items[?(@.involvedObject.name=="broken")]}{.reason} {.message}{"\\n"}{end}'));
    expect(evs).toMatch(/BackOff Back-off restarting failed container init-one in pod broken_default\(/);
    expect(evs).not.toContain("container init-two");
  });

  it("with restartPolicy Never a failed init container fails the pod: Init:Error, phase Failed", async () => {
    const c = await cluster();
    await c.run(manifest("p", TWO_INITS("once", "exit 3", "Never")));
    await c.run("kubectl apply -f p.yaml");
    c.at(60);
    expect(await status(c, "once")).toBe("0/1 | Init:Error | 0");
    expect(await c.run(jp("pod once", "{.status.phase} {.status.initContainerStatuses[0].state.terminated.exitCode}"))).toBe("Failed 3");
  });

  it("`until nslookup myservice` waits for the Service: the pod initializes only after it is created", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "p",
        TWO_INITS("waiter", "until nslookup myservice; do echo waiting for myservice; sleep 2; done").replace(
          /busybox:1\.36/g,
          "busybox:1.28",
        ),
      ),
    );
    await c.run("kubectl apply -f p.yaml");
    c.at(3600);
    expect(await status(c, "waiter")).toBe("0/1 | Init:0/2 | 0");
    const waiting = await c.run("kubectl logs waiter -c init-one --tail=5");
    expect(waiting).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'myservice'\nwaiting for myservice\n",
    );
    await c.run("kubectl create service clusterip myservice --tcp=80:9376");
    c.at(3620);
    expect(await status(c, "waiter")).toBe("1/1 | Running | 0");
    const ip = await c.run(jp("svc myservice", "{.spec.clusterIP}"));
    expect(await c.run("kubectl logs waiter -c init-one --tail=3")).toBe(
      `\nName:      myservice\nAddress 1: ${ip} myservice.default.svc.cluster.local\n`,
    );
    const done = Date.parse(await c.run(jp("pod waiter", "{.status.initContainerStatuses[0].state.terminated.finishedAt}")));
    const created = Date.parse(await c.run(jp("svc myservice", "{.metadata.creationTimestamp}")));
    // the first lookup after the Service exists succeeds: within one loop period (sleep 2 + the lookup)
    expect(done - created).toBeGreaterThanOrEqual(0);
    expect(done - created).toBeLessThanOrEqual(3000);
  });
});
