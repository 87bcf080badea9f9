/**
 * The workloads session of the conformance corpus: a Deployment rolling out on the simulated clock,
 * a crash-looping pod and a pod that fits nowhere, read back with real kubectl against sim:api and
 * with the simulator's kubectl at the same (advanced) clock. Pod and ReplicaSet names come from the
 * cluster's PRNG, which both copies draw alike.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
`;

const CRASH = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; exit 1"]
`;

const BIG = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "3"
`;

const TYPO = `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: app
    image: nginxx
`;

export const WORKLOADS: Session = {
  name: "workloads",
  steps: [
    // one object per apply: real kubectl sends one request per object and sim:api settles after each,
    // the simulator's apply settles once after all; one object each keeps the PRNG draws in one order
    k("apply -f web.yaml", { files: { "web.yaml": WEB } }),
    k("apply -f svc.yaml", { files: { "svc.yaml": SVC } }),
    k("get deploy,rs"),
    k("get pods"),
    k("get deploy web", { advanceClockMs: 30_000 }),
    k("get rs -o wide"),
    k("get pods -o wide"),
    k("get endpoints web"),
    k("describe deploy web"),
    k("describe rs"),
    k("describe svc web"),
    k("rollout history deploy/web"),
    k("rollout status deploy/web --watch=false"),
    k("apply -f crash.yaml", { files: { "crash.yaml": CRASH } }),
    k("apply -f big.yaml", { files: { "big.yaml": BIG } }),
    k("apply -f typo.yaml", { files: { "typo.yaml": TYPO } }),
    k("get pods", { advanceClockMs: 45_000 }),
    k("describe pod crash"),
    k("describe pod big"),
    k("describe pod typo"),
    k("get events"),
    k("get pod crash -o jsonpath={.status.containerStatuses[0].state}"),
    k("set image deployment/web nginx=nginx:1.28"),
    k("set image deploy web sidecar=busybox"),
    k("get rs", { advanceClockMs: 60_000 }),
    k("rollout history deploy/web"),
    k("rollout status deploy/web --watch=false"),
    // kubectl run -i/-t: the generator's stdin, stdinOnce and tty (the attach stream itself is not served by sim:api)
    k("run tty --image=busybox -i -t --attach=false --dry-run=client -o yaml -- sh"),
    k("run tty --image=busybox -i --leave-stdin-open --attach=false --dry-run=client -o json"),
    k("run tty --image=busybox -it --attach=false --restart=Never -- sh"),
    k("get pod tty -o jsonpath={.spec.containers[0].stdin}/{.spec.containers[0].stdinOnce}/{.spec.containers[0].tty}"),
  ],
};
