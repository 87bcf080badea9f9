/**
 * `openssl s_client` (OpenSSL 3.0.19, apps/s_client.c) against the TLS servers of the simulated
 * control plane (lib/sim/pki/endpoints.ts). No socket is opened: the "server" is the certificate
 * files it is configured with, read from the node's filesystem at the cluster clock, and the
 * handshake is the one a Go server does with s_client's defaults (lib/sim/pki/tls13.ts). The
 * output is s_client's: the verify callback of apps/lib/s_cb.c on stderr, print_stuff's summary on
 * stdout. Standard input is taken as already closed (`</dev/null`), so the session ends at once.
 */
import type { CommandContext, ExecResult } from "../../types";
import { dialTls, resolveHost, type TlsServer } from "../../pki/endpoints";
import { verifyClientChain } from "../../pki/verify";
import { onelineName } from "../../pki/names";
import { pemDecodeAll, pemEncode } from "../../pki/pem";
import { opensslDate, publicKeyBits } from "../../pki/text";
import { GO_SERVER, handshakeBytes, sharedSigalgs, type ServerProfile } from "../../pki/tls13";
import { parseCertDer, type ParsedCert } from "../../pki/x509-parse";
import { sameBytes } from "../../pki/issue";
import { spkiDer } from "../../pki/keys";
import { bioOpenError, get, has, loadCert, loadKey, Out, parseOpts, PFX, type OptSpec } from "./common";
import { VERIFY_ERROR_TEXT, verifyPeerChain, type VerifyCallback } from "./ssl-verify";

const SPEC: OptSpec = {
  connect: "value",
  showcerts: "flag",
  CAfile: "value",
  servername: "value",
  noservername: "flag",
  verify_hostname: "value",
  verify_ip: "value",
  verify_return_error: "flag",
  cert: "value",
  key: "value",
  verify: "value",
  ign_eof: "flag",
  no_ign_eof: "flag",
  tls1_3: "flag",
  help: "flag",
};

/** apps/s_client.c is_dNS_name: a host name of two or more labels, not all digits; s_client sends it as SNI. */
function isDnsName(host: string): boolean {
  let dns = false;
  let allNumeric = true;
  let label = 0;
  for (let i = 0; i < host.length && label < 63; i++) {
    const c = host[i];
    if (/[A-Za-z_]/.test(c)) {
      label++;
      allNumeric = false;
      continue;
    }
    if (/[0-9]/.test(c)) {
      label++;
      continue;
    }
    if (i > 0 && i < host.length - 1) {
      if (c === "-") {
        label++;
        continue;
      }
      if (c === "." && host[i + 1] !== "." && host[i - 1] !== "-" && host[i + 1] !== "-") {
        label = 0;
        dns = true;
        continue;
      }
    }
    dns = false;
    break;
  }
  return dns && !allNumeric && label !== 63;
}

function certsIn(text: string): ParsedCert[] {
  const out: ParsedCert[] = [];
  for (const b of pemDecodeAll(text)) {
    if (b.type !== "CERTIFICATE") continue;
    try {
      out.push(parseCertDer(b.der));
    } catch {
      /* skipped, as PEM_X509_INFO_read does with garbage */
    }
  }
  return out;
}

const SIG_SHORT: Record<string, string> = {
  "1.2.840.113549.1.1.11": "RSA-SHA256",
  "1.2.840.113549.1.1.12": "RSA-SHA384",
  "1.2.840.113549.1.1.13": "RSA-SHA512",
  "1.2.840.113549.1.1.5": "RSA-SHA1",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
};
const KEY_SHORT: Record<string, string> = {
  "1.2.840.113549.1.1.1": "rsaEncryption",
  "1.2.840.10045.2.1": "id-ecPublicKey",
  "1.3.101.112": "ED25519",
};

/** One entry of "Certificate chain" (print_stuff). */
function chainEntry(i: number, c: ParsedCert, showcerts: boolean): string {
  return (
    `${String(i).padStart(2)} s:${onelineName(c.subject)}\n   i:${onelineName(c.issuer)}\n` +
    `   a:PKEY: ${KEY_SHORT[c.spki.algOid] ?? c.spki.algOid}, ${publicKeyBits(c.spki)} (bit); sigalg: ${SIG_SHORT[c.sigAlgOid] ?? c.sigAlgOid}\n` +
    `   v:NotBefore: ${opensslDate(c.notBefore)}; NotAfter: ${opensslDate(c.notAfter)}\n` +
    (showcerts ? pemEncode("CERTIFICATE", c.der) : "")
  );
}

