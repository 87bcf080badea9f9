/**
 * `openssl s_client` against the real OpenSSL 3.0 (test-only oracle): a real `openssl s_server`
 * on 127.0.0.1 serves the same certificate files as the simulated server, configured like a Go
 * server (TLS 1.3, its cipher preference, Go's client signature schemes, the client CA names, the
 * leaf without its CA), and the real s_client must print what the simulated one prints, with the
 * s_server profile of lib/sim/pki/tls13.ts for the byte counts. The real client verifies at the
 * simulated cluster's clock (-attime). What follows the summary is timing-dependent in the real
 * tool (a session ticket may or may not be read before stdin's end), so it is compared only when
 * the real run shows the same kind of ending.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeConfig } from "../../core/base-state";
import { testState } from "../../core/testing";
import { SimEngine } from "../../core/sim-engine";
import { coreutils } from "../coreutils";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { createKubeadmPki } from "../../pki";
import { OPENSSL_S_SERVER } from "../../pki/tls13";
import type { Command } from "../../types";
import { requireOracle } from "../../../testing/oracles";
import { PFX } from "./common";
import { sClient } from "./s-client";

const OPENSSL = requireOracle("openssl");
const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const DAY = 86_400_000;
const PKI = "/etc/kubernetes/pki";
const GO_SIGALGS =
  "RSA-PSS+SHA256:ECDSA+SHA256:ed25519:RSA-PSS+SHA384:RSA-PSS+SHA512:RSA+SHA256:RSA+SHA384:RSA+SHA512:ECDSA+SHA384:ECDSA+SHA512:RSA+SHA1:ECDSA+SHA1";

let dir = "";
let files: Record<string, string> = {};
const servers: ChildProcess[] = [];
const ports: Record<string, number> = {};

/** s_client with the s_server profile, as a command of its own for the engine. */
const sClientAgainstSServer: Command = { name: "s_client", summary: "", run: (ctx) => sClient(ctx, ctx.args, OPENSSL_S_SERVER) };

function engine(now = NOW): SimEngine {
  return new SimEngine(testState(files, NOW), { clock: { now: () => now }, keys: new DeterministicKeySource(4) }, [
    ...coreutils,
    sClientAgainstSServer,
  ]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const c = tcpConnect(port, "127.0.0.1");
      c.once("connect", () => (c.destroy(), resolve(true)));
      c.once("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`s_server on ${port} did not start`);
}

const f = (p: string) => join(dir, p);

/** An s_server that behaves like the Go server of that endpoint (client certificate requested or required). */
async function startServer(name: string, o: { cert: string; key: string; chain?: string; clientCas: string; require: boolean }) {
  const port = await freePort();
  const unrelated = o.cert.startsWith(`${PKI}/etcd/`) ? f(`${PKI}/ca.crt`) : f(`${PKI}/etcd/ca.crt`);
  const args = [
    "s_server",
    "-accept",
    `127.0.0.1:${port}`,
    "-cert",
    f(o.cert),
    "-key",
    f(o.key),
    o.require ? "-Verify" : "-verify",
    "1",
    "-CAfile",
    o.clientCas,
  ];
  // the chain store holds nothing that issued the certificate, so only the file's own chain is sent, as Go does
  args.push("-chainCAfile", o.chain ? f(o.chain) : unrelated);
  if (o.chain) args.push("-cert_chain", f(o.chain));
  args.push(
    "-ciphersuites",
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
    "-serverpref",
    "-client_sigalgs",
    GO_SIGALGS,
    "-num_tickets",
    "1",
    "-quiet",
  );
  const child = spawn(OPENSSL ?? "openssl", args, { stdio: ["pipe", "ignore", "ignore"] });
  servers.push(child);
  await listening(port);
  ports[name] = port;
}

function bundle(name: string, ...paths: string[]): string {
  const out = join(dir, name);
  writeFileSync(out, paths.map((p) => files[p]).join(""));
  return out;
}

beforeAll(async () => {
  if (!OPENSSL) return;
  let s = 5;
  const random = () => ((s = (s * 16807) % 2147483647), s / 2147483647);
  files = await createKubeadmPki(mergeConfig(), { now: NOW, keys: new DeterministicKeySource(6), random });
  dir = mkdtempSync(join(tmpdir(), "kubeyard-sclient-"));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(f(p)), { recursive: true });
    writeFileSync(f(p), c);
  }
  // the kubelet's file holds its leaf and then its CA: s_server takes them as -cert and -cert_chain
  const [kubeletLeaf, kubeletCa] = files["/var/lib/kubelet/pki/kubelet.crt"].split(/(?<=-----END CERTIFICATE-----\n)/);
  writeFileSync(f("/kubelet-leaf.crt"), kubeletLeaf);
  writeFileSync(f("/kubelet-ca.crt"), kubeletCa);
  await startServer("apiserver", {
    cert: `${PKI}/apiserver.crt`,
    key: `${PKI}/apiserver.key`,
    clientCas: bundle("apiserver-clientcas.pem", `${PKI}/ca.crt`, `${PKI}/front-proxy-ca.crt`),
    require: false,
  });
  await startServer("etcd", {
    cert: `${PKI}/etcd/server.crt`,
    key: `${PKI}/etcd/server.key`,
    clientCas: f(`${PKI}/etcd/ca.crt`),
    require: true,
  });
  await startServer("kubelet", {
    cert: "/kubelet-leaf.crt",
    key: "/var/lib/kubelet/pki/kubelet.key",
    chain: "/kubelet-ca.crt",
    clientCas: f(`${PKI}/ca.crt`),
    require: false,
  });
  await startServer("clientonly", {
    cert: `${PKI}/front-proxy-client.crt`,
    key: `${PKI}/front-proxy-client.key`,
    clientCas: bundle("apiserver-clientcas2.pem", `${PKI}/ca.crt`, `${PKI}/front-proxy-ca.crt`),
    require: false,
  });
}, 60_000);

