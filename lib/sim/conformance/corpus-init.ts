/**
 * Init containers in a session of their own: a pod whose init container waits (`until nslookup
 * myservice`) until its Service is created, and one whose init container fails, read back with real
 * kubectl against sim:api and with the simulator's kubectl at the same clock: the STATUS column
 * (printers.go printPod: Init:N/M, Init:Error, Init:CrashLoopBackOff), describe's "Init Containers:"
 * section (describe.go describeContainers) and the init container's logs.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

// the Kubernetes docs' init-container example (concepts/workloads/pods/init-containers)
const MYAPP = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice; do echo waiting for myservice; sleep 2; done"]
  - name: init-done
    image: busybox:1.28
    command: ['sh', '-c', 'echo init done']
`;

const BROKEN = `apiVersion: v1
kind: Pod
metadata:
  name: broken-init
spec:
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ['sh', '-c', 'echo migration failed; exit 2']
  containers:
  - name: app
    image: nginx:1.27
`;

const ONCE = BROKEN.replace("name: broken-init", "name: once-init").replace("spec:\n", "spec:\n  restartPolicy: Never\n");

export const INIT_CONTAINERS: Session = {
  name: "init-containers",
  steps: [
    k("apply -f myapp.yaml", { files: { "myapp.yaml": MYAPP } }),
    k("apply -f broken.yaml", { files: { "broken.yaml": BROKEN } }),
    k("apply -f once.yaml", { files: { "once.yaml": ONCE } }),
    k("get pods", { advanceClockMs: 1_000 }),
    k("get pods", { advanceClockMs: 20_000 }),
    k("describe pod myapp-pod"),
    k("logs myapp-pod -c init-myservice --tail=4"),
    k("logs myapp-pod"),
    k("describe pod broken-init", { advanceClockMs: 30_000 }),
    k("describe pod once-init"),
    k("logs broken-init -c migrate"),
    k("create service clusterip myservice --tcp=80:9376"),
    k("get pods", { advanceClockMs: 10_000 }),
    k("get pods -o wide"),
    k("describe pod myapp-pod"),
    k("logs myapp-pod -c init-done"),
    k("get pod myapp-pod -o jsonpath={.status.initContainerStatuses[*].state.terminated.reason}"),
    k("get events --field-selector involvedObject.name=myapp-pod"),
  ],
};
