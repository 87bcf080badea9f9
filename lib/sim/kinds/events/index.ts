/**
 * core/v1 events.
 * Discovery: pkg/registry/core/event/storage/storage.go (ShortNames "ev"), api/discovery/api__v1.json.
 * Validation: pkg/apis/core/validation/events.go ValidateEventCreate for request version v1
 * (legacyValidateEvent only; name rule NameIsDNSSubdomain).
 * Table: printers.go eventColumnDefinitions / printEvent. Field selectors:
 * pkg/registry/core/event/strategy.go ToSelectableFields. No describer: kubectl uses the generic one.
 * The events.k8s.io/v1 resource is a second view of the same objects (see ../events.events.k8s.io).
 */
import { invalid, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { ObjectReference, Typed } from "../_shared/core-types";
import { translateTimestampSince } from "../_shared/describe-helpers";
import { resourceInfo } from "../_shared/discovery";
import { isDNS1123Subdomain, isQualifiedName } from "../_shared/names";
import { SWAGGER } from "../_shared/swagger-docs";
import { column, NAME_DESCRIPTION, wide } from "../_shared/table";
import type { TableDef } from "../types";

export interface CoreEvent {
  involvedObject?: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}
export type Event = Typed<CoreEvent>;

const LIMIT_128 = 128;
const NOTE_LIMIT = 1024;

/** legacyValidateEvent; `reportingField` is "reportingComponent" for core/v1 requests, "reportingController" otherwise. */
export function legacyValidateEvent(e: Event, reportingField: string): FieldError[] {
  const errs: FieldError[] = [];
  const ns = e.metadata.namespace ?? "";
  const ioNs = e.involvedObject?.namespace ?? "";
  if (!e.eventTime) {
    if (!ioNs ? ns !== "" && ns !== "default" : ns !== ioNs)
      errs.push(invalid("involvedObject.namespace", ioNs, "does not match event.namespace"));
  } else {
    if (!ioNs && ns !== "default" && ns !== "kube-system")
      errs.push(invalid("involvedObject.namespace", ioNs, "does not match event.namespace"));
    const rc = e.reportingComponent ?? "";
    if (!rc) errs.push(required(reportingField));
    errs.push(...isQualifiedName(rc).map((m) => invalid(reportingField, rc, m)));
    if (!e.reportingInstance) errs.push(required("reportingInstance"));
    if ((e.reportingInstance ?? "").length > LIMIT_128)
      errs.push(invalid("reportingInstance", "", `can have at most ${LIMIT_128} characters`));
    if (!e.action) errs.push(required("action"));
    if ((e.action ?? "").length > LIMIT_128) errs.push(invalid("action", "", `can have at most ${LIMIT_128} characters`));
    if (!e.reason) errs.push(required("reason"));
    if ((e.reason ?? "").length > LIMIT_128) errs.push(invalid("reason", "", `can have at most ${LIMIT_128} characters`));
    if ((e.message ?? "").length > NOTE_LIMIT) errs.push(invalid("message", "", `can have at most ${NOTE_LIMIT} characters`));
  }
  errs.push(...isDNS1123Subdomain(ns).map((m) => invalid("namespace", ns, m)));
  return errs;
}

/** formatEventSource: component (or reporting controller), then ", host" (or instance) when set. */
function formatEventSource(e: CoreEvent): string {
  const component = e.source?.component || e.reportingComponent || "";
  const instance = e.source?.host || e.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent over the core shape (events.k8s.io rows are converted to it first). */
export const eventTable: TableDef<Event> = {
  columns: [
    column("Last Seen", "string", SWAGGER.eventLastTimestamp),
    column("Type", "string", SWAGGER.eventType),
    column("Reason", "string", SWAGGER.eventReason),
    column("Object", "string", SWAGGER.eventInvolvedObject),
    wide("Subobject", SWAGGER.objectReferenceFieldPath),
    wide("Source", SWAGGER.eventSource),
    column("Message", "string", SWAGGER.eventMessage),
    wide("First Seen", SWAGGER.eventFirstTimestamp),
    wide("Count", SWAGGER.eventCount),
    column("Name", "string", NAME_DESCRIPTION, 1, "name"),
  ],
  rows(e, { now }) {
    const first = e.firstTimestamp ? translateTimestampSince(e.firstTimestamp, now) : translateTimestampSince(e.eventTime, now);
    let last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) count = 1; // singleton events carry no count in the new API
    const io = e.involvedObject ?? {};
    const target = io.name ? `${(io.kind ?? "").toLowerCase()}/${io.name}` : (io.kind ?? "").toLowerCase();
    return [
      [
        last,
        e.type ?? "",
        e.reason ?? "",
        target,
        io.fieldPath ?? "",
        formatEventSource(e),
        (e.message ?? "").trim(),
        first,
        count,
        e.metadata.name,
      ],
    ];
  },
};

/** ToSelectableFields */
export function eventSelectableFields(e: Event): Record<string, string> {
  const io = e.involvedObject ?? {};
  return {
    "involvedObject.kind": io.kind ?? "",
    "involvedObject.namespace": io.namespace ?? "",
    "involvedObject.name": io.name ?? "",
    "involvedObject.uid": io.uid ?? "",
    "involvedObject.apiVersion": io.apiVersion ?? "",
    "involvedObject.resourceVersion": io.resourceVersion ?? "",
    "involvedObject.fieldPath": io.fieldPath ?? "",
    reason: e.reason ?? "",
    reportingComponent: e.reportingComponent ?? "",
    source: e.source?.component || e.reportingComponent || "",
    type: e.type ?? "",
  };
}

export const events: KindDef<Event> = {
  resource: resourceInfo("v1", "Event", "events", true, { shortNames: ["ev"] }),
  validate: (e) => legacyValidateEvent(e, "reportingComponent"),
  validateUpdate: (e) => legacyValidateEvent(e, "reportingComponent"),
  table: eventTable,
  selectableFields: eventSelectableFields,
};
