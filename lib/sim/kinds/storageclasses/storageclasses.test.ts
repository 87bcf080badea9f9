import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { storageclasses, type StorageClass } from ".";

/** The local-path provisioner's class, marked default, and a zonal class. */
function classes(): StorageClass[] {
  const local: StorageClass = obj(
    "storage.k8s.io/v1",
    "StorageClass",
    meta("local-path", undefined, 7 * DAY, {
      annotations: { "storageclass.kubernetes.io/is-default-class": "true", defaultVolumeType: "hostPath" },
    }),
    { provisioner: "rancher.io/local-path", volumeBindingMode: "WaitForFirstConsumer" },
  );
  const zonal: StorageClass = obj("storage.k8s.io/v1", "StorageClass", meta("fast-zonal", undefined, 2 * DAY), {
    provisioner: "pd.csi.storage.gke.io",
    parameters: { type: "pd-ssd", "replication-type": "none" },
    allowVolumeExpansion: true,
    reclaimPolicy: "Retain",
    mountOptions: ["noatime", "nodiratime"],
    allowedTopologies: [{ matchLabelExpressions: [{ key: "topology.kubernetes.io/zone", values: ["europe-west1-b", "europe-west1-c"] }] }],
  });
  for (const c of [local, zonal]) storageclasses.defaults?.(c);
  return [local, zonal];
}

describe("storageclasses", () => {
  it("is cluster-scoped storage.k8s.io/v1 storageclasses, short name sc", () => {
    const r = storageclasses.resource;
    expect([r.group, r.kind, r.shortNames, r.namespaced]).toEqual(["storage.k8s.io", "StorageClass", ["sc"], false]);
  });

  it("defaults reclaimPolicy Delete and volumeBindingMode Immediate (SetDefaults_StorageClass)", () => {
    const sc: StorageClass = obj("storage.k8s.io/v1", "StorageClass", meta("s", undefined, 0), {
      provisioner: "kubernetes.io/no-provisioner",
    });
    storageclasses.defaults?.(sc);
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(["Delete", "Immediate"]);
  });

  it("validates provisioner, policies and topologies, and keeps parameters immutable (ValidateStorageClass(Update))", () => {
    const sc: StorageClass = obj("storage.k8s.io/v1", "StorageClass", meta("s", undefined, 0), {
      provisioner: "",
      reclaimPolicy: "Recycle",
      volumeBindingMode: "Later",
      allowedTopologies: [{ matchLabelExpressions: [{ key: "zone", values: [] }] }],
    });
    expect(messages(storageclasses.validate?.(sc, strategyContext()) ?? [])).toEqual([
      "provisioner: Required value",
      'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
      "allowedTopologies[0].matchLabelExpressions[0].values: Required value",
    ]);
    const [, old] = classes();
    const cur = structuredClone(old);
    cur.parameters = { type: "pd-standard" };
    cur.volumeBindingMode = "WaitForFirstConsumer";
    expect(messages(storageclasses.validateUpdate?.(cur, old, strategyContext()) ?? [])).toEqual([
      "parameters: Forbidden: updates to parameters are forbidden.",
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists (default marked) and describes byte for byte as real kubectl", async () => {
    const [local, zonal] = classes();
    expect(storageclasses.table?.rows(local, { now: NOW })).toEqual([
      ["local-path (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", false, "7d"],
    ]);
    const world = makeWorld([storageclasses, events], [local, zonal]);
    for (const sc of [local, zonal]) {
      const r = await describeBothWays(world, NOW, (o, c) => storageclasses.describe?.(o, c) ?? "", sc, "sc");
      expect(r.real.stderr).toBe("");
      expect(r.ours).toBe(r.real.stdout);
    }
    await withKubectl(world, NOW, async (kubectl) => {
      const lines = (await kubectl("get", "storageclass")).stdout.split("\n").map((l) => l.split(/ {2,}/));
      expect(lines.slice(0, 3)).toEqual([
        ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
        ["fast-zonal", "pd.csi.storage.gke.io", "Retain", "Immediate", "true", "2d"],
        ["local-path (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", "false", "7d"],
      ]);
    });
  });
});
