/**
 * The kubeconfig a learner downloads for their own kubectl (issue 16): one cluster, one user with
 * a bearer token, one context, all named `kubeyard-<course>`, and that context current. Behind
 * HTTPS the server is the site's own origin and TLS the deployment's, so there is no CA data; a
 * plain-http site serves kubectl over TLS on its own port with a local certificate, which the
 * kubeconfig then carries as its CA (lib/server/http/local-tls.ts: kubectl sends a token only over TLS).
 * Pure: the route handler builds it, the tests read it back with real kubectl.
 */
import { stringify } from "yaml";

export interface KubeconfigInput {
  /** the name of the cluster, user and context */
  name: string;
  /** e.g. https://kubeyard.example/k8s/<cluster-id> */
  server: string;
  token: string;
  /** the certificate to trust (PEM), for a site that is plain http */
  caPem?: string;
}

export function kubeconfigName(course: string): string {
  return `kubeyard-${course}`;
}

/** YAML with kubectl's own key order (`kubectl config view` sorts them). */
export function buildKubeconfig({ name, server, token, caPem }: KubeconfigInput): string {
  const ca = caPem ? { "certificate-authority-data": btoa(caPem) } : {};
  return stringify({
    apiVersion: "v1",
    clusters: [{ cluster: { ...ca, server }, name }],
    contexts: [{ context: { cluster: name, user: name }, name }],
    "current-context": name,
    kind: "Config",
    preferences: {},
    users: [{ name, user: { token } }],
  });
}
