/**
 * openssl and kubeadm commands in the shell, checked against the real OpenSSL 3.0 (test-only
 * oracle): a full CSR flow whose files real openssl accepts, exact texts, kubeadm goldens.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { objectKey } from "../../api/store";
import { createClusterObjects } from "../../cluster/bootstrap";
import { mergeConfig } from "../../core/base-state";
import { run, testEngine, testState } from "../../core/testing";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { createKubeadmPki } from "../../pki";
import { kubeadm } from "../kubeadm";
import { openssl } from ".";
import { requireOracle } from "../../../testing/oracles";

/** Real OpenSSL 3.0 judges the files the simulator writes (a missing binary fails these tests under CI). */
const OPENSSL = requireOracle("openssl") ?? "openssl";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);

async function cluster(now = NOW) {
  let s = 11;
  const random = () => ((s = (s * 16807) % 2147483647), s / 2147483647);
  const files = await createKubeadmPki(mergeConfig(), { now: NOW, keys: new DeterministicKeySource(2), random });
  const state = testState(files, NOW);
  // the control plane's objects too: kubeadm reads its configuration through a serving kube-apiserver
  const pki = (name: string) => files[`/etc/kubernetes/pki/${name}`] ?? "";
  const made = createClusterObjects(state.config, {
    now: NOW,
    random,
    firstResourceVersion: 1,
    pems: { ca: pki("ca.crt"), frontProxyCa: pki("front-proxy-ca.crt") },
  });
  for (const { gr, obj } of made.objects) state.objects[objectKey(gr, obj.metadata.namespace, obj.metadata.name)] = obj;
  return testEngine({ state, commands: [openssl, kubeadm], keys: new DeterministicKeySource(9), now });
}

