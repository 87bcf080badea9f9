/**
 * The storage session of the conformance corpus: the default local-path StorageClass, static
 * hostPath volumes binding, Retain and a failed Delete, a claim waiting for its first consumer and
 * provisioned once a pod uses it, with real kubectl v1.32 against sim:api judging get and describe
 * of sc, pv and pvc in each state.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

const PVS = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: small
  labels:
    tier: slow
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data/small
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: big
spec:
  capacity:
    storage: 5Gi
  accessModes: [ReadWriteOnce, ReadOnlyMany]
  persistentVolumeReclaimPolicy: Delete
  hostPath:
    path: /data/big
`;
const STATIC_CLAIMS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: huge
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 20Gi
`;
const DYNAMIC_CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: notes
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 128Mi
`;
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: notes
      mountPath: /notes
  volumes:
  - name: notes
    persistentVolumeClaim:
      claimName: notes
`;

export const STORAGE: Session = {
  name: "storage",
  steps: [
    k("get sc"),
    k("get sc -o wide"),
    k("describe sc local-path"),
    k("create -f pvs.yaml", { files: { "pvs.yaml": PVS } }),
    k("get pv"),
    k("describe pv small"),
    k("create -f claims.yaml", { files: { "claims.yaml": STATIC_CLAIMS } }),
    k("get pv,pvc"),
    k("get pvc -o wide"),
    k("describe pvc data"),
    k("describe pvc huge"),
    k("describe pv big"),
    k("delete pvc data"),
    k("get pv"),
    k("describe pv big"),
    k("create -f notes.yaml", { files: { "notes.yaml": DYNAMIC_CLAIM } }),
    k("get pvc notes"),
    k("describe pvc notes"),
    k("create -f pod.yaml", { files: { "pod.yaml": POD } }),
    k("get pvc notes", { advanceClockMs: 5000 }),
    k("describe pvc notes"),
    k("get pv -l '!tier' --sort-by=.spec.capacity.storage"),
    k("describe pv -l '!tier'"),
    k("describe pod writer"),
  ],
};
