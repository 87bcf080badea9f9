/**
 * The HTTP surface without a transport: discovery by Accept header, Tables with includeObject,
 * paging, watch streams with resourceVersion semantics and 410, Status codes, dry runs,
 * impersonation headers, pods/log (text, validation, follow streams), subresources not served, protobuf bodies as real kubectl v1.32.3 sends
 * them, and 401 for credentials that did not verify.
 */
import { describe, expect, it } from "vitest";
import { KINDS } from "../../kinds/registry";
import type { KObject, Status, Table, UserInfo } from "../types";
import { handle } from "./handler";
import { ApiServer } from "../server";
import { objectsHost } from "./host";
import { isWatch, type HttpRequest, type HttpResult, type WatchStream } from "./types";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const ADMIN: UserInfo = { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:masters", "system:authenticated"] };
const JANE: UserInfo = { username: "jane", groups: ["system:authenticated"] };
const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const AGGREGATED =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));

function req(
  method: string,
  url: string,
  o: { user?: UserInfo | null; accept?: string; body?: unknown; contentType?: string; headers?: HttpRequest["headers"] } = {},
): HttpRequest {
  const [path, query = ""] = url.split("?");
  const body =
    o.body === undefined
      ? new Uint8Array()
      : o.body instanceof Uint8Array
        ? o.body
        : new TextEncoder().encode(typeof o.body === "string" ? o.body : JSON.stringify(o.body));
  return {
    method,
    path,
    query,
    headers: { ...(o.accept ? { accept: o.accept } : {}), ...(o.contentType ? { "content-type": o.contentType } : {}), ...o.headers },
    body,
    user: o.user === undefined ? ADMIN : o.user,
  };
}

function text(r: HttpResult): string {
  if (isWatch(r)) throw new Error("a watch");
  return typeof r.body === "string" ? r.body : Buffer.from(r.body).toString("utf8");
}
const body = <T>(r: HttpResult) => JSON.parse(text(r)) as T;

