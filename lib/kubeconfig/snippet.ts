/**
 * The same kubeconfig as buildKubeconfig, as one line of `kubectl config` commands a learner can
 * paste into their own shell; it adds the cluster to their existing ~/.kube/config.
 */
import type { KubeconfigInput } from "./kubeconfig";

/** POSIX shell quoting, only where needed (names, URLs and base64url tokens usually need none). */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function kubectlSnippet({ name, server, token, caPem }: KubeconfigInput): string {
  const n = shellWord(name);
  return [
    `kubectl config set-cluster ${n} --server=${shellWord(server)}`,
    // `config set` base64-decodes a value for a []byte field (--set-raw-bytes=false, the default)
    ...(caPem ? [`kubectl config set clusters.${n}.certificate-authority-data ${btoa(caPem)}`] : []),
    `kubectl config set-credentials ${n} --token=${shellWord(token)}`,
    `kubectl config set-context ${n} --cluster=${n} --user=${n}`,
    `kubectl config use-context ${n}`,
  ].join(" && ");
}
