/** Files the editor tests open: what a CKA candidate edits (generated manifests, kubectl edit's temp file). */

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;

export const POD = `apiVersion: v1
kind: Pod
metadata:
  labels:
    run: busybox
  name: busybox
spec:
  containers:
  - args:
    - sleep
    - "3600"
    image: busybox
    name: busybox
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

/** What `kubectl edit deployment web` opens (abridged): a comment header, then the live object. */
export const EDIT = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
  creationTimestamp: "2025-01-10T09:00:00Z"
  generation: 1
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "1234"
  uid: 3f1c2a9e-6d0b-4c1e-9a57-2b7d1e0c4f11
spec:
  progressDeadlineSeconds: 600
  replicas: 3
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.25
        imagePullPolicy: Always
        name: nginx
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status:
  availableReplicas: 3
  observedGeneration: 1
  readyReplicas: 3
  replicas: 3
  updatedReplicas: 3
`;

/** A plain text file: no filetype, so shiftwidth 8 and tabs. */
export const NOTES = `kubeadm upgrade plan
kubeadm upgrade apply v1.32.4
	drain the node first
	then uncordon it
etcdctl snapshot save /tmp/snap.db   # back up etcd
The end. Really.
`;

export const FILES: Record<string, { name: string; content: string | null }> = {
  deploy: { name: "web.yaml", content: DEPLOYMENT },
  pod: { name: "pod.yaml", content: POD },
  edit: { name: "kubectl-edit-1234.yaml", content: EDIT },
  notes: { name: "notes.txt", content: NOTES },
  newfile: { name: "new.yaml", content: null },
  noeol: { name: "noeol.txt", content: "first line\nno newline at the end" },
};
