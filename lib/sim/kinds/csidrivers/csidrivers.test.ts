import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { genericDescribe } from "../_shared/generic-describe";
import { csidrivers, type CSIDriver } from ".";

const driver = (name: string, spec: CSIDriver["spec"] = {}): CSIDriver => {
  const d: CSIDriver = obj("storage.k8s.io/v1", "CSIDriver", meta(name, undefined, 4 * DAY), { spec });
  csidrivers.defaults?.(d);
  return d;
};

describe("csidrivers", () => {
  it("is cluster-scoped storage.k8s.io/v1 csidrivers", () => {
    const r = csidrivers.resource;
    expect([r.group, r.kind, r.shortNames, r.namespaced]).toEqual(["storage.k8s.io", "CSIDriver", [], false]);
  });

  it("defaults every optional switch (SetDefaults_CSIDriver, v1.32 gates)", () => {
    expect(driver("ebs.csi.aws.com").spec).toEqual({
      attachRequired: true,
      podInfoOnMount: false,
      storageCapacity: false,
      fsGroupPolicy: "ReadWriteOnceWithFSType",
      volumeLifecycleModes: ["Persistent"],
      requiresRepublish: false,
      seLinuxMount: false,
    });
  });

  it("validates the name as a CSI driver name and the spec (ValidateCSIDriver)", () => {
    const d = driver("Bad_Driver", {
      fsGroupPolicy: "Always",
      tokenRequests: [{ audience: "vault", expirationSeconds: 60 }, { audience: "vault" }],
      volumeLifecycleModes: ["Transient"],
    });
    expect(messages(csidrivers.validate?.(d, strategyContext()) ?? [])).toEqual([
      "name: Invalid value: \"Bad_Driver\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.fsGroupPolicy: Unsupported value: "Always": supported values: "File", "None", "ReadWriteOnceWithFSType"',
      "spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
      'spec.tokenRequests[1].audience: Duplicate value: "vault"',
      'spec.volumeLifecycleModes: Unsupported value: "Transient": supported values: "Persistent", "Ephemeral"',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists (printers.go printCSIDriver) and describes (generic describer) as real kubectl", async () => {
    const ebs = driver("ebs.csi.aws.com", {
      attachRequired: true,
      podInfoOnMount: true,
      tokenRequests: [{ audience: "sts.amazonaws.com" }],
      volumeLifecycleModes: ["Persistent", "Ephemeral"],
    });
    expect(csidrivers.table?.rows(ebs, { now: NOW })).toEqual([
      ["ebs.csi.aws.com", true, true, false, "sts.amazonaws.com", false, "Persistent,Ephemeral", "4d"],
    ]);
    const world = makeWorld([csidrivers], [ebs]);
    await withKubectl(world, NOW, async (kubectl) => {
      const lines = (await kubectl("get", "csidrivers")).stdout.split("\n").map((l) => l.split(/ {2,}/));
      expect(lines[0]).toEqual([
        "NAME",
        "ATTACHREQUIRED",
        "PODINFOONMOUNT",
        "STORAGECAPACITY",
        "TOKENREQUESTS",
        "REQUIRESREPUBLISH",
        "MODES",
        "AGE",
      ]);
      expect(lines[1]).toEqual(["ebs.csi.aws.com", "true", "true", "false", "sts.amazonaws.com", "false", "Persistent,Ephemeral", "4d"]);
      const real = await kubectl("describe", "csidriver", "ebs.csi.aws.com");
      expect(genericDescribe(ebs, describeContext(world, NOW))).toBe(real.stdout);
    });
  });
});
