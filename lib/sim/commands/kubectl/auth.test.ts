import { beforeAll, describe, expect, it } from "vitest";
import { buildPki, DAY, KEYS, kubeconfigYaml, makeCluster, T0, transcript, YEAR, type TestCluster } from "./__tests__/cluster";
import { importKeys, issue } from "./__tests__/x509-fixtures";

let c: TestCluster;
let admin: string;
beforeAll(async () => {
  c = await makeCluster();
  admin = c.read("/root/.kube/config");
});

const golden = async (lines: string[]) => {
  let text = "";
  for (const l of lines) text += transcript(l, await c.exec(l));
  return text;
};

describe("authentication against the simulated apiserver", () => {
  it("fails with kubectl's exact output when the serving certificate does not cover the address", async () => {
    c.write("/root/.kube/config", admin.replace("https://172.30.1.2:6443", "https://127.0.0.1:6443"));
    const ip = await c.exec("kubectl get pods");
    expect(ip.exitCode).toBe(1);
    const lines = ip.stderr.split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(
      /^E1128 09:04:10\.\d{6} +\d+ memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"https:\/\/127\.0\.0\.1:6443\/api\?timeout=32s\\": tls: failed to verify certificate: x509: certificate is valid for 10\.96\.0\.1, 172\.30\.1\.2, not 127\.0\.0\.1"$/,
    );
    expect(lines[5]).toBe(
      "Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, 172.30.1.2, not 127.0.0.1",
    );
    c.write("/root/.kube/config", admin.replace("https://172.30.1.2:6443", "https://localhost:6443"));
    expect((await c.exec("kubectl get nodes")).stderr.split("\n")[5]).toBe(
      "Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for controlplane, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, not localhost",
    );
    c.write("/root/.kube/config", admin.replace("https://172.30.1.2:6443", "https://controlplane:6443"));
    expect((await c.exec("kubectl get nodes")).exitCode).toBe(0);
    c.write("/root/.kube/config", admin.replace("https://172.30.1.2:6443", "https://10.96.0.1:443"));
    expect((await c.exec("kubectl get nodes")).exitCode).toBe(0);
  });

  it("reports DNS and connection failures", async () => {
    c.write("/root/.kube/config", admin.replace("https://172.30.1.2:6443", "https://foo:6443"));
    const dns = await c.exec("kubectl get pods");
    expect(dns.stderr.split("\n").slice(5).join("\n")).toBe(
      "Unable to connect to the server: dial tcp: lookup foo on 127.0.0.53:53: no such host\n",
    );
    expect(dns.stderr).toContain(
      'err="couldn\'t get current server API group list: Get \\"https://foo:6443/api?timeout=32s\\": dial tcp: lookup foo on 127.0.0.53:53: no such host"',
    );
    c.write("/root/.kube/config", admin.replace("https://172.30.1.2:6443", "https://172.30.1.2:6444"));
    const refused = await c.exec("kubectl get pods");
    expect(refused.stderr.split("\n").slice(5).join("\n")).toBe(
      "The connection to the server 172.30.1.2:6444 was refused - did you specify the right host or port?\n",
    );
    c.write("/root/.kube/config", admin);
  });

  it("rejects an expired client certificate once the clock passes its notAfter", async () => {
    const saved = c.now;
    c.now = T0 + YEAR + DAY;
    const r = await c.exec("kubectl get nodes");
    c.now = saved;
    // the serving certificate expired at the same moment: kubectl fails at TLS first, as a real kubeadm cluster does
    expect(r.stderr.split("\n")[5]).toBe(
      "Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2027-11-17T09:04:10Z is after 2027-11-16T09:04:10Z",
    );
  });

  it("rejects expired or foreign client certificates with Unauthorized", async () => {
    const pki = await buildPki();
    const keys = await importKeys(KEYS[2].privateKeyPem, KEYS[2].publicKeyPem);
    const expired = await issue({
      subject: "CN=kubernetes-admin, O=kubeadm:cluster-admins",
      issuer: "CN=kubernetes",
      publicKey: keys.publicKey,
      signingKey: pki.ca.privateKey,
      notBefore: T0 - 2 * YEAR,
      notAfter: T0 - YEAR,
    });
    const foreignCa = await importKeys(KEYS[5].privateKeyPem, KEYS[5].publicKeyPem);
    const foreign = await issue({
      subject: "CN=mallory, O=system:masters",
      issuer: "CN=kubernetes",
      publicKey: keys.publicKey,
      signingKey: foreignCa.privateKey,
      notBefore: T0,
      notAfter: T0 + YEAR,
    });
    for (const cert of [expired, foreign]) {
      c.write(
        "/root/.kube/config",
        kubeconfigYaml({
          server: "https://172.30.1.2:6443",
          caPem: pki.caPem,
          user: "kubernetes-admin",
          certPem: cert,
          keyPem: KEYS[2].privateKeyPem,
        }),
      );
      const r = await c.exec("kubectl get pods");
      const lines = r.stderr.split("\n");
      expect(lines[0]).toMatch(
        /memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"$/,
      );
      expect(lines[5]).toBe("error: You must be logged in to the server (the server has asked for the client to provide credentials)");
      expect(r.exitCode).toBe(1);
    }
    c.write("/root/.kube/config", admin);
  });

  it("refuses a key that does not match the certificate, client-side", async () => {
    const pki = await buildPki();
    c.write(
      "/root/.kube/config",
      kubeconfigYaml({
        server: "https://172.30.1.2:6443",
        caPem: pki.caPem,
        user: "kubernetes-admin",
        certPem: pki.adminCertPem,
        keyPem: KEYS[7].privateKeyPem,
      }),
    );
    expect(await c.exec("kubectl get pods")).toEqual({
      stdout: "",
      stderr: "error: tls: private key does not match public key\n",
      exitCode: 1,
    });
    c.write("/root/.kube/config", admin);
  });

  it("reads the serving certificate live: a foreign CA in the kubeconfig is an unknown authority", async () => {
    const pki = await buildPki();
    const other = await importKeys(KEYS[6].privateKeyPem, KEYS[6].publicKeyPem);
    const otherCa = await issue({
      subject: "CN=kubernetes",
      publicKey: other.publicKey,
      signingKey: other.privateKey,
      notBefore: T0,
      notAfter: T0 + 10 * YEAR,
      ca: true,
    });
    c.write(
      "/root/.kube/config",
      kubeconfigYaml({
        server: "https://172.30.1.2:6443",
        caPem: otherCa,
        user: "kubernetes-admin",
        certPem: pki.adminCertPem,
        keyPem: pki.adminKeyPem,
      }),
    );
    expect((await c.exec("kubectl get pods")).stderr.split("\n")[5]).toBe(
      "Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority",
    );
    c.write("/root/.kube/config", admin);
  });

  it("without a kubeconfig talks to localhost:8080 like kubectl", async () => {
    const text = await golden(["kubectl get nodes --kubeconfig /nonexistent", "kubectl version --kubeconfig /nonexistent"]);
    expect(text.replace(/E1128 \d\d:\d\d:\d\d\.\d{6} +\d+/g, "E1128 <time> <pid>")).toBe(`$ kubectl get nodes --kubeconfig /nonexistent
[stderr]
${`E1128 <time> <pid> memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n`.repeat(5)}The connection to the server localhost:8080 was refused - did you specify the right host or port?
[exit 1]
$ kubectl version --kubeconfig /nonexistent
Client Version: v1.32.4
Kustomize Version: v5.5.0
[stderr]
The connection to the server localhost:8080 was refused - did you specify the right host or port?
[exit 1]
`);
  });

  it("honours KUBECONFIG and --kubeconfig, resolving relative cert paths against the file's directory", async () => {
    const pki = await buildPki();
    c.write("/root/certs/admin.crt", pki.adminCertPem);
    c.write("/root/certs/admin.key", pki.adminKeyPem);
    c.write("/root/certs/ca.crt", pki.caPem);
    c.write(
      "/root/certs/kc",
      `apiVersion: v1
clusters:
- cluster:
    certificate-authority: ca.crt
    server: https://controlplane:6443
  name: k
contexts:
- context: {cluster: k, user: a}
  name: a@k
current-context: a@k
kind: Config
users:
- name: a
  user:
    client-certificate: admin.crt
    client-key: admin.key
`,
    );
    expect((await c.exec("kubectl get nodes --no-headers", { env: { KUBECONFIG: "/root/certs/kc" } })).exitCode).toBe(0);
    expect((await c.exec("kubectl auth whoami --kubeconfig certs/kc")).stdout).toContain("kubernetes-admin");
    c.write("/root/certs/kc", c.read("/root/certs/kc").replace("admin.key", "missing.key"));
    expect((await c.exec("kubectl get nodes --kubeconfig /root/certs/kc")).stderr).toBe(
      "Error in configuration: \n* unable to read client-key /root/certs/missing.key for a due to open /root/certs/missing.key: no such file or directory\n",
    );
  });
});
