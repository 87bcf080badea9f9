/**
 * kubeadm texts read from cmd/kubeadm (v1.32): the configuration header of `certs` commands
 * (cmd/kubeadm/app/cmd/certs.go getInternalCfg, cmd/kubeadm/app/util/config/cluster.go
 * FetchInitConfigurationFromCluster).
 */
import { describe, expect, it } from "vitest";
import { run, testEngine } from "../../core/testing";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { createCluster } from "../../cluster/create";
import { parse } from "yaml";
import { kubeadm } from ".";
import { kubectl } from "../kubectl";
import { parseCertificate } from "../../pki";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const DAY = 86_400_000;

/** A whole fresh cluster (PKI, kubeconfigs and the API objects, RBAC policy included), so kubectl answers as on a real node. */
async function cluster(now: number) {
  const state = await createCluster({ keys: new DeterministicKeySource(2), now: NOW, seed: 11 });
  return testEngine({ state, commands: [kubeadm, kubectl], keys: new DeterministicKeySource(9), now });
}

const FETCH = (p: string) =>
  `[${p}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n` +
  `[${p}] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n`;
const FALLBACK = (p: string) => `[${p}] Error reading configuration from the Cluster. Falling back to default configuration\n\n`;

describe("kubeadm certs: the configuration header", () => {
  it("reads the kubeadm-config ConfigMap through admin.conf and says so", async () => {
    const e = await cluster(NOW);
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(
      new RegExp(`^${escape(FETCH("check-expiration"))}\nCERTIFICATE `),
    );
  });

  it("falls back to the default configuration when admin.conf cannot reach the cluster", async () => {
    const e = await cluster(NOW + 366 * DAY);
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(
      new RegExp(`^${escape(FETCH("check-expiration") + FALLBACK("check-expiration"))}CERTIFICATE `),
    );
    const renew = (await run(e, "kubeadm certs renew all")).output;
    expect(
      renew.startsWith(
        FETCH("renew") +
          FALLBACK("renew") +
          "certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself renewed\n",
      ),
    ).toBe(true);
    // renewal rewrote admin.conf: the next run reads the cluster again
    expect((await run(e, "kubeadm certs check-expiration")).output).toMatch(
      new RegExp(`^${escape(FETCH("check-expiration"))}\nCERTIFICATE `),
    );
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

describe("kubeadm kubeconfig user (cmd/kubeadm/app/cmd/kubeconfig.go, phases/kubeconfig/kubeconfig.go)", () => {
  it("prints clientcmd.Write's kubeconfig with a new key and a clientAuth certificate from the cluster CA, and a blank last line", async () => {
    const e = await cluster(NOW);
    const r = await run(e, "kubeadm kubeconfig user --client-name jane --org dev --org qa");
    expect(r.exitCode).toBe(0);
    expect(r.output.endsWith("\n\n")).toBe(true); // fmt.Fprintln of the YAML, which ends in a newline itself
    const doc = parse(r.output) as {
      clusters: { name: string; cluster: Record<string, string> }[];
      contexts: { name: string; context: Record<string, string> }[];
      users: { name: string; user: Record<string, string> }[];
      "current-context": string;
    };
    // kubeconfigutil.CreateWithCerts: cluster <clusterName>, user <client-name>, context <user>@<cluster>
    expect(Object.keys(doc)).toEqual(["apiVersion", "clusters", "contexts", "current-context", "kind", "preferences", "users"]);
    expect(doc.clusters).toEqual([
      {
        cluster: {
          "certificate-authority-data": Buffer.from(await file(e, "/etc/kubernetes/pki/ca.crt")).toString("base64"),
          server: "https://172.30.1.2:6443",
        },
        name: "kubernetes",
      },
    ]);
    expect(doc["current-context"]).toBe("jane@kubernetes");
    expect(doc.contexts).toEqual([{ context: { cluster: "kubernetes", user: "jane" }, name: "jane@kubernetes" }]);
    const cert = Buffer.from(doc.users[0].user["client-certificate-data"], "base64").toString();
    const key = Buffer.from(doc.users[0].user["client-key-data"], "base64").toString();
    expect(key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/); // keyutil.MarshalPrivateKeyToPEM
    const info = parseCertificate(cert);
    // Go writes all --org values in one RDN, a DER SET OF, which sorts them by encoding (shorter first)
    expect(info).toMatchObject({
      subjectCN: "jane",
      subjectO: ["qa", "dev"],
      issuerCN: "kubernetes",
      extKeyUsage: ["clientAuth"],
      isCA: false,
      notAfter: NOW + 8760 * 3_600_000,
    });
    // the new identity works: the API server accepts the certificate
    await run(e, "kubeadm kubeconfig user --client-name jane --org dev > /root/jane.conf");
    expect((await run(e, "kubectl --kubeconfig /root/jane.conf auth whoami")).output).toMatch(/^Groups +\[dev system:authenticated\]$/m);
  });

  it("takes --validity-period as a Go duration and requires --client-name", async () => {
    const e = await cluster(NOW);
    const r = await run(e, "kubeadm kubeconfig user --client-name=bot --validity-period=24h");
    const doc = parse(r.output) as { users: { user: Record<string, string> }[] };
    expect(parseCertificate(Buffer.from(doc.users[0].user["client-certificate-data"], "base64").toString())?.notAfter).toBe(
      NOW + 24 * 3_600_000,
    );
    expect(await run(e, "kubeadm kubeconfig user --org dev")).toMatchObject({
      output: 'required flag(s) "client-name" not set\nTo see the stack trace of this error execute with --v=5 or higher\n',
      exitCode: 1,
    });
  });
});

async function file(e: Awaited<ReturnType<typeof cluster>>, path: string): Promise<string> {
  return (await run(e, `cat ${path}`)).output;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