async function cluster() {
  const host = objectsHost({ objects: [], now: NOW });
  const call = (r: HttpRequest) => handle(host, r);
  for (const ns of ["default", "dev"]) {
    expect(
      (await call(req("POST", "/api/v1/namespaces", { body: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } } }))).status,
    ).toBe(201);
    await call(req("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: { metadata: { name: "default" } } }));
  }
  // system:basic-user of the bootstrap policy: every authenticated user may ask the review APIs
  await call(
    req("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      body: {
        metadata: { name: "system:basic-user" },
        rules: [
          { apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"], verbs: ["create"] },
          { apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], verbs: ["create"] },
        ],
      },
    }),
  );
  await call(
    req("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
      body: {
        metadata: { name: "system:basic-user" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:basic-user" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:authenticated" }],
      },
    }),
  );
  for (const name of ["a", "b", "c"]) {
    const r = await call(
      req("POST", "/api/v1/namespaces/dev/pods", {
        body: { metadata: { name, labels: { app: name === "c" ? "db" : "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
      }),
    );
    expect(r.status).toBe(201);
  }
  return { host, call };
}

describe("discovery", () => {
  it("serves aggregated discovery when asked for it, legacy otherwise", async () => {
    const { call } = await cluster();
    const agg = await call(req("GET", "/apis", { accept: AGGREGATED }));
    expect(!isWatch(agg) && agg.headers["content-type"]).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const list = body<{
      kind: string;
      items: {
        metadata: { name: string };
        versions: { version: string; resources: { resource: string; scope: string; subresources?: { subresource: string }[] }[] }[];
      }[];
    }>(agg);
    expect(list.kind).toBe("APIGroupDiscoveryList");
    // every named group of the registry, once; the aggregated ones only with their APIService, which this cluster lacks
    expect(list.items.map((i) => i.metadata.name).sort()).toEqual(
      [
        ...new Set(
          KINDS.filter((k) => !k.aggregatedBy)
            .map((k) => k.resource.group)
            .filter(Boolean),
        ),
      ].sort(),
    );
    const certificates = list.items.find((i) => i.metadata.name === "certificates.k8s.io");
    const csr = certificates?.versions[0].resources[0];
    expect(csr).toMatchObject({
      resource: "certificatesigningrequests",
      scope: "Cluster",
      subresources: [{ subresource: "approval" }, { subresource: "status" }],
    });
    const core = body<{ items: { metadata: { name?: string } }[] }>(await call(req("GET", "/api", { accept: AGGREGATED })));
    expect(core.items).toHaveLength(1);
    expect(core.items[0].metadata.name).toBeUndefined();
    expect(body(await call(req("GET", "/api")))).toEqual({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
    });
    const v1 = body<{ resources: { name: string; kind: string; group?: string }[] }>(await call(req("GET", "/api/v1")));
    const names = v1.resources.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(v1.resources.find((r) => r.name === "pods/eviction")).toMatchObject({ group: "policy", kind: "Eviction" });
    expect(body(await call(req("GET", "/apis/rbac.authorization.k8s.io")))).toMatchObject({
      kind: "APIGroup",
      preferredVersion: { groupVersion: "rbac.authorization.k8s.io/v1" },
    });
    expect(body(await call(req("GET", "/apis/apps/v1")))).toMatchObject({ kind: "APIResourceList", groupVersion: "apps/v1" });
    expect((await call(req("GET", "/apis/example.com/v1"))).status).toBe(404);
  });

  it("answers /version, /openapi and unknown paths", async () => {
    const { call } = await cluster();
    expect(body(await call(req("GET", "/version")))).toMatchObject({ major: "1", minor: "32", gitVersion: "v1.32.4" });
    const index = body<{ paths: Record<string, { serverRelativeURL: string }> }>(await call(req("GET", "/openapi/v3")));
    const url = index.paths["api/v1"].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    const doc = body<{
      paths: Record<string, { patch: { parameters: { name: string; in: string }[]; "x-kubernetes-group-version-kind": unknown } }>;
    }>(await call(req("GET", url)));
    const podPatch = doc.paths["/api/v1/namespaces/{namespace}/pods/{name}"].patch;
    expect(podPatch["x-kubernetes-group-version-kind"]).toEqual({ group: "", version: "v1", kind: "Pod" });
    expect(podPatch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    // no request body: kubectl apply must keep computing its patches from its built-in types (patcher.go gvkSupportsPatchOpenAPIV3)
    expect(podPatch).not.toHaveProperty("requestBody");
    // what kubectl explain reads: the GVK on the GET too, and the kind's schema with everything it references
    const full = body<{ paths: Record<string, { get: unknown }>; components: { schemas: Record<string, Record<string, unknown>> } }>(
      await call(req("GET", url)),
    );
    expect(full.paths["/api/v1/namespaces/{namespace}/pods/{name}"].get).toMatchObject({
      "x-kubernetes-group-version-kind": { group: "", version: "v1", kind: "Pod" },
    });
    expect(full.components.schemas["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"]).toEqual([
      { group: "", kind: "Pod", version: "v1" },
    ]);
    expect(Object.keys(full.components.schemas)).toContain("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    expect(Object.keys(full.components.schemas)).not.toContain("io.k8s.api.apps.v1.Deployment");
    // handler3's caching: a quoted Etag, a year of "public, immutable" for ?hash=, a redirect for a stale hash, 304 for a known Etag
    const hashed = await call(req("GET", url));
    const etag = `"${url.split("hash=")[1]}"`;
    expect(!isWatch(hashed) && hashed.headers).toMatchObject({ etag, "cache-control": "public, immutable", vary: "Accept" });
    expect(!isWatch(hashed) && hashed.headers.expires).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/);
    const stale = await call(req("GET", "/openapi/v3/api/v1?hash=0123"));
    expect(!isWatch(stale) && [stale.status, stale.headers.location]).toEqual([301, url]);
    const unchanged = await call(req("GET", url, { headers: { "if-none-match": etag } }));
    expect(!isWatch(unchanged) && [unchanged.status, unchanged.body]).toEqual([304, ""]);
    const v2 = await call(req("GET", "/openapi/v2"));
    expect(!isWatch(v2) && Buffer.from(v2.body).toString("hex")).toBe(
      Buffer.from("\n\x032.0\x12\x15\n\nKubernetes\x12\x07v1.32.4").toString("hex"),
    );
    const missing = await call(req("GET", "/nowhere"));
    expect([missing.status, text(missing)]).toEqual([404, "404 page not found\n"]);
  });

  it("authorizes non-resource paths by RBAC, as system:public-info-viewer grants /version", async () => {
    const { call } = await cluster();
    const anon: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };
    const denied = await call(req("GET", "/version", { user: anon }));
    expect([denied.status, body<Status>(denied).message]).toEqual([403, 'forbidden: User "system:anonymous" cannot get path "/version"']);
    await call(
      req("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
        body: { metadata: { name: "info" }, rules: [{ nonResourceURLs: ["/version"], verbs: ["get"] }] },
      }),
    );
    await call(
      req("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
        body: {
          metadata: { name: "info" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "info" },
          subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:unauthenticated" }],
        },
      }),
    );
    expect((await call(req("GET", "/version", { user: anon }))).status).toBe(200);
    expect((await call(req("GET", "/api", { user: anon }))).status).toBe(403);
  });
});

