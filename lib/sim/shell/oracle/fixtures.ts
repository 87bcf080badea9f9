/**
 * The files every oracle line runs against, written identically into the simulator's
 * filesystem (under /root/work) and into a temporary directory for real bash. They look like
 * what tutorials pipe into awk, sed, grep, sort and jq: kubectl output saved to files, logs,
 * CSV, /etc/passwd-style tables and manifests.
 */

const PODS_TXT = `NAMESPACE     NAME                                   READY   STATUS             RESTARTS      AGE
default       web-7d4b9c8f6d-2xk9p                   1/1     Running            0             3d
default       web-7d4b9c8f6d-8hj4l                   1/1     Running            0             3d
default       web-7d4b9c8f6d-qz7wm                   0/1     CrashLoopBackOff   12 (2m ago)   3d
default       redis-0                                1/1     Running            1 (5h ago)    6d
kube-system   coredns-668d6bf9bc-5xw2k               1/1     Running            0             9d
kube-system   coredns-668d6bf9bc-9kqbt               1/1     Running            0             9d
kube-system   etcd-controlplane                      1/1     Running            0             9d
kube-system   kube-apiserver-controlplane            1/1     Running            2 (9d ago)    9d
kube-system   kube-proxy-7tqzn                       1/1     Running            0             9d
monitoring    prometheus-5c9b8d7f4-lx2vd             0/1     Pending            0             15m
monitoring    grafana-6f8d9c7b5-m4kzp                1/1     Running            0             2d
`;

const NODES_TXT = `NAME           STATUS     ROLES           AGE   VERSION
controlplane   Ready      control-plane   9d    v1.32.4
node01         Ready      <none>          9d    v1.32.4
node02         NotReady   <none>          2d    v1.32.3
`;

function pod(ns: string, name: string, app: string, image: string, phase: string, node: string, restarts: number, cpu: string) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: ns,
      labels: { app, tier: app === "redis" ? "cache" : "frontend" },
      creationTimestamp: "2026-11-25T09:00:00Z",
    },
    spec: {
      nodeName: node,
      containers: [
        { name: app, image, ports: [{ containerPort: app === "redis" ? 6379 : 80 }], resources: { requests: { cpu, memory: "64Mi" } } },
      ],
    },
    status: {
      phase,
      podIP: `192.168.1.${10 + restarts}`,
      containerStatuses: [{ name: app, ready: phase === "Running", restartCount: restarts, image }],
    },
  };
}

const PODS_JSON =
  JSON.stringify(
    {
      apiVersion: "v1",
      kind: "List",
      items: [
        pod("default", "web-7d4b9c8f6d-2xk9p", "web", "nginx:1.27", "Running", "node01", 0, "100m"),
        pod("default", "web-7d4b9c8f6d-8hj4l", "web", "nginx:1.27", "Running", "node02", 0, "100m"),
        pod("default", "web-7d4b9c8f6d-qz7wm", "web", "nginx:1.25", "Failed", "node01", 12, "250m"),
        pod("default", "redis-0", "redis", "redis:7.2", "Running", "node02", 1, "500m"),
        pod("monitoring", "prometheus-5c9b8d7f4-lx2vd", "prometheus", "prom/prometheus:v2.53.0", "Pending", "", 0, "1"),
      ],
      metadata: { resourceVersion: "" },
    },
    null,
    4,
  ) + "\n";

const DEPLOY_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
            memory: 128Mi
