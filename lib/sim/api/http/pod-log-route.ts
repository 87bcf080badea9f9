/**
 * The pods/log route: GET /api/v1/namespaces/{ns}/pods/{name}/log, authorized as verb get on the
 * subresource pods/log (with --as impersonation), then pod-log.ts's answer as the apiserver writes
 * it: 200 text/plain, 204 for a pod without a node, a Status, or with follow=true a stream.
 * The stream has a watch's shape (types.ts WatchStream), so the transports that pump watches pump
 * it too: each take() re-reads the cluster (its clock and the pod) and returns the lines written
 * since, and `done` turns true when the followed run is over, as the kubelet closes the stream.
 */
import type { ApiServer } from "../server";
import type { KObject, Status, UserInfo } from "../types";
import type { PodSpec, PodStatus } from "../../kinds/pods/types";
import type { ObjectGetter } from "../../kubelet/env";
import { followContainerLog, type LogCursor } from "../../kubelet/logs";
import { statusResponse } from "./negotiate";
import { parsePodLogQuery, podLog } from "./pod-log";
import type { HttpRequest, HttpResult, WatchStream } from "./types";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

const TEXT = { "content-type": "text/plain" };

/** ConfigMaps, Secrets and Services as the kubelet reads them for a container's environment. */
const getterOf = (api: ApiServer): ObjectGetter =>
  Object.assign(
    (resource: Parameters<ObjectGetter>[0], namespace: string, name: string) => api.store.get({ group: "", resource }, namespace, name),
    {
      storedLogs: (podUid: string, container: string) => api.storedLogs(podUid, container),
    },
  );

class PodLogStream implements WatchStream {
  private first: string;
  private ended = false;

  constructor(
    private readonly apiNow: () => ApiServer,
    private readonly namespace: string,
    private readonly name: string,
    private readonly cursor: LogCursor,
    initial: string,
  ) {
    this.first = initial;
  }

  get done(): boolean {
    return this.ended;
  }

  take(): string[] {
    if (this.ended) return [];
    const api = this.apiNow();
    const pod = api.store.get({ group: "", resource: "pods" }, this.namespace, this.name) as Pod | undefined;
    const next = followContainerLog(pod, this.cursor, api.now, getterOf(api));
    this.ended = next.ended;
    const text = this.first + next.text;
    this.first = "";
    // one chunk per line, as the kubelet flushes them
    return text ? (text.match(/[^\n]*\n|[^\n]+$/g) ?? []) : [];
  }
}

export function servePodLog(
  apiNow: () => ApiServer,
  namespace: string,
  name: string,
  req: HttpRequest,
  user: UserInfo,
  impersonate: Parameters<ApiServer["request"]>[0]["impersonate"],
): HttpResult {
  const api = apiNow();
  // get on pods/log: impersonation, RBAC for the subresource, then the pod itself (or its NotFound)
  const got = api.request({
    verb: "get",
    resource: "pods",
    namespace,
    name,
    subresource: "log",
    user,
    ...(impersonate ? { impersonate } : {}),
  });
  if (got.body.kind === "Status") return statusResponse(got.body as Status);
  const opts = parsePodLogQuery(req.query);
  if ("kind" in opts) return statusResponse(opts);
  const pod = got.body as Pod;
  const answer = podLog(pod, opts, api.now, getterOf(api));
  switch (answer.kind) {
    case "status":
      return statusResponse(answer.status);
    case "no-node":
      return { status: 204, headers: {}, body: "" };
    case "text":
      if (opts.follow && answer.cursor)
        return {
          status: 200,
          headers: { ...TEXT, "transfer-encoding": "chunked" },
          watch: new PodLogStream(apiNow, namespace, name, answer.cursor, answer.text),
        };
      return { status: 200, headers: TEXT, body: answer.text };
  }
}
