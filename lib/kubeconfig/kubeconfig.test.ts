/**
 * The downloaded kubeconfig and the copied one-liner, judged by real kubectl v1.32 (and real bash
 * for the one-liner): kubectl reads the file to the cluster, token and context we meant, and the
 * one-liner run in an empty KUBECONFIG produces exactly the same configuration.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireOracle } from "@/lib/testing/oracles";
import { buildKubeconfig, kubeconfigName } from "./kubeconfig";
import { kubectlSnippet } from "./snippet";

const kubectl = requireOracle("kubectl");
const bash = requireOracle("bash");
const dir = mkdtempSync(join(tmpdir(), "kubeconfig-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The one-liner says `kubectl`: on bash's PATH that is the pinned oracle (never /usr/bin/kubectl, gcloud's dispatcher).
if (kubectl) {
  mkdirSync(join(dir, "bin"));
  symlinkSync(kubectl, join(dir, "bin", "kubectl"));
}
/** A clean environment: only the config file named here, and the oracle first on PATH. */
const envWith = (kubeconfig: string): NodeJS.ProcessEnv => ({
  NODE_ENV: "test",
  KUBECONFIG: kubeconfig,
  HOME: dir,
  PATH: `${join(dir, "bin")}:/usr/bin:/bin`,
});

const input = {
  name: kubeconfigName("kubernetes-pki"),
  server: "http://localhost:3000/k8s/cmf3x0abc0000qz8v1d2e3f4g",
  token: "kyd_Qm9vdHN0cmFwLXRva2VuLWZvci10ZXN0aW5nLW9ubHk-_w",
};

function view(kubeconfig: string): unknown {
  const out = execFileSync(kubectl ?? "kubectl", ["config", "view", "--raw", "-o", "json"], {
    env: envWith(kubeconfig),
    encoding: "utf8",
  });
  return JSON.parse(out);
}

describe.skipIf(!kubectl || !bash)("kubeconfig for the learner's own kubectl (real kubectl)", () => {
  it("is read by kubectl as one cluster, user and context named kubeyard-<course>, current, with the token", () => {
    const file = join(dir, "download.yaml");
    writeFileSync(file, buildKubeconfig(input));
    expect(view(file)).toEqual({
      kind: "Config",
      apiVersion: "v1",
      preferences: {},
      clusters: [{ name: "kubeyard-kubernetes-pki", cluster: { server: input.server } }],
      users: [{ name: "kubeyard-kubernetes-pki", user: { token: input.token } }],
      contexts: [{ name: "kubeyard-kubernetes-pki", context: { cluster: "kubeyard-kubernetes-pki", user: "kubeyard-kubernetes-pki" } }],
      "current-context": "kubeyard-kubernetes-pki",
    });
    const server = execFileSync(kubectl ?? "kubectl", ["config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}"], {
      env: envWith(file),
      encoding: "utf8",
    });
    expect(server).toBe(input.server);
  });

  it("the one-liner, run by bash into an empty config, writes the same configuration as the download", () => {
    const download = join(dir, "same-download.yaml");
    writeFileSync(download, buildKubeconfig(input));
    const pasted = join(dir, "pasted.yaml");
    execFileSync(bash ?? "bash", ["-c", kubectlSnippet(input)], { env: envWith(pasted) });
    expect(view(pasted)).toEqual(view(download));
  });

  it("carries the local certificate of a plain-http site as the cluster's CA, in the download and the one-liner alike", () => {
    const caPem =
      "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG8ZrTpGMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnVu\n-----END CERTIFICATE-----\n";
    const local = { ...input, server: "https://localhost:3000/k8s/cmf3x0abc0000qz8v1d2e3f4g", caPem };
    const download = join(dir, "local-download.yaml");
    writeFileSync(download, buildKubeconfig(local));
    const cluster = (view(download) as { clusters: { cluster: Record<string, string> }[] }).clusters[0].cluster;
    expect(cluster).toEqual({ server: local.server, "certificate-authority-data": Buffer.from(caPem).toString("base64") });
    const pasted = join(dir, "local-pasted.yaml");
    execFileSync(bash ?? "bash", ["-c", kubectlSnippet(local)], { env: envWith(pasted) });
    expect(view(pasted)).toEqual(view(download));
  });

  it("quotes what the shell would otherwise split", () => {
    const odd = { ...input, name: "kubeyard-it's here", server: "http://localhost:3000/k8s/a b" };
    const pasted = join(dir, "odd.yaml");
    execFileSync(bash ?? "bash", ["-c", kubectlSnippet(odd)], { env: envWith(pasted) });
    const download = join(dir, "odd-download.yaml");
    writeFileSync(download, buildKubeconfig(odd));
    expect(view(pasted)).toEqual(view(download));
  });
});
