/**
 * The answers of what a connection reaches, without the kube-apiserver's full request path (which
 * is asynchronous): for tools the kubelet runs as a container's main process when it starts the
 * container (wget), and for every request a web server serves, its access-log line.
 */
import type { CommandContext } from "../../types";
import { appendStoredLog } from "../../kubelet/stored-logs";
import type { Peer } from "./dial";
import { healthz, httpDate, serveFile, type HttpAnswer, type HttpRequestLine } from "./web";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** nginx's $time_local: "30/Nov/2026:23:47:55 +0000" (the official image runs in UTC). */
function timeLocal(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const header = (req: HttpRequestLine, name: string) => req.headers.find(([k]) => k.toLowerCase() === name)?.[1];

/**
 * The official nginx image's log_format main (/etc/nginx/nginx.conf):
 * '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"'.
 */
export function nginxAccessLine(ctx: CommandContext, req: HttpRequestLine, a: HttpAnswer, remoteAddr: string): string {
  const q = (v: string | undefined) => `"${v ?? "-"}"`;
  return `${remoteAddr} - - [${timeLocal(ctx.now)}] "${req.method} ${req.target} HTTP/1.1" ${a.status} ${Buffer.byteLength(a.body)} ${q(header(req, "referer"))} ${q(header(req, "user-agent"))} ${q(header(req, "x-forwarded-for"))}`;
}

/** A web server's answer to a request, with its access-log line stored in the serving container's log. */
export function serveContainer(
  ctx: CommandContext,
  peer: Extract<Peer, { kind: "container" }>,
  req: HttpRequestLine,
  remoteAddr: string,
): HttpAnswer | undefined {
  const web = peer.image.web;
  if (!web) return undefined;
  const a = serveFile(ctx, peer, web, req);
  // nginx logs to stdout (the image links access.log to /dev/stdout); httpd's default config logs nothing there
  if (web.flavour === "nginx" && peer.pod.metadata.uid)
    appendStoredLog(ctx.state, peer.pod.metadata.uid, peer.container.name, [
      { at: ctx.now, text: nginxAccessLine(ctx, req, a, remoteAddr) },
    ]);
  return a;
}

/** What an anonymous client gets from the kube-apiserver: the public-info paths (system:public-info-viewer), 403 elsewhere. */
function apiserverPublic(ctx: CommandContext, req: HttpRequestLine): HttpAnswer {
  const path = req.target.replace(/\?.*$/, "");
  const json = "application/json";
  const [status, reason, type, body] = ["/healthz", "/livez", "/readyz"].includes(path)
    ? [200, "OK", "text/plain; charset=utf-8", "ok"]
    : path === "/version"
      ? [
          200,
          "OK",
          json,
          JSON.stringify({ major: "1", minor: "32", gitVersion: ctx.state.config.kubernetesVersion, platform: "linux/amd64" }, null, 2),
        ]
      : [
          403,
          "Forbidden",
          json,
          `${JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: "Forbidden", details: {}, code: 403 }, null, 2)}\n`,
        ];
  return {
    version: "HTTP/1.1",
    status,
    reason,
    headers: [
      ["Content-Type", type],
      ["Date", httpDate(ctx.now)],
      ["Content-Length", String(Buffer.byteLength(body))],
    ],
    body: req.method === "HEAD" ? "" : body,
  };
}

/** The answer of an HTTP peer (tls: the client speaks TLS), or undefined when what listens does not answer HTTP. */
export function serveSync(
  ctx: CommandContext,
  peer: Peer,
  req: HttpRequestLine,
  o: { remoteAddr: string; tls: boolean },
): HttpAnswer | undefined {
  switch (peer.kind) {
    case "container":
      return o.tls ? undefined : serveContainer(ctx, peer, req, o.remoteAddr);
    case "healthz":
      return o.tls ? undefined : healthz(ctx, peer.daemon, req);
    case "apiserver": {
      if (o.tls) return apiserverPublic(ctx, req);
      // Go's net/http TLS server answers a plaintext request (as curl/index.ts)
      const body = "Client sent an HTTP request to an HTTPS server.\n";
      return { version: "HTTP/1.0", status: 400, reason: "Bad Request", headers: [], body };
    }
    case "tls":
    case "ssh":
      return undefined;
    default: {
      const never: never = peer;
      throw new Error(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}
