/**
 * Workloads on the simulated clock, scenario by scenario, each expectation written from the
 * Kubernetes sources named beside it (v1.32).
 */
import { describe, expect, it } from "vitest";
import { computeHash, safeEncodeString } from "../workload-util";
import { cluster, DEPLOYMENT, manifest, POD } from "./harness";

const SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
const jp = (what: string, path: string) => `kubectl get ${what} -o jsonpath='${path}'`;

describe("pod-template-hash (controller_utils.go ComputeHash)", () => {
  it("is FNV-1a 32 printed in decimal and mapped by rand.SafeEncodeString", () => {
    // apimachinery/pkg/util/rand: alphanums[b % len(alphanums)]; '0' is byte 48, 48 % 27 = 21 → '4'
    expect(safeEncodeString("0123")).toBe("4567");
    // the FNV-1a 32 test vector of "a" is 0xe40c292c = 3826002220; "" hashes to the offset basis 2166136261
    expect(computeHash(undefined)).not.toBe(computeHash({}));
    expect(computeHash({ a: 1 }, 1)).not.toBe(computeHash({ a: 1 }));
    expect(computeHash({ b: 1, a: 2 })).toBe(computeHash({ a: 2, b: 1 }));
    expect(computeHash({})).toMatch(new RegExp(`^${SAFE}+$`));
  });
});

