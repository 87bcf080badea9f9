/**
 * Every task check by name (definitions and exact pass conditions: content/checks.md). Adding a
 * check: its file in this folder, one line here, a row in content/checks.md.
 */
import { CONTROL_PLANE_CHECKS } from "./control-plane";
import { CSR_CHECKS } from "./csr";
import { OBJECT_CHECKS } from "./objects";
import { PKI_CHECKS } from "./pki";
import { RBAC_CHECKS } from "./rbac";
import { WORKLOAD_CHECKS } from "./workloads";

export const CHECKS = {
  ...PKI_CHECKS,
  ...CSR_CHECKS,
  ...OBJECT_CHECKS,
  ...RBAC_CHECKS,
  ...WORKLOAD_CHECKS,
  ...CONTROL_PLANE_CHECKS,
};

export type CheckName = keyof typeof CHECKS;
