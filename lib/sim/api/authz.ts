/**
 * Authorization attributes and the Forbidden texts of
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (ForbiddenStatusError)
 * and the union of the kubeadm apiserver's authorizers (--authorization-mode=Node,RBAC, with the
 * system:masters privileged group allowed first, as authorizerfactory.NewPrivilegedGroups does).
 */
import { goQuote } from "./field";
import { forbidden } from "./status";
import type { Status, UserInfo } from "./types";

export interface Attributes {
  user: UserInfo;
  verb: string;
  /** resource requests */
  resourceRequest: boolean;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** non-resource requests */
  path?: string;
}

export type Decision = { allowed: true; reason: string } | { allowed: false; reason: string };

export interface Authorizer {
  authorize(a: Attributes): Decision;
}

/** `User "jane" cannot list resource "pods" in API group "" in the namespace "dev"` (+ ": reason"). */
export function forbiddenReason(a: Attributes, reason: string): string {
  let msg = `User ${goQuote(a.user.username)} cannot ${a.verb}`;
  if (a.resourceRequest) {
    const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    msg += ` resource ${goQuote(res)} in API group ${goQuote(a.group)}`;
    msg += a.namespace ? ` in the namespace ${goQuote(a.namespace)}` : " at the cluster scope";
  } else msg += ` path ${goQuote(a.path ?? "")}`;
  return reason ? `${msg}: ${reason}` : msg;
}

export function forbiddenStatus(a: Attributes, reason: string): Status {
  if (!a.resourceRequest) {
    return {
      apiVersion: "v1",
      kind: "Status",
      metadata: {},
      status: "Failure",
      message: `forbidden: ${forbiddenReason(a, reason)}`,
      reason: "Forbidden",
      details: {},
      code: 403,
    };
  }
  return forbidden({ group: a.group, resource: a.resource }, a.name ?? "", forbiddenReason(a, reason));
}
