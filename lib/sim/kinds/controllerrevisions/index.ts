/**
 * apps/v1 controllerrevisions: the immutable template snapshots of DaemonSets and StatefulSets.
 * Discovery: pkg/registry/apps/controllerrevision/storage/storage.go (no short names).
 * Validation: pkg/apis/apps/validation/validation.go ValidateControllerRevision(Update).
 * Table: printers.go printControllerRevision (CONTROLLER is "<kind>.<group>/<name>" in lower case).
 * No describer: the generic one.
 */
import { invalid, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { validateNonnegative } from "../_shared/pod-validation";
import { semanticEqual } from "../_shared/semantic";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type ControllerRevision = Typed<{ data?: unknown; revision?: number }>;

function validate(cr: ControllerRevision): FieldError[] {
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(required("data", "data is mandatory"));
  return errs.concat(validateNonnegative(cr.revision ?? 0, "revision"));
}

export const controllerrevisions: KindDef<ControllerRevision> = {
  resource: resourceInfo("apps/v1", "ControllerRevision", "controllerrevisions", true),
  validate,
  validateUpdate(cr, old) {
    const errs = validate(cr);
    if (!semanticEqual(cr.data, old.data)) errs.push(invalid("data", { omit: true }, "field is immutable"));
    return errs;
  },
  table: {
    columns: [
      nameColumn(),
      column("Controller", "string", "Controller of the object"),
      column("Revision", "string", SWAGGER.controllerRevisionRevision),
      ageColumn(),
    ],
    rows(cr, { now }) {
      const ref = (cr.metadata.ownerReferences ?? []).find((r) => r.controller);
      let controller = "<none>";
      if (ref) {
        const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
        controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
      }
      return [[cr.metadata.name, controller, cr.revision ?? 0, ageCell(cr, now)]];
    },
  },
};
