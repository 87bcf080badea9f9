/**
 * curl 7.88.1 on the node (and in images that ship it): one request per URL to what the cluster's
 * network reaches (net/dial.ts) and the answer of what listens there (net/web.ts), with curl's
 * own texts for every failure and exit code (src/tool_operate.c, lib/strerror.c; checked against
 * real curl in oracle.test.ts). Connection timeouts do not wait on the cluster clock: they fail
 * at once with the time curl would have waited.
 */
import type { Command, CommandContext, ExecResult } from "../../types";
import { isShellContext } from "../../shell/shell-context";
import { dial } from "../net/dial";
import { resolveHost } from "../net/resolve";
import { answer, type HttpAnswer } from "../net/web";
import { HINT, parseCurlArgs, type CurlOptions } from "./options";
import { apiserverHandshake, SSL_HINT } from "./tls";
import { Out } from "../coreutils/util";

const UA = "curl/7.88.1";
const OPENSSL = "OpenSSL/3.0.15";

interface Url {
  scheme: "http" | "https";
  host: string;
  port: number;
  target: string;
  /** the Host header: the port only when it is not the scheme's */
  hostHeader: string;
}

function parseUrl(raw: string): Url | { code: number; message: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/.exec(raw);
  const scheme = (m ? m[1] : "http").toLowerCase();
  if (scheme !== "http" && scheme !== "https")
    return { code: 1, message: `Protocol "${m ? m[1] : scheme}" not supported or disabled in libcurl` };
  const rest = m ? m[2] : raw;
  const end = rest.search(/[/?#]/);
  const authority = (end < 0 ? rest : rest.slice(0, end)).replace(/^.*@/, "");
  const target = end < 0 ? "/" : rest[end] === "/" ? rest.slice(end).replace(/#.*$/, "") : `/${rest.slice(end).replace(/#.*$/, "")}`;
  const hp = /^([^:]*)(?::(\d*))?$/.exec(authority);
  const bad = { code: 3, message: "URL using bad/illegal format or missing URL" };
  if (!hp || !hp[1]) return bad;
  const defaultPort = scheme === "https" ? 443 : 80;
  const port = hp[2] ? Number(hp[2]) : defaultPort;
  if (!Number.isInteger(port) || port > 65535) return bad;
  return { scheme, host: hp[1], port, target, hostHeader: port === defaultPort ? hp[1] : `${hp[1]}:${port}` };
}

const METER_HEAD =
  "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";
const pad = (s: string | number, n: number) => String(s).padStart(n);
/** curl's size column (lib/progress.c max5data). */
function max5(n: number): string {
  if (n < 100000) return pad(n, 5);
  if (n < 10000 * 1024) return pad(`${Math.floor(n / 1024)}k`, 5);
  return pad(`${Math.floor(n / 1024 / 1024)}M`, 5);
}
/** The progress meter's last line (lib/progress.c progress_meter), with the transfer taking 1 ms. */
function meterLine(size: number, done: boolean): string {
  const pct = done && size ? "100" : "  0";
  const speed = max5(size * 1000);
  return `\r${pct} ${max5(size)}  ${pct} ${max5(size)}    0     0 ${size ? speed : "    0"}      0 --:--:-- --:--:-- --:--:-- ${size ? speed : "    0"}`;
}

function writeOut(fmt: string, v: { code: number; size: number; url: string; ip: string; port: number; type: string }): string {
  return fmt.replace(/%\{(\w+)\}|\\([nrt\\])|%%/g, (m, name: string | undefined, esc: string | undefined) => {
    if (esc) return esc === "n" ? "\n" : esc === "r" ? "\r" : esc === "t" ? "\t" : "\\";
    if (m === "%%") return "%";
    switch (name) {
      case "http_code":
      case "response_code":
        return String(v.code).padStart(3, "0");
      case "size_download":
        return String(v.size);
      case "url_effective":
        return v.url;
      case "remote_ip":
        return v.ip;
      case "remote_port":
        return v.port ? String(v.port) : "0";
      case "content_type":
        return v.type;
      case "exitcode":
        return "0";
      case "time_total":
      case "time_connect":
      case "time_starttransfer":
        return "0.001000";
      default:
        return m;
    }
  });
}

interface Transfer {
  code: number;
  message?: string;
  answer?: HttpAnswer;
  ip: string;
  port: number;
  /** text after the error line (the certificate hint) */
  after?: string;
}

async function transfer(ctx: CommandContext, o: CurlOptions, url: Url, trace: (line: string) => void): Promise<Transfer> {
  const ip = resolveHost(ctx, url.host);
  if (!ip) return { code: 6, message: `Could not resolve host: ${url.host}`, ip: "", port: 0 };
  trace(`*   Trying ${ip}:${url.port}...\n`);
  const d = dial(ctx, ip, url.port);
  if (!d.ok) {
    const limit = o.connectTimeout ?? o.maxTime;
    if (d.error === "timeout" && limit !== undefined) {
      const ms = Math.round(limit * 1000) + 1;
      trace(`* ipv4 connect timeout after ${ms - 2}ms, move on!\n`);
      return {
        code: 28,
        message: `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached`,
        ip,
        port: url.port,
      };
    }
    const ms = d.error === "timeout" ? 130_000 + Math.floor(ctx.random() * 4000) : 0;
    trace(`* connect to ${ip} port ${url.port} failed: ${d.error === "timeout" ? "Connection timed out" : "Connection refused"}\n`);
    return {
      code: 7,
      message: `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`,
      ip,
      port: url.port,
    };
  }
  trace(`* Connected to ${url.host} (${ip}) port ${url.port} (#0)\n`);
  const method = o.method ?? (o.head ? "HEAD" : o.data !== undefined ? "POST" : "GET");
  const headers: [string, string][] = [
    ["Host", url.hostHeader],
    ["User-Agent", UA],
    ["Accept", "*/*"],
  ];
  for (const h of o.headers) {
    const i = h.indexOf(":");
    if (i > 0) headers.push([h.slice(0, i).trim(), h.slice(i + 1).trim()]);
  }
  if (o.data !== undefined)
    headers.push(["Content-Length", String(Buffer.byteLength(o.data))], ["Content-Type", "application/x-www-form-urlencoded"]);
  const tlsPeer = d.peer.kind === "apiserver" || d.peer.kind === "tls";
  if (url.scheme === "https") {
    if (!tlsPeer) return { code: 35, message: `${OPENSSL}: error:0A00010B:SSL routines::wrong version number`, ip, port: url.port };
    if (d.peer.kind === "tls")
      return {
        code: 56,
        message: `${OPENSSL}: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0`,
        ip,
        port: url.port,
      };
    const hs = apiserverHandshake(ctx, o, url.host);
    if (!hs.ok) return { code: hs.code, message: hs.message, ip, port: url.port, after: hs.code === 60 ? SSL_HINT : undefined };
    trace(`* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256\n* ALPN: server accepted h2\n`);
    const a = await answer(ctx, d.peer, { method, target: url.target, headers, body: o.data ?? "" }, hs.user);
    return { code: 0, answer: a, ip, port: url.port };
  }
  trace(`> ${method} ${url.target} HTTP/1.1\r\n${headers.map(([k, v]) => `> ${k}: ${v}\r\n`).join("")}> \r\n`);
  if (tlsPeer) {
    // Go's net/http TLS server answers a plaintext request (crypto/tls RecordHeaderError)
    const body = "Client sent an HTTP request to an HTTPS server.\n";
    return { code: 0, ip, port: url.port, answer: { version: "HTTP/1.0", status: 400, reason: "Bad Request", headers: [], body } };
  }
  const a = await answer(ctx, d.peer, { method, target: url.target, headers, body: o.data ?? "" });
  if (!a)
    return d.peer.kind === "ssh"
      ? { code: 1, message: "Received HTTP/0.9 when not allowed", ip, port: url.port }
      : { code: 52, message: "Empty reply from server", ip, port: url.port };
  return { code: 0, answer: a, ip, port: url.port };
}

const statusLine = (a: HttpAnswer) => (a.version === "HTTP/2" ? `HTTP/2 ${a.status} ` : `${a.version} ${a.status} ${a.reason}`);
const headerBlock = (a: HttpAnswer) => `${statusLine(a)}\r\n${a.headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;

async function runCurl(ctx: CommandContext): Promise<ExecResult> {
  const p = parseCurlArgs(ctx.args);
  if (!p.ok) return { stdout: "", stderr: p.stderr, exitCode: p.exitCode };
  const o = p.opts;
  if (!o.urls.length) return { stdout: "", stderr: HINT, exitCode: 2 };
  const out = new Out();
  const tty = isShellContext(ctx) && ctx.shell.stdoutIsTerminal;
  const meter = !o.silent;
  let exit = 0;
  for (const raw of o.urls) {
    const url = parseUrl(raw);
    const showMeter = meter && (!tty || o.output !== undefined);
    if ("code" in url) {
      if (!o.silent || o.showError) out.err(`curl: (${url.code}) ${url.message}\n`);
      exit = url.code;
      continue;
    }
    if (showMeter) out.err(`${METER_HEAD}${meterLine(0, false)}`);
    const t = await transfer(ctx, o, url, (line) => o.verbose && out.err(line));
    const a = t.answer;
    const failed = !!a && o.fail && a.status >= 400;
    let size = 0;
    if (a) {
      if (o.verbose)
        out.err(
          `${headerBlock(a)
            .split("\r\n")
            .slice(0, -1)
            .map((l) => `< ${l}\r\n`)
            .join("")}`,
        );
      size = Buffer.byteLength(a.body);
      if (!failed) {
        const shown = `${o.include || o.head ? headerBlock(a) : ""}${o.head ? "" : a.body}`;
        if (o.output !== undefined && o.output !== "-") {
          if (o.output !== "/dev/null") ctx.fs.writeFile(ctx.resolve(o.output), shown);
        } else {
          if (o.verbose && !tty && a.body && !o.head) out.err(`{ [${size} bytes data]\n`);
          out.out(shown);
        }
      }
      if (o.verbose) out.err(a.version === "HTTP/1.0" ? "* Closing connection 0\n" : `* Connection #0 to host ${url.host} left intact\n`);
    } else if (o.verbose && t.message) out.err(`* ${t.message}\n* Closing connection 0\n`);
    if (showMeter) out.err(`${meterLine(failed ? 0 : size, !!a && !failed)}\n`);
    const code = failed ? 22 : t.code;
    const message = failed && a ? `The requested URL returned error: ${a.status}` : t.message;
    if (o.writeOut !== undefined)
      out.out(
        writeOut(o.writeOut, {
          code: a?.status ?? 0,
          size: failed ? 0 : size,
          url: raw.includes("://") ? raw : `http://${raw}`,
          ip: t.ip,
          port: t.port,
          type: a?.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "",
        }),
      );
    if (code) {
      if (!o.silent || o.showError) out.err(`curl: (${code}) ${message ?? ""}\n${t.after ?? ""}`);
      exit = code;
    }
  }
  return out.result(exit);
}

export const curl: Command = {
  name: "curl",
  summary: "transfer a URL (to the cluster's Services, pods, nodes and the apiserver)",
  run: runCurl,
};
