/**
 * Probes on the simulated clock, as a learner meets them: apply, let time pass, describe.
 * Texts: pkg/kubelet/prober/prober.go ("%s probe failed: %s"), pkg/probe/http/http.go
 * ("HTTP probe failed with statuscode: %d"), Go's net/http and net dial errors, and
 * kuberuntime_manager.go computePodActions ("Container %s failed %s probe, will be restarted").
 */
import { describe, expect, it } from "vitest";
import { cluster, manifest, type TestCluster } from "../../controllers/__tests__/harness";

const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;
const events = (pod: string) =>
  jp("events", `{range .items[?(@.involvedObject.name=="${pod}")]}{.type} {.reason} {.count} {.message}{"\\n"}{end}`);

async function podWith(name: string, image: string, container: string): Promise<TestCluster> {
  const c = await cluster();
  await c.run(
    manifest(
      "p",
      `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: main
    image: ${image}
${container.replace(/^/gm, "    ")}
`,
    ),
  );
  expect(await c.run("kubectl apply -f p.yaml")).toBe(`pod/${name} created\n`);
  return c;
}

describe("liveness probes", () => {
  it("httpGet on nginx's port 80 keeps it running; on 8080 it fails three times, is killed and restarted", async () => {
    const ok = await podWith("good", "nginx", "livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}");
    ok.at(60);
    expect(await ok.run(jp("pod good", "{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready}"))).toBe("0 true");
    expect(await ok.run(events("good"))).not.toContain("Unhealthy");

    const c = await podWith(
      "bad",
      "nginx",
      "livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 5, failureThreshold: 3}",
    );
    c.at(12);
    const ip = await c.run(jp("pod bad", "{.status.podIP}"));
    expect(await c.run(events("bad"))).not.toContain("Killing");
    c.at(19);
    const ev = await c.run(events("bad"));
    // three failures (and perhaps the restarted container's first) at 5 s intervals, one kill
    expect(ev).toMatch(
      new RegExp(
        `Warning Unhealthy [34] Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused\n`.replace(
          /\./g,
          "\\.",
        ),
      ),
    );
    expect(ev).toContain("Normal Killing 1 Container main failed liveness probe, will be restarted\n");
    // nginx exits 0 on SIGTERM; the kubelet starts it again
    expect(
      await c.run(jp("pod bad", "{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.reason}")),
    ).toBe("1 Completed");
  });

  it("a page nginx does not have is a 404", async () => {
    const c = await podWith("nf", "nginx", "livenessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5}");
    c.at(12);
    expect(await c.run(events("nf"))).toMatch(/Warning Unhealthy \d Liveness probe failed: HTTP probe failed with statuscode: 404\n/);
  });

  it("exec cat of a file the script removes: busybox's message, then Killing after the grace period, exit 137", async () => {
    const c = await podWith(
      "live",
      "busybox",
      `args: [/bin/sh, -c, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
livenessProbe:
  exec: {command: [cat, /tmp/healthy]}
  initialDelaySeconds: 5
  periodSeconds: 5`,
    );
    c.at(25);
    expect(await c.run(events("live"))).not.toContain("Unhealthy");
    // kubectl exec sees the same file
    expect(await c.run("kubectl exec live -- ls /tmp")).toBe("healthy\n");
    c.at(50);
    const ev = await c.run(events("live"));
    expect(ev).toContain("Warning Unhealthy 3 Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(ev).toContain("Normal Killing 1 Container main failed liveness probe, will be restarted\n");
    expect(await c.run("kubectl exec live -- ls /tmp")).toBe("");
    c.at(90);
    expect(
      await c.run(
        jp("pod live", "{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}"),
      ),
    ).toBe("1 137");
  });
});

describe("readiness and startup probes", () => {
  it("tcpSocket readiness on a closed port keeps the pod unready, with Unhealthy events", async () => {
    const c = await podWith("rd", "nginx", "readinessProbe: {tcpSocket: {port: 81}, periodSeconds: 3}");
    c.at(20);
    expect(await c.run("kubectl get pod rd --no-headers")).toMatch(/^rd +0\/1 +Running +0 /);
    const ip = await c.run(jp("pod rd", "{.status.podIP}"));
    expect(await c.run(events("rd"))).toMatch(
      new RegExp(`Warning Unhealthy \\d+ Readiness probe failed: dial tcp ${ip.replace(/\./g, "\\.")}:81: connect: connection refused\\n`),
    );
  });

  it("a startup probe holds started and ready until it passes", async () => {
    const c = await podWith("st", "nginx", "startupProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 10, periodSeconds: 5}");
    c.at(6);
    expect(await c.run(jp("pod st", "{.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}"))).toBe("false false");
    c.at(20);
    expect(await c.run(jp("pod st", "{.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}"))).toBe("true true");
  });
});

describe("a long absence", () => {
  const spec = `readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10}`;
  const view = (c: TestCluster) =>
    c.run(
      jp(
        "pod web",
        '{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready} {.status.conditions[?(@.type=="Ready")].status}',
      ),
    );

  it("jumps probes that keep passing: a day settled at once looks as a day settled hour by hour, for a few dozen events instead of 95,000", async () => {
    const once = await podWith("web", "nginx", spec);
    once.at(60);
    const seqBefore = once.engine.state.timeline?.nextSeq ?? 0;
    once.at(60 + 86_400);
    const atOnce = await view(once);
    // 86,400 readiness runs and 8,640 liveness runs if every run were an event
    expect((once.engine.state.timeline?.nextSeq ?? 0) - seqBefore).toBeLessThan(50);

    const hourly = await podWith("web", "nginx", spec);
    for (let h = 0; h <= 24; h++) {
      hourly.at(60 + h * 3600);
      await view(hourly);
    }
    expect(atOnce).toBe("0 true True");
    expect(await view(hourly)).toBe(atOnce);
    expect(await once.run(events("web"))).not.toContain("Unhealthy");
  });

  it("counts a failing readiness probe's runs over a day as each run would, without running each", async () => {
    const spec = "readinessProbe: {tcpSocket: {port: 81}, periodSeconds: 10}";
    const unhealthy = (c: TestCluster) =>
      c.run(jp("events", '{range .items[?(@.reason=="Unhealthy")]}{.count} {.firstTimestamp} {.lastTimestamp}{"\\n"}{end}'));
    const once = await podWith("rd", "nginx", spec);
    once.at(60);
    await once.run("true");
    const seqBefore = once.engine.state.timeline?.nextSeq ?? 0;
    once.at(60 + 86_400);
    const atOnce = await unhealthy(once);
    expect((once.engine.state.timeline?.nextSeq ?? 0) - seqBefore).toBeLessThan(100); // 8,640 runs if each were an event

    const hourly = await podWith("rd", "nginx", spec);
    for (let h = 0; h <= 24; h++) {
      hourly.at(60 + h * 3600);
      await hourly.run("true");
    }
    expect(await unhealthy(hourly)).toBe(atOnce);
    // one event, counted up every 10 s for a day (and still unready)
    expect(Number(atOnce.split(" ")[0])).toBeGreaterThan(8_600);
    expect(await once.run("kubectl get pod rd --no-headers")).toMatch(/^rd +0\/1 +Running +0 /);
  });
});
