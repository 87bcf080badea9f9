/**
 * storage.k8s.io/v1 volumeattachments (cluster-scoped, created by the attach/detach controller).
 * Discovery: pkg/registry/storage/volumeattachment/storage/storage.go (status subresource).
 * Strategy: status reset on create. Validation: pkg/apis/storage/validation/validation.go
 * ValidateVolumeAttachment(Update): attacher, exactly one source, node name; the spec is immutable.
 * Table: printers.go printVolumeAttachment. No describer.
 */
import { forbidden, invalid, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { nameIsDNSSubdomain } from "../_shared/names";
import { semanticEqual } from "../_shared/semantic";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type VolumeAttachment = Typed<{
  spec?: { attacher?: string; source?: { persistentVolumeName?: string; inlineVolumeSpec?: Record<string, unknown> }; nodeName?: string };
  status?: {
    attached?: boolean;
    attachmentMetadata?: Record<string, string>;
    attachError?: { time?: string; message?: string };
    detachError?: { time?: string; message?: string };
  };
}>;

function validateSpec(va: VolumeAttachment): FieldError[] {
  const spec = va.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.attacher) errs.push(required("spec.attacher"));
  const src = spec.source ?? {};
  if (src.inlineVolumeSpec === undefined && src.persistentVolumeName === undefined)
    errs.push(required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
  else if (src.inlineVolumeSpec !== undefined && src.persistentVolumeName !== undefined)
    errs.push(forbidden("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
  else if (src.persistentVolumeName === "")
    errs.push(required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
  const node = spec.nodeName ?? "";
  return errs.concat(nameIsDNSSubdomain(node, false).map((m) => invalid("spec.nodeName", node, m)));
}

/** %#v of the spec in the immutability error; Go prints the source's pointers as addresses, shown here as the values' Go syntax. */
function goSpec(va: VolumeAttachment): { go: string } {
  const s = va.spec ?? {};
  const pv = s.source?.persistentVolumeName === undefined ? "(*string)(nil)" : `&"${s.source.persistentVolumeName}"`;
  const inline = s.source?.inlineVolumeSpec === undefined ? "(*core.PersistentVolumeSpec)(nil)" : "&core.PersistentVolumeSpec{...}";
  return {
    go: `storage.VolumeAttachmentSpec{Attacher:"${s.attacher ?? ""}", Source:storage.VolumeAttachmentSource{PersistentVolumeName:${pv}, InlineVolumeSpec:${inline}}, NodeName:"${s.nodeName ?? ""}"}`,
  };
}

export const volumeattachments: KindDef<VolumeAttachment> = {
  resource: resourceInfo("storage.k8s.io/v1", "VolumeAttachment", "volumeattachments", false, { subresources: [statusSubresource()] }),
  validate: validateSpec,
  validateUpdate(va, old) {
    return semanticEqual(va.spec, old.spec) ? [] : [invalid("spec", goSpec(va), "field is immutable")];
  },
  strategy: {
    statusSubresource: true,
    prepareForCreate(va) {
      va.status = { attached: false };
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Attacher", "string", SWAGGER.vaAttacher, 0, "name"),
      column("PV", "string", SWAGGER.vaPV),
      column("Node", "string", SWAGGER.vaNodeName),
      column("Attached", "boolean", SWAGGER.vaAttached),
      ageColumn(),
    ],
    rows: (va, { now }) => [
      [
        va.metadata.name,
        va.spec?.attacher ?? "",
        va.spec?.source?.persistentVolumeName ?? "",
        va.spec?.nodeName ?? "",
        va.status?.attached ?? false,
        ageCell(va, now),
      ],
    ],
  },
};
