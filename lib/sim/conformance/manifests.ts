/** Manifests the corpus writes into both working directories (the node's /root and the real kubectl's cwd). */

export const POD_WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

export const POD_WEB_V2 = POD_WEB.replace("nginx:1.27", "nginx:1.28").replace("    app: web\n", "    app: web\n    tier: front\n");

/** three objects in one file: apply reports each */
export const STACK = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  labels:
    app: api
spec:
  selector:
    app: api
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Secret
metadata:
  name: api-token
  namespace: shop
type: Opaque
stringData:
  token: s3cr3t
`;

export const STACK_V2 = STACK.replace("  - port: 80\n", "  - port: 8000\n");

export const POD_DB = `apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: shop
  labels:
    app: db
spec:
  containers:
  - name: db
    image: postgres:17
`;

export const POD_BAD_NAME = `apiVersion: v1
kind: Pod
metadata:
  name: Bad_Name
  namespace: shop
spec:
  containers:
  - name: c
    image: busybox
`;

export const POD_NO_CONTAINERS = `apiVersion: v1
kind: Pod
metadata:
  name: empty
  namespace: shop
spec:
  containers: []
`;

export const UNKNOWN_KIND = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;

/** replace: the whole object, with a resourceVersion that is out of date by then */
export const SVC_API_STALE = (rv: string) => `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  resourceVersion: "${rv}"
spec:
  selector:
    app: api
  ports:
  - port: 81
    targetPort: 8080
`;

/** a namespace that its own finalizer keeps in Terminating once deleted */
export const NS_HELD = `apiVersion: v1
kind: Namespace
metadata:
  name: held
  finalizers:
  - example.com/hold
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: keeper
  namespace: held
`;

/** dependents of a ServiceAccount, to watch the garbage collector's cascades */
export const OWNED = (uid: string, name: string) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: shop
  ownerReferences:
  - apiVersion: v1
    kind: ServiceAccount
    name: owner
    uid: ${uid}
type: Opaque
`;

export const SA_OWNER = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: owner
  namespace: shop
`;

export const CSR = (name: string, requestB64: string, signer = "kubernetes.io/kube-apiserver-client") => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${requestB64}
  signerName: ${signer}
  expirationSeconds: 86400
  usages:
  - client auth
`;

/** A kubeconfig for one certificate user; the server (and, for real kubectl, the TLS name) is the side's. */
export const KUBECONFIG = (
  user: string,
  caData: string,
  certData: string,
  keyData: string,
  side: { server: string; tlsServerName?: string },
) => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${caData}
    server: ${side.server}
${side.tlsServerName ? `    tls-server-name: ${side.tlsServerName}\n` : ""}  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
users:
- name: ${user}
  user:
    client-certificate-data: ${certData}
    client-key-data: ${keyData}
`;

export const CM_SETTINGS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  colour: blue
  size: large
`;

export const DEPLOY_API = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels:
    app: api
    tier: back
spec:
  replicas: 1
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx:1.27
        env:
        - name: MODE
          value: fast
        - name: LEVEL
          value: "2"
      - name: sidecar
        image: busybox:1.36
        command: ["sleep", "3600"]
`;
