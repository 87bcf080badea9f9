/**
 * The simulated apiserver's wire types: objects exactly as the Kubernetes API returns them
 * (apiVersion, kind, metadata, then the kind's own fields), lists, Status errors, Tables and
 * watch events. These are the contract between the store and request path (lib/sim/api), the
 * kinds (lib/sim/kinds/<resource>/), kubectl (lib/sim/commands/kubectl) and the HTTP surface
 * that real kubectl talks to. Timestamps are RFC 3339 strings with second precision, as
 * metav1.Time marshals; the store never keeps a second representation of an object.
 */

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** metav1.OwnerReference */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** metav1.ObjectMeta, as stored and served. */
export interface ObjectMeta {
  name: string;
  generateName?: string;
  /** absent for cluster-scoped objects */
  namespace?: string;
  /** RFC 4122 version 4, drawn from the cluster's PRNG */
  uid: string;
  /** the cluster-wide counter at the object's last write, as a decimal string */
  resourceVersion: string;
  /** for kinds whose strategy tracks it: 1 on create, +1 on every spec change */
  generation?: number;
  /** RFC 3339, second precision: "2026-11-30T09:00:00Z" */
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** A stored Kubernetes object. The kind's own fields (spec, status, data, rules, ...) sit beside metadata. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** metav1.ListMeta + items, as a list call returns (kind "PodList", apiVersion "v1"). */
export interface KList<T extends KObject = KObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** metav1.StatusReason values the simulator returns. */
export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "Forbidden"
  | "Unauthorized"
  | "BadRequest"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "UnsupportedMediaType"
  | "Gone"
  | "Expired"
  | "Timeout"
  | "TooManyRequests"
  | "InternalError"
  | "ServiceUnavailable"
  | "RequestEntityTooLarge";

/** metav1.StatusCause */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** metav1.Status: every error, and the body of some deletes. */
export interface Status {
  apiVersion: "v1";
  kind: "Status";
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: StatusReason;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** meta.k8s.io/v1 TableColumnDefinition (printers.go column definitions). */
export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  /** "name" for the NAME column; otherwise usually "" */
  format: string;
  description: string;
  /** 0: always shown; 1: only with -o wide */
  priority: number;
}

export type TableCell = string | number | boolean | null;

/** meta.k8s.io/v1 TableRow, with the row's object as PartialObjectMetadata (includeObject=Metadata). */
export interface TableRow {
  cells: TableCell[];
  object?: { kind: "PartialObjectMetadata"; apiVersion: "meta.k8s.io/v1"; metadata: ObjectMeta };
}

/** meta.k8s.io/v1 Table, what `kubectl get` asks for (Accept: application/json;as=Table;v=v1;g=meta.k8s.io). */
export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** One event of a watch stream; BOOKMARK and ERROR carry a bare object / Status. */
export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: KObject | Status;
}

/** user.Info: who a request is from, after authentication (and impersonation). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  /** e.g. authentication.kubernetes.io/credential-id: ["X509SHA256=..."] for certificate users */
  extra?: Record<string, string[]>;
}

/** Group and resource: how RBAC, discovery and the store name a collection. "" is the core group. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** The verbs of the request path (RBAC adds "impersonate", "bind", "escalate", "approve", "sign", ... as names only). */
export type ApiVerb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

export type PatchType = "json" | "merge" | "strategic" | "apply";