/** apps/lib/s_cb.c verify_cb: what one callback prints. */
function callbackText(cb: VerifyCallback, returnError: boolean): string {
  let t = `depth=${cb.depth} ${onelineName(cb.cert.subject)}\n`;
  if (cb.error !== undefined) t += `verify error:num=${cb.error}:${VERIFY_ERROR_TEXT[cb.error]}\n`;
  if (cb.current === 9) t += `notBefore=${opensslDate(cb.cert.notBefore)}\n`;
  if (cb.current === 10) t += `notAfter=${opensslDate(cb.cert.notAfter)}\n`;
  if (cb.error === undefined || !returnError) t += "verify return:1\n";
  return t;
}

/** How a Go server answers the client's certificate (crypto/tls processCertsFromClient), as the alert s_client then reads. */
function clientAlert(server: TlsServer, clientChain: ParsedCert[], caPem: string, now: number): [number, string] | undefined {
  if (server.clientAuth !== "require") return undefined;
  if (!clientChain.length) return [116, "tlsv13 alert certificate required"];
  const verdict = verifyClientChain(
    clientChain.map((c) => pemEncode("CERTIFICATE", c.der)),
    caPem,
    now,
  );
  if (verdict === "ok") return undefined;
  if (verdict === "unknown-authority") return [48, "tlsv1 alert unknown ca"];
  if (verdict === "expired") return [45, "sslv3 alert certificate expired"];
  return [42, "sslv3 alert bad certificate"];
}

function connectError(o: Out, kind: "lookup" | "refused" | "timeout"): ExecResult {
  if (kind === "lookup")
    o.err(
      `${PFX}:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:746:Name or service not known\nconnect:errno=22\n`,
    );
  else {
    const [code, text, errno] = kind === "refused" ? ["8000006F", "Connection refused", 111] : ["8000006E", "Connection timed out", 110];
    o.err(
      `${PFX}:error:${code}:system library:BIO_connect:${text}:../crypto/bio/bio_sock2.c:117:calling connect()\n${PFX}:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:119:\nconnect:errno=${errno}\n`,
    );
  }
  return o.done(1);
}

function read(ctx: CommandContext, path: string): string | undefined {
  const r = ctx.fs.readFile(path);
  return r.ok ? r.value : undefined;
}