describe("a Deployment of 3 nginx", () => {
  it("is Ready within 5 to 10 s, through ContainerCreating, with <rs>-<5 chars> pod names", async () => {
    const c = await cluster();
    await c.run(manifest("d", DEPLOYMENT("web", "nginx")));
    expect(await c.run("kubectl apply -f d.yaml")).toBe("deployment.apps/web created\n");
    expect(await c.run(jp("pods", "{.items[*].status.phase}"))).toBe("Pending Pending Pending");
    let readyAt = -1;
    for (let s = 0.5; s <= 15; s += 0.5) {
      c.at(s);
      if ((await c.run(jp("deploy web", "{.status.readyReplicas}"))) === "3") {
        readyAt = s;
        break;
      }
    }
    expect(readyAt).toBeGreaterThanOrEqual(2);
    expect(readyAt).toBeLessThanOrEqual(10);
    const rs = await c.run(jp("rs", "{.items[0].metadata.name}"));
    expect(rs).toMatch(new RegExp(`^web-${SAFE}{6,10}$`));
    const hash = rs.slice(4);
    expect(await c.run(jp("pods", '{range .items[*]}{.metadata.name} {.metadata.labels.pod-template-hash}{"\\n"}{end}'))).toMatch(
      new RegExp(`^(${rs}-${SAFE}{5} ${hash}\\n){3}$`),
    );
    // deployment_util.go: the conditions once complete
    expect(await c.run(jp("deploy web", '{range .status.conditions[*]}{.type}={.status}/{.reason}: {.message}{"\\n"}{end}'))).toBe(
      `Available=True/MinimumReplicasAvailable: Deployment has minimum availability.\nProgressing=True/NewReplicaSetAvailable: ReplicaSet "${rs}" has successfully progressed.\n`,
    );
    // sync.go: the ScalingReplicaSet event; replica_set.go: SuccessfulCreate per pod
    const events = await c.run(jp("events", '{range .items[*]}{.reason}  {.message}{"\\n"}{end}'));
    expect(events).toContain(`Scaled up replica set ${rs} from 0 to 3`);
    expect(events.match(/SuccessfulCreate +Created pod: web-/g)).toHaveLength(3);
    expect(events).toMatch(/Pulling +Pulling image "nginx"/);
    expect(events).toMatch(
      /Successfully pulled image "nginx" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)\. Image size: \d+ bytes\./,
    );
  });

  it("rolls out a new template within maxSurge and maxUnavailable, and undo brings revision 1 back as revision 3", async () => {
    const c = await cluster();
    await c.run(manifest("d", DEPLOYMENT("web", "nginx:1.27", 4, "\n  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 1}")));
    await c.run("kubectl apply -f d.yaml");
    c.at(30);
    expect(await c.run(jp("deploy web", "{.status.availableReplicas}"))).toBe("4");
    await c.run(
      `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]'`,
    );
    for (let s = 30.25; s <= 60; s += 0.25) {
      c.at(s);
      const [specs, available] = (
        await c.run(jp("rs", "{range .items[*]}{.spec.replicas},{end} {range .items[*]}{.status.availableReplicas},{end}"))
      ).split(" ");
      const total = specs
        .split(",")
        .filter(Boolean)
        .reduce((a, n) => a + Number(n), 0);
      const avail = available
        .split(",")
        .filter(Boolean)
        .reduce((a, n) => a + Number(n), 0);
      // rolling.go: never more than replicas + maxSurge pods wanted, never fewer than replicas - maxUnavailable available
      expect(total).toBeLessThanOrEqual(5);
      expect(avail).toBeGreaterThanOrEqual(3);
    }
    expect(await c.run("kubectl rollout status deploy/web")).toBe('deployment "web" successfully rolled out\n');
    expect(await c.run("kubectl rollout history deploy/web")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    expect(await c.run("kubectl rollout undo deploy/web")).toBe("deployment.apps/web rolled back\n");
    const waited = await c.run("kubectl rollout status deploy/web");
    expect(waited).toMatch(/^Waiting for deployment "web" rollout to finish: /);
    expect(waited.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect(await c.run("kubectl rollout history deploy/web")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
    );
    expect(await c.run(jp("deploy web", "{.spec.template.spec.containers[0].image}"))).toBe("nginx:1.27");
    expect(await c.run("kubectl get deploy web -o yaml | grep 'deployment.kubernetes.io/revision'")).toBe(
      '    deployment.kubernetes.io/revision: "3"\n',
    );
  });

  it("scales, and a paused Deployment keeps its old template until resumed", async () => {
    const c = await cluster();
    await c.run(manifest("d", DEPLOYMENT("web", "nginx:1.27", 2)));
    await c.run("kubectl apply -f d.yaml");
    c.at(20);
    expect(await c.run("kubectl scale deploy/web --replicas=4")).toBe("deployment.apps/web scaled\n");
    c.at(40);
    expect(await c.run(jp("deploy web", "{.status.readyReplicas}"))).toBe("4");
    expect(await c.run("kubectl rollout pause deploy/web")).toBe("deployment.apps/web paused\n");
    await c.run(
      `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"httpd"}]'`,
    );
    c.at(60);
    expect(await c.run(jp("rs", "{.items[*].spec.replicas}"))).toBe("4");
    expect(await c.run(jp("deploy web", '{.status.conditions[?(@.type=="Progressing")].reason}'))).toBe("DeploymentPaused");
    expect(await c.run("kubectl rollout resume deploy/web")).toBe("deployment.apps/web resumed\n");
    c.at(120);
    expect(await c.run("kubectl get pods -o jsonpath='{range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}' | sort -u")).toBe(
      "httpd\n",
    );
  });
});

describe("the kubelet", () => {
  it("restarts a failing container at once, then backs off 10 s, 20 s, 40 s (kuberuntime_manager.go doBackOff)", async () => {
    const c = await cluster();
    await c.run(
      manifest("p", POD("crash", `containers:\n- name: app\n  image: busybox:1.36\n  command: ["sh", "-c", "echo starting; exit 1"]`)),
    );
    await c.run("kubectl apply -f p.yaml");
    const restarts = async () => Number(await c.run(jp("pod crash", "{.status.containerStatuses[0].restartCount}")));
    c.at(3);
    expect(
      await c.run(
        jp("pod crash", "{.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}"),
      ),
    ).toMatch(/^(Error 1| )$/);
    c.at(6);
    expect(await restarts()).toBe(1);
    c.at(12);
    const uid = await c.run(jp("pod crash", "{.metadata.uid}"));
    expect(await c.run(jp("pod crash", "{.status.containerStatuses[0].state.waiting.message}"))).toBe(
      `back-off 10s restarting failed container=app pod=crash_default(${uid})`,
    );
    expect(await c.run("kubectl get pod crash --no-headers")).toMatch(/^crash +0\/1 +CrashLoopBackOff +1 \(\d+s ago\)/);
    c.at(20);
    expect(await restarts()).toBe(2);
    c.at(40);
    expect(await restarts()).toBe(3);
    c.at(55);
    expect(await c.run(jp("pod crash", "{.status.containerStatuses[0].state.waiting.message}"))).toContain("back-off 40s");
    // a day later the back-off is capped at 5 minutes: about 288 restarts a day
    c.at(86_400);
    expect(await restarts()).toBeGreaterThan(250);
    expect(await restarts()).toBeLessThan(300);
    expect(await c.run(jp("pod crash", "{.status.containerStatuses[0].state.waiting.message}"))).toContain("back-off 5m0s");
    expect(await c.run("kubectl logs crash")).toBe("starting\n");
    expect(await c.run(jp("pod crash", "{.status.containerStatuses[0].lastState.terminated.exitCode}"))).toBe("1");
  });

  it("logs what sh -c echoes, keeps a sleeping container Running, and completes a Never pod", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "p",
        POD(
          "hello",
          `containers:\n- name: app\n  image: busybox\n  command: ["sh", "-c", "echo hello; echo $GREETING world; sleep 3600"]\n  env:\n  - name: GREETING\n    value: hi`,
        ),
      ),
    );
    await c.run(
      manifest(
        "q",
        POD(
          "once",
          `restartPolicy: Never\ncontainers:\n- name: app\n  image: alpine\n  command: ["sh", "-c", "for i in 1 2 3; do echo $i; done"]`,
        ),
      ),
    );
    await c.run("kubectl apply -f p.yaml -f q.yaml");
    c.at(10);
    expect(await c.run("kubectl logs hello")).toBe("hello\nhi world\n");
    expect(await c.run("kubectl logs once --tail=2")).toBe("2\n3\n");
    expect(await c.run(jp("pods", "{.items[*].status.phase}"))).toBe("Running Succeeded");
    expect(await c.run("kubectl get pod once --no-headers")).toMatch(/^once +0\/1 +Completed +0 /);
    expect(await c.run("kubectl logs hello -p")).toBe(
      'Error from server (BadRequest): previous terminated container "app" in pod "hello" not found\n',
    );
    c.at(3610);
    expect(await c.run(jp("pod hello", "{.status.containerStatuses[0].restartCount}"))).toBe("1");
  });

  it("authorizes kubectl logs as get on the subresource pods/log: a rule for pods is not enough (rbac docs, Referring to resources)", async () => {
    const c = await cluster();
    await c.run(
      manifest("p", POD("hello", `containers:\n- name: app\n  image: busybox\n  command: ["sh", "-c", "echo hello; sleep 3600"]`)),
    );
    await c.run("kubectl apply -f p.yaml");
    await c.run("kubectl create role pod-reader --verb=get,list --resource=pods");
    await c.run("kubectl create rolebinding jane-pods --role=pod-reader --user=jane");
    c.at(10);
    expect(await c.run("kubectl get pods --as=jane -o name")).toBe("pod/hello\n");
    // errors.go forbiddenMessage: the resource is "pods/log"; the object named in front is the pod
    expect(await c.run("kubectl logs hello --as=jane")).toBe(
      'Error from server (Forbidden): pods "hello" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"\n',
    );
    await c.run("kubectl create role log-reader --verb=get --resource=pods/log");
    await c.run("kubectl create rolebinding jane-logs --role=log-reader --user=jane");
    expect(await c.run("kubectl logs hello --as=jane")).toBe("hello\n");
  });

  it("reports an unknown image as ErrImagePull, then ImagePullBackOff (image_manager.go)", async () => {
    const c = await cluster();
    await c.run(manifest("p", POD("typo", `containers:\n- name: app\n  image: nginxx`)));
    await c.run("kubectl apply -f p.yaml");
    c.at(1.6);
    expect(await c.run(jp("pod typo", "{.status.containerStatuses[0].state.waiting.reason}"))).toMatch(
      /^(ErrImagePull|ContainerCreating)$/,
    );
    c.at(5);
    expect(await c.run("kubectl get pod typo --no-headers")).toMatch(/^typo +0\/1 +ImagePullBackOff +0 /);
    const events = await c.run(jp("events --field-selector involvedObject.name=typo", '{range .items[*]}{.message}{"\\n"}{end}'));
    expect(events).toContain(
      'Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n',
    );
    expect(events).toContain('Back-off pulling image "nginxx"\n');
    expect(await c.run("kubectl logs typo")).toBe(
      'Error from server (BadRequest): container "app" in pod "typo" is waiting to start: trying and failing to pull image\n',
    );
  });
});

