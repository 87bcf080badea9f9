/**
 * Realistic kubectl sessions on a created cluster, asserting full stdout, stderr and exit codes:
 * RBAC for jane in dev, apply created/configured/unchanged, dry runs that change nothing,
 * cascading deletes, namespace Terminating, a 409 conflict, patches of the three types, selectors.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster } from "../../cluster/create";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import type { ClusterState } from "../../types";
import { coreutils } from "../coreutils";
import { kubectl } from "./index";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
let base: ClusterState;

beforeAll(async () => {
  base = await createCluster({ keys: new DeterministicKeySource(3), now: NOW, seed: 9, ageMs: 12 * 86_400_000 });
});

function cluster() {
  const e = new SimEngine(structuredClone(base), { clock: { now: () => NOW }, keys: new DeterministicKeySource(3) }, [
    ...coreutils,
    kubectl,
  ]);
  const run = async (line: string) => {
    const r = await e.exec(line);
    return { out: r.output, code: r.exitCode };
  };
  return { e, run };
}

const POD = (name: string, ns: string, image = "nginx:1.27", labels = "app: web") => `cat > ${name}.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    ${labels}
spec:
  containers:
  - name: web
    image: ${image}
EOF`;

describe("RBAC for jane in dev", () => {
  it("denies, grants through a Role and RoleBinding, and answers can-i like the apiserver", async () => {
    const { run } = cluster();
    expect(await run("kubectl create namespace dev")).toEqual({ out: "namespace/dev created\n", code: 0 });
    expect(await run("kubectl auth can-i list pods --as=jane -n dev")).toEqual({ out: "no\n", code: 1 });
    expect(await run("kubectl get pods -n dev --as=jane")).toEqual({
      out: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"\n',
      code: 1,
    });
    expect(await run("kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n dev")).toEqual({
      out: "rolebinding.rbac.authorization.k8s.io/jane-reads created\n",
      code: 0,
    });
    // a binding to a missing role shows in the denial's reason
    expect(await run("kubectl get pod web -n dev --as=jane")).toEqual({
      out: 'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "pod-reader" not found\n',
      code: 1,
    });
    expect(await run("kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log -n dev")).toEqual({
      out: "role.rbac.authorization.k8s.io/pod-reader created\n",
      code: 0,
    });
    expect(await run("kubectl auth can-i list pods --as=jane -n dev")).toEqual({ out: "yes\n", code: 0 });
    expect(await run("kubectl auth can-i get pods --subresource=log --as=jane -n dev")).toEqual({ out: "yes\n", code: 0 });
    expect(await run("kubectl auth can-i delete pods --as=jane -n dev")).toEqual({ out: "no\n", code: 1 });
    expect(await run("kubectl auth can-i list pods --as=jane -A")).toEqual({ out: "no\n", code: 1 });
    expect(await run("kubectl auth can-i list pods --as=jane --as-group=kubeadm:cluster-admins -A")).toEqual({ out: "yes\n", code: 0 });
    expect(await run("kubectl get pods -n dev --as=jane")).toEqual({ out: "No resources found in dev namespace.\n", code: 0 });
    expect(await run("kubectl get secrets -n dev --as=jane")).toEqual({
      out: 'Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "dev"\n',
      code: 1,
    });
    expect(await run("kubectl get nodes --as=jane")).toEqual({
      out: 'Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope\n',
      code: 1,
    });
    expect(await run("kubectl auth can-i --list --as=jane -n dev | grep -v '^ '")).toEqual({
      out:
        "Resources                                       Non-Resource URLs   Resource Names   Verbs\n" +
        "selfsubjectreviews.authentication.k8s.io        []                  []               [create]\n" +
        "selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]\n" +
        "selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]\n" +
        "pods/log                                        []                  []               [get list watch]\n" +
        "pods                                            []                  []               [get list watch]\n",
      code: 0,
    });
    expect(await run("kubectl describe rolebinding jane-reads -n dev")).toEqual({
      out: "Name:         jane-reads\nLabels:       <none>\nAnnotations:  <none>\nRole:\n  Kind:  Role\n  Name:  pod-reader\nSubjects:\n  Kind  Name  Namespace\n  ----  ----  ---------\n  User  jane  \n",
      code: 0,
    });
    // the admin may impersonate anyone (cluster-admin includes the impersonate verb); bob has no bindings
    expect(await run("kubectl get pods -n dev --as=bob")).toEqual({
      out: 'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "dev"\n',
      code: 1,
    });
  });
});

describe("apply, dry runs, patches, conflicts, selectors", () => {
  it("reports created, configured and unchanged truthfully", async () => {
    const { e, run } = cluster();
    await run(POD("web", "default"));
    expect(await run("kubectl apply -f web.yaml")).toEqual({ out: "pod/web created\n", code: 0 });
    expect(await run("kubectl apply -f web.yaml")).toEqual({ out: "pod/web unchanged\n", code: 0 });
    await run(POD("web", "default", "nginx:1.28"));
    expect(await run("kubectl apply -f web.yaml")).toEqual({ out: "pod/web configured\n", code: 0 });
    expect(await run("kubectl get pod web -o jsonpath='{.spec.containers[0].image}'")).toEqual({ out: "nginx:1.28", code: 0 });
    expect(e.state.objects["/pods/default/web"].metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.28","name":"web"}]}}\n',
    );
    // a label removed from the manifest is removed from the object (the three-way patch's deletion)
    await run(POD("web", "default", "nginx:1.28", "tier: front"));
    expect(await run("kubectl apply -f web.yaml")).toEqual({ out: "pod/web configured\n", code: 0 });
    expect(await run("kubectl get pod web -o jsonpath='{.metadata.labels}'")).toEqual({ out: '{"tier":"front"}', code: 0 });
  });

  it("never changes state with --dry-run=client or --dry-run=server", async () => {
    const { e, run } = cluster();
    const before = JSON.stringify(e.state.objects);
    expect(await run("kubectl create namespace ghost --dry-run=client")).toEqual({ out: "namespace/ghost created (dry run)\n", code: 0 });
    expect(await run("kubectl create namespace ghost --dry-run=server")).toEqual({
      out: "namespace/ghost created (server dry run)\n",
      code: 0,
    });
    expect(await run("kubectl create namespace ghost --dry-run=client -o yaml")).toEqual({
      out: "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: ghost\nspec: {}\nstatus: {}\n",
      code: 0,
    });
    await run(POD("web", "default"));
    expect(await run("kubectl apply -f web.yaml --dry-run=server")).toEqual({ out: "pod/web created (server dry run)\n", code: 0 });
    expect(await run("kubectl delete ns kube-public --dry-run=client")).toEqual({
      out: 'namespace "kube-public" deleted (dry run)\n',
      code: 0,
    });
    expect(await run("kubectl delete svc kubernetes --dry-run=server")).toEqual({
      out: 'service "kubernetes" deleted (server dry run)\n',
      code: 0,
    });
    expect(JSON.stringify(e.state.objects)).toBe(before);
  });

  it("patches with strategic merge, merge and JSON patches, and says when nothing changed", async () => {
    const { run } = cluster();
    await run(POD("web", "default"));
    await run("kubectl create -f web.yaml");
    expect(await run(`kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.29"}]}}'`)).toEqual({
      out: "pod/web patched\n",
      code: 0,
    });
    expect(await run(`kubectl patch pod/web --type=merge -p '{"metadata":{"labels":{"tier":"front"}}}'`)).toEqual({
      out: "pod/web patched\n",
      code: 0,
    });
    expect(
      await run(`kubectl patch pod web --type=json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.30"}]'`),
    ).toEqual({ out: "pod/web patched\n", code: 0 });
    expect(await run(`kubectl patch pod web --type=merge -p '{"metadata":{"labels":{"tier":"front"}}}'`)).toEqual({
      out: "pod/web patched (no change)\n",
      code: 0,
    });
    expect(await run("kubectl get pod web -o jsonpath='{.spec.containers[0].image} {.metadata.labels}'")).toEqual({
      out: 'nginx:1.30 {"app":"web","tier":"front"}',
      code: 0,
    });
    expect(await run(`kubectl patch pod web --type=xml -p '{}'`)).toEqual({
      out: 'error: --type must be one of [json merge strategic], not "xml"\n',
      code: 1,
    });
  });

  it("answers a stale update with the 409 Conflict text", async () => {
    const { run } = cluster();
    await run("kubectl get ns default -o yaml > ns.yaml");
    await run('kubectl label ns default x=y 2>/dev/null; kubectl patch ns default -p \'{"metadata":{"labels":{"team":"a"}}}\'');
    expect(await run("kubectl replace -f ns.yaml")).toEqual({
      out: 'Error from server (Conflict): error when replacing "ns.yaml": Operation cannot be fulfilled on namespaces "default": the object has been modified; please apply your changes to the latest version and try again\n',
      code: 1,
    });
  });

  it("selects with equality and set-based label selectors and field selectors", async () => {
    const { run } = cluster();
    const names = async (l: string) => (await run(`${l} -o name`)).out;
    expect(await names("kubectl get pods -n kube-system -l 'k8s-app in (kube-dns,calico-kube-controllers)'")).toMatch(
      /^pod\/calico-kube-controllers-\S+\npod\/coredns-\S+\npod\/coredns-\S+\n$/,
    );
    expect(await names("kubectl get pods -n kube-system -l tier=control-plane,component!=etcd")).toBe(
      "pod/kube-apiserver-controlplane\npod/kube-controller-manager-controlplane\npod/kube-scheduler-controlplane\n",
    );
    expect(await names("kubectl get pods -A --field-selector spec.nodeName=node01")).toMatch(
      /^pod\/calico-node-\S+\npod\/kube-proxy-\S+\npod\/metrics-server-\S+\npod\/local-path-provisioner-\S+\n$/,
    );
    expect(await run("kubectl get pods -A --field-selector spec.foo=bar")).toEqual({
      out: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n',
      code: 1,
    });
  });
});

describe("deletion", () => {
  it("takes a namespace through Terminating and its content with it", async () => {
    const { e, run } = cluster();
    await run("kubectl create ns dev");
    await run(POD("web", "dev"));
    await run("kubectl create -f web.yaml");
    expect(await run("kubectl get sa,secret,pod -n dev -o name")).toEqual({ out: "serviceaccount/default\npod/web\n", code: 0 });
    // without --wait kubectl returns while the namespace is Terminating
    expect(await run("kubectl delete ns dev --wait=false")).toEqual({ out: 'namespace "dev" deleted\n', code: 0 });
    expect(e.state.objects["/namespaces//dev"]).toMatchObject({
      metadata: { deletionTimestamp: "2026-11-28T09:08:33Z" },
      status: { phase: "Terminating" },
    });
    expect(e.state.objects["/pods/dev/web"]).toBeDefined();
    // by the next command the namespace controller has emptied and removed it
    expect(await run("kubectl get ns dev")).toEqual({ out: 'Error from server (NotFound): namespaces "dev" not found\n', code: 1 });
    expect(Object.keys(e.state.objects).filter((k) => k.includes("/dev/") || k.endsWith("//dev"))).toEqual([]);
    expect(await run("kubectl delete ns default")).toEqual({
      out: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n',
      code: 1,
    });
  });

  it("deletes every namespace it may with --all, and by label", async () => {
    const { run } = cluster();
    await run(
      'kubectl create ns a; kubectl create ns b; kubectl label ns b team=x 2>/dev/null; kubectl patch ns b -p \'{"metadata":{"labels":{"team":"x"}}}\'',
    );
    expect(await run("kubectl delete ns -l team=x")).toEqual({ out: 'namespace "b" deleted\n', code: 0 });
    const all = await run("kubectl delete ns --all");
    expect(all.code).toBe(1);
    expect(all.out).toBe(
      'namespace "a" deleted\nnamespace "kube-node-lease" deleted\nnamespace "local-path-storage" deleted\n' +
        'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n' +
        'Error from server (Forbidden): namespaces "kube-public" is forbidden: this namespace may not be deleted\n' +
        'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n',
    );
    expect(await run("kubectl get ns -o name")).toEqual({
      out: "namespace/default\nnamespace/kube-public\nnamespace/kube-system\n",
      code: 0,
    });
  });

  it("cascades through ownerReferences: background, orphan and foreground", async () => {
    const { e, run } = cluster();
    const owned = (cascade: string) => `kubectl create secret generic owner-${cascade} && cat > dep-${cascade}.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: dep-${cascade}
  ownerReferences:
  - apiVersion: v1
    kind: Secret
    name: owner-${cascade}
    uid: $(kubectl get secret owner-${cascade} -o jsonpath='{.metadata.uid}')
    blockOwnerDeletion: true
spec:
  containers:
  - name: c
    image: busybox:1.36
EOF
kubectl create -f dep-${cascade}.yaml`;
    for (const c of ["background", "orphan", "foreground"]) expect((await run(owned(c))).code).toBe(0);
    expect(await run("kubectl delete secret owner-background")).toEqual({ out: 'secret "owner-background" deleted\n', code: 0 });
    expect(await run("kubectl get pod dep-background")).toEqual({
      out: 'Error from server (NotFound): pods "dep-background" not found\n',
      code: 1,
    });
    expect(await run("kubectl delete secret owner-orphan --cascade=orphan")).toEqual({ out: 'secret "owner-orphan" deleted\n', code: 0 });
    expect(await run("kubectl get pod dep-orphan -o jsonpath='{.metadata.name} {.metadata.ownerReferences}'")).toEqual({
      out: "dep-orphan ",
      code: 0,
    });
    expect(await run("kubectl delete secret owner-foreground --cascade=foreground")).toEqual({
      out: 'secret "owner-foreground" deleted\n',
      code: 0,
    });
    expect(await run("kubectl get secret owner-foreground; kubectl get pod dep-foreground")).toEqual({
      out: 'Error from server (NotFound): secrets "owner-foreground" not found\nError from server (NotFound): pods "dep-foreground" not found\n',
      code: 1,
    });
    expect(await run("kubectl delete secret x --cascade=sideways")).toEqual({
      out: 'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n',
      code: 1,
    });
    expect(Object.keys(e.state.objects).filter((k) => !k.startsWith("/events/") && (k.includes("owner-") || k.includes("dep-")))).toEqual([
      "/pods/default/dep-orphan",
    ]);
  });
});