function oracle(files: Record<string, string>, ...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-ossl-"));
  try {
    for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
    return execFileSync(OPENSSL, args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("openssl", () => {
  it("runs the CSR flow and real openssl accepts the result", async () => {
    const e = await cluster();
    const cat = async (f: string) => (await run(e, `cat ${f}`)).output;
    expect((await run(e, "cd /root", "openssl genrsa -out jane.key 2048")).output).toBe("");
    expect(await cat("jane.key")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect((await run(e, 'openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr')).output).toBe("");
    const sign = await run(
      e,
      "openssl x509 -req -in jane.csr -CA /etc/kubernetes/pki/ca.crt -CAkey /etc/kubernetes/pki/ca.key -CAcreateserial -out jane.crt -days 365",
    );
    expect(sign).toMatchObject({ output: "Certificate request self-signature ok\nsubject=CN = jane, O = dev\n", exitCode: 0 });
    expect((await run(e, "cat /etc/kubernetes/pki/ca.srl")).output).toMatch(/^[0-9A-F]+\n$/);
    expect((await run(e, "openssl verify -CAfile /etc/kubernetes/pki/ca.crt jane.crt")).output).toBe("jane.crt: OK\n");
    const files = {
      "ca.crt": await cat("/etc/kubernetes/pki/ca.crt"),
      "jane.crt": await cat("jane.crt"),
      "jane.csr": await cat("jane.csr"),
      "jane.key": await cat("jane.key"),
    };
    expect(oracle(files, "verify", "-attime", String(NOW / 1000 + 60), "-CAfile", "ca.crt", "jane.crt")).toBe("jane.crt: OK\n");
    for (const a of [
      ["x509", "-in", "jane.crt", "-noout", "-text"],
      ["x509", "-in", "jane.crt", "-noout", "-subject", "-issuer", "-dates", "-serial", "-fingerprint", "-sha256"],
      ["req", "-in", "jane.csr", "-noout", "-text"],
      ["x509", "-in", "jane.crt"],
    ]) {
      expect((await run(e, `openssl ${a.join(" ")}`)).output).toBe(oracle(files, ...a));
    }
    expect(oracle(files, "x509", "-in", "jane.crt", "-noout", "-text")).toContain("Version: 1 (0x0)");
    expect(oracle(files, "rsa", "-in", "jane.key", "-noout", "-modulus")).toBe(
      (await run(e, "openssl rsa -in jane.key -noout -modulus")).output,
    );
  });

  it("reports errors like OpenSSL 3.0", async () => {
    const e = await cluster();
    const r = await run(e, "openssl x509 -in nosuch.crt -noout");
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(
      /^Could not open file or uri for loading certificate from nosuch.crt\n[0-9A-F]{16}:error:16000069:STORE routines:.*\n[0-9A-F]{16}:error:80000002:system library:file_open:No such file or directory:.*calling stat\(nosuch.crt\)\nUnable to load certificate\n$/,
    );
    expect((await run(e, "openssl verify -CAfile /etc/kubernetes/pki/etcd/ca.crt /etc/kubernetes/pki/apiserver.crt")).output).toBe(
      "CN = kube-apiserver\nerror 20 at 0 depth lookup: unable to get local issuer certificate\nerror /etc/kubernetes/pki/apiserver.crt: verification failed\n",
    );
    expect((await run(e, "openssl bogus")).output).toBe("Invalid command 'bogus'; type \"help\" for a list.\n");
    expect((await run(e, "openssl verify -bogus")).output).toBe("verify: Unknown option: -bogus\nverify: Use -help for summary.\n");
  });

  it("sees expiry on the cluster clock", async () => {
    const e = await cluster(NOW + 400 * 86_400_000);
    expect((await run(e, "openssl verify -CAfile /etc/kubernetes/pki/ca.crt /etc/kubernetes/pki/apiserver.crt")).output).toBe(
      "CN = kube-apiserver\nerror 10 at 0 depth lookup: certificate has expired\nerror /etc/kubernetes/pki/apiserver.crt: verification failed\n",
    );
  });
});

describe("kubeadm", () => {
  it("check-expiration golden, renew, check again", async () => {
    const e = await cluster(NOW + 86_400_000);
    const before = (await run(e, "kubeadm certs check-expiration")).output;
    expect(before).toBe(`[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[check-expiration] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.

CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
admin.conf                 Nov 28, 2027 09:08 UTC   364d            ca                      no      
apiserver                  Nov 28, 2027 09:08 UTC   364d            ca                      no      
apiserver-etcd-client      Nov 28, 2027 09:08 UTC   364d            etcd-ca                 no      
apiserver-kubelet-client   Nov 28, 2027 09:08 UTC   364d            ca                      no      
controller-manager.conf    Nov 28, 2027 09:08 UTC   364d            ca                      no      
etcd-healthcheck-client    Nov 28, 2027 09:08 UTC   364d            etcd-ca                 no      
etcd-peer                  Nov 28, 2027 09:08 UTC   364d            etcd-ca                 no      
etcd-server                Nov 28, 2027 09:08 UTC   364d            etcd-ca                 no      
front-proxy-client         Nov 28, 2027 09:08 UTC   364d            front-proxy-ca          no      
scheduler.conf             Nov 28, 2027 09:08 UTC   364d            ca                      no      
super-admin.conf           Nov 28, 2027 09:08 UTC   364d            ca                      no      

CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
ca                      Nov 25, 2036 09:08 UTC   9y              no      
etcd-ca                 Nov 25, 2036 09:08 UTC   9y              no      
front-proxy-ca          Nov 25, 2036 09:08 UTC   9y              no      
`);
    const renew = await run(e, "kubeadm certs renew all");
    expect(renew.output).toContain("certificate for serving the Kubernetes API renewed\n");
    expect(renew.output).toMatch(
      /\n\nDone renewing certificates\. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates\.\n$/,
    );
    const after = (await run(e, "kubeadm certs check-expiration")).output;
    // the test clock does not move: exactly 8760h left is "1y" in ShortHumanDuration (a real clock shows 364d)
    expect(after).toContain("apiserver                  Nov 29, 2027 09:08 UTC   1y ");
    expect(after).toContain("admin.conf                 Nov 29, 2027 09:08 UTC   1y ");
    expect((await run(e, "openssl verify -CAfile /etc/kubernetes/pki/ca.crt /etc/kubernetes/pki/apiserver.crt")).output).toBe(
      "/etc/kubernetes/pki/apiserver.crt: OK\n",
    );
    expect((await run(e, "kubeadm certs renew apiserver")).output).toMatch(/\n\ncertificate for serving the Kubernetes API renewed\n$/);
  });

  it("init phase certs apiserver reuses or regenerates", async () => {
    const e = await cluster();
    expect((await run(e, "kubeadm init phase certs apiserver")).output).toBe(
      "[certs] Using existing apiserver certificate and key on disk\n",
    );
    await run(e, "rm /etc/kubernetes/pki/apiserver.crt /etc/kubernetes/pki/apiserver.key");
    expect((await run(e, "kubeadm init phase certs apiserver --apiserver-cert-extra-sans=127.0.0.1,api.example.com")).output).toBe(
      '[certs] Generating "apiserver" certificate and key\n[certs] apiserver serving cert is signed for DNS names [api.example.com controlplane kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local] and IPs [10.96.0.1 172.30.1.2 127.0.0.1]\n',
    );
    expect((await run(e, "kubeadm certs bogus")).output).toBe(
      'unknown command "bogus" for "kubeadm certs"\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
  });
});
