/**
 * What the kube-apiserver container does with the command line of its static pod manifest and the
 * node's files: start and serve, or write its error and exit 1 (the kubelet then restarts it with
 * its crash back-off, kubelet.ts). Computed, never run, like every program (program.ts).
 *
 * Error texts (v1.32):
 * - a flag cobra does not know: component-base/cli/run.go Run prints `Error: %v` without klog's
 *   decoration when parsing failed; kube-apiserver sets SilenceUsage (cmd/kube-apiserver/app/
 *   server.go NewAPIServerCommand), so no usage text; pflag's error is `unknown flag: --name`.
 * - a file it reads at start-up that does not exist: run.go logs `klog.ErrorS(err, "command failed")`,
 *   i.e. `E<date> <time>       1 run.go:72] "command failed" err="..."`; the serving pair is read by
 *   dynamiccertificates (open <path>: ...), the client CA by authentication options ApplyTo
 *   (staging/src/k8s.io/apiserver/pkg/server/options/authentication.go: "unable to load client CA
 *   provider: %w").
 * - an etcd CA that did not sign etcd's serving certificate: grpc's transport warning
 *   (logging.go), repeated while the etcd client retries, then instance.go's fatal
 *   "Error creating leases: error creating storage factory: context deadline exceeded" once the
 *   storage factory's dial gives up.
 */
import { verifyServerCertificate } from "../pki/verify";

/** klog's header, formatted by logs.ts at the moment the line is written: `E1130 14:05:01.123456       1 `. */
export const KLOG_TIME_MARK = "\u0001klog\u0001";

/** What the program reads: the node's files (a Vfs, or a check's read-only view of them). */
export interface NodeFiles {
  readFile(path: string): { ok: true; value: string } | { ok: false };
}

export interface ApiserverRun {
  lines: { at: number; text: string }[];
  exit?: { afterMs: number; code: number };
}

/** The flags kubeadm writes plus the ones a learner is likely to add (kube-apiserver --help, v1.32). */
const FLAGS = new Set([
  "admission-control-config-file",
  "advertise-address",
  "allow-privileged",
  "anonymous-auth",
  "api-audiences",
  "audit-log-maxage",
  "audit-log-maxbackup",
  "audit-log-maxsize",
  "audit-log-path",
  "audit-policy-file",
  "authorization-config",
  "authorization-mode",
  "bind-address",
  "client-ca-file",
  "cloud-provider",
  "disable-admission-plugins",
  "enable-admission-plugins",
  "enable-aggregator-routing",
  "enable-bootstrap-token-auth",
  "encryption-provider-config",
  "endpoint-reconciler-type",
  "etcd-cafile",
  "etcd-certfile",
  "etcd-keyfile",
  "etcd-prefix",
  "etcd-servers",
  "event-ttl",
  "feature-gates",
  "kubelet-certificate-authority",
  "kubelet-client-certificate",
  "kubelet-client-key",
  "kubelet-preferred-address-types",
  "max-requests-inflight",
  "oidc-client-id",
  "oidc-issuer-url",
  "oidc-username-claim",
  "profiling",
  "proxy-client-cert-file",
  "proxy-client-key-file",
  "requestheader-allowed-names",
  "requestheader-client-ca-file",
  "requestheader-extra-headers-prefix",
  "requestheader-group-headers",
  "requestheader-username-headers",
  "runtime-config",
  "secure-port",
  "service-account-issuer",
  "service-account-key-file",
  "service-account-signing-key-file",
  "service-cluster-ip-range",
  "service-node-port-range",
  "tls-cert-file",
  "tls-cipher-suites",
  "tls-min-version",
  "tls-private-key-file",
  "token-auth-file",
  "v",
]);

/** The files read before the apiserver listens, in the order it reads them, and how it words a failure. */
const STARTUP_FILES: [flag: string, wrap: (err: string) => string][] = [
  ["tls-cert-file", (e) => e],
  ["tls-private-key-file", (e) => e],
  ["client-ca-file", (e) => `unable to load client CA provider: ${e}`],
];

const ETCD_SERVING_CERT = "/etc/kubernetes/pki/etcd/server.crt";
/** the etcd client's dial timeout before the storage factory gives up */
const ETCD_DIAL_TIMEOUT_MS = 20_000;
const GRPC_RETRY_MS = [0, 1_000, 2_600, 5_100, 9_200, 15_800];

const klogQuote = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

export function apiserverRun(argv: string[], fs: NodeFiles, now: number): ApiserverRun {
  const flags = new Map<string, string>();
  for (const arg of argv.slice(1)) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1].replace(/_/g, "-");
    if (!m || !name) continue; // positional arguments are ignored by kube-apiserver
    if (!FLAGS.has(name)) return { lines: [{ at: 40, text: `Error: unknown flag: --${name}` }], exit: { afterMs: 60, code: 1 } };
    flags.set(name, m[2] ?? "true");
  }
  for (const [flag, wrap] of STARTUP_FILES) {
    const path = flags.get(flag);
    if (path === undefined || fs.readFile(path).ok) continue;
    const err = `open ${path}: no such file or directory`;
    return {
      lines: [{ at: 120, text: `${KLOG_TIME_MARK}run.go:72] "command failed" err="${klogQuote(wrap(err))}"` }],
      exit: { afterMs: 140, code: 1 },
    };
  }
  const etcdCa = flags.get("etcd-cafile");
  if (etcdCa !== undefined) {
    const ca = fs.readFile(etcdCa);
    const serving = fs.readFile(ETCD_SERVING_CERT);
    const err = !ca.ok
      ? `open ${etcdCa}: no such file or directory`
      : serving.ok
        ? verifyServerCertificate({ serverCertPem: serving.value, caBundlePem: ca.value, host: "127.0.0.1", now })
        : null;
    if (err && !ca.ok) {
      return {
        lines: [
          {
            at: 150,
            text: `${KLOG_TIME_MARK.replace("klog", "klogF")}instance.go:226] Error creating leases: error creating storage factory: ${err}`,
          },
        ],
        exit: { afterMs: 160, code: 255 },
      };
    }
    if (err) {
      const grpc = `${KLOG_TIME_MARK.replace("klog", "klogW")}logging.go:55] [core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2379", ServerName: "127.0.0.1:2379", }. Err: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: ${err}"`;
      return {
        lines: [
          ...GRPC_RETRY_MS.map((at) => ({ at: 300 + at, text: grpc })),
          {
            at: 300 + ETCD_DIAL_TIMEOUT_MS,
            text: `${KLOG_TIME_MARK.replace("klog", "klogF")}instance.go:226] Error creating leases: error creating storage factory: context deadline exceeded`,
          },
        ],
        exit: { afterMs: 320 + ETCD_DIAL_TIMEOUT_MS, code: 255 },
      };
    }
  }
  return { lines: [] };
}

/** `E1130 14:05:01.123456       1 ` for a line written at `ms` (severity from the mark). */
export function renderKlog(text: string, ms: number): string {
  if (!text.includes("\u0001klog")) return text;
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const micros = p(d.getUTCMilliseconds(), 3) + p((ms * 389) % 1000, 3);
  const stamp = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${micros}       1 `;
  return text
    .replaceAll("\u0001klogW\u0001", `W${stamp}`)
    .replaceAll("\u0001klogF\u0001", `F${stamp}`)
    .replaceAll(KLOG_TIME_MARK, `E${stamp}`);
}