describe("the scheduler", () => {
  it("keeps ordinary pods off the control plane, and explains a pod that fits nowhere (framework/types.go FitError)", async () => {
    const c = await cluster();
    await c.run(manifest("p", POD("big", `containers:\n- name: app\n  image: nginx\n  resources:\n    requests:\n      cpu: "3"`)));
    await c.run(manifest("q", POD("picky", `nodeSelector:\n  disk: ssd\ncontainers:\n- name: app\n  image: nginx`)));
    await c.run(
      manifest(
        "r",
        POD(
          "cp",
          `nodeSelector:\n  node-role.kubernetes.io/control-plane: ""\ntolerations:\n- key: node-role.kubernetes.io/control-plane\n  operator: Exists\n  effect: NoSchedule\ncontainers:\n- name: app\n  image: nginx`,
        ),
      ),
    );
    await c.run(manifest("s", POD("plain", `containers:\n- name: app\n  image: nginx`)));
    await c.run("kubectl apply -f p.yaml -f q.yaml -f r.yaml -f s.yaml");
    c.at(1);
    expect(await c.run(jp("pods", "{range .items[*]}{.metadata.name}={.spec.nodeName} {end}"))).toBe(
      "big= cp=controlplane picky= plain=node01 ",
    );
    expect(await c.run(jp("pod big", '{.status.conditions[?(@.type=="PodScheduled")].message}'))).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
    expect(await c.run(jp("pod picky", '{.status.conditions[?(@.type=="PodScheduled")].message}'))).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    expect(await c.run("kubectl describe pod picky | tail -4")).toMatch(
      /Warning +FailedScheduling +\d+s +default-scheduler +0\/2 nodes are available/,
    );
    // labelling the node lets the scheduler place the pod on the next settle
    await c.run(`kubectl patch node node01 -p '{"metadata":{"labels":{"disk":"ssd"}}}'`);
    expect(await c.run(jp("pod picky", "{.spec.nodeName}"))).toBe("node01");
  });
});

