/**
 * storage.k8s.io/v1 csinodes (cluster-scoped, one per node, written by the kubelet).
 * Discovery: pkg/registry/storage/csinode/storage/storage.go (no short names).
 * Validation: pkg/apis/storage/validation/validation.go ValidateCSINode (drivers: name, nodeID,
 * topology keys, allocatable count). Table: printers.go printCSINode (DRIVERS count).
 * Describer: describe.go describeCSINode.
 */
import { duplicate, invalid, required, type FieldError } from "../../api/field";
import { tooLong } from "../_shared/field-errors";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { formatRFC1123Z, goSliceV, printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { describeEventsFor } from "../_shared/events";
import { isQualifiedName } from "../_shared/names";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, PrefixWriter } from "../_shared/prefix-writer";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";
import { validateCSIDriverName } from "../csidrivers";

interface CSINodeDriver {
  name?: string;
  nodeID?: string;
  topologyKeys?: string[];
  allocatable?: { count?: number };
}
export type CSINode = Typed<{ spec?: { drivers?: CSINodeDriver[] } }>;

function validateNode(n: CSINode): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (n.spec?.drivers ?? []).forEach((d, i) => {
    const p = `spec.drivers[${i}]`;
    const name = d.name ?? "";
    errs.push(...validateCSIDriverName(name, `${p}.name`));
    const id = d.nodeID ?? "";
    if (!id) errs.push(required(`${p}.nodeID`));
    else if (id.length > 192) errs.push(tooLong(`${p}.nodeID`, 192));
    const keys = new Set<string>();
    (d.topologyKeys ?? []).forEach((k, j) => {
      const kp = `${p}.topologyKeys[${j}]`;
      if (!k) errs.push(required(kp));
      if (keys.has(k)) errs.push(duplicate(kp, k));
      keys.add(k);
      errs.push(...isQualifiedName(k).map((m) => invalid(kp, k, m)));
    });
    if (d.allocatable?.count !== undefined && d.allocatable.count < 0)
      errs.push(invalid(`${p}.allocatable.count`, d.allocatable.count, "must be greater than or equal to 0"));
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    names.add(name);
  });
  return errs;
}

export const csinodes: KindDef<CSINode> = {
  resource: resourceInfo("storage.k8s.io/v1", "CSINode", "csinodes", false),
  validate: validateNode,
  validateUpdate: validateNode,
  table: {
    columns: [
      nameColumn(),
      column("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
      ageColumn(),
    ],
    rows: (n, { now }) => [[n.metadata.name, (n.spec?.drivers ?? []).length, ageCell(n, now)]],
  },
  describe(n, ctx) {
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${n.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", n.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", n.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(n.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, "Spec:\n");
    const drivers = n.spec?.drivers;
    if (drivers) {
      w.write(LEVEL_1, "Drivers:\n");
      for (const d of drivers) {
        w.write(LEVEL_2, `${d.name ?? ""}:\n`);
        w.write(LEVEL_3, `Node ID:\t${d.nodeID ?? ""}\n`);
        if (d.allocatable?.count !== undefined) {
          w.write(LEVEL_3, "Allocatables:\n");
          w.write(LEVEL_4, `Count:\t${d.allocatable.count}\n`);
        }
        if (d.topologyKeys) w.write(LEVEL_3, `Topology Keys:\t${goSliceV(d.topologyKeys)}\n`);
      }
    }
    describeEventsFor(n, ctx, w);
    return w.toString();
  },
};
