/**
 * BusyBox wget (v1.36, what the busybox and alpine images ship), through the cluster's network
 * model (net/dial.ts, net/web.ts). Texts from busybox's networking/wget.c (mirror/busybox at
 * 1_36_0-229): "Connecting to %s (%s)" with xmalloc_sockaddr2dotted's host:port, "writing to
 * stdout" / "saving to '%s'" (retrieve_file_data), "written to stdout" / "'%s' saved", "server
 * returned error: %s" with the status line; from libbb/xconnect.c: "bad address '%s'" and
 * "can't connect to remote host (%s): <strerror>"; the progress line from libbb/progress.c
 * (bb_progress_update: "%-20.20s ", "%3u%% ", a bar of terminal width − 48 (80 without a
 * terminal), smart_ulltoa5's size, "%3u:%02u:%02u ETA", a newline when stderr is not a tty).
 *
 * Synchronous on purpose: the kubelet runs it as a container's main process when it starts the
 * container (kubelet/tool-run.ts), so the kube-apiserver is answered by `apiserverPublic`, the part of its
 * answers an anonymous client gets, not by the full request path.
 */
import type { Command, CommandContext, ExecResult } from "../../types";
import { dial } from "../net/dial";
import { resolveHost } from "../net/resolve";
import type { HttpAnswer, HttpRequestLine } from "../net/web";
import { serveSync } from "../net/serve-sync";
import { isShellContext } from "../../shell/shell-context";
import { busyboxMinor } from "../net/busybox-version";
import { parseWgetArgs } from "./options";

/** smart_ulltoa5: five columns, scaled with a unit letter past 99999. */
function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  let v = n;
  let i = 0;
  while (v >= 100000) {
    v = Math.floor(v / 1024);
    i++;
  }
  return `${String(v).padStart(4)}${" kMGTPEZY"[i]}`;
}

/**
 * What differs in older busybox images (their wget.c and libbb/progress.c tags): "saving to" /
 * "'%s' saved" and their stdout forms came in 1.31 (commit 46fc3290c); up to 1.28 the meter was
 * "%-20.20s" "%4u%%" " |%s|" (terminal width − 49) "%6u%c".
 */
export interface WgetFlavour {
  notifyLines: boolean;
  oldMeter: boolean;
}
const CURRENT: WgetFlavour = { notifyLines: true, oldMeter: false };

export function wgetFlavourOf(imageRef: string): WgetFlavour {
  const minor = busyboxMinor(imageRef);
  return minor === undefined ? CURRENT : { notifyLines: minor >= 31, oldMeter: minor <= 28 };
}

function progress(file: string, size: number, tty: boolean, width: number, f: WgetFlavour): string {
  const cr = tty ? "\r" : "";
  if (f.oldMeter) {
    const bar = width - 49 > 0 ? ` |${"*".repeat(width - 49)}|` : "";
    return `${cr}${file.slice(0, 20).padEnd(20)} 100%${bar}${String(size).padStart(6)}   0:00:00 ETA\n`;
  }
  const name = cr + file.slice(0, 20).padEnd(20) + " ";
  const bar = width - 48 > 2 ? `|${"*".repeat(Math.min(width - 48, 999))}| ` : "";
  return `${name}100% ${bar}${size5(size)}  0:00:00 ETA\n`;
}

interface Target {
  host: string;
  port: number;
  path: string;
}

