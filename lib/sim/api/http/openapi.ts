/**
 * A minimal OpenAPI v3 for what kubectl v1.32 reads from it, generated from the kinds:
 * - /openapi/v3: the index of group/version documents (handler3.OpenAPIV3Discovery);
 * - /openapi/v3/api/v1, /openapi/v3/apis/<g>/<v>: for each resource, the PATCH operation with its
 *   x-kubernetes-group-version-kind and the `fieldValidation` query parameter. cli-runtime's
 *   queryParamVerifierV3 reads exactly that to send fieldValidation=Strict on create, apply,
 *   replace and patch instead of validating client-side against /openapi/v2.
 *   Each {name} path also has its GET operation with the same x-kubernetes-group-version-kind,
 *   and components.schemas holds the served kinds' v1.32 schemas and everything they reference
 *   (lib/generated/openapi, derived at install time by scripts/gen-openapi.mjs): what
 *   `kubectl explain` renders (explain/v2/templates/plaintext.tmpl finds the GVK on those paths,
 *   then the schema carrying it).
 * The PATCH operations carry no requestBody. So `kubectl apply` finds no strategic-merge-patch
 * request body for the kind (patcher.go gvkSupportsPatchOpenAPIV3), fails to fetch /openapi/v2
 * (404, ignored) and computes its patch from its built-in Go types, as it does for every
 * built-in kind whose schema it cannot load. Do not add request bodies: apply would then build
 * its patches from these derived schemas instead.
 * - /openapi/v2: an empty protobuf Document (swagger "2.0" and info only). kubectl reads it when
 *   the v3 documents do not know a kind (a manifest of a kind the cluster does not serve): with no
 *   definition for the kind it skips client-side validation and reports the missing mapping, as
 *   against a real cluster; a 404 there would make it fail validation instead.
 */
import { createHash } from "node:crypto";
import type { KindDef } from "../../kinds/types";
import { closure, groupVersionSchemas, kindDefinition } from "../openapi-schemas";
import { groupVersions } from "./discovery";
import type { VersionInfo } from "./types";

const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

const FIELD_VALIDATION = {
  name: "fieldValidation",
  in: "query",
  description:
    "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.",
  schema: { type: "string", uniqueItems: true },
};

/** The documents are large (the core group's is ~300 KB): built once per kind list and version. */
const documents = new WeakMap<readonly KindDef[], Map<string, object | undefined>>();

/** The group/version document, or undefined when the group/version is not served. */
export function openapiGroupVersion(kinds: readonly KindDef[], group: string, version: string, info: VersionInfo): object | undefined {
  let byKey = documents.get(kinds);
  if (!byKey) {
    byKey = new Map<string, object | undefined>();
    documents.set(kinds, byKey);
  }
  const key = `${group}/${version}/${info.gitVersion}`;
  if (!byKey.has(key)) byKey.set(key, buildGroupVersion(kinds, group, version, info));
  return byKey.get(key);
}

function buildGroupVersion(kinds: readonly KindDef[], group: string, version: string, info: VersionInfo): object | undefined {
  const gv = groupVersions(kinds).find((x) => x.group === group && x.version === version);
  if (!gv) return undefined;
  const all = groupVersionSchemas(group, version);
  const roots: string[] = [];
  const paths: Record<string, object> = {};
  for (const k of gv.kinds) {
    const r = k.resource;
    const gvk = { group, version, kind: r.kind };
    const def = all && kindDefinition(all, group, version, r.kind);
    if (def) roots.push(def);
    const collection = r.namespaced
      ? `/${gvPath(group, version)}/namespaces/{namespace}/${r.resource}`
      : `/${gvPath(group, version)}/${r.resource}`;
    const ops: Record<string, object> = {};
    if (r.verbs.includes("get"))
      ops.get = {
        description: `read the specified ${r.kind}`,
        operationId: `read${r.kind}`,
        "x-kubernetes-action": "get",
        "x-kubernetes-group-version-kind": gvk,
      };
    if (r.verbs.includes("patch"))
      ops.patch = {
        description: `partially update the specified ${r.kind}`,
        operationId: `patch${r.kind}`,
        parameters: [FIELD_VALIDATION],
        "x-kubernetes-action": "patch",
        "x-kubernetes-group-version-kind": gvk,
      };
    if (Object.keys(ops).length) paths[`${collection}/{name}`] = ops;
  }
  const schemas = all ? closure(all, roots) : {};
  return { openapi: "3.0.0", info: { title: "Kubernetes", version: info.gitVersion }, paths, components: { schemas } };
}

