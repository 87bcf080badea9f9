/**
 * A worker's kubelet stopped or broken, as the control plane sees it. Expectations from the Go
 * sources (v1.32): pkg/controller/nodelifecycle/node_lifecycle_controller.go (tryUpdateNodeHealth:
 * Unknown, "NodeStatusUnknown", "Kubelet stopped posting node status."; the unreachable taints),
 * pkg/controller/nodelifecycle/config/v1alpha1/defaults.go with kubernetes/kubernetes#126287
 * (grace 50 s), pkg/controller/tainteviction/taint_eviction.go ("TaintManagerEviction",
 * "Marking for deletion Pod %s", getMinTolerationTime), plugin/pkg/admission/defaulttolerationseconds
 * (300 s), cmd/kubelet/app/server.go and component-base/cli/run.go (the start errors),
 * pkg/kubelet/nodestatus/setters.go (KubeletReady, "kubelet is posting ready status").
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { startErrorOf, RESTART_PERIOD_MS } from "../../nodes/kubelet-health";
import { Simulator } from "../../simulator";
import type { PodSpec } from "../../kinds/pods/types";
import { graceExpiry, kubeletTransitions } from "../node-monitor";
import { evictionTime } from "../taint-eviction";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;

async function sim() {
  const clock = { t: T0 };
  const s = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(5), seed: 3, ageMs: 3_600_000 });
  return { s, clock, run: async (l: string) => (await s.exec(l)).output, at: (sec: number) => (clock.t = T0 + sec * 1000) };
}

describe("the node monitor's timing and the taint eviction's choice", () => {
  it("finds a silent node at the first 5 s monitor pass 50 s after its last 10 s lease renewal", () => {
    expect(graceExpiry(0, 23_000)).toBe(70_000);
    expect(graceExpiry(0, 20_000)).toBe(70_000);
    expect(graceExpiry(0, 29_999)).toBe(70_000);
    expect(graceExpiry(1_000, 10_500)).toBe(51_000);
  });

  it("evicts at once without a toleration, after the shortest tolerationSeconds, never with a toleration without seconds", () => {
    const taints = [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2026-11-30T08:00:00Z" }];
    const added = Date.parse("2026-11-30T08:00:00Z");
    const pod = (tolerations: NonNullable<PodSpec["tolerations"]>) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", uid: "u", namespace: "default", resourceVersion: "1", creationTimestamp: "2026-11-30T08:00:00Z" },
      spec: { containers: [], tolerations },
    });
    const dflt = { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 };
    expect(evictionTime(pod([]), taints, 0)).toBe(added);
    expect(evictionTime(pod([dflt]), taints, 0)).toBe(added + 300_000);
    expect(evictionTime(pod([dflt, { operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }]), taints, 0)).toBe(added + 60_000);
    expect(evictionTime(pod([{ operator: "Exists" }]), taints, 0)).toBeUndefined();
    expect(evictionTime(pod([{ key: "other", operator: "Exists", effect: "NoExecute", tolerationSeconds: 5 }]), taints, 0)).toBe(added);
  });

  it("words the kubelet's start errors as cmd/kubelet does", () => {
    const files: Record<string, string> = {
      "/var/lib/kubelet/config.yaml":
        "kind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n",
      "/etc/kubernetes/pki/ca.crt": "CA",
      "/etc/kubernetes/kubelet.conf":
        "apiVersion: v1\nclusters:\n- cluster:\n    server: https://172.30.1.2:6443\n  name: c\ncontexts:\n- context:\n    cluster: c\n  name: x\ncurrent-context: x\n",
    };
    const read = (over: Record<string, string | undefined>) => (p: string) => (p in over ? over[p] : files[p]);
    expect(startErrorOf(read({}))).toBeUndefined();
    expect(startErrorOf(read({ "/var/lib/kubelet/config.yaml": undefined }))).toBe(
      'failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file "/var/lib/kubelet/config.yaml", error: open /var/lib/kubelet/config.yaml: no such file or directory',
    );
    expect(startErrorOf(read({ "/var/lib/kubelet/config.yaml": "" }))).toBe(
      'failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error kubelet config file "/var/lib/kubelet/config.yaml" was empty',
    );
    expect(startErrorOf(read({ "/etc/kubernetes/pki/ca.crt": undefined }))).toBe(
      "failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/ca.crt: open /etc/kubernetes/pki/ca.crt: no such file or directory",
    );
    expect(startErrorOf(read({ "/etc/kubernetes/kubelet.conf": undefined }))).toBe(
      "failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory",
    );
  });

  it("lets a stop shorter than the grace period go unseen, and sees a fixed crash loop come back at its next try", () => {
    const unit = (history: { at: number; action: "start" | "stop"; pid: number }[], active = true) => ({
      active,
      since: history.at(-1)?.at ?? 0,
      pid: 9,
      history,
    });
    const seen = { posting: true, since: 0 };
    const blip = kubeletTransitions(seen, {
      unit: unit([
        { at: 10, action: "stop", pid: 9 },
        { at: 20, action: "start", pid: 10 },
      ]),
      configChangedAt: 0,
    });
    expect(blip).toEqual([
      { at: 10, posting: false },
      { at: 20, posting: true },
    ]);
    const fixedLater = kubeletTransitions(
      { posting: false, since: 1000 },
      { unit: unit([{ at: 1000, action: "start", pid: 9 }]), configChangedAt: 1000 + 25_000 },
    );
    expect(fixedLater).toEqual([{ at: 1000 + 3 * RESTART_PERIOD_MS, posting: true }]);
  });
});

describe("a worker whose kubelet stops", () => {
  it("goes NotReady after the grace period, its pods are evicted after 300 s, and it comes back when the kubelet starts", async () => {
    const { s, run, at } = await sim();
    await run("kubectl create deployment web --image=nginx --replicas=2");
    at(20);
    expect(await run(jp("pods", "{.items[*].spec.nodeName}"))).toBe("node01 node01");
    at(100);
    expect(await run("ssh node01 systemctl stop kubelet")).toBe("");
    at(149);
    expect(await run(jp("node node01", '{.status.conditions[?(@.type=="Ready")].status}'))).toBe("True");
    at(150);
    // stopped at 100 s: last renewal 100 s after boot's 10 s ticks, +50 s, on a 5 s pass
    expect(await run(jp("node node01", '{range .status.conditions[*]}{.type}={.status}/{.reason}/{.message}{"\\n"}{end}'))).toBe(
      [
        "NetworkUnavailable=False/CalicoIsUp/Calico is running on this node",
        "MemoryPressure=Unknown/NodeStatusUnknown/Kubelet stopped posting node status.",
        "DiskPressure=Unknown/NodeStatusUnknown/Kubelet stopped posting node status.",
        "PIDPressure=Unknown/NodeStatusUnknown/Kubelet stopped posting node status.",
        "Ready=Unknown/NodeStatusUnknown/Kubelet stopped posting node status.",
        "",
      ].join("\n"),
    );
    expect(await run(jp("node node01", '{range .spec.taints[*]}{.key}:{.effect}{" "}{end}'))).toBe(
      "node.kubernetes.io/unreachable:NoSchedule node.kubernetes.io/unreachable:NoExecute ",
    );
    expect((await run("kubectl get nodes")).split("\n")[2]).toMatch(/^node01 +NotReady +<none> /);
    expect(await run(jp("pods", '{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{" "}{end}'))).toBe("False False ");
    at(449);
    expect(await run(jp("pods", "{.items[*].metadata.deletionTimestamp}"))).toBe("");
    at(450);
    // 300 s (DefaultTolerationSeconds) after the taint: deleted gracefully; nobody finishes it while the kubelet is away
    const pods = (
      await run(jp("pods", '{range .items[*]}{.metadata.name} {.spec.nodeName} {.metadata.deletionTimestamp} {.status.phase}{"\\n"}{end}'))
    )
      .trim()
      .split("\n");
    expect(pods, pods.join("\n")).toHaveLength(4);
    expect(
      pods.filter((p) => / node01 2026-11-30T08:08:00Z Running$/.test(p)),
      pods.join("\n"),
    ).toHaveLength(2);
    expect(pods.filter((p) => /^\S+ {3}Pending$/.test(p))).toHaveLength(2);
    const events = await run(
      "kubectl get events --field-selector reason=TaintManagerEviction -o jsonpath='{range .items[*]}{.source.component}: {.message}{\"\\n\"}{end}'",
    );
    expect(events.trim().split("\n")).toHaveLength(2);
    expect(events).toMatch(/^taint-eviction-controller: Marking for deletion Pod default\/web-\w+-\w+$/m);
    expect(await run("kubectl get events --field-selector reason=FailedScheduling -o jsonpath='{.items[0].message}'")).toContain(
      "1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }",
    );

    at(500);
    expect(await run("ssh node01 systemctl start kubelet")).toBe("");
    at(505);
    expect(await run(jp("node node01", '{range .status.conditions[?(@.type=="Ready")]}{.status}/{.reason}/{.message}{end}'))).toBe(
      "True/KubeletReady/kubelet is posting ready status",
    );
    expect(await run(jp("node node01", "{.spec.taints}"))).toBe("");
    at(530);
    expect(await run(jp("pods", "{range .items[*]}{.spec.nodeName}/{.status.phase} {end}"))).toBe("node01/Running node01/Running ");
    void s;
  });

  it("leaves a pod bound to a node whose kubelet is down Pending, with nothing a kubelet writes, until the kubelet is back", async () => {
    // nobody syncs the pod: only the scheduler's PodScheduled condition; kubectl's STATUS is the phase
    const { run, at } = await sim();
    at(100);
    await run("ssh node01 systemctl stop kubelet");
    at(105);
    await run("kubectl run p --image=nginx");
    at(130);
    expect(
      await run(jp("pod p", "{.spec.nodeName} {.status.phase} {.status.hostIP}{.status.containerStatuses} {.status.conditions[*].type}")),
    ).toBe("node01 Pending  PodScheduled");
    expect((await run("kubectl get pod p --no-headers")).split(/ +/).slice(0, 3)).toEqual(["p", "0/1", "Pending"]);
    await run("ssh node01 systemctl start kubelet");
    at(160);
    expect((await run("kubectl get pod p --no-headers")).split(/ +/).slice(0, 3)).toEqual(["p", "1/1", "Running"]);
  });

  it("lists the node's events in describe node: the controllers' by the node's uid, the kubelet's by its name", async () => {
    // describe.go DescribeNode searches twice (controllers record involvedObject.uid = the node's
    // uid, the kubelet its name: kubelet.go's nodeRef), appends the lists, and DescribeEvents sorts
    // them by lastTimestamp
    const { run, at } = await sim();
    at(100);
    await run("ssh node01 systemctl stop kubelet");
    at(200);
    await run("ssh node01 systemctl start kubelet");
    at(230);
    const describe = (await run("kubectl describe node node01")).split("\n");
    expect(describe.slice(describe.indexOf("Events:"))).toEqual([
      "Events:",
      "  Type    Reason                   Age   From             Message",
      "  ----    ------                   ----  ----             -------",
      "  Normal  NodeNotReady             80s   node-controller  Node node01 status is now: NodeNotReady",
      "  Normal  Starting                 30s   kubelet          Starting kubelet.",
      "  Normal  NodeAllocatableEnforced  30s   kubelet          Updated Node Allocatable limit across pods",
      "  Normal  NodeHasSufficientMemory  30s   kubelet          Node node01 status is now: NodeHasSufficientMemory",
      "  Normal  NodeHasNoDiskPressure    30s   kubelet          Node node01 status is now: NodeHasNoDiskPressure",
      "  Normal  NodeHasSufficientPID     30s   kubelet          Node node01 status is now: NodeHasSufficientPID",
      "  Normal  NodeReady                30s   kubelet          Node node01 status is now: NodeReady",
      "",
    ]);
    const refs = await run(
      "kubectl get events --field-selector source=kubelet,reason=Starting -o jsonpath='{range .items[*]}{.involvedObject}{\"\\n\"}{end}'",
    );
    expect(refs).toBe('{"kind":"Node","name":"node01","uid":"node01"}\n');
  });

  it("crash-loops on a missing client CA: status and journal say why, and the fixed file brings the node back at the next try", async () => {
    const { s, run, at } = await sim();
    await s.exec("ssh node01");
    await run("mv /etc/kubernetes/pki/ca.crt /root/ca.crt");
    at(100);
    await run("systemctl restart kubelet");
    at(105);
    const status = await s.exec("systemctl status kubelet");
    expect(status.exitCode).toBe(3);
    expect(status.output).toContain(
      "     Active: activating (auto-restart) (Result: exit-code) since Mon 2026-11-30 08:01:40 UTC; 4s ago\n",
    );
    expect(status.output).toMatch(
      / {4}Process: \d+ ExecStart=\/usr\/bin\/kubelet \$KUBELET_KUBECONFIG_ARGS .* \(code=exited, status=1\/FAILURE\)\n/,
    );
    const isActive = await s.exec("systemctl is-active kubelet");
    expect([isActive.output, isActive.exitCode]).toEqual(["activating\n", 3]);
    at(125);
    const journal = (await run("journalctl -u kubelet --no-pager | tail -6")).split("\n");
    expect(journal[0]).toBe("Nov 30 08:02:00 node01 systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 2.");
    expect(journal[3]).toMatch(
      /^Nov 30 08:02:00 node01 kubelet\[\d+\]: E1130 08:02:00\.\d{6} +\d+ run\.go:72\] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file \/etc\/kubernetes\/pki\/ca\.crt: open \/etc\/kubernetes\/pki\/ca\.crt: no such file or directory"$/,
    );
    expect(journal[4]).toBe("Nov 30 08:02:00 node01 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE");
    at(300);
    await run("exit");
    expect((await run("kubectl get nodes")).split("\n")[2]).toMatch(/^node01 +NotReady/);
    at(301);
    await run("ssh node01 cp /root/ca.crt /etc/kubernetes/pki/ca.crt");
    // the next try after 301 s: 100 s + k × 10.06 s
    const next = 100_000 + Math.ceil(201_000 / RESTART_PERIOD_MS) * RESTART_PERIOD_MS;
    at(Math.floor(next / 1000) + 1);
    expect(await run(jp("node node01", '{.status.conditions[?(@.type=="Ready")].lastTransitionTime}'))).toBe(
      new Date(T0 + Math.floor(next / 1000) * 1000).toISOString().replace(".000Z", "Z"),
    );
    expect((await run("kubectl get nodes")).split("\n")[2]).toMatch(/^node01 +Ready/);
  });
});

describe("a NoExecute taint a learner puts on a node (the taint eviction controller's node and pod handlers)", () => {
  it("evicts the pods that do not tolerate it at once, keeps a tolerating pod for its tolerationSeconds, and lets the replacements in once it is removed", async () => {
    const { run, at } = await sim();
    await run("kubectl create deployment web --image=nginx --replicas=2");
    await run(
      `kubectl run patient --image=nginx --overrides='{"spec":{"tolerations":[{"key":"spot","operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]}}'`,
    );
    at(20);
    expect(await run(jp("pods", "{.items[*].spec.nodeName}"))).toBe("node01 node01 node01");
    const before = await run(jp("pods", "{.items[*].metadata.name}"));
    expect(await run("kubectl taint nodes node01 spot=yes:NoExecute")).toBe("node/node01 tainted\n");
    // the node's kubelet is up: the two web pods are gone at once, their replacements fit nowhere
    const evicted = before.split(" ").filter((n) => n.startsWith("web-"));
    expect(await run("kubectl get events --field-selector reason=TaintManagerEviction -o jsonpath='{.items[*].message}'")).toBe(
      evicted.map((n) => `Marking for deletion Pod default/${n}`).join(" "),
    );
    expect(await run(jp("pods", '{range .items[*]}{.metadata.name}/{.status.phase}{" "}{end}'))).toMatch(
      /^patient\/Running web-\S+\/Pending web-\S+\/Pending $/,
    );
    for (const n of evicted) expect(await run(`kubectl get pod ${n} 2>&1`)).toBe(`Error from server (NotFound): pods "${n}" not found\n`);
    // the patient pod tolerates it for 60 s from the taint's timeAdded
    at(79);
    expect(await run(jp("pods", "{.items[*].metadata.name}"))).toMatch(/^patient /);
    at(80);
    expect(await run(jp("pods", "{.items[*].metadata.name}"))).not.toMatch(/patient/);
    expect(await run("kubectl taint nodes node01 spot:NoExecute-")).toBe("node/node01 untainted\n");
    at(90);
    expect(await run(jp("pods", '{range .items[*]}{.spec.nodeName}/{.status.phase}{" "}{end}'))).toBe("node01/Running node01/Running ");
  });
});
