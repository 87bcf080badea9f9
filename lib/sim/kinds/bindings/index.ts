/**
 * core/v1 bindings: create-only (a POST binds the pod of the same name to a node).
 * Discovery: pkg/registry/core/pod/storage/storage.go BindingREST (verbs "create"), api/discovery/api__v1.json.
 * Validation: pkg/apis/core/validation/validation.go ValidatePodBinding.
 */
import { notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ObjectReference, Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";

export type Binding = Typed<{ target?: ObjectReference }>;

export const bindings: KindDef<Binding> = {
  resource: resourceInfo("v1", "Binding", "bindings", true, { verbs: ["create"] }),
  validate(b) {
    const errs: FieldError[] = [];
    const kind = b.target?.kind ?? "";
    if (kind && kind !== "Node") errs.push(notSupported("target.kind", kind, ["Node", "<empty>"]));
    if (!b.target?.name) errs.push(required("target.name"));
    return errs;
  },
};
