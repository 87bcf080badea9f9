/**
 * kubectl rollout status for StatefulSets and DaemonSets: the lines of rollout_status.go's
 * StatefulSetStatusViewer and DaemonSetStatusViewer (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * rollout_status.go), streamed on the cluster clock as the Deployment's are.
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { Simulator } from "../../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const TERM = { cols: 120, rows: 30 };

async function cluster() {
  const clock = { t: T0 };
  const sim = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(8), seed: 8, ageMs: 86_400_000 });
  return { sim, clock };
}

/** Runs the foreground program to its end on the injected clock; returns everything it printed. */
async function streamed(sim: Simulator, clock: { t: number }, line: string): Promise<{ out: string; exitCode?: number }> {
  const r = await sim.exec(line, TERM);
  if (r.mode !== "program") return { out: r.output, exitCode: r.exitCode };
  let out = r.screen ?? "";
  let at = r.nextAt ?? clock.t;
  let exitCode: number | undefined;
  for (let i = 0; i < 200 && sim.terminalMode() === "program"; i++) {
    clock.t = at;
    const step = await sim.programTick();
    out += step.output;
    at = step.nextAt ?? at;
    exitCode = step.ended?.exitCode ?? exitCode;
  }
  return { out, exitCode };
}

const STS = (image: string, extra = "") => `cat > sts.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels: {app: web}${extra}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
EOF`;

const DS = `cat > ds.yaml <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep infinity"]
EOF`;

describe("kubectl rollout status statefulset|daemonset", () => {
  it("a StatefulSet: one pod ready after the other, then kubectl's 'partitioned roll out complete' (rollingUpdate.partition is defaulted)", async () => {
    const { sim, clock } = await cluster();
    await sim.exec(STS("nginx:1.27"), TERM);
    await sim.exec("kubectl apply -f sts.yaml", TERM);
    const r = await streamed(sim, clock, "kubectl rollout status sts/web");
    expect(r.out).toBe(
      "Waiting for 3 pods to be ready...\r\nWaiting for 2 pods to be ready...\r\nWaiting for 1 pods to be ready...\r\npartitioned roll out complete: 3 new pods have been updated...\r\n",
    );
    expect(r.exitCode).toBe(0);
    expect((await sim.exec("kubectl get sts web --no-headers")).output).toMatch(/^web +3\/3 /);
  });

  it("a partition holds the roll out at the pods below it; OnDelete has no rollout status", async () => {
    const { sim, clock } = await cluster();
    await sim.exec(STS("nginx:1.27", "\n  updateStrategy:\n    rollingUpdate: {partition: 2}"), TERM);
    await sim.exec("kubectl apply -f sts.yaml", TERM);
    await streamed(sim, clock, "kubectl rollout status sts/web");
    await sim.exec("kubectl set image sts/web nginx=nginx:1.28", TERM);
    const r = await streamed(sim, clock, "kubectl rollout status statefulset web");
    expect(r.out).toContain("partitioned roll out complete: 1 new pods have been updated...\r\n");
    expect((await sim.exec("kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'")).output).toBe(
      "nginx:1.27 nginx:1.27 nginx:1.28",
    );
    await sim.exec(`kubectl patch sts web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`, TERM);
    expect(await sim.exec("kubectl rollout status sts/web", TERM)).toMatchObject({
      output: "error: rollout status is only available for RollingUpdate strategy type\n",
      exitCode: 1,
    });
  });

  it("a DaemonSet: one pod per node, available one after the other, then successfully rolled out", async () => {
    const { sim, clock } = await cluster();
    await sim.exec(DS, TERM);
    await sim.exec("kubectl apply -f ds.yaml", TERM);
    const r = await streamed(sim, clock, "kubectl rollout status ds/agent");
    const lines = r.out.split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^Waiting for daemon set "agent" rollout to finish: [01] of 2 updated pods are available\.\.\.$/);
    expect(lines.at(-1)).toBe('daemon set "agent" successfully rolled out');
    expect(r.exitCode).toBe(0);
    await sim.exec("kubectl set image ds/agent agent=busybox:1.37", TERM);
    const again = await streamed(sim, clock, "kubectl rollout status daemonset/agent");
    expect(again.out).toMatch(/^Waiting for daemon set "agent" rollout to finish: [01] out of 2 new pods have been updated\.\.\.\r\n/);
    expect(again.out.endsWith('daemon set "agent" successfully rolled out\r\n')).toBe(true);
    expect((await sim.exec("kubectl rollout status ds/nosuch")).output).toBe(
      'Error from server (NotFound): daemonsets.apps "nosuch" not found\n',
    );
  });
});
