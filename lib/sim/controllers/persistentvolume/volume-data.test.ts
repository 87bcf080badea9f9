/**
 * Volumes whose data is a node's: what `kubectl exec` writes into a claim's mount outlives the pod
 * (a Deployment's replacement reads it), is seen by another pod mounting the claim, survives a
 * save and restore, and is bounded; a hostPath directory is per node.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../core/limits";
import { migrateAndValidate } from "../../core/state-schema";
import { cluster, manifest } from "../__tests__/harness";
import { engineOver } from "../__tests__/harness";

const CLAIM = `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 128Mi`;

const deployment = (name: string, volume: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: busybox
        command: ["sleep", "3600"]
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
${volume}`;
const PVC_VOLUME = "        persistentVolumeClaim:\n          claimName: data";

describe("volume data on the node", () => {
  it("keeps what exec wrote through a claim across pods, and across a save and restore", async () => {
    const c = await cluster();
    await c.run(manifest("claim", CLAIM));
    await c.run(manifest("web", deployment("web", PVC_VOLUME)));
    await c.run("kubectl create -f claim.yaml -f web.yaml");
    c.at(10);
    expect(await c.run("kubectl exec deploy/web -- sh -c 'echo kept > /data/note.txt; mkdir -p /data/sub; echo deep > /data/sub/x'")).toBe(
      "",
    );
    const first = (await c.run("kubectl get pods -l app=web -o name")).trim();
    await c.run(`kubectl delete ${first}`);
    c.at(20);
    const second = (await c.run("kubectl get pods -l app=web -o name")).trim();
    expect(second).not.toBe(first);
    expect(await c.run("kubectl exec deploy/web -- cat /data/note.txt /data/sub/x")).toBe("kept\ndeep\n");
    // another workload on the same claim (same node: local-path pinned it) sees the same files
    await c.run(manifest("reader", deployment("reader", PVC_VOLUME)));
    await c.run("kubectl create -f reader.yaml");
    c.at(30);
    expect(await c.run("kubectl exec deploy/reader -- ls /data")).toBe("note.txt\nsub\n");
    // a removal goes through too
    await c.run("kubectl exec deploy/reader -- rm /data/sub/x");
    expect(await c.run("kubectl exec deploy/web -- sh -c 'test -e /data/sub/x || echo removed'")).toBe("removed\n");
    const restored = engineOver(migrateAndValidate(JSON.parse(JSON.stringify(c.engine.serialize()))), { t: Date.now() });
    expect(restored.state.nodeVolumes).toEqual(c.engine.state.nodeVolumes);
    expect(Object.keys(c.engine.state.nodeVolumes?.node01 ?? {})).toEqual([
      expect.stringMatching(/^\/opt\/local-path-provisioner\/pvc-[0-9a-f-]{36}_default_data\/note\.txt$/),
    ]);
  });

  it("keeps a hostPath directory per node, and refuses a saved state past the bound", async () => {
    const c = await cluster();
    await c.run(manifest("host", deployment("host", "        hostPath:\n          path: /srv/shared")));
    await c.run("kubectl create -f host.yaml");
    c.at(10);
    await c.run("kubectl exec deploy/host -- sh -c 'echo one > /data/a'");
    expect(c.engine.state.nodeVolumes).toEqual({ node01: { "/srv/shared/a": "one\n" } });
    const big = "x".repeat(LIMITS.maxVolumeBytes);
    await c.run(`kubectl exec deploy/host -- sh -c 'printf %s ${big.slice(0, 1000)} > /data/small'`);
    expect(Object.keys(c.engine.state.nodeVolumes?.node01 ?? {})).toEqual(["/srv/shared/a", "/srv/shared/small"]);
    const before = structuredClone(c.engine.state.nodeVolumes);
    const state = structuredClone(c.engine.state);
    state.nodeVolumes = { node01: { "/srv/shared/huge": big + "x" } };
    expect(() => migrateAndValidate(JSON.parse(JSON.stringify(state)))).toThrow(
      "invalid cluster state: bad nodeVolumes (over the volume limits)",
    );
    expect(c.engine.state.nodeVolumes).toEqual(before);
  });
});