describe("JSON as the apiserver's serializer writes it (runtime/serializer/json/json.go doEncode, negotiation.isPrettyPrint)", () => {
  const anon: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };
  it("indents for curl and wget, in Go's field order, with no newline after; compact with the encoder's newline for kubectl", async () => {
    const { call } = await cluster();
    const forbidden = (ua: string, query = "") => call(req("GET", `/api/v1/pods${query}`, { user: anon, headers: { "user-agent": ua } }));
    const pretty = text(await forbidden("curl/7.88.1"));
    expect(pretty.split("\n").slice(0, 5)).toEqual([
      "{",
      '  "kind": "Status",',
      '  "apiVersion": "v1",',
      '  "metadata": {},',
      '  "status": "Failure",',
    ]);
    expect(pretty.endsWith('  "code": 403\n}')).toBe(true);
    expect(text(await forbidden("Wget"))).toBe(pretty);
    const compact = text(await forbidden("kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd"));
    expect(compact.startsWith('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",')).toBe(true);
    expect(compact.endsWith('"code":403}\n')).toBe(true);
    // ?pretty= decides over the User-Agent, either way (strconv.ParseBool; an invalid value is false)
    expect(text(await forbidden("curl/7.88.1", "?pretty=false"))).toBe(compact);
    expect(text(await forbidden("curl/7.88.1", "?pretty=yes"))).toBe(compact);
    expect(text(await forbidden("kubectl/v1.32.4", "?pretty=true"))).toBe(pretty);
  });

  it("puts ObjectMeta's fields in Go's order and escapes <, > and & as Go does", async () => {
    const { call } = await cluster();
    await call(
      req("POST", "/api/v1/namespaces/dev/configmaps", {
        body: { data: { page: "<b>a & b</b>" }, metadata: { labels: { x: "y" }, name: "html" } },
      }),
    );
    const got = text(await call(req("GET", "/api/v1/namespaces/dev/configmaps/html", { headers: { "user-agent": "curl/8.5.0" } })));
    const keys = [...got.matchAll(/^ {2,4}"(\w+)":/gm)].map((m) => m[1]);
    expect(keys.slice(0, 7)).toEqual(["kind", "apiVersion", "metadata", "name", "namespace", "uid", "resourceVersion"]);
    expect(got).toContain('"page": "\\u003cb\\u003ea \\u0026 b\\u003c/b\\u003e"');
    expect(body<{ data: { page: string } }>(await call(req("GET", "/api/v1/namespaces/dev/configmaps/html"))).data.page).toBe(
      "<b>a & b</b>",
    );
  });

  it("always indents /version (responsewriters.WriteRawJSON), whoever asks", async () => {
    const { call } = await cluster();
    const v = text(await call(req("GET", "/version", { headers: { "user-agent": "kubectl/v1.32.4" } })));
    expect(v.startsWith('{\n  "major": "1",\n  "minor": "32",')).toBe(true);
    expect(v.endsWith("}")).toBe(true);
  });
});

