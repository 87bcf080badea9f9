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
