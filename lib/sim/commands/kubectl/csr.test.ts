import { beforeAll, describe, expect, it } from "vitest";
import { KEYS, makeCluster, transcript, type TestCluster } from "./__tests__/cluster";
import { importKeys, makeCsr } from "./__tests__/x509-fixtures";

let c: TestCluster;
let janeCsr: string;
let mastersCsr: string;
const b64 = (s: string) => Buffer.from(s).toString("base64");

const manifest = (name: string, csr: string, extra = "  signerName: kubernetes.io/kube-apiserver-client\n  expirationSeconds: 86400\n") =>
  `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${b64(csr)}
${extra}  usages:
  - client auth
`;

beforeAll(async () => {
  c = await makeCluster();
  const keys = await importKeys(KEYS[3].privateKeyPem, KEYS[3].publicKeyPem);
  janeCsr = await makeCsr("CN=jane, O=dev", keys);
  mastersCsr = await makeCsr("CN=evil, O=system:masters", keys);
  c.write("/root/jane.key", KEYS[3].privateKeyPem);
  c.write("/root/jane.csr", janeCsr);
  c.write("/root/jane-csr.yaml", manifest("jane", janeCsr));
});

const run = async (lines: string[]) => {
  let text = "";
  for (const l of lines) {
    text += transcript(l, await c.exec(l));
    c.now += 61_000;
  }
  return text;
};

describe("CSR lifecycle", () => {
  it("create, describe, approve, issue, use the certificate", async () => {
    const text = await run([
      "kubectl create -f jane-csr.yaml",
      "kubectl get csr",
      "kubectl describe csr jane",
      "kubectl certificate approve jane",
      "kubectl get csr jane",
      "kubectl certificate approve jane",
      "kubectl certificate deny jane",
      "kubectl get csr jane -o jsonpath={.status.conditions[0].type}",
      "kubectl create -f jane-csr.yaml",
    ]);
    await expect(text).toMatchFileSnapshot("__golden__/csr-lifecycle.txt");
    const cert = Buffer.from((await c.exec("kubectl get csr jane -o jsonpath={.status.certificate}")).stdout, "base64").toString();
    expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    c.write("/root/jane.crt", cert);
    const cfg = await run([
      "kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key --embed-certs=true",
      "kubectl config set-context jane --cluster=kubernetes --user=jane",
      "kubectl config use-context jane",
      "kubectl auth whoami",
      "kubectl get pods",
      "kubectl get nodes",
      "kubectl get csr",
      "kubectl auth can-i list pods",
      "kubectl certificate approve jane",
      "kubectl config use-context kubernetes-admin@kubernetes",
      "kubectl auth whoami",
    ]);
    await expect(cfg).toMatchFileSnapshot("__golden__/csr-use-certificate.txt");
  });

  it("deny, --force, delete", async () => {
    c.write("/root/bob.yaml", manifest("bob", janeCsr));
    const text = await run([
      "kubectl apply -f bob.yaml",
      "kubectl certificate deny bob",
      "kubectl get csr bob",
      "kubectl certificate approve bob",
      "kubectl certificate approve bob --force",
      "kubectl get csr bob --no-headers",
      "kubectl delete csr bob",
      "kubectl delete -f bob.yaml",
      "kubectl certificate approve",
      "kubectl certificate approve nosuch",
    ]);
    await expect(text).toMatchFileSnapshot("__golden__/csr-deny.txt");
  });

  it("validation and admission errors as the apiserver words them", async () => {
    c.write("/root/nosigner.yaml", manifest("nosigner", janeCsr, ""));
    c.write(
      "/root/short.yaml",
      manifest("short", janeCsr, "  signerName: kubernetes.io/kube-apiserver-client\n  expirationSeconds: 300\n"),
    );
    c.write("/root/masters.yaml", manifest("masters", mastersCsr));
    c.write("/root/garbage.yaml", manifest("garbage", "not a pem\n"));
    c.write("/root/multi.yaml", `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n---\n${manifest("multi", janeCsr)}`);
    const text = await run([
      "kubectl create -f nosigner.yaml",
      "kubectl create -f short.yaml",
      "kubectl create -f masters.yaml",
      "kubectl create -f garbage.yaml",
      "kubectl create -f nosuch.yaml",
      "kubectl create -f multi.yaml",
      "kubectl get ns dev",
      "kubectl delete -f multi.yaml",
      "kubectl create namespace Bad_Name",
      "kubectl create namespace default",
      "kubectl delete ns default",
      "kubectl create",
      "kubectl delete",
    ]);
    await expect(text).toMatchFileSnapshot("__golden__/csr-errors.txt");
  });

  it("keeps CSRs of other signers Approved without a certificate", async () => {
    c.write("/root/other.yaml", manifest("other", janeCsr, "  signerName: example.com/custom\n"));
    await c.exec("kubectl create -f other.yaml");
    const r = await c.exec("kubectl certificate approve other");
    expect(r.stdout).toBe("certificatesigningrequest.certificates.k8s.io/other approved\n");
    expect((await c.exec("kubectl get csr other -o jsonpath={.status}")).stdout).not.toContain('"certificate"');
    expect((await c.exec("kubectl get csr other --no-headers")).stdout).toMatch(/Approved\n$/);
  });
});
