/**
 * metav1.Status errors with the apiserver's texts: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go
 * (NewNotFound, NewAlreadyExists, NewConflict, NewForbidden, NewBadRequest, NewMethodNotSupported,
 * NewGone, NewInternalError) and the OptimisticLockErrorMsg of
 * staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go. Invalid (422) lives in field.ts.
 */
import { goQuote } from "./field";
import { qualified } from "./meta";
import type { GroupResource, Status, StatusReason } from "./types";

function failure(code: number, reason: StatusReason | undefined, message: string, details?: Status["details"]): Status {
  return {
    apiVersion: "v1",
    kind: "Status",
    metadata: {},
    status: "Failure",
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

const detailsOf = (gr: GroupResource, name: string): Status["details"] => ({
  ...(name ? { name } : {}),
  ...(gr.group ? { group: gr.group } : {}),
  kind: gr.resource,
});

export const OPTIMISTIC_LOCK_MSG = "the object has been modified; please apply your changes to the latest version and try again";

export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, "NotFound", `${qualified(gr)} ${goQuote(name)} not found`, detailsOf(gr, name));
}

export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(409, "AlreadyExists", `${qualified(gr)} ${goQuote(name)} already exists`, detailsOf(gr, name));
}

export function conflict(gr: GroupResource, name: string, why: string = OPTIMISTIC_LOCK_MSG): Status {
  return failure(409, "Conflict", `Operation cannot be fulfilled on ${qualified(gr)} ${goQuote(name)}: ${why}`, detailsOf(gr, name));
}

export function forbidden(gr: GroupResource, name: string, why: string): Status {
  const target = name ? `${qualified(gr)} ${goQuote(name)}` : qualified(gr);
  return failure(403, "Forbidden", `${target} is forbidden: ${why}`, detailsOf(gr, name));
}

export function badRequest(message: string): Status {
  return failure(400, "BadRequest", message);
}

export function methodNotSupported(gr: GroupResource, action: string): Status {
  return failure(405, "MethodNotAllowed", `${action} is not supported on resources of kind ${goQuote(qualified(gr))}`, {
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function notAcceptable(message: string): Status {
  return failure(406, "NotAcceptable", message);
}

export function unsupportedMediaType(contentType: string): Status {
  return failure(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${contentType}`,
  );
}

export function gone(message: string): Status {
  return failure(410, "Gone", message);
}

export function internalError(why: string): Status {
  return failure(500, "InternalError", `Internal error occurred: ${why}`, { causes: [{ message: why }] });
}

/** 404 for a path the server does not serve (no reason, as the apiserver's NotFound handler). */
export function pathNotFound(): Status {
  return failure(404, "NotFound", "the server could not find the requested resource", {
    causes: [{ reason: "UnexpectedServerResponse", message: "404 page not found" }],
  });
}

/** `{"kind":"Status","status":"Success",...}` as some deletes return. */
export function success(gr: GroupResource, name: string, uid?: string): Status {
  return {
    apiVersion: "v1",
    kind: "Status",
    metadata: {},
    status: "Success",
    details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource, ...(uid ? { uid } : {}) },
    code: 200,
  };
}

export function isStatus(x: unknown): x is Status {
  return !!x && typeof x === "object" && (x as { kind?: unknown }).kind === "Status" && (x as { apiVersion?: unknown }).apiVersion === "v1";
}
