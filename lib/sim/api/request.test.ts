/** The request path on a small store: admission, validation texts, conflicts, patches, selectors, RBAC, impersonation, dry-run, watch. */
import { describe, expect, it } from "vitest";
import { nextRandom, seedRng } from "../core/rng";
import { ApiServer } from "./server";
import type { ApiRequest } from "./request";
import type { KObject, Status, UserInfo } from "./types";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const ADMIN: UserInfo = { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] };
const JANE: UserInfo = { username: "jane", groups: ["dev", "system:authenticated"] };

function cluster() {
  const state = { objects: {} as Record<string, KObject>, resourceVersion: 1 };
  const rng = seedRng(7);
  const api = new ApiServer(state, {
    now: NOW,
    random: () => nextRandom(rng),
    cluster: { serviceSubnet: "10.96.0.0/12", podSubnet: "192.168.0.0/16", dnsDomain: "cluster.local" },
  });
  const call = (r: Partial<ApiRequest> & Pick<ApiRequest, "verb" | "resource">) => api.request({ user: ADMIN, ...r });
  for (const ns of ["default", "dev"]) {
    call({ verb: "create", resource: "namespaces", body: { metadata: { name: ns } } });
    call({ verb: "create", resource: "serviceaccounts", namespace: ns, body: { metadata: { name: "default" } } });
  }
  return { api, state, call };
}

const msg = (b: unknown) => (b as Status).message;

