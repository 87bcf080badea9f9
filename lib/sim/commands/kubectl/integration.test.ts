/**
 * End to end through the shell: a cluster from cluster/create.ts (real PKI from lib/sim/pki),
 * the learner's flow of the PKI course with openssl, base64 and kubectl, and the clock moving
 * past the certificates' expiry.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster } from "../../cluster/create";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import type { ClusterState } from "../../types";
import { coreutils } from "../coreutils";
import { openssl } from "../openssl";
import { kubectl } from "./index";

const commands = [...coreutils, kubectl, openssl];

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
let state: ClusterState;
const engine = (now: number) => new SimEngine(state, { clock: { now: () => now }, keys: new DeterministicKeySource(3) }, commands);

beforeAll(async () => {
  state = await createCluster({ keys: new DeterministicKeySource(3), now: NOW, seed: 9, ageMs: 12 * 86_400_000 });
});

describe("kubectl on a created cluster", () => {
  it("reads the cluster with admin.conf", async () => {
    const e = engine(NOW);
    const r = await e.exec("kubectl get nodes");
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +Ready +control-plane +12d +v1\.32\.4\n/);
    // v1.32's x509 authenticator adds the credential id: the SHA-256 of the client certificate's DER
    const admin =
      /client-certificate-data: (\S+)/.exec(
        state.fs["/root/.kube/config"].type === "file" ? state.fs["/root/.kube/config"].content : "",
      )?.[1] ?? "";
    const der = Buffer.from(
      Buffer.from(admin, "base64")
        .toString()
        .replace(/-----[^-]+-----|\s/g, ""),
      "base64",
    );
    const id = createHash("sha256").update(der).digest("hex");
    expect((await e.exec("kubectl auth whoami")).output).toBe(
      "ATTRIBUTE                                           VALUE\n" +
        "Username                                            kubernetes-admin\n" +
        "Groups                                              [kubeadm:cluster-admins system:authenticated]\n" +
        `Extra: authentication.kubernetes.io/credential-id   [X509SHA256=${id}]\n`,
    );
  });

  it("issues a certificate for a CSR made with openssl and authenticates with it", async () => {
    const e = engine(NOW);
    const steps = [
      "openssl genrsa -out jane.key 2048",
      'openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr',
      `cat > jane-csr.yaml <<EOF
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
  - client auth
EOF`,
      "kubectl apply -f jane-csr.yaml",
      "kubectl certificate approve jane",
      "kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt",
      "kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key --embed-certs=true",
      "kubectl config set-context jane --cluster=kubernetes --user=jane",
    ];
    for (const s of steps) {
      const r = await e.exec(s);
      if (r.exitCode !== 0) throw new Error(`${s}\n${r.output}`);
    }
    expect((await e.exec("kubectl get csr jane --no-headers")).output).toMatch(/Approved,Issued\n$/);
    expect((await e.exec("kubectl --context jane auth whoami")).output).toMatch(
      /^ATTRIBUTE {43}VALUE\nUsername {44}jane\nGroups {46}\[dev system:authenticated\]\nExtra: authentication\.kubernetes\.io\/credential-id {3}\[X509SHA256=[0-9a-f]{64}\]\n$/,
    );
    const denied = await e.exec("kubectl --context jane get pods -n kube-system");
    expect(denied.output).toBe(
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
    // 24h later jane's certificate has expired; the admin's still works
    const later = engine(NOW + 86_400_000 + 60_000);
    expect((await later.exec("kubectl --context jane get pods")).output).toMatch(
      /error: You must be logged in to the server \(the server has asked for the client to provide credentials\)\n$/,
    );
    expect((await later.exec("kubectl get pods -A --no-headers")).exitCode).toBe(0);
  });

  it("fails like a real cluster a year later, when the serving certificate has expired", async () => {
    const r = await engine(NOW + 366 * 86_400_000).exec("kubectl get nodes");
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(
      /\nUnable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2027-11-29T09:08:33Z is after 2027-11-16T09:\d\d:\d\dZ\n$/,
    );
  });
});
