/**
 * GET pods/NAME/log as the apiserver serves it and proxies it to the kubelet, transport-free:
 * - the query decodes into PodLogOptions (runtime/conversion.go: a bool is false only for "0" or
 *   "false", an int64 goes through strconv.ParseInt, sinceTime through metav1.Time's RFC 3339);
 * - ValidatePodLogOptions (pkg/apis/core/validation/validation.go) answers 422 PodLogOptions;
 * - LogREST.Get (pkg/registry/core/pod/rest/log.go) and LogLocation (pkg/registry/core/pod/strategy.go,
 *   validateContainer) choose the container, 400 when none or a wrong one is named; a pod not yet
 *   on a node has no location, so the answer is 204 with no body (handlers/rest.go StreamObject);
 * - the kubelet's refusals come back as 400 BadRequest with its text
 *   (registry/generic/rest/response_checker.go), its lines as text/plain, or a stream with follow.
 * The terminal's `kubectl logs` reads through `podLog` too, so both print the same lines.
 */
import { goQuote, invalid, forbidden, invalidStatus, type FieldError } from "../field";
import { badRequest } from "../status";
import type { KObject, Status } from "../types";
import type { PodSpec, PodStatus } from "../../kinds/pods/types";
import type { ObjectGetter } from "../../kubelet/env";
import { readContainerLog, type LogCursor } from "../../kubelet/logs";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** epoch ms of an RFC 3339 time (whole seconds, as metav1.Time carries it) */
  sinceTime?: number;
  tailLines?: number;
  limitBytes?: number;
}

/** runtime.Convert_Slice_string_To_bool: anything but "0" and "false" is true. */
const bool = (v: string | null) => v !== null && v !== "0" && v.toLowerCase() !== "false";

function int64(v: string | null): number | undefined | Status {
  if (v === null) return undefined;
  if (!/^[+-]?\d+$/.test(v)) return badRequest(`strconv.ParseInt: parsing ${goQuote(v)}: invalid syntax`);
  return Number(v);
}

const RFC3339 = "2006-01-02T15:04:05Z07:00";
/** time.Parse(time.RFC3339, v)'s layout elements, in order, with what each accepts. */
const ELEMENTS: [string, RegExp][] = [
  ["2006", /^\d{4}/],
  ["-", /^-/],
  ["01", /^\d{2}/],
  ["-", /^-/],
  ["02", /^\d{2}/],
  ["T", /^T/],
  ["15", /^\d{2}/],
  [":", /^:/],
  ["04", /^\d{2}/],
  [":", /^:/],
  ["05", /^\d{2}(\.\d+)?/],
  ["Z07:00", /^(Z|[+-]\d{2}:\d{2})/],
];

/** metav1.Time.UnmarshalQueryParameter: RFC 3339, or Go's ParseError text (time/format.go) at the first element that does not match. */
function rfc3339(v: string): number | Status {
  let rest = v;
  for (const [elem, re] of ELEMENTS) {
    const m = re.exec(rest);
    if (!m) {
      return badRequest(`parsing time ${goQuote(v)} as ${goQuote(RFC3339)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`);
    }
    rest = rest.slice(m[0].length);
  }
  if (rest) return badRequest(`parsing time ${goQuote(v)}: extra text: ${goQuote(rest)}`);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return badRequest(`parsing time ${goQuote(v)}: day out of range`);
  return Math.floor(ms / 1000) * 1000;
}

/** The query of GET pods/NAME/log as PodLogOptions, or the 400 its decoding gives. */
export function parsePodLogQuery(query: string): PodLogOptions | Status {
  const q = new URLSearchParams(query);
  const out: PodLogOptions = {
    follow: bool(q.get("follow")),
    previous: bool(q.get("previous")),
    timestamps: bool(q.get("timestamps")),
  };
  const container = q.get("container");
  if (container) out.container = container;
  for (const key of ["sinceSeconds", "tailLines", "limitBytes"] as const) {
    const n = int64(q.get(key));
    if (typeof n === "object") return n;
    if (n !== undefined) out[key] = n;
  }
  const since = q.get("sinceTime");
  if (since !== null && since !== "" && since !== "null") {
    const t = rfc3339(since);
    if (typeof t === "object") return t;
    out.sinceTime = t;
  }
  return out;
}

/** ValidatePodLogOptions: 422 "PodLogOptions NAME is invalid", or undefined. */
export function validatePodLogOptions(name: string, o: PodLogOptions): Status | undefined {
  const errs: FieldError[] = [];
  if (o.tailLines !== undefined && o.tailLines < 0) errs.push(invalid("tailLines", o.tailLines, "must be greater than or equal to 0"));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errs.push(invalid("limitBytes", o.limitBytes, "must be greater than 0"));
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined)
    errs.push(forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
  else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) errs.push(invalid("sinceSeconds", o.sinceSeconds, "must be greater than 0"));
  return errs.length ? invalidStatus("", "PodLogOptions", name, errs) : undefined;
}

/** strategy.go validateContainer: the container named, or the only one; 400 otherwise. */
function logContainer(pod: Pod, container: string | undefined): string | Status {
  const name = pod.metadata.name;
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name);
  if (container) return all.includes(container) ? container : badRequest(`container ${container} is not valid for pod ${name}`);
  if (pod.spec.containers.length === 1) return pod.spec.containers[0].name;
  if (pod.spec.containers.length === 0) return badRequest(`a container name must be specified for pod ${name}`);
  // podutil.VisitContainers: init containers first, printed as Go prints a []string
  return badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(" ")}]`);
}

export type PodLogAnswer =
  | { kind: "text"; text: string; cursor?: LogCursor }
  /** the pod has no node yet: no location, 204 and nothing printed */
  | { kind: "no-node" }
  | { kind: "status"; status: Status };

/** What GET pods/NAME/log answers for a pod the caller may read, at `now`. */
export function podLog(pod: Pod, o: PodLogOptions, now: number, get: ObjectGetter): PodLogAnswer {
  const invalidOpts = validatePodLogOptions(pod.metadata.name, o);
  if (invalidOpts) return { kind: "status", status: invalidOpts };
  const container = logContainer(pod, o.container);
  if (typeof container === "object") return { kind: "status", status: container };
  if (!pod.spec.nodeName) return { kind: "no-node" };
  const fromSeconds = o.sinceSeconds !== undefined ? now - o.sinceSeconds * 1000 : undefined;
  const since = Math.max(fromSeconds ?? -Infinity, o.sinceTime ?? -Infinity);
  const r = readContainerLog(
    pod,
    {
      container,
      previous: o.previous,
      timestamps: o.timestamps,
      ...(Number.isFinite(since) ? { since } : {}),
      ...(o.tailLines !== undefined ? { tailLines: o.tailLines } : {}),
      ...(o.limitBytes !== undefined ? { limitBytes: o.limitBytes } : {}),
    },
    now,
    get,
  );
  if (!r.ok) return { kind: "status", status: badRequest(r.message) };
  return { kind: "text", text: r.text, ...(r.cursor ? { cursor: r.cursor } : {}) };
}
