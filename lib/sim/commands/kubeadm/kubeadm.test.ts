/**
 * kubeadm texts read from cmd/kubeadm (v1.32): the configuration header of `certs` commands
 * (cmd/kubeadm/app/cmd/certs.go getInternalCfg, cmd/kubeadm/app/util/config/cluster.go
 * FetchInitConfigurationFromCluster).
 */
import { describe, expect, it } from "vitest";
import { mergeConfig } from "../../core/base-state";
import { run, testEngine, testState } from "../../core/testing";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { createKubeadmPki } from "../../pki";
import { kubeadm } from ".";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const DAY = 86_400_000;

async function cluster(now: number) {
  let s = 11;
  const random = () => ((s = (s * 16807) % 2147483647), s / 2147483647);
  const files = await createKubeadmPki(mergeConfig(), { now: NOW, keys: new DeterministicKeySource(2), random });
  return testEngine({ state: testState(files, NOW), commands: [kubeadm], keys: new DeterministicKeySource(9), now });
}

const FETCH = (p: string) =>
  `[${p}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n` +
  `[${p}] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n`;
const FALLBACK = (p: string) => `[${p}] Error reading configuration from the Cluster. Falling back to default configuration\n\n`;

describe("kubeadm certs: the configuration header", () => {
  it("reads the kubeadm-config ConfigMap through admin.conf and says so", async () => {
    const e = await cluster(NOW);
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(new RegExp(`^${escape(FETCH("check-expiration"))}\nCERTIFICATE `));
  });

  it("falls back to the default configuration when admin.conf cannot reach the cluster", async () => {
    const e = await cluster(NOW + 366 * DAY);
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(new RegExp(`^${escape(FETCH("check-expiration") + FALLBACK("check-expiration"))}CERTIFICATE `));
    const renew = (await run(e, "kubeadm certs renew all")).output;
    expect(renew.startsWith(FETCH("renew") + FALLBACK("renew") + "certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself renewed\n")).toBe(true);
    // renewal rewrote admin.conf: the next run reads the cluster again
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(new RegExp(`^${escape(FETCH("check-expiration"))}\nCERTIFICATE `));
  });

  it("prints no header when there is no admin.conf to build a client from", async () => {
    const e = await cluster(NOW);
    await run(e, "rm /etc/kubernetes/admin.conf");
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(/^CERTIFICATE {16}EXPIRES/);
  });
});

describe("kubeadm init phase certs apiserver (phases/init/certs.go runCertPhase)", () => {
  it("keeps a certificate that chains to the CA, whatever SANs the flags ask for", async () => {
    const e = await cluster(NOW);
    const before = (await run(e, "cat /etc/kubernetes/pki/apiserver.crt")).output;
    const r = await run(e, "kubeadm init phase certs apiserver --apiserver-cert-extra-sans=127.0.0.1,localhost");
    expect(r).toMatchObject({ output: "[certs] Using existing apiserver certificate and key on disk\n", exitCode: 0 });
    expect((await run(e, "cat /etc/kubernetes/pki/apiserver.crt")).output).toBe(before);
  });

  it("generates a new pair once the old one is moved away, with the extra SANs sorted into DNS and IP", async () => {
    const e = await cluster(NOW);
    await run(e, "mv /etc/kubernetes/pki/apiserver.crt /etc/kubernetes/pki/apiserver.key /tmp/");
    const r = await run(e, "kubeadm init phase certs apiserver --apiserver-cert-extra-sans=127.0.0.1,localhost");
    expect(r.output).toBe(
      '[certs] Generating "apiserver" certificate and key\n' +
        "[certs] apiserver serving cert is signed for DNS names [controlplane kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local localhost] and IPs [10.96.0.1 172.30.1.2 127.0.0.1]\n",
    );
  });

  it("refuses a certificate that does not chain to the CA", async () => {
    const e = await cluster(NOW);
    await run(e, "cp /etc/kubernetes/pki/front-proxy-client.crt /etc/kubernetes/pki/apiserver.crt");
    const r = await run(e, "kubeadm init phase certs apiserver");
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      "error execution phase certs/apiserver: [certs] certificate apiserver not signed by CA certificate ca: failed to verify certificate: x509: certificate signed by unknown authority\n" +
        "To see the stack trace of this error execute with --v=5 or higher\n",
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
