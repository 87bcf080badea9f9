/**
 * One kubectl "request" against the simulated apiserver: resolve the current context, dial the
 * server address, verify the apiserver's serving certificate (read live from the VFS: the real
 * kube-apiserver reloads it dynamically), then authenticate the client certificate against
 * --client-ca-file. Every failure is rendered exactly as kubectl v1.32 prints it.
 */
import { ANONYMOUS, certificateUser } from "../../api/authn";
import { apiGroupList } from "../../api/http/discovery";
import type { UserInfo } from "../../api/types";
import { KINDS } from "../../kinds/registry";
import { apiserverListening } from "../../kubelet/apiserver-health";
import type { CommandContext } from "../../types";
import { type KubeconfigFile, type ResolvedContext, resolveContext } from "./kubeconfig";
import { keyMatchesCertificate, parseCertificate, verifyClientCertificate, verifyServerCertificate } from "./pki";

export type Identity = UserInfo;

export type Connection = { ok: true; identity: Identity; context: ResolvedContext; server: string } | { ok: false; stderr: string };

const SERVING_CERT = "/etc/kubernetes/pki/apiserver.crt";
const CLIENT_CA = "/etc/kubernetes/pki/ca.crt";

/** kubectl's discovery retries print this many klog lines before the final error. */
const DISCOVERY_RETRIES = 5;

/** A kubeconfig value as a string ("" when absent or not a string). */
function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

function b64(s: unknown): string {
  return Buffer.from(str(s), "base64").toString("utf8");
}

/** klog header: `E1128 09:08:07.123456   12345 memcache.go:265] ` (pid right-aligned in 7). */
function klogLines(ctx: CommandContext, message: string): string {
  const pid = 1000 + Math.floor(ctx.random() * 90000);
  let out = "";
  let t = ctx.now;
  let micros = Math.floor(ctx.random() * 1000);
  for (let i = 0; i < DISCOVERY_RETRIES; i++) {
    const d = new Date(t);
    const p = (n: number, w = 2) => String(n).padStart(w, "0");
    const stamp = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}${p(micros, 3)}`;
    const escaped = message.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
    out += `E${stamp} ${String(pid).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: ${escaped}"\n`;
    t += 1 + Math.floor(ctx.random() * 4);
    micros = Math.floor(ctx.random() * 1000);
  }
  return out;
}

function fail(stderr: string): Connection {
  return { ok: false, stderr };
}

function readPath(ctx: CommandContext, base: string, p: string): string | undefined {
  const full = p.startsWith("/") ? p : ctx.resolve(`${base}/${p}`);
  const r = ctx.fs.readFile(full);
  return r.ok ? r.value : undefined;
}

/** Addresses that reach the apiserver, with the port it listens on there. */
function apiserverAddresses(ctx: CommandContext): Map<string, number> {
  const c = ctx.state.config;
  return new Map([
    [c.controlPlane.ip, 6443],
    ["127.0.0.1", 6443],
    [`${c.serviceSubnet.split("/")[0].replace(/\.0$/, ".1")}`, 443],
  ]);
}