describe("resources", () => {
  it("answers gets and lists as Tables with the includeObject the client asks for", async () => {
    const { call } = await cluster();
    const t = body<Table>(await call(req("GET", "/api/v1/namespaces/dev/pods", { accept: TABLE })));
    expect(t.kind).toBe("Table");
    expect(t.columnDefinitions.map((c) => c.name).slice(0, 3)).toEqual(["Name", "Ready", "Status"]);
    expect(t.rows.map((r) => r.cells[0])).toEqual(["a", "b", "c"]);
    expect(t.rows[0].object).toMatchObject({ kind: "PartialObjectMetadata", metadata: { name: "a", namespace: "dev" } });
    const none = body<Table>(await call(req("GET", "/api/v1/namespaces/dev/pods?includeObject=None", { accept: TABLE })));
    expect(none.rows[0].object).toBeUndefined();
    const full = body<Table>(await call(req("GET", "/api/v1/namespaces/dev/pods/b?includeObject=Object", { accept: TABLE })));
    expect(full.rows[0].object).toMatchObject({ kind: "Pod", spec: { containers: [{ image: "nginx" }] } });
    const json = body<KObject>(
      await call(req("GET", "/api/v1/namespaces/dev/pods/b", { accept: "application/vnd.kubernetes.protobuf,application/json" })),
    );
    expect(json.kind).toBe("Pod");
    expect((await call(req("GET", "/api/v1/namespaces/dev/pods", { accept: "application/vnd.kubernetes.protobuf" }))).status).toBe(406);
  });

  it("pages lists with limit and continue", async () => {
    const { call } = await cluster();
    const first = body<{ items: KObject[]; metadata: { continue?: string; remainingItemCount?: number } }>(
      await call(req("GET", "/api/v1/namespaces/dev/pods?limit=2")),
    );
    expect(first.items.map((p) => p.metadata.name)).toEqual(["a", "b"]);
    expect(first.metadata.remainingItemCount).toBe(1);
    const rest = body<{ items: KObject[]; metadata: { continue?: string } }>(
      await call(req("GET", `/api/v1/namespaces/dev/pods?limit=2&continue=${encodeURIComponent(first.metadata.continue ?? "")}`)),
    );
    expect(rest.items.map((p) => p.metadata.name)).toEqual(["c"]);
    expect(rest.metadata.continue).toBeUndefined();
    expect((await call(req("GET", "/api/v1/namespaces/dev/pods?continue=garbage"))).status).toBe(400);
  });

  it("maps errors to Status responses with the apiserver's codes", async () => {
    const { call } = await cluster();
    const nf = await call(req("GET", "/api/v1/namespaces/dev/pods/zzz"));
    expect([nf.status, body<Status>(nf).message]).toEqual([404, 'pods "zzz" not found']);
    const dup = await call(req("POST", "/api/v1/namespaces", { body: { metadata: { name: "dev" } } }));
    expect([dup.status, body<Status>(dup).reason]).toEqual([409, "AlreadyExists"]);
    const forbidden = await call(req("GET", "/api/v1/namespaces/dev/pods", { user: JANE }));
    expect([forbidden.status, body<Status>(forbidden).message]).toEqual([
      403,
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"',
    ]);
    const unauthorized = await call(req("GET", "/api/v1/namespaces", { user: null }));
    expect(body(unauthorized)).toEqual({
      apiVersion: "v1",
      kind: "Status",
      metadata: {},
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    });
    const badSelector = await call(req("GET", "/api/v1/pods?fieldSelector=spec.foo%3Dbar"));
    expect([badSelector.status, body<Status>(badSelector).message]).toEqual([400, "field label not supported: spec.foo"]);
    expect((await call(req("GET", "/api/v1/namespaces/dev/pods?fieldValidation=Loose"))).status).toBe(400);
  });

  it("impersonates from the Impersonate-* headers", async () => {
    const { call } = await cluster();
    const r = await call(
      req("GET", "/api/v1/namespaces/dev/pods", { headers: { "impersonate-user": "jane", "impersonate-group": ["devs", "qa"] } }),
    );
    expect(body<Status>(r).message).toBe(
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"',
    );
    const masters = await call(
      req("GET", "/api/v1/namespaces/dev/pods", { headers: { "impersonate-user": "jane", "impersonate-group": "system:masters" } }),
    );
    expect(masters.status).toBe(200);
  });

  it("writes nothing on dryRun=All and patches by Content-Type", async () => {
    const { host, call } = await cluster();
    const rv = host.api().store.resourceVersion;
    const dry = await call(req("DELETE", "/api/v1/namespaces/dev/pods/a?dryRun=All", { body: { propagationPolicy: "Background" } }));
    expect(dry.status).toBe(200);
    const dryCreate = await call(
      req("POST", "/api/v1/namespaces/dev/pods?dryRun=All&fieldManager=kubectl-create&fieldValidation=Strict", {
        body: { metadata: { name: "d" }, spec: { containers: [{ name: "c", image: "x" }] } },
      }),
    );
    expect(dryCreate.status).toBe(201);
    expect(host.api().store.resourceVersion).toBe(rv);
    expect((await call(req("GET", "/api/v1/namespaces/dev/pods/d"))).status).toBe(404);
    const merge = await call(
      req("PATCH", "/api/v1/namespaces/dev/pods/a", {
        contentType: "application/merge-patch+json",
        body: { metadata: { labels: { tier: "x" } } },
      }),
    );
    expect(body<KObject>(merge).metadata.labels).toEqual({ app: "web", tier: "x" });
    const json = await call(
      req("PATCH", "/api/v1/namespaces/dev/pods/a", {
        contentType: "application/json-patch+json",
        body: [{ op: "remove", path: "/metadata/labels/tier" }],
      }),
    );
    expect(body<KObject>(json).metadata.labels).toEqual({ app: "web" });
    expect((await call(req("PATCH", "/api/v1/namespaces/dev/pods/a", { contentType: "text/plain", body: "{}" }))).status).toBe(415);
    const gone = await call(req("DELETE", "/api/v1/namespaces/dev/pods?labelSelector=app%3Dweb"));
    expect(body<{ items: KObject[] }>(gone).items.map((p) => p.metadata.name)).toEqual(["a", "b"]);
  });

  it("refuses subresources it does not run, after authorization, saying what to do instead", async () => {
    const { call } = await cluster();
    const exec = await call(req("POST", "/api/v1/namespaces/dev/pods/a/exec?command=ls&stdout=true"));
    expect([exec.status, body<Status>(exec).reason, body<Status>(exec).message]).toEqual([
      503,
      "ServiceUnavailable",
      "kubectl exec is not served through this API: run it in Kubeyard's browser terminal, where it works on this same cluster",
    ]);
    const denied = await call(req("POST", "/api/v1/namespaces/dev/pods/a/exec", { user: JANE }));
    expect(body<Status>(denied).message).toBe(
      'pods "a" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "dev"',
    );
    expect(body<Status>(await call(req("POST", "/api/v1/namespaces/dev/pods/a/portforward"))).message).toMatch(
      /^kubectl port-forward is not served/,
    );
    expect((await call(req("GET", "/api/v1/namespaces/dev/pods/a/nosuch"))).status).toBe(404);
    const missing = await call(req("POST", "/api/v1/namespaces/dev/pods/zzz/attach"));
    expect([missing.status, body<Status>(missing).message]).toEqual([404, 'pods "zzz" not found']);
    const status = await call(req("GET", "/api/v1/namespaces/dev/pods/a/status"));
    expect(body<KObject>(status).metadata.name).toBe("a");
  });
});

