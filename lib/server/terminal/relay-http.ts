/**
 * The learner's own kubectl, relayed (issue 15): a request admitted by an instance that does not
 * hold the learner's cluster goes to the holder's internal path with a relay token
 * (relay-auth.ts, purpose "kube"), and the holder's answer streams back as it comes, so a watch
 * or `logs -f` stays open through the relay. Hop-by-hop headers are not carried either way.
 */
import "server-only";
import { request, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import { request as requestTls } from "node:https";
import { RELAY_AUTH_HEADER } from "./relay-auth";

export const KUBE_RELAY_PREFIX = "/internal/kube-relay/";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);
const CONNECT_TIMEOUT_MS = 5000;

export interface KubeRelayRequest {
  holderUrl: string;
  token: string;
  clusterId: string;
  method: string;
  /** the apiserver path and query, as the learner's kubectl sent them under /k8s/<cluster-id> */
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

const carried = (headers: IncomingHttpHeaders | KubeRelayRequest["headers"]) =>
  Object.fromEntries(Object.entries(headers).filter(([k, v]) => v !== undefined && !HOP_BY_HOP.has(k.toLowerCase())));

/**
 * Sends `r` to the holder and streams its answer into `res`. Resolves once the answer's head is
 * written (a stream goes on until either side ends it) with a function that ends it cleanly
 * here; rejects, having written nothing, when the holder cannot be reached, so the caller can
 * answer 503.
 */
export function forwardKubeRequest(r: KubeRelayRequest, res: ServerResponse): Promise<() => void> {
  const url = new URL(`${KUBE_RELAY_PREFIX}${r.clusterId}${r.path}${r.query ? `?${r.query}` : ""}`, r.holderUrl);
  const send = url.protocol === "https:" ? requestTls : request;
  return new Promise((resolve, reject) => {
    const up = send(url, {
      method: r.method,
      headers: { ...carried(r.headers), [RELAY_AUTH_HEADER]: r.token, "content-length": String(r.body.length) },
      timeout: CONNECT_TIMEOUT_MS,
    });
    up.on("timeout", () => up.destroy(new Error("the holder did not answer in time")));
    up.on("error", (err) => {
      if (!res.headersSent) return reject(err);
      res.destroy(); // mid-stream: kubectl sees the watch break and starts another
    });
    up.on("response", (answer) => {
      up.setTimeout(0); // a watch may be quiet for minutes
      res.writeHead(answer.statusCode ?? 502, carried(answer.headers));
      res.flushHeaders();
      answer.pipe(res);
      answer.on("aborted", () => res.destroy());
      resolve(() => {
        // stop the pipe before ending, so nothing is written after the end
        answer.unpipe(res);
        up.destroy();
        if (!res.writableEnded) res.end();
      });
    });
    res.on("close", () => up.destroy());
    up.end(r.body);
  });
}
