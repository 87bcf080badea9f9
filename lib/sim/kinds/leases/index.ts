/**
 * coordination.k8s.io/v1 leases (namespaced; node heartbeats in kube-node-lease, leader election
 * in kube-system).
 * Discovery: pkg/registry/coordination/lease/storage/storage.go (no short names).
 * Validation: pkg/apis/coordination/validation/validation.go ValidateLeaseSpec (durations,
 * transitions; strategy/preferredHolder are dropped while CoordinatedLeaderElection is off).
 * Table: printers.go printLease (HOLDER). No describer.
 */
import { invalid, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo } from "../_shared/discovery";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

export type Lease = Typed<{
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
    strategy?: string;
    preferredHolder?: string;
  };
}>;

/** dropDisabledFields: the CoordinatedLeaderElection gate (alpha in v1.32) is off. */
function dropDisabledFields(l: Lease): void {
  if (!l.spec) return;
  delete l.spec.strategy;
  delete l.spec.preferredHolder;
}

function validateSpec(l: Lease): FieldError[] {
  const spec = l.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0)
    errs.push(invalid("spec.leaseDurationSeconds", spec.leaseDurationSeconds, "must be greater than 0"));
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0)
    errs.push(invalid("spec.leaseTransitions", spec.leaseTransitions, "must be greater than or equal to 0"));
  return errs;
}

export const leases: KindDef<Lease> = {
  resource: resourceInfo("coordination.k8s.io/v1", "Lease", "leases", true),
  validate: validateSpec,
  validateUpdate: validateSpec,
  strategy: { prepareForCreate: dropDisabledFields, prepareForUpdate: dropDisabledFields },
  table: {
    columns: [nameColumn(), column("Holder", "string", SWAGGER.leaseHolder), ageColumn()],
    rows: (l, { now }) => [[l.metadata.name, l.spec?.holderIdentity ?? "", ageCell(l, now)]],
  },
};
