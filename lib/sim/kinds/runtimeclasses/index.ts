/**
 * node.k8s.io/v1 runtimeclasses (cluster-scoped; pkg/registry/node/runtimeclass).
 * Validation: pkg/apis/node/validation/validation.go ValidateRuntimeClass(Update): the handler is
 * a DNS label and immutable; overhead quantities (reported under overhead.limits, as upstream
 * validates them as a ResourceRequirements' limits); scheduling node selector.
 * Defaulting: SetDefaults_ResourceList on overhead.podFixed.
 * Table: printers.go printRuntimeClass (HANDLER; its column description is empty upstream).
 * No describer.
 */
import { invalid, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ResourceList, Toleration, Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { validateLabels } from "../_shared/labels";
import { isDNS1123Label } from "../_shared/names";
import { defaultResourceList, validateContainerResourceName, validateResourceQuantityValue } from "../_shared/resources";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type RuntimeClass = Typed<{
  handler?: string;
  overhead?: { podFixed?: ResourceList };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
}>;

function validateRC(rc: RuntimeClass): FieldError[] {
  const handler = rc.handler ?? "";
  const errs = isDNS1123Label(handler).map((m) => invalid("handler", handler, m));
  for (const [k, v] of Object.entries(rc.overhead?.podFixed ?? {})) {
    errs.push(
      ...validateContainerResourceName(k, `overhead.limits[${k}]`),
      ...validateResourceQuantityValue(k, v, `overhead.limits[${k}]`),
    );
  }
  if (rc.scheduling) errs.push(...validateLabels(rc.scheduling.nodeSelector, "scheduling.nodeSelector"));
  return errs;
}

export const runtimeclasses: KindDef<RuntimeClass> = {
  resource: resourceInfo("node.k8s.io/v1", "RuntimeClass", "runtimeclasses", false),
  defaults(rc) {
    defaultResourceList(rc.overhead?.podFixed);
  },
  validate: validateRC,
  validateUpdate: (rc, old) => (rc.handler !== old.handler ? [invalid("handler", rc.handler ?? "", "field is immutable")] : []),
  table: {
    columns: [nameColumn(), column("Handler", "string", ""), ageColumn()],
    rows: (rc, { now }) => [[rc.metadata.name, rc.handler ?? "", ageCell(rc, now)]],
  },
};