/** sha512 of the document, upper-case hex, as the apiserver's ?hash= etags are. */
export function documentHash(doc: object): string {
  let h = hashes.get(doc);
  if (!h) hashes.set(doc, (h = createHash("sha512").update(documentText(doc)).digest("hex").toUpperCase()));
  return h;
}

const hashes = new WeakMap<object, string>();
const texts = new WeakMap<object, string>();

/** The document as JSON, serialized once (the core group's is ~300 KB). */
export function documentText(doc: object): string {
  let t = texts.get(doc);
  if (t === undefined) texts.set(doc, (t = JSON.stringify(doc)));
  return t;
}

/**
 * A group/version document's answer as kube-openapi's handler3 HandleGroupVersion writes it: an
 * Etag (the hash, quoted); with ?hash=, a redirect when the hash is stale, else caching headers that
 * let kubectl's HTTP cache (~/.kube/cache/http) keep the document for a year instead of fetching
 * it again on every apply; 304 for a matching If-None-Match (http.ServeContent).
 */
export function groupVersionResponse(
  doc: object,
  group: string,
  version: string,
  query: string,
  ifNoneMatch: string | undefined,
  now: number,
): { status: number; headers: Record<string, string>; body: string } {
  const etag = documentHash(doc);
  const headers: Record<string, string> = { vary: "Accept", etag: JSON.stringify(etag) };
  const hash = new URLSearchParams(query).get("hash");
  if (hash) {
    if (hash !== etag) return { status: 301, headers: { location: `/openapi/v3/${gvPath(group, version)}?hash=${etag}` }, body: "" };
    headers["cache-control"] = "public, immutable";
    // time.Now().AddDate(1, 0, 0).Format(time.RFC1123), on a server whose zone is UTC
    const expires = new Date(now);
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    headers.expires = expires.toUTCString().replace(/GMT$/, "UTC");
  }
  if (ifNoneMatch === headers.etag) return { status: 304, headers, body: "" };
  return { status: 200, headers: { "content-type": "application/json", ...headers }, body: documentText(doc) };
}

/** /openapi/v3: where each group/version document is. */
export function openapiIndex(kinds: readonly KindDef[], info: VersionInfo): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions(kinds)) {
    const doc = openapiGroupVersion(kinds, gv.group, gv.version, info);
    if (!doc) continue;
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${documentHash(doc)}` };
  }
  return { paths };
}

/**
 * The media type of the protobuf document as kube-openapi's handler labels it (kubectl asks for
 * "...spec.v2@v1.0+protobuf", but Go's mime parser rejects the "@" in a Content-Type).
 */
export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

function field(num: number, payload: Uint8Array): Uint8Array {
  if (payload.length > 127) throw new Error("openapi v2: field too long for this encoder");
  return Uint8Array.from([(num << 3) | 2, payload.length, ...payload]);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** openapi_v2.Document (gnostic) with swagger = "2.0" (field 1) and info {title, version} (field 2), nothing else. */
export function openapiV2Document(info: VersionInfo): Uint8Array {
  const infoMsg = Uint8Array.from([...field(1, utf8("Kubernetes")), ...field(2, utf8(info.gitVersion))]);
  return Uint8Array.from([...field(1, utf8("2.0")), ...field(2, infoMsg)]);
}
