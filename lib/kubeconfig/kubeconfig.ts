/**
 * The kubeconfig a learner downloads for their own kubectl (issue 16): one cluster, one user with
 * a bearer token, one context, all named `kubeyard-<course>`, and that context current. No CA
 * data: the server is the site's own origin, so TLS is the deployment's (plain http on localhost).
 * Pure: the route handler builds it, the tests read it back with real kubectl.
 */
import { stringify } from "yaml";

export interface KubeconfigInput {
  /** the name of the cluster, user and context */
  name: string;
  /** e.g. https://kubeyard.example/k8s/<cluster-id> */
  server: string;
  token: string;
}

export function kubeconfigName(course: string): string {
  return `kubeyard-${course}`;
}

/** YAML with kubectl's own key order (`kubectl config view` sorts them). */
export function buildKubeconfig({ name, server, token }: KubeconfigInput): string {
  return stringify({
    apiVersion: "v1",
    clusters: [{ cluster: { server }, name }],
    contexts: [{ context: { cluster: name, user: name }, name }],
    "current-context": name,
    kind: "Config",
    preferences: {},
    users: [{ name, user: { token } }],
  });
}
