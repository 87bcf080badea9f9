/**
 * Issue 12's verbs against real kubectl: `kubectl events` over the events a rollout, a crash loop
 * and an unpullable image leave, and the `kubectl set` subcommands (image, env, resources,
 * serviceaccount, selector) on a Deployment, with their --dry-run=client outputs; and `kubectl
 * top` on a cluster without metrics-server.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

const API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: default
  labels: {app: api}
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        env:
        - name: MODE
          value: slow
      - name: sidecar
        image: busybox:1.36
        command: ["sleep", "3600"]
`;

const CRASH = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "exit 1"]
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

const SETTINGS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LEVEL: debug
  COLOR: blue
`;

export const EVENTS_SET: Session = {
  name: "events-set",
  steps: [
    k("events"),
    k("events --for pod"),
    k("events --for pod/a/b"),
    k("events --for nosuch/x"),
    k("events --types=Bogus"),
    k("events -o wide"),
    k("apply -f api.yaml", { files: { "api.yaml": API } }),
    k("apply -f crash.yaml", { files: { "crash.yaml": CRASH } }),
    k("apply -f typo.yaml", { files: { "typo.yaml": TYPO } }),
    k("apply -f settings.yaml", { files: { "settings.yaml": SETTINGS } }),
    k("events", { advanceClockMs: 45_000 }),
    k("events -A"),
    k("events --no-headers"),
    k("events --for pod/crash"),
    k("events --for deployment/api"),
    k("events --for deploy/nosuch"),
    k("events --types=Warning"),
    k("events --types=normal --for pod/typo"),
    k("events --for deployment/api -o yaml"),
    k("events --for pod/crash -o yaml", { known: "yaml-folding" }),
    k("events --for pod/crash -o json"),
    k("events --for deploy/api -o name"),
    k("events --for pod/typo -o jsonpath={.items[*].reason}"),
    k("events --for pod/typo -o go-template='{{range .items}}{{.reason}} {{end}}'"),
    k("events -n kube-system --types Warning"),
    k("events --as jane"),
    // set env
    k("set env deploy/api LEVEL=info"),
    k("set env deploy/api LEVEL=info"),
    k("set env deploy/api --list"),
    k("set env deploy/api -c app MODE=fast --dry-run=client -o yaml"),
    k("set env deploy/api -c app MODE=fast --dry-run=client"),
    k("set env deployment api MODE-"),
    k("set env deploy/api --from=configmap/settings -c app"),
    k("set env deploy/api --list"),
    k("set env deploy/api --from=configmap/settings --keys=LEVEL --prefix=APP_ -c sidecar --dry-run=client -o yaml"),
    k("set env deploy/api -c nosuch X=1"),
    k("set env deploy/api X=1 deploy/other"),
    k("set env deploy/api --overwrite=false LEVEL=warn"),
    k("set env deploy/api 1A=b"),
    k("set env deploy/api A=b A-"),
    k("set env A=b"),
    k("set env deploy/api --list -o yaml"),
    k("set env deploy/nosuch A=b"),
    k("set env deploy/api --from=deploy/api"),
    k("set env deploy/api --keys=LEVEL"),
    // set resources
    k("set resources deploy/api -c app --limits=cpu=500m,memory=256Mi --requests=cpu=0.1"),
    k("set resources deploy/api --limits=cpu=1 --dry-run=client -o yaml"),
    k("set resources deploy/api"),
    k("set resources deploy/api -c nosuch --limits=cpu=1"),
    // set image
    k("set image deploy/api app=nginx:1.27.1"),
    k("set image deploy/api app=nginx:1.27.1"),
    k("set image deploy/api sidecar=busybox:1.37 --dry-run=client -o yaml"),
    k("set image deploy/api '*=nginx:1.28' --dry-run=client"),
    k("set image deploy/api nosuch=nginx"),
    k("set image deploy/api app=nginx:1.28 nosuch=nginx"),
    k("set image deploy/api"),
    k("set image app=nginx"),
    k("set image deploy/api app=nginx:1.28 -o name"),
    // top: a kubeadm cluster without metrics-server
    k("top"),
    k("top nodes"),
    k("top node controlplane --no-headers"),
    k("top pod -A --sort-by=cpu"),
    k("top po --containers --sum -n kube-system"),
    k("top pod x -l app=api"),
    k("top node --sort-by=disk"),
    k("top foo"),
    k("top pod a b"),
    // labels.Parse's errors, client-side (top parses -l before it asks for the Metrics API)
    k("top no -l 'a in'"),
    k("top pod -l 'a=b c'"),
    k("top pod -l 'a,'"),
    k("top pod -l '=a'"),
    k("top pod -l 'a in (b'"),
    k("top pod -l 'a in (x,=)'"),
    k("top pod -l 'a > x'"),
    k("top pod -l 'a ~ b'"),
    k("top pod -l 'A_ B'"),
    k("top pod -l 'a in (in, notin)'"),
    k("top pod --field-selector=status.phase=Running"),
    // set serviceaccount, set selector
    k("create serviceaccount builder"),
    k("set serviceaccount deploy/api builder"),
    k("set sa deploy/api default --dry-run=client -o yaml"),
    k("set serviceaccount deploy/api"),
    k("create service clusterip api --tcp=80:80"),
    k("set selector svc/api app=api,tier=web"),
    k("set selector svc/api app=api --dry-run=client -o yaml"),
    k("set selector svc/api"),
    k("get deploy api -o yaml", { advanceClockMs: 30_000 }),
    k("get svc api -o yaml"),
    // JSONPath keys with escaped dots
    k("label deploy api app.kubernetes.io/name=api"),
    k("get deploy api -o jsonpath='{.metadata.labels.app\\.kubernetes\\.io/name}'"),
    k("get deploy -o jsonpath='{range .items[*]}{.metadata.labels.app\\.kubernetes\\.io/name}{\"\\n\"}{end}'"),
    // go-template named templates
    k(`get deploy api -o go-template='{{define "row"}}{{.metadata.name}}:{{.spec.replicas}}{{end}}{{template "row" .}}{{"\\n"}}'`),
    k(`get deploy -o go-template='{{define "n"}}[{{.}}]{{end}}{{range .items}}{{template "n" .metadata.name}}{{end}}{{"\\n"}}'`),
    k(`get deploy api -o go-template='{{block "lbl" .metadata.labels}}{{.app}}{{end}} done{{template "lbl" $.spec.selector.matchLabels}}'`),
    k(`get deploy api -o go-template='{{define "x"}}{{$.kind}}{{end}}{{template "x" .}} {{template "x"}}'`),
    k("get deploy api -o custom-columns='NAME:.metadata.labels.app\\.kubernetes\\.io/name'"),
  ],
};
