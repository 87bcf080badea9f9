/**
 * The kubeadm PKI against the real OpenSSL 3.0 (oracle, test-only): chains verify, -text output
 * is byte-identical, inventory and dates match kubeadm; Go-style verification messages.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeConfig } from "../core/base-state";
import { DeterministicKeySource } from "../keys/deterministic-key-source";
import {
  createKubeadmPki,
  parseCertificate,
  verifyClientCertificate,
  verifyServerCertificate,
  verifySignedBy,
  keyMatchesCertificate,
} from ".";
import { certificateText } from "./text";
import { newLeafCert } from "./kubeadm-pki";
import { OID } from "./x509-parse";
import { requireOracle } from "../../testing/oracles";
import { parsedCertificate } from "./cert-info";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const rng = () => {
  let s = 7;
  return () => ((s = (s * 16807) % 2147483647), s / 2147483647);
};
let dir = "";
let files: Record<string, string> = {};
const OPENSSL = requireOracle("openssl");
const hasOpenssl = OPENSSL !== undefined;
const ossl = (...args: string[]) =>
  execFileSync(OPENSSL ?? "openssl", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(async () => {
  files = await createKubeadmPki(mergeConfig({ keyAlgorithm: "rsa-2048" }), {
    now: NOW,
    keys: new DeterministicKeySource(3),
    random: rng(),
  });
  dir = mkdtempSync(join(tmpdir(), "kubeyard-pki-"));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PKI = "etc/kubernetes/pki";
const LEAF_CA: [string, string][] = [
  ["apiserver", "ca"],
  ["apiserver-kubelet-client", "ca"],
  ["front-proxy-client", "front-proxy-ca"],
  ["apiserver-etcd-client", "etcd/ca"],
  ["etcd/server", "etcd/ca"],
  ["etcd/peer", "etcd/ca"],
  ["etcd/healthcheck-client", "etcd/ca"],
];
const conf = (name: string) =>
  Buffer.from(/client-certificate-data: (\S+)/.exec(files[`/etc/kubernetes/${name}`])![1], "base64").toString();

describe("createKubeadmPki", () => {
  it.skipIf(!hasOpenssl)("every leaf verifies against its CA with real openssl", () => {
    for (const [leaf, ca] of LEAF_CA)
      expect(ossl("verify", "-attime", String(NOW / 1000), "-CAfile", `${PKI}/${ca}.crt`, `${PKI}/${leaf}.crt`)).toBe(
        `${PKI}/${leaf}.crt: OK\n`,
      );
    for (const c of ["admin.conf", "super-admin.conf", "controller-manager.conf", "scheduler.conf"]) {
      writeFileSync(join(dir, c + ".crt"), conf(c));
      expect(ossl("verify", "-attime", String(NOW / 1000), "-CAfile", `${PKI}/ca.crt`, c + ".crt")).toBe(`${c}.crt: OK\n`);
    }
    expect(
      ossl("verify", "-attime", String(NOW / 1000), "-CAfile", `${PKI}/ca.crt`, "var/lib/kubelet/pki/kubelet-client-current.pem"),
    ).toContain("OK");
  });

  it.skipIf(!hasOpenssl)("-text is byte-identical to openssl x509 -text", () => {
    for (const f of [...LEAF_CA.map(([l]) => l), "ca", "etcd/ca", "front-proxy-ca"]) {
      const real = ossl("x509", "-in", `${PKI}/${f}.crt`, "-noout", "-text");
      expect(certificateText(parsedCertificate(files[`/${PKI}/${f}.crt`])!)).toBe(real);
    }
  });

  it("matches the kubeadm inventory", () => {
    const api = parseCertificate(files["/etc/kubernetes/pki/apiserver.crt"])!;
    expect(api.subjectString).toBe("CN = kube-apiserver");
    expect(api.dnsNames).toEqual([
      "controlplane",
      "kubernetes",
      "kubernetes.default",
      "kubernetes.default.svc",
      "kubernetes.default.svc.cluster.local",
    ]);
    expect(api.ipAddresses).toEqual(["10.96.0.1", "172.30.1.2"]);
    expect(api.extKeyUsage).toEqual(["serverAuth"]);
    expect(api.notAfter).toBe(Math.floor((NOW + 365 * 86400000) / 1000) * 1000);
    const ca = parseCertificate(files["/etc/kubernetes/pki/ca.crt"])!;
    expect(ca.isCA).toBe(true);
    expect(ca.notBefore).toBe(NOW - 300000);
    expect(api.notBefore).toBe(ca.notBefore);
    expect(ca.notAfter).toBe(NOW + 3650 * 86400000);
    const admin = parseCertificate(conf("admin.conf"))!;
    expect(admin.subjectString).toBe("O = kubeadm:cluster-admins, CN = kubernetes-admin");
    expect(parseCertificate(conf("super-admin.conf"))!.subjectO).toEqual(["system:masters"]);
    const etcd = parseCertificate(files["/etc/kubernetes/pki/etcd/server.crt"])!;
    expect(etcd.ipAddresses).toEqual(["172.30.1.2", "127.0.0.1", "::1"]);
    expect(etcd.extKeyUsage).toEqual(["serverAuth", "clientAuth"]);
    expect(files["/etc/kubernetes/pki/ca.key"]).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(files["/etc/kubernetes/pki/sa.pub"]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(files["/etc/kubernetes/kubelet.conf"]).toContain("client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem");
    expect(files["/etc/kubernetes/admin.conf"]).toMatch(
      /^apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: \S+\n    server: https:\/\/172.30.1.2:6443\n  name: kubernetes\ncontexts:/,
    );
    expect(keyMatchesCertificate(files["/etc/kubernetes/pki/apiserver.key"], files["/etc/kubernetes/pki/apiserver.crt"])).toBe(true);
    expect(verifySignedBy(files["/etc/kubernetes/pki/apiserver.crt"], files["/etc/kubernetes/pki/ca.crt"])).toBe(true);
    expect(verifySignedBy(files["/etc/kubernetes/pki/apiserver.crt"], files["/etc/kubernetes/pki/etcd/ca.crt"])).toBe(false);
  });

  it("gives Go's x509 messages", () => {
    const serverCertPem = files["/etc/kubernetes/pki/apiserver.crt"];
    const caBundlePem = files["/etc/kubernetes/pki/ca.crt"];
    expect(verifyServerCertificate({ serverCertPem, caBundlePem, host: "172.30.1.2", now: NOW })).toBeNull();
    expect(verifyServerCertificate({ serverCertPem, caBundlePem, host: "127.0.0.1", now: NOW })).toBe(
      "x509: certificate is valid for 10.96.0.1, 172.30.1.2, not 127.0.0.1",
    );
    expect(verifyServerCertificate({ serverCertPem, caBundlePem, host: "localhost", now: NOW })).toBe(
      "x509: certificate is valid for controlplane, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, not localhost",
    );
    expect(
      verifyServerCertificate({ serverCertPem, caBundlePem: files["/etc/kubernetes/pki/etcd/ca.crt"], host: "kubernetes", now: NOW }),
    ).toBe("x509: certificate signed by unknown authority");
    expect(verifyServerCertificate({ serverCertPem, caBundlePem, host: "kubernetes", now: NOW + 366 * 86400000 + 2000 })).toBe(
      "x509: certificate has expired or is not yet valid: current time 2027-11-29T09:08:35Z is after 2027-11-28T09:08:33Z",
    );
    expect(verifyClientCertificate({ certPem: conf("admin.conf"), caPem: caBundlePem, now: NOW })).toBe("ok");
    expect(verifyClientCertificate({ certPem: conf("admin.conf"), caPem: caBundlePem, now: NOW + 400 * 86400000 })).toBe("expired");
    expect(verifyClientCertificate({ certPem: conf("admin.conf"), caPem: files["/etc/kubernetes/pki/front-proxy-ca.crt"], now: NOW })).toBe(
      "unknown-authority",
    );
  });

  it("checks the extended key usage after the chain, as Go's Verify does (verify.go checkChainForKeyUsage)", async () => {
    const key = await new DeterministicKeySource(12).take("rsa-2048");
    const clientOnly = newLeafCert({
      cn: "kube-apiserver",
      orgs: [],
      eku: [OID.clientAuth],
      san: { dns: [], ips: ["172.30.1.2"] },
      keyPem: key.privateKeyPem,
      caCertPem: files["/etc/kubernetes/pki/ca.crt"],
      caKeyPem: files["/etc/kubernetes/pki/ca.key"],
      now: NOW,
      random: rng(),
    });
    expect(
      verifyServerCertificate({
        serverCertPem: clientOnly,
        caBundlePem: files["/etc/kubernetes/pki/ca.crt"],
        host: "172.30.1.2",
        now: NOW,
      }),
    ).toBe("x509: certificate specifies an incompatible key usage");
    const fpCa = files["/etc/kubernetes/pki/front-proxy-ca.crt"];
    // front-proxy-client.crt is for clients only: served by a server, it is refused whatever its chain
    expect(
      verifyServerCertificate({
        serverCertPem: files["/etc/kubernetes/pki/front-proxy-client.crt"],
        caBundlePem: fpCa,
        host: "front-proxy-client",
        now: NOW,
      }),
    ).toBe("x509: certificate is not valid for any names, but wanted to match front-proxy-client");
    const etcdPeer = files["/etc/kubernetes/pki/etcd/peer.crt"];
    expect(
      verifyServerCertificate({
        serverCertPem: etcdPeer,
        caBundlePem: files["/etc/kubernetes/pki/etcd/ca.crt"],
        host: "127.0.0.1",
        now: NOW,
      }),
    ).toBeNull();
    expect(
      verifyServerCertificate({
        serverCertPem: files["/etc/kubernetes/pki/apiserver-kubelet-client.crt"],
        caBundlePem: files["/etc/kubernetes/pki/ca.crt"],
        host: "x",
        now: NOW,
      }),
    ).toMatch(/not valid for any names/);
    // a serving certificate presented as a client certificate: the apiserver's KeyUsages ClientAuth refuses it
    expect(
      verifyClientCertificate({
        certPem: files["/etc/kubernetes/pki/apiserver.crt"],
        caPem: files["/etc/kubernetes/pki/ca.crt"],
        now: NOW,
      }),
    ).toBe("unknown-authority");
  });
});
