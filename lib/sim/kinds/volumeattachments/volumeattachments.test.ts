import { describe, expect, it } from "vitest";
import { HOUR, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { volumeattachments, type VolumeAttachment } from ".";

function attachment(): VolumeAttachment {
  return obj(
    "storage.k8s.io/v1",
    "VolumeAttachment",
    meta("csi-3b2f8a9c1d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4", undefined, 5 * HOUR),
    {
      spec: { attacher: "ebs.csi.aws.com", source: { persistentVolumeName: "pvc-4f1c9a2e" }, nodeName: "worker-1" },
      status: { attached: true, attachmentMetadata: { devicePath: "/dev/xvdaa" } },
    },
  );
}

describe("volumeattachments", () => {
  it("is cluster-scoped storage.k8s.io/v1 volumeattachments with status", () => {
    const r = volumeattachments.resource;
    expect([r.group, r.kind, r.namespaced, r.subresources?.map((s) => s.name)]).toEqual([
      "storage.k8s.io",
      "VolumeAttachment",
      false,
      ["status"],
    ]);
  });

  it("starts detached (strategy.go PrepareForCreate) and prints ATTACHER, PV, NODE, ATTACHED (printVolumeAttachment)", () => {
    const va = attachment();
    expect(volumeattachments.table?.rows(va, { now: NOW })).toEqual([
      [va.metadata.name, "ebs.csi.aws.com", "pvc-4f1c9a2e", "worker-1", true, "5h"],
    ]);
    volumeattachments.strategy?.prepareForCreate?.(va, strategyContext());
    expect(va.status).toEqual({ attached: false });
  });

  it("needs an attacher and exactly one source, and keeps the spec (ValidateVolumeAttachment(Update))", () => {
    const va: VolumeAttachment = {
      ...attachment(),
      spec: { source: { persistentVolumeName: "a", inlineVolumeSpec: {} }, nodeName: "worker-1" },
    };
    expect(messages(volumeattachments.validate?.(va, strategyContext()) ?? [])).toEqual([
      "spec.attacher: Required value",
      "spec.source: Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName",
    ]);
    const moved = { ...attachment(), spec: { ...attachment().spec, nodeName: "worker-2" } };
    expect(messages(volumeattachments.validateUpdate?.(moved, attachment(), strategyContext()) ?? [])[0]).toMatch(
      /^spec: Invalid value: storage\.VolumeAttachmentSpec\{Attacher:"ebs\.csi\.aws\.com", .*NodeName:"worker-2"\}: field is immutable$/,
    );
  });

  it.skipIf(!HAVE_KUBECTL)("lists through real kubectl", async () => {
    const va = attachment();
    await withKubectl(makeWorld([volumeattachments], [va]), NOW, async (kubectl) => {
      const [head, row] = (await kubectl("get", "volumeattachments")).stdout.split("\n").map((l) => l.split(/ {2,}/));
      expect(head).toEqual(["NAME", "ATTACHER", "PV", "NODE", "ATTACHED", "AGE"]);
      expect(row).toEqual([va.metadata.name, "ebs.csi.aws.com", "pvc-4f1c9a2e", "worker-1", "true", "5h"]);
    });
  });
});
