/**
 * pkg/apis/rbac/validation/validation.go (ValidatePolicyRule, ValidateRoleBinding,
 * ValidateRoleBindingSubject) and the v1 defaults of pkg/apis/rbac/v1/defaults.go (apiGroup of
 * roleRef and of User/Group subjects), shared by the four RBAC kinds.
 */
import { type FieldError, goSlice, invalid, notSupported, required } from "../field";
import { isDNS1123Subdomain, validatePathSegmentName } from "../../kinds/_shared/names";
import { AGE_COLUMN, NAME_COLUMN, column } from "../table";
import { DescribeWriter } from "../../printers/describe-util";
import { ageOf } from "../../printers/duration";
import { policyRuleLines } from "../../printers/rbac-rules";
import type { TableDef } from "../../kinds/types";
import { type ClusterRole, type PolicyRule, RBAC_GROUP, type Role, type RoleBinding, type Subject } from "./types";

export function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (rules ?? []).forEach((r, i) => {
    const p = `rules[${i}]`;
    if (!r.verbs?.length) errs.push(required(`${p}.verbs`, "verbs must contain at least one value"));
    if (r.nonResourceURLs?.length) {
      if (namespaced)
        errs.push(invalid(`${p}.nonResourceURLs`, goSlice(r.nonResourceURLs), "namespaced rules cannot apply to non-resource URLs"));
      if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length) {
        errs.push(
          invalid(`${p}.nonResourceURLs`, goSlice(r.nonResourceURLs), "rules cannot apply to both regular resources and non-resource URLs"),
        );
      }
      return;
    }
    if (!r.apiGroups?.length) errs.push(required(`${p}.apiGroups`, "resource rules must supply at least one api group"));
    if (!r.resources?.length) errs.push(required(`${p}.resources`, "resource rules must supply at least one resource"));
  });
  return errs;
}

export function defaultBinding(b: RoleBinding): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (s.apiGroup === undefined || s.apiGroup === "") {
      if (s.kind === "User" || s.kind === "Group") s.apiGroup = RBAC_GROUP;
      else if (s.kind === "ServiceAccount") s.apiGroup = "";
    }
  }
}

function validateSubject(s: Subject, namespaced: boolean, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(`${p}.name`));
  switch (s.kind) {
    case "ServiceAccount":
      if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(invalid(`${p}.name`, s.name, m));
      if (s.apiGroup) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup, [""]));
      if (!namespaced && !s.namespace) errs.push(required(`${p}.namespace`));
      break;
    case "User":
    case "Group":
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup ?? "", [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${p}.kind`, s.kind, ["ServiceAccount", "User", "Group"]));
  }
  return errs;
}

export function validateBinding(b: RoleBinding, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = b.roleRef ?? { apiGroup: "", kind: "", name: "" };
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported("roleRef.apiGroup", ref.apiGroup ?? "", [RBAC_GROUP]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(ref.kind)) errs.push(notSupported("roleRef.kind", ref.kind ?? "", kinds));
  if (!ref.name) errs.push(required("roleRef.name"));
  else for (const m of validatePathSegmentName(ref.name, false)) errs.push(invalid("roleRef.name", ref.name, m));
  (b.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  return errs;
}

export function validateBindingUpdate(b: RoleBinding, old: RoleBinding, namespaced: boolean): FieldError[] {
  const errs = validateBinding(b, namespaced);
  const r = b.roleRef;
  if (JSON.stringify(r) !== JSON.stringify(old.roleRef)) {
    errs.push(
      invalid(
        "roleRef",
        {
          go: `rbac.RoleRef{APIGroup:${JSON.stringify(r?.apiGroup ?? "")}, Kind:${JSON.stringify(r?.kind ?? "")}, Name:${JSON.stringify(r?.name ?? "")}}`,
        },
        "cannot change roleRef",
      ),
    );
  }
  return errs;
}

/** printers.go roleColumnDefinitions: Name, Created At. */
export const roleTable: TableDef<Role> = {
  columns: [
    NAME_COLUMN,
    column(
      "Created At",
      "date",
      "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    ),
  ],
  rows: (r) => [[r.metadata.name, r.metadata.creationTimestamp]],
};

/** rbac.SubjectsStrings: users, groups, "namespace/name" of service accounts. */
function subjectsStrings(subjects: Subject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
    else if (s.kind === "ServiceAccount") sas.push(`${s.namespace ?? ""}/${s.name}`);
  }
  return [users.join(", "), groups.join(", "), sas.join(", ")];
}

/** printers.go roleBindingsColumnDefinitions: Name, Role, Age, Users, Groups, ServiceAccounts. */
export const bindingTable: TableDef<RoleBinding> = {
  columns: [
    NAME_COLUMN,
    column(
      "Role",
      "string",
      "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
    ),
    AGE_COLUMN,
    column("Users", "string", "Users in the roleBinding", 1),
    column("Groups", "string", "Groups in the roleBinding", 1),
    column("ServiceAccounts", "string", "ServiceAccounts in the roleBinding", 1),
  ],
  rows: (b, ctx) => [
    [
      b.metadata.name,
      `${b.roleRef?.kind}/${b.roleRef?.name}`,
      ageOf(b.metadata.creationTimestamp, ctx.now),
      ...subjectsStrings(b.subjects),
    ],
  ],
};

/** describe.go RoleDescriber / ClusterRoleDescriber */
export function describeRole(r: Role | ClusterRole): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${r.metadata.name}\n`);
  w.map("Labels", r.metadata.labels, "=");
  w.map("Annotations", r.metadata.annotations, ": ");
  w.write(0, "PolicyRule:\n");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(1, "---------\t-----------------\t--------------\t-----\n");
  for (const line of policyRuleLines(r.rules ?? [])) w.write(1, `${line}\n`);
  return w.toString();
}

/** describe.go RoleBindingDescriber / ClusterRoleBindingDescriber */
export function describeBinding(b: RoleBinding): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${b.metadata.name}\n`);
  w.map("Labels", b.metadata.labels, "=");
  w.map("Annotations", b.metadata.annotations, ": ");
  w.write(0, "Role:\n");
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ""}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ""}\n`);
  w.write(0, "Subjects:\n");
  w.write(1, "Kind\tName\tNamespace\n");
  w.write(1, "----\t----\t---------\n");
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ""}\n`);
  return w.toString();
}
