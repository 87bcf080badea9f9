/**
 * Test fixture: a kubeadm-like cluster state with a real (test) PKI, admin.conf as
 * ~/.kube/config, and an `exec("kubectl get pods")` helper. Keys come from the committed
 * RSA test fixtures so no key is generated at test time.
 */
import type { webcrypto } from "node:crypto";
import keysJson from "../../../keys/fixtures/rsa-2048.json";
import { objectKey } from "../../../api/store";
import { createClusterObjects } from "../../../cluster/bootstrap";
import { Vfs, resolvePath } from "../../../fs/vfs";
import { nextRandom, seedRng } from "../../../core/rng";
import type { ClusterConfig, ClusterState, CommandContext, ExecResult } from "../../../types";
import { importKeys, issue } from "./x509-fixtures";

export const T0 = Date.UTC(2026, 10, 16, 9, 4, 10); // 16 Nov 2026 09:04:10, the cluster's birth
export const DAY = 86_400_000;
export const YEAR = 365 * DAY;
export const KEYS = keysJson.keys;

export const CONFIG: ClusterConfig = {
  clusterName: "kubernetes",
  controlPlane: { name: "controlplane", ip: "172.30.1.2" },
  workers: [{ name: "node01", ip: "172.30.2.2" }],
  kubernetesVersion: "v1.32.4",
  serviceSubnet: "10.96.0.0/12",
  podSubnet: "192.168.0.0/16",
  dnsDomain: "cluster.local",
  keyAlgorithm: "rsa-2048",
};

const b64 = (s: string) => Buffer.from(s).toString("base64");

export function kubeconfigYaml(o: {
  server: string;
  caPem: string;
  user: string;
  certPem: string;
  keyPem: string;
  cluster?: string;
}): string {
  const cluster = o.cluster ?? "kubernetes";
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(o.caPem)}
    server: ${o.server}
  name: ${cluster}
contexts:
- context:
    cluster: ${cluster}
    user: ${o.user}
  name: ${o.user}@${cluster}
current-context: ${o.user}@${cluster}
kind: Config
preferences: {}
users:
- name: ${o.user}
  user:
    client-certificate-data: ${b64(o.certPem)}
    client-key-data: ${b64(o.keyPem)}
