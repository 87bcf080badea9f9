/**
 * The PV controller, the local-path provisioner and the scheduler's VolumeBinding plugin, through
 * kubectl as a learner sees them. The expected phases, annotations and event texts are the Go
 * sources' (pkg/controller/volume/persistentvolume/pv_controller.go, index.go; pkg/volume/hostpath;
 * pkg/scheduler/framework/plugins/volumebinding; sig-storage-lib-external-provisioner), cited
 * where each is asserted.
 */
import { describe, expect, it } from "vitest";
import { cluster, manifest } from "../__tests__/harness";

const pv = (name: string, size: string, extra = "", path = `/data/${name}`) => `
apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
${extra}
spec:
  capacity:
    storage: ${size}
  accessModes: [ReadWriteOnce]
  hostPath:
    path: ${path}`;

const pvc = (name: string, size: string, spec = '  storageClassName: ""') => `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${spec}
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}`;

const podUsing = (name: string, claim: string, extra = "") => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}`;

async function apply(c: Awaited<ReturnType<typeof cluster>>, name: string, yaml: string): Promise<string> {
  await c.run(manifest(name, yaml));
  return c.run(`kubectl create -f ${name}.yaml`);
}

const cols = (line: string) => line.trim().split(/ {2,}/);

describe("persistentvolume-binder", () => {
  it("binds a claim to the smallest Available volume that fits, with the controller's annotations", async () => {
    const c = await cluster();
    await apply(c, "pvs", [pv("small", "1Gi"), pv("medium", "5Gi"), pv("large", "10Gi")].join("\n---"));
    await apply(c, "claim", pvc("data", "2Gi"));
    expect(cols(await c.run("kubectl get pvc data --no-headers"))).toEqual(["data", "Bound", "medium", "5Gi", "RWO", "<unset>", "0s"]);
    expect(cols(await c.run("kubectl get pv medium --no-headers")).slice(0, 6)).toEqual([
      "medium",
      "5Gi",
      "RWO",
      "Retain",
      "Bound",
      "default/data",
    ]);
    expect(await c.run("kubectl get pvc data -o jsonpath='{.metadata.annotations}'")).toBe(
      '{"pv.kubernetes.io/bind-completed":"yes","pv.kubernetes.io/bound-by-controller":"yes"}',
    );
    expect(await c.run('kubectl get pv medium -o jsonpath=\'{.metadata.annotations}{"\\n"}{.spec.claimRef.name}{"\\n"}\'')).toBe(
      '{"pv.kubernetes.io/bound-by-controller":"yes"}\ndata\n',
    );
    expect(await c.run("kubectl get pvc data -o jsonpath='{.status.capacity.storage} {.status.accessModes}'")).toBe(
      '5Gi ["ReadWriteOnce"]',
    );
    expect(cols(await c.run("kubectl get pv small --no-headers"))[4]).toBe("Available");
  });

  it("matches class, access modes and selector; a claim with no class set and no volume says so", async () => {
    const c = await cluster();
    await apply(
      c,
      "pvs",
      [
        pv("fast", "1Gi", "  labels:\n    tier: fast").replace("spec:\n", "spec:\n  storageClassName: manual\n"),
        pv("slow", "1Gi", "  labels:\n    tier: slow"),
      ].join("\n---"),
    );
    await apply(
      c,
      "claims",
      [
        pvc("manual", "1Gi", "  storageClassName: manual"),
        pvc("picky", "1Gi", '  storageClassName: ""\n  selector:\n    matchLabels:\n      tier: fast'),
      ].join("\n---"),
    );
    expect(cols(await c.run("kubectl get pvc manual --no-headers")).slice(0, 3)).toEqual(["manual", "Bound", "fast"]);
    // the only "" volume is slow, which the selector refuses
    expect(cols(await c.run("kubectl get pvc picky --no-headers")).slice(0, 2)).toEqual(["picky", "Pending"]);
    // pv_controller.go syncUnboundClaim: FailedBinding, EventTypeNormal
    expect(await c.run("kubectl describe pvc picky")).toMatch(
      /Normal +FailedBinding +\S+ +persistentvolume-controller +no persistent volumes available for this claim and no storage class is set\n/,
    );
    await apply(c, "rwx", pvc("shared", "1Gi", '  storageClassName: ""').replace("[ReadWriteOnce]", "[ReadWriteMany]"));
    expect(cols(await c.run("kubectl get pvc shared --no-headers"))[1]).toBe("Pending");
  });

  it("honours a volume pre-bound by claimRef and a claim's volumeName, and a missing class", async () => {
    const c = await cluster();
    await apply(
      c,
      "pvs",
      [pv("a", "1Gi"), pv("b", "1Gi").replace("spec:\n", "spec:\n  claimRef:\n    namespace: default\n    name: wants-b\n")].join("\n---"),
    );
    await apply(c, "claims", [pvc("wants-b", "1Gi"), pvc("named", "1Gi", '  storageClassName: ""\n  volumeName: a')].join("\n---"));
    expect(cols(await c.run("kubectl get pvc wants-b --no-headers")).slice(0, 3)).toEqual(["wants-b", "Bound", "b"]);
    expect(cols(await c.run("kubectl get pvc named --no-headers")).slice(0, 3)).toEqual(["named", "Bound", "a"]);
    // a user's pre-binding keeps no bound-by-controller on the volume; the claim named its volume itself
    expect(await c.run("kubectl get pv b -o jsonpath='{.metadata.annotations}'")).toBe("");
    expect(await c.run("kubectl get pvc named -o jsonpath='{.metadata.annotations}'")).toBe('{"pv.kubernetes.io/bind-completed":"yes"}');
    await apply(c, "nosc", pvc("typo", "1Gi", "  storageClassName: fast-ssd"));
    expect(await c.run("kubectl describe pvc typo")).toMatch(
      /Warning +ProvisioningFailed +\S+ +persistentvolume-controller +storageclass\.storage\.k8s\.io "fast-ssd" not found\n/,
    );
  });

  it("reclaims: Retain leaves the volume Released, Delete of a hostPath outside /tmp fails, under /tmp deletes it", async () => {
    const c = await cluster();
    await apply(
      c,
      "pvs",
      [
        pv("keep", "1Gi"),
        pv("gone", "2Gi", "", "/tmp/gone").replace("spec:\n", "spec:\n  persistentVolumeReclaimPolicy: Delete\n"),
        pv("stuck", "3Gi").replace("spec:\n", "spec:\n  persistentVolumeReclaimPolicy: Delete\n"),
      ].join("\n---"),
    );
    await apply(c, "claims", [pvc("c1", "1Gi"), pvc("c2", "2Gi"), pvc("c3", "3Gi")].join("\n---"));
    expect((await c.run("kubectl get pvc --no-headers")).split("\n").filter((l) => l.includes("Bound"))).toHaveLength(3);
    await c.run("kubectl delete pvc c1 c2 c3");
    const pvs = (await c.run("kubectl get pv --no-headers")).trim().split("\n").map(cols);
    expect(pvs.map((r) => [r[0], r[4]])).toEqual([
      ["keep", "Released"],
      ["stuck", "Failed"],
    ]);
    // pkg/volume/hostpath/host_path.go hostPathDeleter.Delete, reported by pv_controller.go as VolumeFailedDelete
    expect(await c.run("kubectl describe pv stuck")).toMatch(
      /Message: +host_path deleter only supports \/tmp\/\.\+ but received provided \/data\/stuck\n[\s\S]*Warning +VolumeFailedDelete +\S+ +persistentvolume-controller +host_path deleter only supports/,
    );
    // a Released volume keeps its claimRef: a new claim of the same name does not get it back
    await apply(c, "again", pvc("c1", "1Gi"));
    expect(cols(await c.run("kubectl get pvc c1 --no-headers"))[1]).toBe("Pending");
  });

  it("marks a bound claim Lost when its volume is deleted", async () => {
    const c = await cluster();
    await apply(c, "pv", pv("v", "1Gi"));
    await apply(c, "claim", pvc("data", "1Gi"));
    await c.run("kubectl delete pv v");
    expect(cols(await c.run("kubectl get pvc data --no-headers")).slice(0, 3)).toEqual(["data", "Lost", "v"]);
    // pv_controller.go syncBoundClaim
    expect(await c.run("kubectl describe pvc data")).toMatch(
      /Warning +ClaimLost +\S+ +persistentvolume-controller +Bound claim has lost its PersistentVolume\. Data on the volume is lost!\n/,
    );
  });
});

describe("local-path and the scheduler's VolumeBinding", () => {
  it("waits for a consumer, then provisions on the pod's node and binds claim and pod", async () => {
    const c = await cluster();
    await apply(c, "claim", pvc("data", "128Mi", ""));
    expect(cols(await c.run("kubectl get pvc data --no-headers")).slice(0, 3)).toEqual(["data", "Pending", "local-path"]);
    expect(await c.run("kubectl describe pvc data")).toMatch(
      /Normal +WaitForFirstConsumer +\S+ +persistentvolume-controller +waiting for first consumer to be created before binding\n/,
    );
    await apply(c, "pod", podUsing("app", "data"));
    c.at(5);
    const [name, status, volume] = cols(await c.run("kubectl get pvc data --no-headers"));
    expect([name, status]).toEqual(["data", "Bound"]);
    const uid = (await c.run("kubectl get pvc data -o jsonpath='{.metadata.uid}'")).trim();
    expect(volume).toBe(`pvc-${uid}`);
    expect(
      await c.run(
        `kubectl get pv ${volume} -o jsonpath='{.spec.hostPath.path} {.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]} {.spec.persistentVolumeReclaimPolicy} {.status.phase}'`,
      ),
    ).toBe(`/opt/local-path-provisioner/pvc-${uid}_default_data node01 Delete Bound`);
    const pod = cols((await c.run("kubectl get pod app -o wide --no-headers")).trim());
    expect([pod[2], pod[6]]).toEqual(["Running", "node01"]);
    const described = await c.run("kubectl describe pvc data");
    expect(described).toMatch(/volume\.kubernetes\.io\/selected-node: node01\n/);
    expect(described).toMatch(
      /Normal +ExternalProvisioning +\S+ +persistentvolume-controller +Waiting for a volume to be created either by the external provisioner 'rancher\.io\/local-path' or manually by the system administrator\. If volume creation is delayed, please verify that the provisioner is running and correctly registered\.\n/,
    );
    expect(described).toMatch(
      /Normal +Provisioning +\S+ +rancher\.io\/local-path_local-path-provisioner-\S+ +External provisioner is provisioning volume for claim "default\/data"\n/,
    );
    expect(described).toMatch(
      new RegExp(`Normal +ProvisioningSucceeded +\\S+ +rancher\\.io/local-path_\\S+ +Successfully provisioned volume ${volume}\\n`),
    );
    // the claim goes, and with it (reclaimPolicy Delete, the provisioner's own) the volume
    await c.run("kubectl delete pod app --grace-period=0 --force");
    await c.run("kubectl delete pvc data");
    expect(await c.run("kubectl get pv")).toBe("No resources found\n");
  });

  it("keeps a pod Pending with the plugin's reasons", async () => {
    const c = await cluster();
    await apply(c, "missing", podUsing("lost", "nosuch"));
    // volume_binding.go PreFilter: the lister's NotFound, UnschedulableAndUnresolvable
    expect(await c.run("kubectl get pod lost -o jsonpath='{.status.conditions[0].message}'")).toBe(
      '0/2 nodes are available: persistentvolumeclaim "nosuch" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    await apply(
      c,
      "sc",
      "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: now\nprovisioner: rancher.io/local-path\nvolumeBindingMode: Immediate",
    );
    await apply(c, "claim", pvc("soon", "1Gi", "  storageClassName: now"));
    await apply(c, "pod", podUsing("waiting", "soon"));
    expect(await c.run("kubectl get pod waiting -o jsonpath='{.status.conditions[0].message}'")).toBe(
      "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    // a volume pinned to the control plane, whose taint the pod does not tolerate, and node01 is the wrong node
    await apply(
      c,
      "pinned",
      pv("pinned", "1Gi").replace(
        "spec:\n",
        "spec:\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - key: kubernetes.io/hostname\n          operator: In\n          values: [controlplane]\n",
      ),
    );
    await apply(c, "pclaim", pvc("pc", "1Gi"));
    await apply(c, "ppod", podUsing("pinned-pod", "pc"));
    expect(await c.run("kubectl get pod pinned-pod -o jsonpath='{.status.conditions[0].message}'")).toBe(
      "0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });
});
