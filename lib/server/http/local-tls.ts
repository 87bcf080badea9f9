/**
 * TLS for the learner's own kubectl when the site itself is plain http (a laptop, a LAN): kubectl
 * (client-go) sends a bearer token only over TLS, so a kubeconfig for http://localhost:3000
 * would reach the cluster with no credential at all. The app's port then also speaks TLS
 * (server/dual-protocol.ts) with a self-signed certificate made here for the site's host, and
 * the kubeconfig carries that certificate as its CA. Behind HTTPS in production none of this is
 * used: the kubeconfig names the site's https origin and the deployment's own certificate.
 *
 * The certificate and its key live in DATA_DIR/local-tls (0600), made once and again when the
 * host changes or the certificate nears its end.
 */
import "server-only";
import { generateKeyPairSync, randomInt } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { issueCertificate, KU, parseCertificate } from "@/lib/sim/pki";
import { goName } from "@/lib/sim/pki/names";

const DAY = 86_400_000;
/** a year, remade with a month to go */
const VALIDITY_MS = 365 * DAY;
const RENEW_BEFORE_MS = 30 * DAY;
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

export interface LocalTls {
  certPem: string;
  keyPem: string;
}

/** Where the learner's kubectl connects: the site's origin, or its https twin with the CA to trust. */
export interface KubeApiEndpoint {
  /** https://host[:port] */
  origin: string;
  /** the self-signed certificate to trust, when the site is plain http */
  caPem?: string;
}

const paths = (dataDir: string) => ({
  dir: join(dataDir, "local-tls"),
  cert: join(dataDir, "local-tls", "tls.crt"),
  key: join(dataDir, "local-tls", "tls.key"),
});

/** Names the certificate covers: the site's host, and the loopback names of this machine. */
function sanFor(host: string): { dns: string[]; ips: string[] } {
  const dns = new Set(["localhost"]);
  const ips = new Set(["127.0.0.1", "::1"]);
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare)) ips.add(bare);
  else dns.add(bare);
  return { dns: [...dns], ips: [...ips] };
}

function usable(certPem: string, host: string, now: number): boolean {
  const info = parseCertificate(certPem);
  if (!info || info.notAfter - now < RENEW_BEFORE_MS) return false;
  const want = sanFor(host);
  return want.dns.every((d) => info.dnsNames.includes(d)) && want.ips.every((ip) => info.ipAddresses.includes(ip));
}

/** The certificate and key for `host`, made (or remade) in `dataDir` when needed. */
export function ensureLocalTls(dataDir: string, host: string, now = Date.now()): LocalTls {
  const p = paths(dataDir);
  if (existsSync(p.cert) && existsSync(p.key)) {
    const certPem = readFileSync(p.cert, "utf8");
    if (usable(certPem, host, now)) return { certPem, keyPem: readFileSync(p.key, "utf8") };
  }
  const { privateKey: keyPem, publicKey } = generateKeyPairSync("ec", {
    namedCurve: "P-256",
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const certPem = issueCertificate({
    subject: goName("Kubeyard on this machine"),
    publicKey,
    signingKeyPem: keyPem,
    notBefore: now - 60_000,
    notAfter: now + VALIDITY_MS,
    serial: Uint8Array.from({ length: 16 }, (_, i) => (i === 0 ? randomInt(1, 128) : randomInt(0, 256))),
    keyUsage: KU.digitalSignature,
    extKeyUsage: [SERVER_AUTH],
    basicConstraints: { ca: false },
    san: sanFor(host),
  });
  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  for (const [file, text] of [
    [p.key, keyPem],
    [p.cert, certPem],
  ] as const) {
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return { certPem, keyPem };
}

/** Where a kubeconfig for this site points. Plain http: the same host and port over TLS, and the certificate to trust. */
export function kubeApiEndpoint(appUrl: string, dataDir: string): KubeApiEndpoint {
  const url = new URL(appUrl);
  if (url.protocol === "https:") return { origin: url.origin };
  const cert = paths(dataDir).cert;
  const caPem = existsSync(cert) ? readFileSync(cert, "utf8") : undefined;
  return { origin: `https://${url.host}`, ...(caPem ? { caPem } : {}) };
}
