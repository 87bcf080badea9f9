/**
 * HTTP answers of the servers a connection can reach (dial.ts): the catalogue's web servers
 * (nginx, httpd) serving files of the container's own filesystem, the daemons' plain health
 * endpoints, and the kube-apiserver through the simulated apiserver's HTTP handler.
 */
import { handle } from "../../api/http/handler";
import type { HttpResult } from "../../api/http/types";
import type { UserInfo } from "../../api/types";
import { settle } from "../../controllers";
import { stateGetter } from "../../kubelet/env";
import type { WebServer } from "../../kubelet/images";
import { containerRootfs } from "../../kubelet/rootfs";
import type { CommandContext } from "../../types";
import { apiServer } from "../kubectl/client";
import type { Peer } from "./dial";
import { serveContainer } from "./serve-sync";

export interface HttpRequestLine {
  method: string;
  /** path and query as sent ("/healthz?verbose") */
  target: string;
  headers: [string, string][];
  body: string;
}

export interface HttpAnswer {
  /** "HTTP/1.1" or "HTTP/2" */
  version: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  301: "Moved Permanently",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
  503: "Service Unavailable",
};
export const reasonOf = (status: number) => REASONS[status] ?? "";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** RFC 7231 IMF-fixdate ("Mon, 30 Nov 2026 12:00:00 GMT"). */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** nginx's compiled-in error pages (src/http/ngx_http_special_response.c): CRLF lines and the NGINX_VER tail. */
const nginxError = (status: number, server: string) =>
  `<html>\r\n<head><title>${status} ${reasonOf(status)}</title></head>\r\n<body>\r\n<center><h1>${status} ${reasonOf(status)}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;

/** Apache httpd's 404 (modules/http/http_protocol.c get_canned_error_string). */
const APACHE_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

const CONTENT_TYPES: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  txt: "text/plain",
  css: "text/css",
  js: "application/javascript",
  json: "application/json",
};

export function serveFile(
  ctx: CommandContext,
  peer: Extract<Peer, { kind: "container" }>,
  web: WebServer,
  req: HttpRequestLine,
): HttpAnswer {
  const date = httpDate(ctx.now);
  const path = decodeURIComponent(req.target.replace(/[?#].*$/, "")).replace(/\/+/g, "/");
  const file = path.endsWith("/") ? `${path}index.html` : path;
  const startedAt =
    Date.parse(peer.pod.status?.containerStatuses?.find((s) => s.name === peer.container.name)?.state?.running?.startedAt ?? "") || ctx.now;
  const fs = containerRootfs(peer.pod, peer.container, peer.image, stateGetter(ctx.state), startedAt);
  const node = fs[`${web.docroot}${file}`.replace(/\/\.\.(\/|$)/g, "/")];
  const head = req.method === "HEAD";
  if (node?.type !== "file") {
    if (web.flavour === "nginx") {
      const body = nginxError(404, web.server);
      return {
        version: "HTTP/1.1",
        status: 404,
        reason: "Not Found",
        headers: [
          ["Server", web.server],
          ["Date", date],
          ["Content-Type", "text/html"],
          ["Content-Length", String(bytes(body))],
          ["Connection", "keep-alive"],
        ],
        body: head ? "" : body,
      };
    }
    return {
      version: "HTTP/1.1",
      status: 404,
      reason: "Not Found",
      headers: [
        ["Date", date],
        ["Server", web.server],
        ["Content-Length", String(bytes(APACHE_404))],
        ["Content-Type", "text/html; charset=iso-8859-1"],
      ],
      body: head ? "" : APACHE_404,
    };
  }
  // the image's own files carry the package's date; files from volumes, the container's start
  const mtime = node.mtime === startedAt ? (isShipped(file) ? web.shippedMtime : startedAt) : node.mtime;
  const size = bytes(node.content);
  const type =
    CONTENT_TYPES[file.slice(file.lastIndexOf(".") + 1)] ?? (web.flavour === "nginx" ? "application/octet-stream" : "text/plain");
  const headers: [string, string][] =
    web.flavour === "nginx"
      ? [
          ["Server", web.server],
          ["Date", date],
          ["Content-Type", type],
          ["Content-Length", String(size)],
          ["Last-Modified", httpDate(mtime)],
          ["Connection", "keep-alive"],
          ["ETag", `"${Math.floor(mtime / 1000).toString(16)}-${size.toString(16)}"`],
          ["Accept-Ranges", "bytes"],
        ]
      : [
          ["Date", date],
          ["Server", web.server],
          ["Last-Modified", httpDate(mtime)],
          ["ETag", `"${size.toString(16)}-${(mtime * 1000).toString(16)}"`],
          ["Accept-Ranges", "bytes"],
          ["Content-Length", String(size)],
          ["Content-Type", type],
        ];
  return { version: "HTTP/1.1", status: 200, reason: "OK", headers, body: head ? "" : node.content };
}

/** The pages the images ship (kubelet/rootfs.ts imageFiles); anything else came from a volume or an exec. */
const isShipped = (file: string) => file === "/index.html" || file === "/50x.html";

/** A daemon's plain /healthz (the kubelet's 10248, kube-proxy's 10256, etcd's 2381 /health). */
export function healthz(ctx: CommandContext, daemon: string, req: HttpRequestLine): HttpAnswer {
  const path = req.target.replace(/\?.*$/, "");
  const date = httpDate(ctx.now);
  const ok = daemon === "etcd" ? path === "/health" || path === "/readyz" || path === "/livez" : path === "/healthz";
  const body = !ok ? "404 page not found\n" : daemon === "etcd" ? '{"health":"true","reason":""}' : "ok";
  const type = !ok || daemon !== "etcd" ? "text/plain; charset=utf-8" : "text/plain; charset=utf-8";
  return {
    version: "HTTP/1.1",
    status: ok ? 200 : 404,
    reason: ok ? "OK" : "Not Found",
    headers: [
      ["Content-Type", type],
      ...(ok ? [] : ([["X-Content-Type-Options", "nosniff"]] as [string, string][])),
      ["Date", date],
      ["Content-Length", String(bytes(body))],
    ],
    body: req.method === "HEAD" ? "" : body,
  };
}

/** What the kube-apiserver answers, through the simulated apiserver's HTTP handler, as `user`. */
async function apiserverAnswer(ctx: CommandContext, req: HttpRequestLine, user: UserInfo | null): Promise<HttpAnswer> {
  const q = req.target.indexOf("?");
  const headers: Record<string, string> = {};
  for (const [k, v] of req.headers) headers[k.toLowerCase()] = v;
  const version = {
    major: "1",
    minor: "32",
    gitVersion: ctx.state.config.kubernetesVersion,
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "",
    goVersion: "go1.23.6",
    compiler: "gc",
    platform: "linux/amd64",
  };
  const result: HttpResult = await handle(
    { api: () => apiServer(ctx), settle: () => settle(ctx), version, advertiseAddress: `${ctx.state.config.controlPlane.ip}:6443` },
    {
      method: req.method,
      path: q < 0 ? req.target : req.target.slice(0, q),
      query: q < 0 ? "" : req.target.slice(q + 1),
      headers,
      body: new TextEncoder().encode(req.body),
      user,
    },
  );
  const body =
    "watch" in result
      ? result.watch.take().join("")
      : typeof result.body === "string"
        ? result.body
        : Buffer.from(result.body).toString("latin1");
  // kube-apiserver's own headers (audit id, priority and fairness) come first, then Go's content-length and date
  const hs: [string, string][] = [
    ["audit-id", auditId(ctx)],
    ["cache-control", "no-cache, private"],
    ...Object.entries(result.headers).map(([k, v]) => [k.toLowerCase(), v] as [string, string]),
    ["content-length", String(bytes(body))],
    ["date", httpDate(ctx.now)],
  ];
  return { version: "HTTP/2", status: result.status, reason: "", headers: hs, body: req.method === "HEAD" ? "" : body };
}

function auditId(ctx: CommandContext): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(ctx.random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(ctx.random() * 4) % 4]}${hex(3)}-${hex(12)}`;
}

/** The answer of an HTTP peer, or undefined when what listens does not speak plain HTTP. */
export async function answer(
  ctx: CommandContext,
  peer: Peer,
  req: HttpRequestLine,
  user: UserInfo | null = null,
): Promise<HttpAnswer | undefined> {
  switch (peer.kind) {
    case "container":
      return serveContainer(ctx, peer, req, peer.from ?? ctx.state.config.controlPlane.ip);
    case "healthz":
      return healthz(ctx, peer.daemon, req);
    case "apiserver":
      return apiserverAnswer(ctx, req, user);
    case "tls":
    case "ssh":
      return undefined;
    default: {
      const never: never = peer;
      throw new Error(`unknown peer ${JSON.stringify(never)}`);
    }
  }
}
