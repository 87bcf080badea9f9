import { describe, expect, it } from "vitest";
import { DAY, HOUR, MIN, NOW, ago, event, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events } from "../events";
import { persistentvolumes, type PersistentVolume } from "../persistentvolumes";
import { persistentvolumeclaims, type PersistentVolumeClaim } from ".";

/** A claim bound to a hostPath volume, as the PV controller leaves them, and the pod that mounts it. */
function bound() {
  const pvc: PersistentVolumeClaim = obj(
    "v1",
    "PersistentVolumeClaim",
    meta("data", "default", 2 * DAY, {
      annotations: { "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes" },
      finalizers: ["kubernetes.io/pvc-protection"],
    }),
    {
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "1Gi" } },
        storageClassName: "manual",
        volumeName: "pv-data",
      },
      status: { phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "5Gi" } },
    },
  );
  persistentvolumeclaims.defaults?.(pvc);
  const pv: PersistentVolume = obj(
    "v1",
    "PersistentVolume",
    meta("pv-data", undefined, 3 * DAY, {
      labels: { type: "local" },
      annotations: { "pv.kubernetes.io/bound-by-controller": "yes" },
      finalizers: ["kubernetes.io/pv-protection"],
    }),
    {
      spec: {
        capacity: { storage: "5Gi" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: "manual",
        hostPath: { path: "/mnt/data" },
        claimRef: {
          kind: "PersistentVolumeClaim",
          namespace: "default",
          name: "data",
          uid: pvc.metadata.uid,
          apiVersion: "v1",
          resourceVersion: "1234",
        },
      },
      status: { phase: "Bound", lastPhaseTransitionTime: ago(2 * DAY) },
    },
  );
  persistentvolumes.defaults?.(pv);
  const pod = obj("v1", "Pod", meta("db-0", "default", DAY), {
    spec: { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }] },
    status: { phase: "Running" },
  });
  const other = obj("v1", "Pod", meta("backup", "default", HOUR), {
    spec: { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data", readOnly: true } }] },
    status: { phase: "Running" },
  });
  return { pvc, pv, pods: [pod, other] };
}

describe("persistentvolumeclaims", () => {
  it("is core/v1 persistentvolumeclaims, short name pvc, with status", () => {
    const r = persistentvolumeclaims.resource;
    expect([r.kind, r.shortNames, r.namespaced, r.subresources?.map((s) => s.name)]).toEqual([
      "PersistentVolumeClaim",
      ["pvc"],
      true,
      ["status"],
    ]);
  });

  it("defaults volumeMode, rounds quantities, starts Pending and takes the default StorageClass (DefaultStorageClass admission)", () => {
    const pvc: PersistentVolumeClaim = obj("v1", "PersistentVolumeClaim", meta("c", "default", 0), {
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1.5Gi" } } },
    });
    const sc = (name: string, created: number, isDefault: boolean) =>
      obj(
        "storage.k8s.io/v1",
        "StorageClass",
        meta(name, undefined, created, isDefault ? { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } : {}),
        { provisioner: "x" },
      );
    persistentvolumeclaims.defaults?.(pvc);
    persistentvolumeclaims.strategy?.prepareForCreate?.(
      pvc,
      strategyContext([sc("standard", DAY, true), sc("fast", HOUR, false), sc("local-path", 2 * DAY, true)]),
    );
    expect(pvc.spec).toEqual({
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "1536Mi" } },
      volumeMode: "Filesystem",
      storageClassName: "standard",
    });
    expect(pvc.status).toEqual({ phase: "Pending" });
  });

  it("requires access modes and a positive storage request (ValidatePersistentVolumeClaimSpec)", () => {
    const pvc: PersistentVolumeClaim = obj("v1", "PersistentVolumeClaim", meta("c", "default", 0), {
      spec: { accessModes: [], resources: {} },
    });
    expect(messages(persistentvolumeclaims.validate?.(pvc, strategyContext()) ?? [])).toEqual([
      "spec.accessModes: Required value: at least 1 access mode is required",
      "spec.resources[storage]: Required value",
    ]);
    pvc.spec = {
      accessModes: ["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteAlways"],
      resources: { requests: { storage: "0" } },
      volumeMode: "Raw",
    };
    expect(messages(persistentvolumeclaims.validate?.(pvc, strategyContext()) ?? [])).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
      'spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"',
    ]);
  });

  it("keeps the spec immutable but lets a bound claim grow (ValidatePersistentVolumeClaimUpdate)", () => {
    const { pvc } = bound();
    const grown = structuredClone(pvc);
    grown.spec = { ...grown.spec, resources: { requests: { storage: "2Gi" } } };
    expect(persistentvolumeclaims.validateUpdate?.(grown, pvc, strategyContext())).toEqual([]);
    const changed = structuredClone(pvc);
    changed.spec = { ...changed.spec, accessModes: ["ReadWriteMany"] };
    const [first, ...rest] = messages(persistentvolumeclaims.validateUpdate?.(changed, pvc, strategyContext()) ?? []);
    expect(first.split("\n")[0]).toBe(
      "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
    );
    expect(rest).toEqual([]);
    const shrunk = structuredClone(pvc);
    shrunk.spec = { ...shrunk.spec, resources: { requests: { storage: "512Mi" } } };
    expect(messages(persistentvolumeclaims.validateUpdate?.(shrunk, pvc, strategyContext()) ?? [])).toEqual([
      "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity",
    ]);
  });

  it("prints capacity and access modes only once bound (printers.go printPersistentVolumeClaim)", () => {
    const { pvc } = bound();
    expect(persistentvolumeclaims.table?.rows(pvc, { now: NOW })).toEqual([
      ["data", "Bound", "pv-data", "5Gi", "RWO", "manual", "<unset>", "2d", "Filesystem"],
    ]);
    const pending: PersistentVolumeClaim = { ...pvc, spec: { ...pvc.spec, volumeName: undefined }, status: { phase: "Pending" } };
    expect(persistentvolumeclaims.table?.rows(pending, { now: NOW })[0].slice(1, 5)).toEqual(["Pending", "", "", ""]);
  });

  it.skipIf(!HAVE_KUBECTL)("describes a bound claim (Used By, events) and its volume byte for byte as real kubectl", async () => {
    const { pvc, pv, pods } = bound();
    pvc.status = { ...pvc.status, conditions: [{ type: "Resizing", status: "True", lastTransitionTime: ago(10 * MIN) }] };
    const evs = [
      event(pvc, {
        reason: "ExternalExpanding",
        message: "waiting for an external controller to expand this PVC",
        component: "volume_expand",
        first: 10 * MIN,
      }),
    ];
    const world = makeWorld([persistentvolumeclaims, persistentvolumes, events], [pvc, pv, ...pods, ...evs]);
    const r = await describeBothWays(world, NOW, (o, c) => persistentvolumeclaims.describe?.(o, c) ?? "", pvc, "pvc");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
    expect(r.ours).toContain("Used By:       backup\n               db-0\n");
    const p = await describeBothWays(world, NOW, (o, c) => persistentvolumes.describe?.(o, c) ?? "", pv, "pv");
    expect(p.real.stderr).toBe("");
    expect(p.ours).toBe(p.real.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "pvc")).stdout).toBe(
        "NAME   STATUS   VOLUME    CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\ndata   Bound    pv-data   5Gi        RWO            manual         <unset>                 2d\n",
      );
      expect((await kubectl("get", "pv", "-o", "wide")).stdout).toBe(
        "NAME      CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE\n" +
          "pv-data   5Gi        RWO            Retain           Bound    default/data   manual         <unset>                          3d    Filesystem\n",
      );
    });
  });
});