function parseTarget(url: string): Target | undefined {
  const m = /^(https?):\/\/(.*)$/.exec(url);
  if (!m) return undefined;
  const rest = m[2];
  const end = rest.search(/[/?#]/);
  const hostport = end < 0 ? rest : rest.slice(0, end);
  const path = end < 0 ? "" : rest[end] === "/" ? rest.slice(end + 1) : rest.slice(end);
  const hp = /^(?:.*@)?([^:]+)(?::(\d+))?$/.exec(hostport);
  if (!hp) return undefined;
  return { host: hp[1], port: hp[2] ? Number(hp[2]) : m[1] === "https" ? 443 : 80, path: path.replace(/#.*$/, "") };
}

export interface WgetRun extends ExecResult {
  /** what was saved to a file (the tool writes it when it runs in a shell) */
  saved?: { path: string; content: string };
}

/** One `wget ARGS` from where ctx runs; tty: stderr is a terminal (the progress line's form). */
export function wgetSync(ctx: CommandContext, args: string[], tty: boolean, f: WgetFlavour = CURRENT): WgetRun {
  const o = parseWgetArgs(args);
  const chunks: { fd: 1 | 2; text: string }[] = [];
  const err = (text: string) => chunks.push({ fd: 2, text });
  const out = (text: string) => chunks.push({ fd: 1, text });
  const done = (exitCode: number, saved?: WgetRun["saved"]): WgetRun => ({
    stdout: chunks
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join(""),
    stderr: chunks
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join(""),
    exitCode,
    chunks,
    ...(saved ? { saved } : {}),
  });
  if ("error" in o) {
    err(o.error);
    return done(1);
  }
  let saved: WgetRun["saved"];
  for (const raw of o.urls) {
    const url = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
    const t = parseTarget(url);
    if (!t) {
      err(`wget: not an http or ftp url: ${url}\n`);
      return done(1);
    }
    const ip = resolveHost(ctx, t.host);
    if (!ip) {
      err(`wget: bad address '${t.host}'\n`);
      return done(1);
    }
    if (!o.quiet) err(`Connecting to ${t.host} (${ip}:${t.port})\n`);
    const d = dial(ctx, ip, t.port);
    if (!d.ok) {
      err(`wget: can't connect to remote host (${ip}): ${d.error === "refused" ? "Connection refused" : "Connection timed out"}\n`);
      return done(1);
    }
    const host = t.port === 80 || t.port === 443 ? t.host : `${t.host}:${t.port}`;
    const req: HttpRequestLine = {
      method: o.postData !== undefined ? "POST" : "GET",
      target: `/${t.path}`,
      headers: [
        ["Host", host],
        ["User-Agent", o.userAgent],
        ["Connection", "close"],
        ...o.headers.map((h) => h.split(/:\s*(.*)/s, 2) as [string, string]),
      ],
      body: o.postData ?? "",
    };
    const a: HttpAnswer | undefined = serveSync(ctx, d.peer, req, {
      remoteAddr: ctx.state.config.controlPlane.ip,
      tls: url.toLowerCase().startsWith("https:"),
    });
    if (!a) {
      err("wget: error getting response: Connection reset by peer\n");
      return done(1);
    }
    const statusLine = `${a.version === "HTTP/2" ? "HTTP/1.1" : a.version} ${a.status} ${a.reason}`;
    if (o.serverResponse) err([statusLine, ...a.headers.map(([k, v]) => `${k}: ${v}`)].map((l) => `  ${l}\n`).join(""));
    if (a.status < 200 || (a.status >= 300 && ![301, 302, 303, 307, 308].includes(a.status)) || a.status === 206 || a.status === 204) {
      if (a.status !== 204) {
        err(`wget: server returned error: ${statusLine}\n`);
        return done(1);
      }
    }
    if (o.spider) {
      if (!o.quiet) err("remote file exists\n");
      continue;
    }
    const toStdout = o.output === "-";
    const base =
      t.path
        .replace(/[?#].*$/, "")
        .split("/")
        .pop() || "index.html";
    const file = o.output ?? (o.prefix ? `${o.prefix.replace(/\/$/, "")}/${base}` : base);
    if (!toStdout && !o.output && ctx.fs.exists(ctx.resolve(file))) {
      err(`wget: can't open '${file}': File exists\n`);
      return done(1);
    }
    if (!o.quiet && f.notifyLines) err(toStdout ? "writing to stdout\n" : `saving to '${file}'\n`);
    const body = a.body;
    if (toStdout) out(body);
    else saved = { path: file, content: body };
    if (!o.quiet) {
      err(progress(toStdout ? "-" : file.slice(file.lastIndexOf("/") + 1), Buffer.byteLength(body), tty, 80, f));
      if (f.notifyLines) err(toStdout ? "written to stdout\n" : `'${file}' saved\n`);
    }
  }
  return done(0, saved);
}

/** The wget of a busybox release (wgetFlavourOf); `wget` is the current one. */
export const wgetOf = (f: WgetFlavour): Command => ({
  name: "wget",
  summary: "retrieve files via HTTP (BusyBox wget, inside busybox and alpine containers)",
  mutates: true,
  run(ctx) {
    const tty = isShellContext(ctx) && ctx.shell.stdoutIsTerminal;
    const r = wgetSync(ctx, ctx.args, tty, f);
    if (r.saved) {
      const w = ctx.fs.writeFile(ctx.resolve(r.saved.path), r.saved.content);
      if (!w.ok) return { stdout: r.stdout, stderr: `${r.stderr}wget: can't open '${r.saved.path}': ${w.error}\n`, exitCode: 1 };
    }
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, ...(r.chunks ? { chunks: r.chunks } : {}) };
  },
});

export const wget = wgetOf(CURRENT);