`;
}

export interface Pki {
  caPem: string;
  caKeyPem: string;
  adminCertPem: string;
  adminKeyPem: string;
  apiserverPem: string;
  ca: webcrypto.CryptoKeyPair;
}

let pkiPromise: Promise<Pki> | undefined;

/** One PKI for the whole test file: CA (10 y), apiserver serving cert, admin client cert (1 y). */
export function buildPki(): Promise<Pki> {
  return (pkiPromise ??= (async () => {
    const ca = await importKeys(KEYS[0].privateKeyPem, KEYS[0].publicKeyPem);
    const apiserver = await importKeys(KEYS[1].privateKeyPem, KEYS[1].publicKeyPem);
    const admin = await importKeys(KEYS[2].privateKeyPem, KEYS[2].publicKeyPem);
    const nb = T0 - 5 * 60_000;
    const caPem = await issue({
      subject: "CN=kubernetes",
      publicKey: ca.publicKey,
      signingKey: ca.privateKey,
      notBefore: nb,
      notAfter: T0 + 10 * YEAR,
      ca: true,
    });
    const apiserverPem = await issue({
      subject: "CN=kube-apiserver",
      issuer: "CN=kubernetes",
      publicKey: apiserver.publicKey,
      signingKey: ca.privateKey,
      notBefore: nb,
      notAfter: T0 + YEAR,
      dns: ["controlplane", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"],
      ips: ["10.96.0.1", "172.30.1.2"],
    });
    const adminCertPem = await issue({
      subject: "CN=kubernetes-admin, O=kubeadm:cluster-admins",
      issuer: "CN=kubernetes",
      publicKey: admin.publicKey,
      signingKey: ca.privateKey,
      notBefore: nb,
      notAfter: T0 + YEAR,
    });
    return { caPem, caKeyPem: KEYS[0].privateKeyPem, adminCertPem, adminKeyPem: KEYS[2].privateKeyPem, apiserverPem, ca };
  })());
}

export interface TestCluster {
  state: ClusterState;
  /** cluster clock (ms); tests move it */
  now: number;
  exec(line: string, opts?: { stdin?: string; env?: Record<string, string> }): Promise<ExecResult>;
  write(path: string, content: string): void;
  read(path: string): string;
}

/** Splits a test command line on spaces, honouring '...' and "..." quotes (enough for tests). */
export function words(line: string): string[] {
  const out: string[] = [];
  let cur = "",
    q = "",
    has = false;
  for (const ch of line) {
    if (q) {
      if (ch === q) q = "";
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      q = ch;
      has = true;
    } else if (ch === " ") {
      if (cur || has) out.push(cur);
      cur = "";
      has = false;
    } else cur += ch;
  }
  if (cur || has) out.push(cur);
  return out;
}

export async function makeCluster(): Promise<TestCluster> {
  const { kubectl } = await import("../index");
  const pki = await buildPki();
  const rng = seedRng(42);
  const made = createClusterObjects(CONFIG, {
    now: T0,
    random: () => nextRandom(rng),
    firstResourceVersion: 1000,
    pems: { ca: pki.caPem, frontProxyCa: pki.caPem },
  });
  const files = made.files;
  const objects: ClusterState["objects"] = {};
  for (const { gr, obj } of made.objects) objects[objectKey(gr, obj.metadata.namespace, obj.metadata.name)] = obj;
  const state: ClusterState = {
    version: 2,
    config: CONFIG,
    createdAt: T0,
    clockOffsetMs: 0,
    rng,
    resourceVersion: made.resourceVersion,
    fs: { "/": { type: "dir", mode: 0o755, mtime: T0 } },
    shell: { cwd: "/root", env: { HOME: "/root" }, history: [], lastExitCode: 0 },
    objects,
  };
  const tc: TestCluster = {
    state,
    now: T0 + 12 * DAY,
    async exec(line, opts = {}) {
      const argv = words(line);
      if (argv[0] !== "kubectl") throw new Error("only kubectl");
      const fs = new Vfs(state.fs, () => tc.now);
      const env = { HOME: "/root", ...opts.env };
      const ctx: CommandContext = {
        state,
        fs,
        args: argv.slice(1),
        stdin: opts.stdin ?? "",
        env,
        now: tc.now,
        resolve: (p) => resolvePath(state.shell.cwd, p, "/root"),
        keys: { take: () => Promise.reject(new Error("no keys in tests")) },
        random: () => nextRandom(state.rng),
      };
      return kubectl.run(ctx);
    },
    write(path, content) {
      new Vfs(state.fs, () => tc.now).mkdir(path.slice(0, path.lastIndexOf("/")) || "/", true);
      new Vfs(state.fs, () => tc.now).writeFile(path, content);
    },
    read(path) {
      const n = state.fs[path];
      return n?.type === "file" ? n.content : "";
    },
  };
  for (const d of ["/etc/kubernetes/pki", "/root/.kube", "/etc/kubernetes/manifests"]) new Vfs(state.fs, () => T0).mkdir(d, true);
  for (const [p, c] of Object.entries(files)) tc.write(p, c);
  tc.write("/etc/kubernetes/pki/ca.crt", pki.caPem);
  tc.write("/etc/kubernetes/pki/ca.key", pki.caKeyPem);
  tc.write("/etc/kubernetes/pki/apiserver.crt", pki.apiserverPem);
  tc.write("/etc/hosts", "127.0.0.1 localhost\n172.30.1.2 controlplane\n172.30.2.2 node01\n");
  const admin = kubeconfigYaml({
    server: "https://172.30.1.2:6443",
    caPem: pki.caPem,
    user: "kubernetes-admin",
    certPem: pki.adminCertPem,
    keyPem: pki.adminKeyPem,
  });
  tc.write("/etc/kubernetes/admin.conf", admin);
  tc.write("/root/.kube/config", admin);
  return tc;
}

/** Golden text of one run: the command, stdout, stderr and exit code, as one reviewable file. */
export function transcript(line: string, r: ExecResult): string {
  return `$ ${line}\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ""}[exit ${r.exitCode}]\n`;
}