/** Name resolution as the node would do it: /etc/hosts, then localhost and the node names. */
function lookup(ctx: CommandContext, host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  if (host === "localhost") return "127.0.0.1";
  const hosts = ctx.fs.readFile("/etc/hosts");
  if (hosts.ok) {
    for (const line of hosts.value.split("\n")) {
      const f = line.replace(/#.*/, "").trim().split(/\s+/);
      if (f.length > 1 && f.slice(1).includes(host) && /^\d+\.\d+\.\d+\.\d+$/.test(f[0])) return f[0];
    }
  }
  const c = ctx.state.config;
  return [c.controlPlane, ...c.workers].find((n) => n.name === host)?.ip;
}

export function connect(ctx: CommandContext, file: KubeconfigFile, contextOverride?: string, discovery = true): Connection {
  const rc = resolveContext(file, contextOverride);
  const cluster = rc.cluster;
  const rawServer = cluster ? str(cluster.server) : "";
  const server = rawServer || "http://localhost:8080";
  const url = /^(https?):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(server);
  // with discovery cached (and fresh) kubectl goes straight to its request: no memcache.go lines
  const cacheDir = discoveryCacheDir(ctx, server);
  const warm = discovery && cacheIsFresh(ctx, cacheDir);
  const pre = (msg: string) => (discovery && !warm ? klogLines(ctx, msg) : "");
  if (!url) return fail(`error: couldn't parse server address ${server}\n`);
  const scheme = url[1];
  const host = url[2];
  const port = Number(url[3] ?? (scheme === "https" ? 443 : 80));
  const hostPort = `${host}:${port}`;
  const apiUrl = `${scheme}://${hostPort}/api?timeout=32s`;

  // client-side configuration checks happen before any dial
  const user = rc.user ?? {};
  const problems: string[] = [];
  let certPem = user["client-certificate-data"] ? b64(user["client-certificate-data"]) : undefined;
  let keyPem = user["client-key-data"] ? b64(user["client-key-data"]) : undefined;
  if (!certPem && user["client-certificate"]) {
    certPem = readPath(ctx, rc.baseDir, str(user["client-certificate"]));
    if (certPem === undefined)
      problems.push(
        `unable to read client-cert ${abs(ctx, rc.baseDir, str(user["client-certificate"]))} for ${rc.userName} due to open ${abs(ctx, rc.baseDir, str(user["client-certificate"]))}: no such file or directory`,
      );
  }
  if (!keyPem && user["client-key"]) {
    keyPem = readPath(ctx, rc.baseDir, str(user["client-key"]));
    if (keyPem === undefined)
      problems.push(
        `unable to read client-key ${abs(ctx, rc.baseDir, str(user["client-key"]))} for ${rc.userName} due to open ${abs(ctx, rc.baseDir, str(user["client-key"]))}: no such file or directory`,
      );
  }
  let caPem: string | undefined;
  if (cluster?.["certificate-authority-data"]) caPem = b64(cluster["certificate-authority-data"]);
  else if (cluster?.["certificate-authority"]) {
    caPem = readPath(ctx, rc.baseDir, str(cluster["certificate-authority"]));
    if (caPem === undefined)
      problems.push(
        `unable to read certificate-authority ${abs(ctx, rc.baseDir, str(cluster["certificate-authority"]))} for ${rc.clusterName} due to open ${abs(ctx, rc.baseDir, str(cluster["certificate-authority"]))}: no such file or directory`,
      );
  }
  if (problems.length) return fail(`Error in configuration: \n${problems.map((p) => `* ${p}`).join("\n")}\n`);
  if (certPem && keyPem && !cachedKeyMatch(keyPem, certPem)) return fail("error: tls: private key does not match public key\n");

  const ip = lookup(ctx, host.replace(/^\[|\]$/g, ""));
  if (!ip) {
    const msg = `dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
    return fail(pre(`Get "${apiUrl}": ${msg}`) + `Unable to connect to the server: ${msg}\n`);
  }
  const known =
    [ctx.state.config.controlPlane, ...ctx.state.config.workers].some((n) => n.ip === ip) ||
    ip.startsWith("127.") ||
    apiserverAddresses(ctx).has(ip);
  if (!known) {
    const msg = `dial tcp ${ip}:${port}: i/o timeout`;
    return fail(pre(`Get "${apiUrl}": ${msg}`) + `Unable to connect to the server: ${msg}\n`);
  }
  // a crashed or removed kube-apiserver static pod: nothing listens on its port (kubelet/static-pods.ts)
  if (apiserverAddresses(ctx).get(ip.startsWith("127.") ? "127.0.0.1" : ip) !== port || !apiserverListening(ctx.state)) {
    const msg = `dial tcp ${ip}:${port}: connect: connection refused`;
    return fail(
      pre(`Get "${apiUrl}": ${msg}`) + `The connection to the server ${hostPort} was refused - did you specify the right host or port?\n`,
    );
  }
  if (scheme === "http") {
    return fail("error: You must be logged in to the server (the server has asked for the client to provide credentials)\n");
  }

  if (!cluster?.["insecure-skip-tls-verify"]) {
    const serving = ctx.fs.readFile(SERVING_CERT);
    const tlsName = cluster?.["tls-server-name"] ? str(cluster["tls-server-name"]) : host.replace(/^\[|\]$/g, "");
    const err = serving.ok
      ? cachedVerifyServer(serving.value, caPem ?? "", tlsName, ctx.now)
      : "x509: certificate signed by unknown authority";
    if (err) {
      const msg = `tls: failed to verify certificate: ${err}`;
      return fail(pre(`Get "${apiUrl}": ${msg}`) + `Unable to connect to the server: ${msg}\n`);
    }
  }

  if (!certPem) return { ok: true, identity: ANONYMOUS, context: rc, server };
  const ca = ctx.fs.readFile(CLIENT_CA);
  const verdict = ca.ok ? cachedVerifyClient(certPem, ca.value, ctx.now) : "unknown-authority";
  const info = verdict === "ok" ? cachedParse(certPem) : null;
  if (verdict !== "ok" || !info) {
    // discovery's client cannot read the 401 and says what client-go's generic 401 error says; a
    // typed request decodes the apiserver's Status, whose message is "Unauthorized"
    if (!discovery || warm) return fail("error: You must be logged in to the server (Unauthorized)\n");
    const msg = "the server has asked for the client to provide credentials";
    return fail(pre(msg) + `error: You must be logged in to the server (${msg})\n`);
  }
  if (discovery && !warm) writeDiscoveryCache(ctx, cacheDir);
  return { ok: true, identity: certificateUser(info.subjectCN, info.subjectO, certPem), context: rc, server };
}

/**
 * kubectl's disk cache of discovery (cli-runtime genericclioptions ToDiscoveryClient):
 * ~/.kube/cache/discovery/<host>_<port>, each character outside [A-Za-z0-9.] of the host as "_",
 * trusted for six hours after it was written.
 */
const DISCOVERY_TTL_MS = 6 * 3_600_000;

function discoveryCacheDir(ctx: CommandContext, server: string): string {
  const host = server.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.]/g, "_");
  return ctx.resolve(`${ctx.env.HOME || "/root"}/.kube/cache/discovery/${host}`);
}

function cacheIsFresh(ctx: CommandContext, dir: string): boolean {
  const f = ctx.fs.stat(`${dir}/servergroups.json`);
  return f?.type === "file" && ctx.now - f.mtime < DISCOVERY_TTL_MS;
}

/** What kubectl caches first: the server's API groups (the per-group resource lists are left out). */
function writeDiscoveryCache(ctx: CommandContext, dir: string): void {
  if (!ctx.fs.mkdir(dir, true).ok) return;
  ctx.fs.writeFile(`${dir}/servergroups.json`, JSON.stringify(apiGroupList(KINDS)));
}

function abs(ctx: CommandContext, base: string, p: string): string {
  return p.startsWith("/") ? p : ctx.resolve(`${base}/${p}`);
}

// Caches keyed by PEM content: parsing and signature checks are the slow part of a request.
type CertInfo = NonNullable<ReturnType<typeof parseCertificate>>;
const parseCache = new Map<string, CertInfo | null>();
const keyCache = new Map<string, boolean>();
const serverCache = new Map<string, string | null>();
const clientCache = new Map<string, string>();

function bounded<K, V>(m: Map<K, V>, k: K, v: V): V {
  if (m.size > 256) m.clear();
  m.set(k, v);
  return v;
}

function cachedParse(pem: string): CertInfo | null {
  const hit = parseCache.get(pem);
  return hit !== undefined || parseCache.has(pem) ? (hit ?? null) : bounded(parseCache, pem, parseCertificate(pem));
}

function cachedKeyMatch(keyPem: string, certPem: string): boolean {
  const k = keyPem + "\0" + certPem;
  const hit = keyCache.get(k);
  return hit ?? bounded(keyCache, k, keyMatchesCertificate(keyPem, certPem));
}

/** Verification depends on `now` only through validity windows; a success is reused inside the leaf's window. */
function inWindow(pem: string, now: number): boolean {
  const info = cachedParse(pem);
  return !!info && now >= +new Date(info.notBefore) && now <= +new Date(info.notAfter);
}

function cachedVerifyServer(serverPem: string, caPem: string, host: string, now: number): string | null {
  const k = `${serverPem}\0${caPem}\0${host}`;
  if (serverCache.get(k) === null && inWindow(serverPem, now) && caAllValid(caPem, now)) return null;
  return bounded(serverCache, k, verifyServerCertificate({ serverCertPem: serverPem, caBundlePem: caPem, host, now }));
}

function cachedVerifyClient(certPem: string, caPem: string, now: number): string {
  const k = `${certPem}\0${caPem}`;
  if (clientCache.get(k) === "ok" && inWindow(certPem, now) && caAllValid(caPem, now)) return "ok";
  return bounded(clientCache, k, verifyClientCertificate({ certPem, caPem, now }));
}

function caAllValid(bundle: string, now: number): boolean {
  const parts = bundle.split(/(?=-----BEGIN CERTIFICATE-----)/).filter((p) => p.includes("BEGIN CERTIFICATE"));
  return parts.length > 0 && parts.every((p) => inWindow(p.trim() + "\n", now) || inWindow(p, now));
}
