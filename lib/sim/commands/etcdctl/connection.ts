/**
 * What etcdctl's gRPC connection to an endpoint comes to, from the node's files (no socket): the
 * dial, the TLS 1.3 handshake with etcd's listener (client/pkg/transport: the server verifies the
 * client certificate against --trusted-ca-file with tls.RequireAndVerifyClientCert), and the error
 * gRPC reports when it fails. A server certificate the client rejects fails the handshake itself
 * ("authentication handshake failed"); a client certificate the server rejects surfaces only when
 * the client reads the server's first frame, because a TLS 1.3 client has finished its handshake
 * before the server looks at its certificate ("error reading server preface: remote error: ...",
 * with Go's alert texts from crypto/tls alert.go).
 */
import type { CommandContext } from "../../types";
import { dialTls, resolveHost } from "../../pki/endpoints";
import { keyMatchesCertificate, verifyClientChain, verifyServerCertificate } from "../../pki/verify";
import { pemDecodeAll } from "../../pki/pem";

export interface TlsFlags {
  cacert?: string;
  cert?: string;
  key?: string;
  insecureSkipTlsVerify: boolean;
  insecureTransport: boolean;
}

export type Dialled = { ok: true } | { ok: false; desc: string };

/** Reading the TLS files happens before any connection (newClientCfg, transport.TLSInfo.ClientConfig). */
export function loadTlsFiles(
  ctx: CommandContext,
  f: TlsFlags,
): { ok: true; ca?: string; cert?: string; key?: string } | { ok: false; error: string } {
  const read = (p: string) => ctx.fs.readFile(ctx.resolve(p));
  if (f.key && !f.cert) return { ok: false, error: `KeyFile and CertFile must both be present[key: ${f.key}, cert: ]` };
  if (f.cert && !f.key) return { ok: false, error: `KeyFile and CertFile must both be present[key: , cert: ${f.cert}]` };
  let cert: string | undefined;
  let key: string | undefined;
  if (f.cert && f.key) {
    const c = read(f.cert);
    if (!c.ok) return { ok: false, error: `open ${f.cert}: no such file or directory` };
    const k = read(f.key);
    if (!k.ok) return { ok: false, error: `open ${f.key}: no such file or directory` };
    if (!pemDecodeAll(c.value).some((b) => b.type === "CERTIFICATE"))
      return { ok: false, error: "tls: failed to find any PEM data in certificate input" };
    if (!keyMatchesCertificate(k.value, c.value)) return { ok: false, error: "tls: private key does not match public key" };
    cert = c.value;
    key = k.value;
  }
  let ca: string | undefined;
  if (f.cacert) {
    const r = read(f.cacert);
    if (!r.ok) return { ok: false, error: `open ${f.cacert}: no such file or directory` };
    ca = r.value;
  }
  return { ok: true, ca, cert, key };
}

const ALERT_TEXT = {
  "unknown-authority": "unknown certificate authority",
  expired: "expired certificate",
  "bad-usage": "bad certificate",
} as const;

/** The connection to one endpoint (`https://127.0.0.1:2379`, `127.0.0.1:2379`, ...). */
export function dialEndpoint(ctx: CommandContext, endpoint: string, f: TlsFlags, files: { ca?: string; cert?: string }): Dialled {
  const m = /^(?:(https?|unix|unixs):\/\/)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(endpoint);
  const scheme = m?.[1];
  const host = (m?.[2] ?? "").replace(/^\[|\]$/g, "");
  const port = Number(m?.[3] ?? 2379);
  const tlsConfigured = !!(f.cacert || f.cert || f.key || f.insecureSkipTlsVerify || !f.insecureTransport);
  const secure = scheme === "https" || (scheme === undefined && tlsConfigured);
  const ip = resolveHost(ctx.fs, ctx.state.config, host);
  if (!ip) return { ok: false, desc: `transport: Error while dialing: dial tcp: lookup ${host} on 127.0.0.53:53: no such host` };
  const dial = dialTls(ctx.state.config, ip, port);
  if (!dial.ok || dial.server.name !== "etcd") {
    const why = dial.ok || dial.error === "refused" ? "connect: connection refused" : "i/o timeout";
    return { ok: false, desc: `transport: Error while dialing: dial tcp ${ip}:${port}: ${why}` };
  }
  // a plaintext HTTP/2 preface to a TLS listener: the server drops the connection
  if (!secure) return { ok: false, desc: "error reading server preface: EOF" };
  const serving = ctx.fs.readFile(dial.server.certFile);
  if (!serving.ok) return { ok: false, desc: "transport: Error while dialing: dial tcp " + `${ip}:${port}: connect: connection refused` };
  if (!f.insecureSkipTlsVerify) {
    // without --cacert the system roots are used, and they do not hold the etcd CA
    const err = verifyServerCertificate({ serverCertPem: serving.value, caBundlePem: files.ca ?? "", host, now: ctx.now });
    if (err) return { ok: false, desc: `transport: authentication handshake failed: tls: failed to verify certificate: ${err}` };
  }
  if (!files.cert) return { ok: false, desc: "error reading server preface: remote error: tls: certificate required" };
  const trusted = dial.server.clientCaFiles.map((p) => {
    const r = ctx.fs.readFile(p);
    return r.ok ? r.value : "";
  });
  const verdict = verifyClientChain(
    pemDecodeAll(files.cert).filter((b) => b.type === "CERTIFICATE").length ? [files.cert] : [],
    trusted.join(""),
    ctx.now,
  );
  if (verdict !== "ok") return { ok: false, desc: `error reading server preface: remote error: tls: ${ALERT_TEXT[verdict]}` };
  return { ok: true };
}