`;

const ACCESS_LOG = `192.168.1.10 - - [28/Nov/2026:09:01:12 +0000] "GET /index.html HTTP/1.1" 200 612 "-" "curl/8.5.0"
192.168.1.11 - - [28/Nov/2026:09:01:15 +0000] "GET /api/users HTTP/1.1" 200 1432 "-" "Mozilla/5.0"
10.0.0.5 - - [28/Nov/2026:09:02:01 +0000] "POST /api/login HTTP/1.1" 401 89 "-" "Mozilla/5.0"
192.168.1.10 - - [28/Nov/2026:09:02:30 +0000] "GET /missing HTTP/1.1" 404 153 "-" "curl/8.5.0"
10.0.0.5 - - [28/Nov/2026:09:03:44 +0000] "POST /api/login HTTP/1.1" 200 310 "-" "Mozilla/5.0"
172.17.0.3 - - [28/Nov/2026:09:04:02 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.32"
192.168.1.12 - - [28/Nov/2026:09:05:19 +0000] "GET /api/users HTTP/1.1" 500 27 "-" "Mozilla/5.0"
172.17.0.3 - - [28/Nov/2026:09:06:02 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.32"
`;

const APP_LOG = `2026-11-28T09:00:01Z INFO  starting server on :8080
2026-11-28T09:00:02Z INFO  connected to database host=db port=5432
2026-11-28T09:01:17Z WARN  slow query took=1532ms table=users
2026-11-28T09:02:03Z ERROR failed to reach cache: connection refused
2026-11-28T09:02:04Z INFO  retrying in 5s
2026-11-28T09:02:09Z ERROR failed to reach cache: connection refused
2026-11-28T09:03:00Z INFO  request id=41 path=/api/users status=200 took=12ms
2026-11-28T09:03:01Z DEBUG cache miss key=user:41
2026-11-28T09:03:05Z INFO  request id=42 path=/api/orders status=500 took=87ms
`;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash
etcd:x:998:998::/var/lib/etcd:/bin/false
`;

const DATA_CSV = `name,team,role,salary,start
alice,platform,sre,120000,2019-03-01
bob,apps,dev,95000,2021-07-15
carol,platform,dev,105000,2020-01-20
dave,data,analyst,80000,2022-11-02
erin,apps,sre,115000,2018-05-30
frank,data,dev,99000,2023-02-14
`;

const NOTES = `Kubernetes is an open-source container orchestration system.
It automates deployment, scaling, and management of containerized applications.

The control plane runs the API server, the scheduler and the controller manager.
Each node runs a kubelet and a container runtime such as containerd.
kubectl talks to the API server.
`;

const SERVICES_JSON = `{"items":[{"metadata":{"name":"kubernetes","namespace":"default"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","ports":[{"port":443,"protocol":"TCP","targetPort":6443}]}},{"metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"type":"NodePort","clusterIP":"10.103.44.12","ports":[{"port":80,"protocol":"TCP","targetPort":80,"nodePort":30080}],"selector":{"app":"web"}}},{"metadata":{"name":"kube-dns","namespace":"kube-system"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","ports":[{"name":"dns","port":53,"protocol":"UDP","targetPort":53},{"name":"dns-tcp","port":53,"protocol":"TCP","targetPort":53}]}}]}
`;

export const FIXTURES: Record<string, string> = {
  "pods.txt": PODS_TXT,
  "nodes.txt": NODES_TXT,
  "pods.json": PODS_JSON,
  "services.json": SERVICES_JSON,
  "deploy.yaml": DEPLOY_YAML,
  "access.log": ACCESS_LOG,
  "app.log": APP_LOG,
  passwd: PASSWD,
  "data.csv": DATA_CSV,
  "notes.txt": NOTES,
  "numbers.txt": "42\n7\n19\n3\n100\n7\n56\n",
  "words.txt": "banana\nApple\ncherry\napple\nbanana\ndate\nElderberry\ncherry\n",
  "sizes.txt": "1.5G\tvar\n12K\tetc\n300M\tusr\n8.0K\thome\n2.1G\topt\n",
  "versions.txt": "v1.9.0\nv1.10.2\nv1.2.15\nv1.10.10\nv2.0.0\n",
  "config.ini": "[server]\nhost = 0.0.0.0\nport = 8080\n\n[database]\nhost = db.local\nport = 5432\nuser = admin\n",
  "env.list": "APP_ENV=production\nLOG_LEVEL=info\n# a comment\nDB_HOST=db.local\nEMPTY=\n",
  "old.conf": "listen 80\nserver_name example.com\nroot /var/www/html\nindex index.html\n",
  "new.conf": "listen 8080\nserver_name example.com\nroot /var/www/html\nindex index.html index.htm\ngzip on\n",
  "manifests/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n",
  "manifests/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  ports:\n  - port: 80\n",
  "manifests/cm.yml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  mode: debug\n",
  "logs/app-1.log": "ok\nok\nfail\n",
  "logs/app-2.log": "ok\n",
  "logs/old/app-0.log": "archived\n",
  "script.sh":
    '#!/bin/bash\n# greet everyone given on the command line\necho "script: $0 has $# args"\nfor name in "$@"; do\n  echo "hello, $name"\ndone\nexit 3\n',
};

/** Files made executable in both worlds. */
export const EXECUTABLE = new Set(["script.sh"]);
