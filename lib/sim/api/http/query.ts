/**
 * The query parameters of resource requests (metav1.ListOptions, GetOptions, CreateOptions,
 * UpdateOptions, PatchOptions, DeleteOptions as staging/src/k8s.io/apimachinery/pkg/apis/meta/v1
 * decodes them from a URL) and the DeleteOptions body. Bad values are 400s with the apiserver's words.
 */
import { parse as parseYaml } from "yaml";
import { badRequest } from "../status";
import { decodeProtobufObject, isProtobuf } from "./protobuf/decode";
import type { Status } from "../types";

export interface ResourceQuery {
  watch: boolean;
  labelSelector: string;
  fieldSelector: string;
  resourceVersion?: string;
  limit?: number;
  continueToken?: string;
  timeoutSeconds?: number;
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  includeObject: "None" | "Metadata" | "Object";
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  gracePeriodSeconds?: number;
}

const POLICIES = ["Foreground", "Background", "Orphan"] as const;

const isTrue = (v: string | null) => v === "true" || v === "1";

function integer(v: string | null, name: string): number | undefined | Status {
  if (v === null || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) return badRequest(`${name}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export function parseQuery(query: string): ResourceQuery | Status {
  const q = new URLSearchParams(query);
  const limit = integer(q.get("limit"), "limit");
  if (typeof limit === "object") return limit;
  const timeoutSeconds = integer(q.get("timeoutSeconds"), "timeoutSeconds");
  if (typeof timeoutSeconds === "object") return timeoutSeconds;
  const grace = integer(q.get("gracePeriodSeconds"), "gracePeriodSeconds");
  if (typeof grace === "object") return grace;
  const dry = q.getAll("dryRun");
  for (const d of dry) if (d !== "All") return badRequest(`Invalid dry run value: ${d}; supported values: All`);
  const fv = q.get("fieldValidation");
  if (fv !== null && fv !== "" && fv !== "Strict" && fv !== "Warn" && fv !== "Ignore") {
    return badRequest(`invalid fieldValidation directive: ${fv}, supported values: Ignore, Warn, Strict`);
  }
  const inc = q.get("includeObject") ?? "";
  if (inc !== "" && inc !== "None" && inc !== "Metadata" && inc !== "Object")
    return badRequest(`unrecognized includeObject value: "${inc}"`);
  const pp = q.get("propagationPolicy");
  if (pp !== null && !POLICIES.includes(pp as (typeof POLICIES)[number]))
    return badRequest(`propagationPolicy: Unsupported value: "${pp}": supported values: "Foreground", "Background", "Orphan"`);
  return {
    watch: isTrue(q.get("watch")),
    labelSelector: q.get("labelSelector") ?? "",
    fieldSelector: q.get("fieldSelector") ?? "",
    ...(q.get("resourceVersion") !== null ? { resourceVersion: q.get("resourceVersion") ?? "" } : {}),
    ...(limit !== undefined && limit > 0 ? { limit } : {}),
    ...(q.get("continue") ? { continueToken: q.get("continue") ?? "" } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    dryRun: dry.length > 0,
    ...(q.get("fieldManager") ? { fieldManager: q.get("fieldManager") ?? "" } : {}),
    ...(fv ? { fieldValidation: fv } : {}),
    includeObject: inc || "Metadata",
    ...(pp ? { propagationPolicy: pp as ResourceQuery["propagationPolicy"] } : {}),
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
  };
}

/** A JSON, YAML or protobuf request body; an empty body is no body. */
export function parseBody(bytes: Uint8Array, contentType: string | undefined): { value: unknown } | Status {
  if (isProtobuf(contentType)) {
    if (!bytes.length) return { value: undefined };
    const o = decodeProtobufObject(bytes);
    return o instanceof Error ? badRequest(o.message) : { value: o };
  }
  const body = Buffer.from(bytes).toString("utf8");
  if (!body.trim()) return { value: undefined };
  const yaml = /yaml/.test(contentType ?? "");
  try {
    return { value: yaml ? (parseYaml(body) as unknown) : (JSON.parse(body) as unknown) };
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return badRequest(`${yaml ? "yaml" : "json"}: ${why}`);
  }
}

export interface DeleteOptionsBody {
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

/** metav1.DeleteOptions from a DELETE's body (kubectl sends one), merged over the query's. */
export function deleteOptions(body: unknown, q: ResourceQuery): DeleteOptionsBody | Status {
  const o = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  let policy = q.propagationPolicy;
  if (o.propagationPolicy !== undefined) {
    if (!POLICIES.includes(o.propagationPolicy as (typeof POLICIES)[number])) {
      return badRequest(
        `propagationPolicy: Unsupported value: ${JSON.stringify(o.propagationPolicy)}: supported values: "Foreground", "Background", "Orphan"`,
      );
    }
    policy = o.propagationPolicy as DeleteOptionsBody["propagationPolicy"];
  } else if (o.orphanDependents === true) policy = "Orphan";
  const dry = Array.isArray(o.dryRun) ? o.dryRun : [];
  for (const d of dry) if (d !== "All") return badRequest(`Invalid dry run value: ${String(d)}; supported values: All`);
  const pre =
    o.preconditions && typeof o.preconditions === "object" ? (o.preconditions as { uid?: unknown; resourceVersion?: unknown }) : undefined;
  return {
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(typeof o.gracePeriodSeconds === "number"
      ? { gracePeriodSeconds: o.gracePeriodSeconds }
      : q.gracePeriodSeconds !== undefined
        ? { gracePeriodSeconds: q.gracePeriodSeconds }
        : {}),
    ...(pre
      ? {
          preconditions: {
            ...(typeof pre.uid === "string" ? { uid: pre.uid } : {}),
            ...(typeof pre.resourceVersion === "string" ? { resourceVersion: pre.resourceVersion } : {}),
          },
        }
      : {}),
    dryRun: q.dryRun || dry.length > 0,
  };
}