describe("watch", () => {
  async function open(call: (r: HttpRequest) => Promise<HttpResult>, url: string, accept?: string): Promise<WatchStream> {
    const r = await call(req("GET", url, accept ? { accept } : {}));
    if (!isWatch(r)) throw new Error(`not a watch: ${r.status} ${text(r)}`);
    return r.watch;
  }
  interface Event {
    type: string;
    object: {
      kind: string;
      metadata: { name: string };
      rows?: { cells: unknown[] }[];
      columnDefinitions?: unknown[] | null;
      code?: number;
      reason?: string;
      message?: string;
    };
  }
  const events = (w: WatchStream) => w.take().map((l) => JSON.parse(l) as Event);

  it("streams what happens after the resourceVersion of a list, in order", async () => {
    const { call } = await cluster();
    const list = body<{ metadata: { resourceVersion: string } }>(await call(req("GET", "/api/v1/namespaces/dev/pods")));
    const w = await open(
      call,
      `/api/v1/namespaces/dev/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}&labelSelector=app%3Dweb`,
    );
    expect(w.take()).toEqual([]);
    await call(
      req("PATCH", "/api/v1/namespaces/dev/pods/a", {
        contentType: "application/merge-patch+json",
        body: { metadata: { annotations: { x: "1" } } },
      }),
    );
    await call(
      req("PATCH", "/api/v1/namespaces/dev/pods/c", {
        contentType: "application/merge-patch+json",
        body: { metadata: { annotations: { x: "1" } } },
      }),
    );
    await call(req("DELETE", "/api/v1/namespaces/dev/pods/b"));
    await call(
      req("POST", "/api/v1/namespaces/default/pods", {
        body: { metadata: { name: "elsewhere", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x" }] } },
      }),
    );
    expect(events(w).map((e) => [e.type, e.object.metadata.name])).toEqual([
      ["MODIFIED", "a"],
      ["DELETED", "b"],
    ]);
    expect(w.done).toBe(false);
  });

  it("starts with ADDED for everything from resourceVersion 0, and with Tables when asked", async () => {
    const { call } = await cluster();
    const w = await open(call, "/api/v1/namespaces/dev/pods?watch=1&fieldSelector=metadata.name%3Dc", TABLE);
    const first = events(w);
    expect(first.map((e) => [e.type, e.object.kind, e.object.rows?.[0].cells[0]])).toEqual([["ADDED", "Table", "c"]]);
    expect(first[0].object.columnDefinitions?.length).toBeGreaterThan(0);
    await call(req("DELETE", "/api/v1/namespaces/dev/pods/c"));
    const next = events(w);
    expect(next.map((e) => [e.type, e.object.rows?.[0].cells[0]])).toEqual([["DELETED", "c"]]);
    expect(next[0].object.columnDefinitions).toBeNull();
  });

  it("ends a watch from a version older than the log keeps with a 410 Expired event", async () => {
    const { host, call } = await cluster();
    // fill the watch log past its capacity, so resourceVersion 1 is compacted away
    const store = host.api().store;
    for (let i = 0; i < 2100; i++)
      store.put(
        { group: "", resource: "namespaces" },
        {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: "churn", uid: "u", resourceVersion: "", creationTimestamp: "2026-11-28T09:08:33Z" },
        },
      );
    const w = await open(call, "/api/v1/namespaces?watch=true&resourceVersion=1");
    const [e] = events(w);
    expect(e.type).toBe("ERROR");
    expect(e.object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
    expect(e.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
    expect(w.done).toBe(true);
  });

  it("authorizes the watch like a list", async () => {
    const { call } = await cluster();
    const r = await call(req("GET", "/api/v1/namespaces/dev/pods?watch=true", { user: JANE }));
    expect(!isWatch(r) && r.status).toBe(403);
    expect(body<Status>(r).message).toBe(
      'pods is forbidden: User "jane" cannot watch resource "pods" in API group "" in the namespace "dev"',
    );
  });
});

describe("protobuf bodies, as kubectl v1.32.3 sends them", () => {
  it("decodes `kubectl create role pod-reader2 --verb=get,list --resource=pods`", async () => {
    const { call } = await cluster();
    // captured with kubectl -v=9 against sim:api
    const role = hex(
      "6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f6c6512390a220a0b706f642d7265616465723212001a0764656661756c7422002a0032003800420012130a036765740a046c69737412001a04706f64731a002200",
    );
    const r = await call(
      req("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles?fieldManager=kubectl-create", {
        contentType: "application/vnd.kubernetes.protobuf",
        body: role,
      }),
    );
    expect(r.status).toBe(201);
    const created = body<KObject & { rules: unknown }>(r);
    expect(created.metadata).toMatchObject({ name: "pod-reader2", namespace: "default" });
    expect(created.metadata.generateName).toBeUndefined();
    expect(created.rules).toEqual([{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }]);
  });

  it("decodes `kubectl auth can-i list pods --subresource=log --as jane -n dev`", async () => {
    const { call } = await cluster();
    const ssar = hex(
      "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577123c0a100a0012001a0022002a00320038004200121e0a1c0a0364657612046c6973741a0022002a04706f647332036c6f673a001a08080012001a0020001a002200",
    );
    const r = await call(
      req("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
        contentType: "application/vnd.kubernetes.protobuf",
        body: ssar,
        headers: { "impersonate-user": "jane" },
      }),
    );
    expect(r.status).toBe(201);
    expect(body(r)).toMatchObject({
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: { namespace: "dev", verb: "list", resource: "pods", subresource: "log" } },
      status: { allowed: false },
    });
  });

  it("refuses a body that is not Kubernetes protobuf", async () => {
    const { call } = await cluster();
    const r = await call(req("POST", "/api/v1/namespaces", { contentType: "application/vnd.kubernetes.protobuf", body: "{}" }));
    expect([r.status, body<Status>(r).message]).toEqual([
      400,
      "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    ]);
  });
});

describe("reviews", () => {
  it("answers whoami and can-i --list with the wire shapes", async () => {
    const { call } = await cluster();
    const who = await call(
      req("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {
        body: { kind: "SelfSubjectReview", apiVersion: "authentication.k8s.io/v1" },
        headers: { "impersonate-user": "jane", "impersonate-group": "devs" },
      }),
    );
    expect(body(who)).toEqual({
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: "jane", groups: ["devs", "system:authenticated"] } },
    });
    const rules = body<{ status: { resourceRules: { resources: string[] }[]; nonResourceRules: unknown[]; incomplete: boolean } }>(
      await call(req("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", { body: { spec: { namespace: "dev" } } })),
    );
    expect(rules.status.resourceRules[0]).toEqual({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(rules.status.nonResourceRules[0]).toEqual({ verbs: ["*"], nonResourceURLs: ["*"] });
    expect(rules.status.incomplete).toBe(false);
  });
});

describe("pods/log", () => {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const STARTED = NOW - 60_000;
  const sh = (name: string, script: string) => ({ name, image: "busybox", command: ["sh", "-c", script] });

  /** a cluster whose clock moves: pods on a node with the statuses the kubelet would have written */
  async function logCluster() {
    const base = objectsHost({ objects: [], now: NOW });
    const clock = { t: NOW };
    const host = {
      ...base,
      api: () =>
        new ApiServer(base.state, {
          now: clock.t,
          random: () => 0.5,
          cluster: { serviceSubnet: "10.96.0.0/12", podSubnet: "192.168.0.0/16", dnsDomain: "cluster.local" },
        }),
    };
    const call = (r: HttpRequest) => handle(host, r);
    await call(req("POST", "/api/v1/namespaces", { body: { metadata: { name: "dev" } } }));
    await call(req("POST", "/api/v1/namespaces/dev/serviceaccounts", { body: { metadata: { name: "default" } } }));
    const pod = async (name: string, spec: object, containerStatuses: object[]) => {
      expect((await call(req("POST", "/api/v1/namespaces/dev/pods", { body: { metadata: { name }, spec } }))).status).toBe(201);
      const st = await call(
        req("PATCH", `/api/v1/namespaces/dev/pods/${name}/status`, {
          contentType: "application/merge-patch+json",
          body: { status: { phase: "Running", containerStatuses } },
        }),
      );
      expect(st.status).toBe(200);
    };
    const running = (name: string, at = STARTED) => ({
      name,
      ready: true,
      restartCount: 0,
      image: "busybox",
      imageID: "",
      state: { running: { startedAt: iso(at) } },
    });
    await pod(
      "one",
      { nodeName: "controlplane", containers: [sh("app", "echo hello; echo world; while true; do echo tick; sleep 10; done")] },
      [running("app")],
    );
    await pod(
      "two",
      {
        nodeName: "controlplane",
        initContainers: [sh("init", "true")],
        containers: [sh("a", "echo a-line; sleep 3600"), sh("b", "sleep 3600")],
      },
      [
        running("a"),
        { name: "b", ready: false, restartCount: 0, image: "busybox", imageID: "", state: { waiting: { reason: "ErrImagePull" } } },
      ],
    );
    await pod("once", { nodeName: "controlplane", containers: [sh("app", "echo one; sleep 8; echo two")] }, [running("app", NOW)]);
    expect(
      (
        await call(
          req("POST", "/api/v1/namespaces/dev/pods", {
            body: { metadata: { name: "unscheduled" }, spec: { containers: [sh("app", "sleep 1")] } },
          }),
        )
      ).status,
    ).toBe(201);
    return { call, clock, state: base.state };
  }

  it("merges the kubelet's stored lines (an nginx access-log line) into the run's lines by time", async () => {
    const { call, state } = await logCluster();
    const uid = body<KObject>(await call(req("GET", "/api/v1/namespaces/dev/pods/one"))).metadata.uid ?? "";
    // written 25 s after the start: between the second and the third tick
    state.containerLogs = {
      [`${uid}/app`]: [
        { at: STARTED + 25_000, text: "GET / 200" },
        { at: STARTED - 1000, text: "before this run" },
      ],
    };
    expect(text(await call(req("GET", "/api/v1/namespaces/dev/pods/one/log?tailLines=6")))).toBe(
      "tick\ntick\nGET / 200\ntick\ntick\ntick\n",
    );
  });

  it("answers text/plain with the kubelet's lines and options", async () => {
    const { call } = await logCluster();
    const all = await call(req("GET", "/api/v1/namespaces/dev/pods/one/log"));
    expect([all.status, !isWatch(all) && all.headers["content-type"]]).toEqual([200, "text/plain"]);
    expect(text(all)).toBe(`hello\nworld\n${"tick\n".repeat(6)}`);
    expect(text(await call(req("GET", "/api/v1/namespaces/dev/pods/one/log?tailLines=2&timestamps=true")))).toMatch(
      /^2026-11-28T09:08:1\d\.\d+Z tick\n2026-11-28T09:08:2\d\.\d+Z tick\n$/,
    );
    expect(text(await call(req("GET", "/api/v1/namespaces/dev/pods/one/log?sinceSeconds=15")))).toBe("tick\n");
    expect(text(await call(req("GET", "/api/v1/namespaces/dev/pods/one/log?limitBytes=8")))).toBe("hello\nwo");
    expect(text(await call(req("GET", "/api/v1/namespaces/dev/pods/two/log?container=a&follow=false")))).toBe("a-line\n");
    // not on a node yet: LogLocation has no location, the handler answers 204
    const none = await call(req("GET", "/api/v1/namespaces/dev/pods/unscheduled/log"));
    expect([none.status, text(none)]).toEqual([204, ""]);
  });

  it("refuses with the apiserver's and the kubelet's texts", async () => {
    const { call } = await logCluster();
    const refused = async (url: string, o: { user?: UserInfo } = {}) => {
      const r = await call(req("GET", url, o));
      const s = body<Status>(r);
      return [r.status, s.reason, s.message];
    };
    // strategy.go validateContainer: init containers first, as podutil.VisitContainers walks them
    expect(await refused("/api/v1/namespaces/dev/pods/two/log")).toEqual([
      400,
      "BadRequest",
      "a container name must be specified for pod two, choose one of: [init a b]",
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?container=nope")).toEqual([
      400,
      "BadRequest",
      "container nope is not valid for pod one",
    ]);
    // the kubelet's (kubelet_pods.go validateContainerLogStatus), passed on as BadRequest
    expect(await refused("/api/v1/namespaces/dev/pods/two/log?container=b")).toEqual([
      400,
      "BadRequest",
      'container "b" in pod "two" is waiting to start: image can\'t be pulled',
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?previous=true")).toEqual([
      400,
      "BadRequest",
      'previous terminated container "app" in pod "one" not found',
    ]);
    // ValidatePodLogOptions
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?tailLines=-1")).toEqual([
      422,
      "Invalid",
      'PodLogOptions "one" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?limitBytes=0&sinceSeconds=0")).toEqual([
      422,
      "Invalid",
      'PodLogOptions "one" is invalid: [limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: 0: must be greater than 0]',
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?sinceSeconds=5&sinceTime=2026-11-28T09:00:00Z")).toEqual([
      422,
      "Invalid",
      'PodLogOptions "one" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    ]);
    // decoding the query (runtime/conversion.go, metav1.Time)
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?tailLines=ten")).toEqual([
      400,
      "BadRequest",
      'strconv.ParseInt: parsing "ten": invalid syntax',
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/one/log?sinceTime=yesterday")).toEqual([
      400,
      "BadRequest",
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/one/log", { user: JANE })).toEqual([
      403,
      "Forbidden",
      'pods "one" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "dev"',
    ]);
    expect(await refused("/api/v1/namespaces/dev/pods/zzz/log")).toEqual([404, "NotFound", 'pods "zzz" not found']);
  });

  it("streams with follow=true: the lines so far, each later line on the cluster clock, the end with the container", async () => {
    const { call, clock } = await logCluster();
    const r = await call(req("GET", "/api/v1/namespaces/dev/pods/once/log?follow=true&timestamps=false"));
    if (!isWatch(r)) throw new Error(`not a stream: ${r.status} ${text(r)}`);
    expect(r.headers["content-type"]).toBe("text/plain");
    expect([r.watch.take(), r.watch.done]).toEqual([["one\n"], false]);
    clock.t += 5_000;
    expect([r.watch.take(), r.watch.done]).toEqual([[], false]);
    // the program's last line, and its exit: the kubelet closes the stream even before a controller records it
    clock.t += 5_000;
    expect([r.watch.take(), r.watch.done]).toEqual([["two\n"], true]);
    expect(r.watch.take()).toEqual([]);
    // a stream of an endless container stays open; one of a deleted pod ends
    const endless = await call(req("GET", "/api/v1/namespaces/dev/pods/one/log?follow=1&tailLines=1"));
    if (!isWatch(endless)) throw new Error("not a stream");
    expect(endless.watch.take()).toEqual(["tick\n"]);
    clock.t += 10_000;
    expect([endless.watch.take(), endless.watch.done]).toEqual([["tick\n"], false]);
    expect((await call(req("DELETE", "/api/v1/namespaces/dev/pods/one"))).status).toBe(200);
    expect(endless.watch.take()).toEqual([]);
    expect(endless.watch.done).toBe(true);
  });
});