/** `profile` is the server's TLS stack: Go's in the cluster; the tests pass `openssl s_server`'s. */
export function sClient(ctx: CommandContext, args: string[], profile: ServerProfile = GO_SERVER): ExecResult {
  const o = new Out();
  const p = parseOpts("s_client", args, SPEC, o);
  if (!p) return o.done(1);
  if (p.unknown.length || p.positional.length > 1) {
    o.err(
      `s_client: ${p.unknown.length ? `Unknown option: -${p.unknown[0]}` : `Extra option: "${p.positional[1]}"`}\ns_client: Use -help for summary.\n`,
    );
    return o.done(1);
  }
  // -CAfile, then the client certificate and key, load before any connection is made
  const caFile = get(p, "CAfile");
  let trusted: ParsedCert[] = [];
  if (caFile !== undefined) {
    const text = read(ctx, ctx.resolve(caFile));
    if (text === undefined) {
      o.err(
        `${bioOpenError(caFile)}${PFX}:error:05880002:x509 certificate routines:X509_load_cert_crl_file_ex:system lib:../crypto/x509/by_file.c:229:\n`,
      );
      return o.done(1);
    }
    trusted = certsIn(text);
  }
  let clientChain: ParsedCert[] = [];
  const certFile = get(p, "cert");
  if (certFile !== undefined) {
    const cert = loadCert(ctx, certFile, "client certificate", o);
    if (!cert.ok) {
      o.err("Unable to load client certificate\n");
      return o.done(1);
    }
    const keyFile = get(p, "key") ?? certFile;
    const key = loadKey(ctx, keyFile, "client certificate private key", o);
    if (!key.ok) return o.done(1);
    if (!sameBytes(spkiDer(key.value), cert.value.spki.der)) {
      o.err(
        `error setting private key\n${PFX}:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:403:\n`,
      );
      return o.done(1);
    }
    // SSL_CTX auto-chaining: the issuers found in -CAfile go along, up to the root
    clientChain = [cert.value];
    for (let cur = cert.value; clientChain.length < 10;) {
      const up = trusted.find((t) => sameBytes(t.subjectDer, cur.issuerDer) && !clientChain.includes(t));
      if (!up || sameBytes(cur.subjectDer, cur.issuerDer)) break;
      clientChain.push(up);
      cur = up;
    }
  }

  const target = get(p, "connect") ?? p.positional[0] ?? "localhost:4433";
  const m = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d+))?$/.exec(target);
  const host = (m?.[1] ?? m?.[2] ?? "") || "localhost";
  const port = Number(m?.[3] ?? 4433);
  const ip = resolveHost(ctx.fs, ctx.state.config, host);
  if (!ip) return connectError(o, "lookup");
  const dial = dialTls(ctx.state.config, ip, port);
  if (!dial.ok) return connectError(o, dial.error);
  const server = dial.server;
  const serverText = read(ctx, server.certFile);
  const serverChain = serverText === undefined ? [] : certsIn(serverText);
  if (!serverChain.length || read(ctx, server.keyFile) === undefined) return connectError(o, "refused"); // the server could not start
  const clientCas = server.clientCaFiles.flatMap((f) => certsIn(read(ctx, f) ?? ""));

  const sni = has(p, "noservername") ? undefined : (get(p, "servername") ?? (isDnsName(host) ? host : undefined));
  o.out("CONNECTED(00000003)\n");
  if (sni === undefined) o.err("Can't use SSL_get_servername\n");

  const returnError = has(p, "verify_return_error");
  const verification = verifyPeerChain(serverChain, trusted, {
    now: ctx.now,
    purpose: "sslserver",
    host: get(p, "verify_hostname"),
    ip: get(p, "verify_ip"),
  });
  const firstError = verification.callbacks.findIndex((c) => c.error !== undefined);
  const aborted = returnError && firstError >= 0;
  const shown = aborted ? verification.callbacks.slice(0, firstError + 1) : verification.callbacks;
  for (const cb of shown) o.err(callbackText(cb, returnError));
  if (aborted)
    o.err(
      `${PFX}:error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1889:\n`,
    );

  const bytes = handshakeBytes({
    profile,
    serverChain,
    caNames: clientCas.map((c) => c.subjectDer),
    sni,
    clientChain: aborted ? undefined : clientChain,
  });
  const leaf = serverChain[0];
  let s = "---\nCertificate chain\n" + serverChain.map((c, i) => chainEntry(i, c, has(p, "showcerts"))).join("") + "---\n";
  if (aborted) s += "no peer certificate available\n";
  else
    s +=
      "Server certificate\n" +
      (has(p, "showcerts") ? "" : pemEncode("CERTIFICATE", leaf.der)) +
      `subject=${onelineName(leaf.subject)}\nissuer=${onelineName(leaf.issuer)}\n`;
  s += "---\n";
  s += clientCas.length
    ? `Acceptable client certificate CA names\n${clientCas.map((c) => onelineName(c.subject) + "\n").join("")}`
    : "No client certificate CA names sent\n";
  s += `Requested Signature Algorithms: ${profile.requestedSigalgs.join(":")}\nShared Requested Signature Algorithms: ${sharedSigalgs(profile).join(":")}\n`;
  if (!aborted)
    s += `Peer signing digest: SHA256\nPeer signature type: ${leaf.spki.algOid === "1.2.840.113549.1.1.1" ? "RSA-PSS" : "ECDSA"}\n`;
  s += "Server Temp Key: X25519, 253 bits\n---\n";
  s += `SSL handshake has read ${aborted ? bytes.readAtAbort : bytes.read} bytes and written ${aborted ? bytes.writtenAtAbort : bytes.written} bytes\n`;
  s += verification.result ? `Verification error: ${VERIFY_ERROR_TEXT[verification.result]}\n` : "Verification: OK\n";
  if (verification.peername !== undefined) s += `Verified peername: ${verification.peername}\n`;
  s += `---\nNew, TLSv1.3, Cipher is ${profile.cipher}\n`;
  if (!aborted) s += `Server public key is ${publicKeyBits(leaf.spki)} bit\n`;
  s += "Secure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\n";
  s += `Verify return code: ${verification.result} (${VERIFY_ERROR_TEXT[verification.result]})\n---\n`;
  o.out(s);
  if (aborted) return o.done(1);

  const caPem = server.clientCaFiles.map((f) => read(ctx, f) ?? "").join("");
  const alert = clientAlert(server, clientChain, caPem, ctx.now);
  if (alert) {
    o.err(
      `${PFX}:error:0A000${(1000 + alert[0]).toString(16).toUpperCase()}:SSL routines:ssl3_read_bytes:${alert[1]}:../ssl/record/rec_layer_s3.c:1601:SSL alert number ${alert[0]}\n`,
    );
    return o.done(1);
  }
  o.err("DONE\n");
  return o.done(0);
}
