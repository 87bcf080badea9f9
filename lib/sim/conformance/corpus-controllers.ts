/**
 * The controllers session of the conformance corpus: a StatefulSet, a DaemonSet and a CronJob
 * driven by the simulated controllers on the (advanced) clock, read back with real kubectl against
 * sim:api and with the simulator's kubectl: tables, describers and the controllers' events.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const DS = `apiVersion: apps/v1
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
      containers:
      - name: agent
        image: nginx:1.27
`;

const CJ = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: hello
            image: busybox:1.36
            command: ["echo", "hi"]
`;

export const CONTROLLERS_SESSION: Session = {
  name: "controllers",
  steps: [
    k("apply -f sts.yaml", { files: { "sts.yaml": STS } }),
    k("apply -f ds.yaml", { files: { "ds.yaml": DS } }),
    k("apply -f cj.yaml", { files: { "cj.yaml": CJ } }),
    k("get sts,ds,cj"),
    // rollout_status.go's StatefulSet and DaemonSet viewers, one look each, mid-rollout and done
    k("rollout status sts/db --watch=false"),
    k("rollout status ds/agent --watch=false"),
    k("get pods -l app=db", { advanceClockMs: 40_000 }),
    k("get sts db -o wide"),
    k("get ds agent -o wide"),
    k("get pods -l app=agent -o wide"),
    k("describe sts db"),
    k("describe ds agent"),
    k("rollout status statefulset db --watch=false"),
    k("rollout status daemonset/agent --watch=false"),
    k("rollout status ds/nosuch"),
    k("get cj,jobs", { advanceClockMs: 60_000 }),
    k("describe cj hello"),
    // down through the object, up again through statefulsets/scale (kubectl scale's merge patch of the Scale)
    k(`patch sts db --type=merge -p '{"spec":{"replicas":1}}'`),
    k("get pods -l app=db"),
    k("scale sts db --replicas=2"),
    k("get pods -l app=db", { advanceClockMs: 20_000 }),
    k("get sts db -o jsonpath={.spec.replicas}"),
    k("get controllerrevisions"),
  ],
};