describe("request path", () => {
  it("creates with server-set metadata and refuses duplicates with the apiserver's text", () => {
    const { call } = cluster();
    const r = call({ verb: "create", resource: "namespaces", body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } } });
    expect(r.code).toBe(201);
    const ns = r.body as KObject;
    expect(ns.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ns.metadata).toMatchObject({
      name: "team",
      creationTimestamp: "2026-11-28T09:08:33Z",
      labels: { "kubernetes.io/metadata.name": "team" },
    });
    expect(ns).toMatchObject({ spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
    const again = call({ verb: "create", resource: "namespaces", body: { metadata: { name: "team" } } });
    expect([again.code, msg(again.body)]).toEqual([409, 'namespaces "team" already exists']);
    const bad = call({ verb: "create", resource: "namespaces", body: { metadata: { name: "Team" } } });
    expect([bad.code, msg(bad.body)]).toEqual([
      422,
      `Namespace "Team" is invalid: metadata.name: Invalid value: "Team": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it("runs admission on pods: the namespace must exist, the service account token is mounted, tolerations default", () => {
    const { call } = cluster();
    const missing = call({
      verb: "create",
      resource: "pods",
      namespace: "nope",
      body: { metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx" }] } },
    });
    expect([missing.code, msg(missing.body)]).toEqual([404, 'namespaces "nope" not found']);
    const r = call({
      verb: "create",
      resource: "pods",
      namespace: "dev",
      body: { metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    });
    expect(r.code).toBe(201);
    const pod = r.body as KObject & {
      spec: { volumes: { name: string }[]; containers: Record<string, unknown>[]; tolerations: unknown[] };
    };
    expect(pod.spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec.containers[0]).toMatchObject({
      imagePullPolicy: "IfNotPresent",
      terminationMessagePath: "/dev/termination-log",
      volumeMounts: [{ mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true }],
    });
    expect(pod.spec).toMatchObject({ serviceAccountName: "default", serviceAccount: "default", restartPolicy: "Always", priority: 0 });
    expect(pod.spec.tolerations).toEqual([
      { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
      { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
    ]);
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    const invalid = call({
      verb: "create",
      resource: "pods",
      namespace: "dev",
      body: { metadata: { name: "x" }, spec: { containers: [{ name: "A" }] } },
    });
    expect(msg(invalid.body)).toBe(
      `Pod "x" is invalid: [spec.containers[0].name: Invalid value: "A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), spec.containers[0].image: Required value]`,
    );
  });

  it("answers a stale resourceVersion with 409 and leaves the object as it was", () => {
    const { call } = cluster();
    const created = call({
      verb: "create",
      resource: "secrets",
      namespace: "dev",
      body: { metadata: { name: "s" }, stringData: { a: "1" } },
    }).body as KObject;
    const v1 = { ...created, data: { a: "Mg==" } };
    expect(call({ verb: "update", resource: "secrets", namespace: "dev", name: "s", body: v1 }).code).toBe(200);
    const stale = call({ verb: "update", resource: "secrets", namespace: "dev", name: "s", body: { ...created, data: { a: "Mw==" } } });
    expect([stale.code, msg(stale.body)]).toEqual([
      409,
      'Operation cannot be fulfilled on secrets "s": the object has been modified; please apply your changes to the latest version and try again',
    ]);
    expect((call({ verb: "get", resource: "secrets", namespace: "dev", name: "s" }).body as KObject).data).toEqual({ a: "Mg==" });
  });

  it("applies strategic, merge and JSON patches", () => {
    const { call } = cluster();
    call({
      verb: "create",
      resource: "pods",
      namespace: "dev",
      body: {
        metadata: { name: "p", labels: { app: "a" } },
        spec: {
          containers: [
            { name: "a", image: "nginx:1" },
            { name: "b", image: "busybox:1" },
          ],
        },
      },
    });
    const containers = (o: unknown) =>
      (o as { spec: { containers: { name: string; image: string }[] } }).spec.containers.map((c) => `${c.name}=${c.image}`);
    const smp = call({
      verb: "patch",
      resource: "pods",
      namespace: "dev",
      name: "p",
      patchType: "strategic",
      body: { spec: { containers: [{ name: "b", image: "busybox:2" }] } },
    });
    expect(containers(smp.body)).toEqual(["a=nginx:1", "b=busybox:2"]);
    const merge = call({
      verb: "patch",
      resource: "pods",
      namespace: "dev",
      name: "p",
      patchType: "merge",
      body: { metadata: { labels: { app: null, tier: "web" } } },
    });
    expect((merge.body as KObject).metadata.labels).toEqual({ tier: "web" });
    const json = call({
      verb: "patch",
      resource: "pods",
      namespace: "dev",
      name: "p",
      patchType: "json",
      body: [{ op: "replace", path: "/spec/containers/0/image", value: "nginx:2" }],
    });
    expect(containers(json.body)).toEqual(["a=nginx:2", "b=busybox:2"]);
    const failed = call({
      verb: "patch",
      resource: "pods",
      namespace: "dev",
      name: "p",
      patchType: "json",
      body: [{ op: "test", path: "/metadata/name", value: "q" }],
    });
    expect([failed.code, msg(failed.body)]).toEqual([422, "testing value /metadata/name failed: test failed"]);
    const forbiddenChange = call({
      verb: "patch",
      resource: "pods",
      namespace: "dev",
      name: "p",
      patchType: "merge",
      body: { spec: { restartPolicy: "Never" } },
    });
    expect(msg(forbiddenChange.body)).toMatch(
      /^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });

  it("filters lists with label and field selectors", () => {
    const { call } = cluster();
    for (const [n, tier] of [
      ["a", "web"],
      ["b", "db"],
      ["c", "cache"],
    ])
      call({ verb: "create", resource: "secrets", namespace: "dev", body: { metadata: { name: n, labels: { tier } } } });
    const names = (r: { body: unknown }) => (r.body as { items: KObject[] }).items.map((o) => o.metadata.name);
    expect(names(call({ verb: "list", resource: "secrets", namespace: "dev", labelSelector: "tier in (web,db)" }))).toEqual(["a", "b"]);
    expect(names(call({ verb: "list", resource: "secrets", namespace: "dev", labelSelector: "tier!=web,tier" }))).toEqual(["b", "c"]);
    expect(names(call({ verb: "list", resource: "secrets", namespace: "dev", fieldSelector: "metadata.name=c" }))).toEqual(["c"]);
    expect(names(call({ verb: "list", resource: "secrets", namespace: "dev", fieldSelector: "type=Opaque,metadata.name!=a" }))).toEqual([
      "b",
      "c",
    ]);
    const bad = call({ verb: "list", resource: "secrets", namespace: "dev", fieldSelector: "spec.foo=1" });
    expect([bad.code, msg(bad.body)]).toEqual([400, "field label not supported: spec.foo"]);
  });

  it("authorizes with RBAC objects and words denials as the apiserver does", () => {
    const { call } = cluster();
    const denied = call({ user: JANE, verb: "list", resource: "pods", namespace: "dev" });
    expect([denied.code, msg(denied.body)]).toEqual([
      403,
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"',
    ]);
    call({
      verb: "create",
      group: "rbac.authorization.k8s.io",
      resource: "rolebindings",
      namespace: "dev",
      body: { metadata: { name: "jane-reads" }, roleRef: { kind: "Role", name: "reader" }, subjects: [{ kind: "User", name: "jane" }] },
    });
    const missingRole = call({ user: JANE, verb: "get", resource: "pods", namespace: "dev", name: "web" });
    expect(msg(missingRole.body)).toBe(
      'pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "reader" not found',
    );
    call({
      verb: "create",
      group: "rbac.authorization.k8s.io",
      resource: "roles",
      namespace: "dev",
      body: { metadata: { name: "reader" }, rules: [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] }] },
    });
    expect(call({ user: JANE, verb: "list", resource: "pods", namespace: "dev" }).code).toBe(200);
    expect(call({ user: JANE, verb: "list", resource: "pods", namespace: "default" }).code).toBe(403);
    const del = call({ user: JANE, verb: "delete", resource: "pods", namespace: "dev", name: "web" });
    expect(msg(del.body)).toBe('pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "dev"');
    const cluster2 = call({ user: JANE, verb: "list", resource: "nodes" });
    expect(msg(cluster2.body)).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it("checks impersonation with the impersonate verb", () => {
    const { call } = cluster();
    const r = call({ user: JANE, verb: "list", resource: "pods", namespace: "dev", impersonate: { user: "bob" } });
    expect([r.code, msg(r.body)]).toEqual([
      403,
      'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
    ]);
    const asJane = call({ verb: "list", resource: "pods", namespace: "dev", impersonate: { user: "jane", groups: ["dev"] } });
    expect(asJane.user).toEqual({ username: "jane", groups: ["dev", "system:authenticated"] });
    expect(msg(asJane.body)).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"');
  });

  it("never stores a dry run, and journals and watches real writes", () => {
    const { api, call } = cluster();
    api.store.drainJournal();
    const rv = api.store.resourceVersion;
    const dry = call({ verb: "create", resource: "namespaces", body: { metadata: { name: "ghost" } }, dryRun: true });
    expect(dry.code).toBe(201);
    expect(call({ verb: "get", resource: "namespaces", name: "ghost" }).code).toBe(404);
    expect(api.store.drainJournal()).toEqual([]);
    call({ verb: "create", resource: "namespaces", body: { metadata: { name: "real" } } });
    expect(api.store.drainJournal()).toEqual(["/namespaces//real"]);
    expect(api.store.eventsSince(rv, () => true)?.map((e) => [e.type, e.key])).toEqual([["ADDED", "/namespaces//real"]]);
  });

  it("deletes namespaces through Terminating and refuses new content there", () => {
    const { call } = cluster();
    const d = call({ verb: "delete", resource: "namespaces", name: "dev" });
    expect(d.code).toBe(202);
    expect((d.body as KObject).status).toEqual({ phase: "Terminating" });
    expect((d.body as KObject).metadata.deletionTimestamp).toBe("2026-11-28T09:08:33Z");
    const r = call({ verb: "create", resource: "secrets", namespace: "dev", body: { metadata: { name: "late" } } });
    expect([r.code, msg(r.body)]).toEqual([
      403,
      'secrets "late" is forbidden: unable to create new content in namespace dev because it is being terminated',
    ]);
    const immortal = call({ verb: "delete", resource: "namespaces", name: "default" });
    expect(msg(immortal.body)).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });
});