afterAll(() => {
  for (const s of servers) s.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** The real s_client; `args` name files relative to the dumped node filesystem. */
function real(server: string, args: string[], at = NOW): Run {
  const r = spawnSync(
    OPENSSL ?? "openssl",
    ["s_client", "-connect", `127.0.0.1:${ports[server]}`, "-attime", String(Math.floor(at / 1000)), ...args],
    { cwd: dir, input: "", encoding: "utf8", timeout: 20_000 },
  );
  return { stdout: r.stdout, stderr: r.stderr.replace(/^[0-9A-F]{16}:error/gm, `${PFX}:error`), code: r.status ?? -1 };
}

async function simulated(target: string, args: string[], at = NOW): Promise<Run> {
  // the engine interleaves the streams; each is read on its own from a fresh, identical cluster
  const stream = async (redirect: string) => {
    const e = engine(at);
    await e.exec("cd /");
    return e.exec(`s_client -connect ${target} ${args.join(" ")} </dev/null ${redirect}`);
  };
  const out = await stream("2>/dev/null");
  const err = await stream(">/dev/null");
  return { stdout: out.output, stderr: err.output, code: out.exitCode };
}

/** The real summary without a session ticket read after it (timing-dependent). */
const summary = (out: string) =>
  out.replace(/---\nPost-Handshake New Session Ticket arrived:[\s\S]*$/, "").replace(/(read R BLOCK|closed)\n/g, "");
/** The lines stderr ends with after the handshake: DONE, or the alert the server sent. */
const ending = (err: string) => err.split("\n").filter(Boolean).pop() ?? "";

const rel = (p: string) => p.replace(/^\//, "");

describe.skipIf(!OPENSSL)("openssl s_client against the oracle s_server", () => {
  const same = async (server: string, target: string, args: string[], at = NOW) => {
    const want = real(
      server,
      args.map((a) => (a.startsWith("/") ? rel(a) : a)),
      at,
    );
    const got = await simulated(target, args, at);
    expect(got.stdout).toBe(summary(want.stdout));
    const wantErr = want.stderr.split("\n");
    const gotErr = got.stderr.split("\n");
    // everything before the ending is deterministic
    expect(gotErr.slice(0, -2)).toEqual(wantErr.slice(0, gotErr.length - 2));
    return { want, got };
  };

  it("verifies the API server's certificate against the cluster CA", async () => {
    const { want, got } = await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/ca.crt`]);
    expect(got.stdout).toContain("Verify return code: 0 (ok)");
    expect(got.stderr).toMatch(/DONE\n$/);
    if (ending(want.stderr) === "DONE") expect(got).toEqual({ ...want, stdout: summary(want.stdout) });
  });

  it("prints the whole chain with -showcerts, and SNI changes what it writes", async () => {
    await same("apiserver", "172.30.1.2:6443", ["-showcerts", "-CAfile", `${PKI}/ca.crt`]);
    await same("apiserver", "172.30.1.2:6443", ["-servername", "kubernetes", "-CAfile", `${PKI}/ca.crt`]);
    await same("apiserver", "localhost:6443".replace("localhost", "localhost"), ["-CAfile", `${PKI}/ca.crt`]);
  });

  it("reports a certificate from another CA, and no trust store at all", async () => {
    const { got } = await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/etcd/ca.crt`]);
    expect(got.stderr).toContain("verify error:num=20:unable to get local issuer certificate");
    expect(got.stdout).toContain("Verify return code: 21 (unable to verify the first certificate)");
    await same("apiserver", "172.30.1.2:6443", []);
  });

  it("checks the name only when asked, and aborts on the first error with -verify_return_error", async () => {
    await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/ca.crt`, "-verify_hostname", "api.example.internal"]);
    await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/ca.crt`, "-verify_hostname", "kubernetes.default.svc"]);
    await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/ca.crt`, "-verify_ip", "203.0.113.10"]);
    const { want, got } = await same("apiserver", "172.30.1.2:6443", [
      "-CAfile",
      `${PKI}/ca.crt`,
      "-verify_return_error",
      "-verify_hostname",
      "localhost",
    ]);
    expect(got).toEqual({ ...want, stdout: summary(want.stdout) });
    expect(got.code).toBe(1);
  });

  it("shows an expired and a not yet valid certificate at the cluster's clock", async () => {
    const { got } = await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/ca.crt`], NOW + 366 * DAY);
    expect(got.stderr).toContain("verify error:num=10:certificate has expired");
    await same("apiserver", "172.30.1.2:6443", ["-CAfile", `${PKI}/ca.crt`], NOW - 2 * DAY);
  });

  it("sends a client certificate with its chain", async () => {
    await same("apiserver", "172.30.1.2:6443", [
      "-CAfile",
      `${PKI}/ca.crt`,
      "-cert",
      `${PKI}/apiserver-kubelet-client.crt`,
      "-key",
      `${PKI}/apiserver-kubelet-client.key`,
    ]);
  });

  it("meets etcd, which requires a client certificate from its own CA", async () => {
    const none = await same("etcd", "127.0.0.1:2379", ["-CAfile", `${PKI}/etcd/ca.crt`]);
    expect(ending(none.got.stderr)).toBe(
      `${PFX}:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../ssl/record/rec_layer_s3.c:1601:SSL alert number 116`,
    );
    if (ending(none.want.stderr) !== "DONE") expect(ending(none.got.stderr)).toBe(ending(none.want.stderr));
    const good = await same("etcd", "127.0.0.1:2379", [
      "-CAfile",
      `${PKI}/etcd/ca.crt`,
      "-cert",
      `${PKI}/etcd/healthcheck-client.crt`,
      "-key",
      `${PKI}/etcd/healthcheck-client.key`,
    ]);
    expect(ending(good.got.stderr)).toBe("DONE");
    const wrongCa = await same("etcd", "127.0.0.1:2379", [
      "-CAfile",
      `${PKI}/etcd/ca.crt`,
      "-cert",
      `${PKI}/apiserver-kubelet-client.crt`,
      "-key",
      `${PKI}/apiserver-kubelet-client.key`,
    ]);
    expect(ending(wrongCa.got.stderr)).toContain("tlsv1 alert unknown ca");
    if (ending(wrongCa.want.stderr) !== "DONE") expect(ending(wrongCa.got.stderr)).toBe(ending(wrongCa.want.stderr));
  });

  it("meets the kubelet's self-signed pair, and a server certificate made for clients only", async () => {
    const kubelet = await same("kubelet", "172.30.1.2:10250", ["-CAfile", `${PKI}/ca.crt`]);
    expect(kubelet.got.stderr).toContain("verify error:num=19:self-signed certificate in certificate chain");
    // the simulated API server now serves front-proxy-client.crt, whose EKU is clientAuth only
    const e = engine();
    await e.exec(`cp ${PKI}/front-proxy-client.crt ${PKI}/apiserver.crt`);
    await e.exec(`cp ${PKI}/front-proxy-client.key ${PKI}/apiserver.key`);
    const out = (await e.exec(`s_client -connect 172.30.1.2:6443 -CAfile ${PKI}/front-proxy-ca.crt </dev/null 2>/dev/null`)).output;
    const err = (await e.exec(`s_client -connect 172.30.1.2:6443 -CAfile ${PKI}/front-proxy-ca.crt </dev/null >/dev/null`)).output;
    const want = real("clientonly", ["-CAfile", rel(`${PKI}/front-proxy-ca.crt`)]);
    expect(out).toBe(summary(want.stdout));
    expect(err).toContain("verify error:num=26:unsuitable certificate purpose");
    expect(err.split("\n").slice(0, -2)).toEqual(want.stderr.split("\n").slice(0, err.split("\n").length - 2));
  });
});

describe("openssl s_client: connecting", () => {
  it("reports names that do not resolve, ports nobody listens on and addresses that do not answer", async () => {
    files = Object.keys(files).length
      ? files
      : await createKubeadmPki(mergeConfig(), { now: NOW, keys: new DeterministicKeySource(6), random: () => 0.5 });
    const e = engine();
    expect((await e.exec("s_client -connect kubernetes:6443")).output).toBe(
      `${PFX}:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:746:Name or service not known\nconnect:errno=22\n`,
    );
    const refused = await e.exec("s_client -connect 127.0.0.1:6");
    expect(refused).toMatchObject({ exitCode: 1 });
    expect(refused.output).toBe(
      `${PFX}:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:117:calling connect()\n${PFX}:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:119:\nconnect:errno=111\n`,
    );
    expect((await e.exec("s_client -connect 192.0.2.1:443")).output).toContain("Connection timed out");
    expect((await e.exec("s_client -connect 10.96.0.1:443 -CAfile /etc/kubernetes/pki/ca.crt")).output).toContain(
      "subject=CN = kube-apiserver",
    );
    expect((await e.exec("s_client -bogus")).output).toBe("s_client: Unknown option: -bogus\ns_client: Use -help for summary.\n");
  });
});
