import { describe, expect, it } from "vitest";
import { NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { persistentvolumes, type PersistentVolume } from ".";

const pv = (spec: PersistentVolume["spec"]): PersistentVolume => obj("v1", "PersistentVolume", meta("pv1", undefined, 0), { spec });

describe("persistentvolumes", () => {
  it("is cluster-scoped core/v1 persistentvolumes, short name pv, with status", () => {
    const r = persistentvolumes.resource;
    expect([r.kind, r.shortNames, r.namespaced, r.subresources?.map((s) => s.name)]).toEqual([
      "PersistentVolume",
      ["pv"],
      false,
      ["status"],
    ]);
    // strategy.go PersistentVolumeToSelectableFields
    expect(persistentvolumes.selectableFields?.(pv({}))).toEqual({ name: "pv1" });
  });

  it("defaults Retain and Filesystem, and starts Pending with a phase transition time (SetDefaults_PersistentVolume, PrepareForCreate)", () => {
    const v = pv({ capacity: { storage: "10G" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data" } });
    persistentvolumes.defaults?.(v);
    persistentvolumes.strategy?.prepareForCreate?.(v, strategyContext());
    expect(v.spec).toEqual({
      capacity: { storage: "10G" },
      accessModes: ["ReadWriteOnce"],
      hostPath: { path: "/data", type: "" },
      persistentVolumeReclaimPolicy: "Retain",
      volumeMode: "Filesystem",
    });
    expect(v.status).toEqual({ phase: "Pending", lastPhaseTransitionTime: new Date(NOW).toISOString().replace(".000", "") });
  });

  it("validates access modes, capacity, the volume source and local volumes' node affinity (ValidatePersistentVolumeSpec)", () => {
    expect(
      messages(persistentvolumes.validate?.(pv({ capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] }), strategyContext()) ?? []),
    ).toEqual(["spec: Required value: must specify a volume type"]);
    expect(
      messages(
        persistentvolumes.validate?.(
          pv({
            capacity: { storage: "1Gi" },
            accessModes: ["ReadWriteOnce"],
            local: { path: "/mnt/disks/ssd1" },
            hostPath: { path: "/x" },
          }),
          strategyContext(),
        ) ?? [],
      ),
    ).toEqual(["spec.local: Forbidden: may not specify more than 1 volume type"]);
    expect(
      messages(
        persistentvolumes.validate?.(
          pv({ capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], local: { path: "/mnt/disks/ssd1" } }),
          strategyContext(),
        ) ?? [],
      ),
    ).toEqual(["spec.nodeAffinity: Required value: Local volume requires node affinity"]);
    expect(
      messages(
        persistentvolumes.validate?.(
          pv({ capacity: { storage: "0" }, accessModes: [], persistentVolumeReclaimPolicy: "Keep", nfs: { server: "nfs.local" } }),
          strategyContext(),
        ) ?? [],
      ),
    ).toEqual([
      "spec.accessModes: Required value",
      'spec.capacity[storage]: Invalid value: "0": must be greater than zero',
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
      "spec.nfs.path: Required value",
    ]);
  });

  it("keeps the volume source immutable (ValidatePersistentVolumeUpdate)", () => {
    const old = pv({
      capacity: { storage: "1Gi" },
      accessModes: ["ReadWriteOnce"],
      hostPath: { path: "/a", type: "" },
      volumeMode: "Filesystem",
    });
    const cur = pv({ ...old.spec, hostPath: { path: "/b", type: "" } });
    expect(messages(persistentvolumes.validateUpdate?.(cur, old, strategyContext()) ?? [])).toEqual([
      "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation",
    ]);
  });
});
