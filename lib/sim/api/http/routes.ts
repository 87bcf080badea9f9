/**
 * The apiserver's URL layout (staging/src/k8s.io/apiserver/pkg/endpoints/installer.go and
 * pkg/controlplane): discovery under /api and /apis, /version, /openapi/v2 and /openapi/v3, the
 * health endpoints, and resource paths
 *   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 *   /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 * (/api/v1/namespaces/{name}[/status|/finalize] is the Namespace object itself).
 */

export type Route =
  | { kind: "root" }
  | { kind: "version" }
  | { kind: "health"; name: "healthz" | "livez" | "readyz" }
  | { kind: "core-versions" }
  | { kind: "groups" }
  | { kind: "group"; group: string }
  | { kind: "resource-list"; group: string; version: string }
  | { kind: "openapi-v2" }
  | { kind: "openapi-v3" }
  | { kind: "openapi-v3-gv"; group: string; version: string }
  | { kind: "resource"; group: string; version: string; resource: string; namespace?: string; name?: string; subresource?: string }
  | { kind: "not-found" };

function segments(path: string): string[] | undefined {
  try {
    return path
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** The resource part after /api/v1 or /apis/{g}/{v}. */
function resourceRoute(group: string, version: string, rest: string[]): Route {
  if (rest.length === 0) return { kind: "resource-list", group, version };
  let namespace: string | undefined;
  let tail = rest;
  // namespaces/{ns}/{resource}... addresses a namespaced collection; namespaces/{name}[/status|/finalize] the Namespace
  if (
    group === "" &&
    rest[0] === "namespaces" &&
    rest.length >= 3 &&
    !(rest.length === 3 && (rest[2] === "status" || rest[2] === "finalize"))
  ) {
    namespace = rest[1];
    tail = rest.slice(2);
  } else if (group !== "" && rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1];
    tail = rest.slice(2);
  }
  if (tail.length > 3) return { kind: "not-found" };
  const [resource, name, subresource] = tail;
  return {
    kind: "resource",
    group,
    version,
    resource,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

export function route(path: string): Route {
  const s = segments(path);
  if (!s) return { kind: "not-found" };
  if (s.length === 0) return { kind: "root" };
  const [a, b, c, ...rest] = s;
  switch (a) {
    case "version":
      return s.length === 1 ? { kind: "version" } : { kind: "not-found" };
    case "healthz":
    case "livez":
    case "readyz":
      return s.length === 1 ? { kind: "health", name: a } : { kind: "not-found" };
    case "openapi":
      if (b === "v2" && s.length === 2) return { kind: "openapi-v2" };
      if (b === "v3" && s.length === 2) return { kind: "openapi-v3" };
      if (b === "v3" && c === "api" && s.length === 4 && s[3] === "v1") return { kind: "openapi-v3-gv", group: "", version: "v1" };
      if (b === "v3" && c === "apis" && s.length === 5) return { kind: "openapi-v3-gv", group: s[3], version: s[4] };
      return { kind: "not-found" };
    case "api":
      if (s.length === 1) return { kind: "core-versions" };
      if (b !== "v1") return { kind: "not-found" };
      return resourceRoute("", "v1", s.slice(2));
    case "apis":
      if (s.length === 1) return { kind: "groups" };
      if (s.length === 2) return { kind: "group", group: b };
      return resourceRoute(b, c, rest);
    default:
      return { kind: "not-found" };
  }
}
