/**
 * The TLS side of curl 7.88 with OpenSSL 3 against the cluster's TLS ports: the server
 * certificate (the apiserver's, read from the node's /etc/kubernetes/pki as the static pod
 * serves it) checked against --cacert or the system bundle (which never holds the cluster CA),
 * then the host name (curl's own check, lib/vtls/openssl.c verifyhost), then the client
 * certificate the apiserver authenticates (--cert/--key).
 */
import { authenticateCertificate, CLIENT_CA_PATH } from "../../api/http/authn";
import type { UserInfo } from "../../api/types";
import { verifyServerCertificate } from "../../pki";
import { verifyChain } from "../../pki/verify";
import type { CommandContext } from "../../types";
import type { CurlOptions } from "./options";

/** curl's text after a failed verification (src/tool_operate.c CURLE_PEER_FAILED_VERIFICATION hint). */
export const SSL_HINT = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.
`;

export type TlsOutcome = { ok: true; user: UserInfo | null } | { ok: false; code: number; message: string };

const SERVER_CERT = "/etc/kubernetes/pki/apiserver.crt";

/** The handshake with the kube-apiserver from curl's options. */
export function apiserverHandshake(ctx: CommandContext, o: CurlOptions, host: string): TlsOutcome {
  let bundle = "";
  if (o.cacert !== undefined) {
    const r = ctx.fs.readFile(ctx.resolve(o.cacert));
    // lib/vtls/openssl.c: SSL_CTX_load_verify_locations failed
    if (!r.ok) return { ok: false, code: 77, message: `error setting certificate file: ${o.cacert}` };
    bundle = r.value;
  }
  const server = ctx.fs.readFile(SERVER_CERT);
  const serverPem = server.ok ? server.value : "";
  if (!o.insecure) {
    const chain = verifyChain(serverPem, bundle, ctx.now);
    if (chain) {
      const problem = chain.includes("is after")
        ? "certificate has expired"
        : chain.includes("is before")
          ? "certificate is not yet valid"
          : "unable to get local issuer certificate";
      return { ok: false, code: 60, message: `SSL certificate problem: ${problem}` };
    }
    const name = verifyServerCertificate({ serverCertPem: serverPem, caBundlePem: bundle, host, now: ctx.now });
    if (name) return { ok: false, code: 60, message: `SSL: no alternative certificate subject name matches target host name '${host}'` };
  }
  if (o.cert === undefined) return { ok: true, user: authenticateCertificate(undefined, undefined, ctx.now) };
  const certPath = o.cert.replace(/:.*$/, "");
  const cert = ctx.fs.readFile(ctx.resolve(certPath));
  // lib/vtls/openssl.c cert_stuff
  if (!cert.ok)
    return {
      ok: false,
      code: 58,
      message: `could not load PEM client certificate from ${certPath}, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)`,
    };
  const keyPath = o.key ?? certPath;
  const key = ctx.fs.readFile(ctx.resolve(keyPath));
  if (!key.ok || !/PRIVATE KEY-----/.test(key.value))
    return { ok: false, code: 58, message: `unable to set private key file: '${keyPath}' type PEM` };
  const ca = ctx.fs.readFile(CLIENT_CA_PATH);
  return { ok: true, user: authenticateCertificate(cert.value, ca.ok ? ca.value : undefined, ctx.now) };
}