describe("services and events", () => {
  it("lists ready pods as endpoints and forgets events after the apiserver's hour", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "d",
        `${DEPLOYMENT("web", "nginx", 2)}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80`,
      ),
    );
    await c.run("kubectl apply -f d.yaml");
    expect(await c.run(jp("ep web", "{.subsets}"))).toBe("");
    c.at(15);
    const ips = (await c.run(jp("pods -l app=web", '{range .items[*]}{.status.podIP}{"\\n"}{end}'))).trim().split("\n").sort();
    expect(await c.run(jp("ep web", '{range .subsets[0].addresses[*]}{.ip}{"\\n"}{end}'))).toBe(ips.map((i) => `${i}\n`).join(""));
    expect(
      await c.run(
        jp("endpointslices -l kubernetes.io/service-name=web", "{.items[0].ports[0].port} {.items[0].endpoints[*].conditions.ready}"),
      ),
    ).toBe("80 true true");
    expect(Number(await c.run("kubectl get events --no-headers | wc -l"))).toBeGreaterThan(5);
    c.at(2 * 3600);
    expect(await c.run("kubectl get events")).toBe("No resources found in default namespace.\n");
  });
});

describe("the job controller", () => {
  it("runs completions with parallelism, then fails a job past its backoffLimit (job_controller.go)", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "j",
        `
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox
        command: ["sh", "-c", "echo 3.14159; sleep 2"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: f
        image: busybox
        command: ["sh", "-c", "exit 3"]`,
      ),
    );
    await c.run("kubectl apply -f j.yaml");
    expect(await c.run(jp("pods -l job-name=pi", "{.items[*].status.phase}"))).toBe("Pending Pending");
    c.at(60);
    expect(await c.run(jp("job pi", "{.status.succeeded} {.status.conditions[*].type} {.status.conditions[*].reason}"))).toBe(
      "3 SuccessCriteriaMet Complete CompletionsReached CompletionsReached",
    );
    expect(await c.run(jp("job fail", "{.status.failed} {.status.conditions[*].type} {.status.completionTime}"))).toBe(
      "3 FailureTarget Failed ",
    );
    expect(await c.run(jp("job fail", '{.status.conditions[?(@.type=="Failed")].message}'))).toBe(
      "Job has reached the specified backoff limit",
    );
    expect(await c.run("kubectl logs job/pi 2>/dev/null")).toBe("3.14159\n");
  });
});

describe("kubectl logs", () => {
  it("honours -c, --all-containers, --tail, --since, --timestamps and -l (logs.go)", async () => {
    const c = await cluster();
    await c.run(
      manifest(
        "p",
        POD(
          "two",
          `containers:
- name: a
  image: busybox
  command: ["sh", "-c", "while true; do echo tick; sleep 10; done"]
  env: []
- name: b
  image: busybox
  command: ["sh", "-c", "echo from-b; sleep 3600"]`,
        ).replace("name: two", "name: two\n  labels: {app: two}"),
      ),
    );
    await c.run("kubectl apply -f p.yaml");
    c.at(65);
    const ticks = await c.run("kubectl logs two -c a");
    expect(
      ticks
        .trim()
        .split("\n")
        .every((l) => l === "tick"),
    ).toBe(true);
    expect(ticks.trim().split("\n").length).toBeGreaterThanOrEqual(6);
    expect(await c.run("kubectl logs two -c a --tail=2")).toBe("tick\ntick\n");
    expect(await c.run("kubectl logs two -c a --since=25s")).toMatch(/^(tick\n){2,3}$/);
    expect(await c.run("kubectl logs two -c b --timestamps")).toMatch(/^2026-11-28T09:08:3\d\.\d{9}Z from-b\n$/);
    expect(await c.run("kubectl logs two --all-containers --tail=1")).toBe("tick\nfrom-b\n");
    // kubectl's notice on stderr, then the default container's lines
    expect(await c.run("kubectl logs two --tail=1")).toBe('Defaulted container "a" out of: a, b\ntick\n');
    expect(await c.run("kubectl logs -l app=two -c b")).toBe("from-b\n");
    expect(await c.run("kubectl logs two -c nope")).toBe("error: container nope is not valid for pod two\n");
    expect(await c.run("kubectl logs nosuch")).toBe(
      'error: error from server (NotFound): pods "nosuch" not found in namespace "default"\n',
    );
  });
});
