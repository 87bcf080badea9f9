/**
 * Watch streams (?watch=true) from the store's watch log: the request is authorized and its
 * selectors checked like a list (verb "watch"); then
 * - resourceVersion unset or "0": ADDED for every matching object, then what happens next;
 * - resourceVersion N: every matching event after N, or, when N is older than the log keeps, one
 *   ERROR event with the 410 Expired Status "too old resource version: N (M)"
 *   (staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go) and the end of the stream.
 * Events are JSON lines; with a Table Accept header each object is a one-object Table whose
 * column definitions come only in the first event (handlers/watch.go sets NoHeaders after it).
 */
import type { KindDef } from "../../kinds/types";
import type { ApiRequest } from "../request";
import type { ApiServer } from "../server";
import {
  type FieldRequirement,
  fieldsMatch,
  type LabelRequirement,
  labelsMatch,
  parseFieldSelector,
  parseLabelSelector,
} from "../selectors";
import { badRequest } from "../status";
import { type ObjectKey, parseKey } from "../store";
import { buildTable } from "../table";
import type { KObject, Status, WatchEvent } from "../types";
import { statusResponse } from "./negotiate";
import type { ResourceQuery } from "./query";
import type { HttpResult, WatchStream } from "./types";

type Media = { table: false } | { table: true; version: "v1" | "v1beta1" };

function expired(requested: number, oldest: number): Status {
  return {
    apiVersion: "v1",
    kind: "Status",
    metadata: {},
    status: "Failure",
    message: `too old resource version: ${requested} (${oldest})`,
    reason: "Expired",
    code: 410,
  };
}

class LogWatch implements WatchStream {
  private cursor: number;
  private pending: WatchEvent[];
  private first = true;
  private ended = false;
  private readonly deadline: number | undefined;

  constructor(
    private readonly apiNow: () => ApiServer,
    private readonly def: KindDef,
    private readonly matches: (key: ObjectKey, o: KObject) => boolean,
    private readonly media: Media,
    private readonly include: ResourceQuery["includeObject"],
    start: { cursor: number; initial: WatchEvent[] },
    timeoutSeconds: number | undefined,
  ) {
    this.cursor = start.cursor;
    this.pending = start.initial;
    this.deadline = timeoutSeconds !== undefined ? apiNow().now + timeoutSeconds * 1000 : undefined;
  }

  get done(): boolean {
    return this.ended;
  }

  private encode(e: WatchEvent, now: number): string {
    if (!this.media.table || e.type === "ERROR" || e.type === "BOOKMARK") return JSON.stringify(e) + "\n";
    const o = e.object as KObject;
    const t = buildTable(this.def, [o], { now }, o.metadata.resourceVersion);
    for (const row of t.rows) {
      if (this.include === "None") delete row.object;
      else if (this.include === "Object") row.object = structuredClone(o) as unknown as NonNullable<typeof row.object>;
    }
    const table = { ...t, apiVersion: `meta.k8s.io/${this.media.version}`, ...(this.first ? {} : { columnDefinitions: null }) };
    this.first = false;
    return JSON.stringify({ type: e.type, object: table }) + "\n";
  }

  take(): string[] {
    if (this.ended) return [];
    const events = this.pending;
    this.pending = [];
    const api = this.apiNow();
    const store = api.store;
    const since = store.eventsSince(this.cursor, () => true);
    if (since === undefined) {
      events.push({ type: "ERROR", object: expired(this.cursor, store.resourceVersion) });
      this.ended = true;
    } else {
      for (const r of since) if (this.matches(r.key, r.object)) events.push({ type: r.type, object: structuredClone(r.object) });
      this.cursor = Math.max(this.cursor, store.resourceVersion);
    }
    if (events.some((e) => e.type === "ERROR")) this.ended = true;
    if (this.deadline !== undefined && api.now >= this.deadline) this.ended = true;
    return events.map((e) => this.encode(e, api.now));
  }
}

/** Which watch log records a watch of `def` sees (also kubectl get -w in the terminal, commands/kubectl/get-watch.ts). */
export function watchMatcher(
  def: KindDef,
  namespace: string | undefined,
  name: string | undefined,
  labels: LabelRequirement[],
  fields: FieldRequirement[],
): (key: ObjectKey, o: KObject) => boolean {
  const gr = { group: def.resource.group, resource: def.resource.resource };
  return (key, o) => {
    const k = parseKey(key);
    if (k.group !== gr.group || k.resource !== gr.resource) return false;
    if (namespace !== undefined && k.namespace !== namespace) return false;
    if (name !== undefined && k.name !== name) return false;
    if (!labelsMatch(labels, o.metadata.labels)) return false;
    const extra = def.selectableFields ? def.selectableFields(o) : {};
    return fieldsMatch(fields, { "metadata.name": o.metadata.name, "metadata.namespace": o.metadata.namespace ?? "", ...extra });
  };
}

/** Starts a watch: authorization and selector errors come back as ordinary Status responses. */
export function startWatch(apiNow: () => ApiServer, def: KindDef, req: ApiRequest, q: ResourceQuery, media: Media): HttpResult {
  const api = apiNow();
  // the list of a watch is authorized and validated exactly as a list with the same selectors
  const check = api.request({ ...req, verb: "watch" });
  if (check.body.kind === "Status") return statusResponse(check.body as Status);
  const labels = parseLabelSelector(q.labelSelector);
  const fields = parseFieldSelector(q.fieldSelector);
  if (!Array.isArray(labels)) return statusResponse(badRequest(labels.error));
  if (!Array.isArray(fields)) return statusResponse(badRequest(fields.error));
  const gr = { group: def.resource.group, resource: def.resource.resource };
  const ns = def.resource.namespaced ? req.namespace : undefined;
  const matches = watchMatcher(def, ns, req.name, labels, fields);
  const rv = q.resourceVersion ?? "";
  let start: { cursor: number; initial: WatchEvent[] };
  if (rv === "" || rv === "0") {
    const items = api.store
      .list(gr, ns)
      .filter((o) => matches(`${gr.group}/${gr.resource}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, o));
    start = { cursor: api.store.resourceVersion, initial: items.map((o) => ({ type: "ADDED", object: structuredClone(o) })) };
  } else if (!/^\d+$/.test(rv)) {
    return statusResponse(badRequest(`resourceVersion: Invalid value: "${rv}": must be a non-negative integer`));
  } else start = { cursor: Number(rv), initial: [] };
  const stream = new LogWatch(apiNow, def, matches, media, q.includeObject, start, q.timeoutSeconds);
  const contentType = media.table ? `application/json;as=Table;v=${media.version};g=meta.k8s.io` : "application/json";
  return { status: 200, headers: { "content-type": contentType, "transfer-encoding": "chunked" }, watch: stream };
}
