/**
 * The resource arguments get, describe and delete share (cli-runtime's resource.Builder:
 * ResourceTypeOrNameArgs, FilenameParam, LabelSelectorParam, SelectAllParam): TYPE [NAME...],
 * TYPE/NAME..., TYPE1,TYPE2 [NAME...], `all`, -l, --all and -f FILE. Each request names one kind
 * and either some names or a list (with the selector).
 */
import type { KindDef } from "../../kinds/types";
import type { Client } from "./client";
import type { Doc } from "./manifest";
import { loadSources } from "./manifest";
import { category, resolveResource } from "./resources";

export interface ResourceRequest {
  def: KindDef;
  /** undefined: all namespaces (or a cluster-scoped kind) */
  namespace: string | undefined;
  /** empty: list */
  names: string[];
  /** the -f source of these names */
  source?: string;
  /** the manifest's objects, for -f */
  docs?: Doc[];
}

export type Resolved = { ok: true; requests: ResourceRequest[] } | { ok: false; stderr: string };

const fail = (stderr: string): Resolved => ({ ok: false, stderr });

export interface ResolveOptions {
  allNamespaces: boolean;
  files: string[];
  /** the verb, for "kubectl get" in the resource/name hint */
  verb: string;
}

function expandType(c: Client, t: string): KindDef[] | string {
  if (t === "all") return category(c.api, "all");
  const def = resolveResource(c.api, t);
  return def ? [def] : t;
}

export function resolveArgs(c: Client, operands: string[], o: ResolveOptions): Resolved {
  const nsFor = (def: KindDef, explicit?: string) =>
    def.resource.namespaced ? (o.allNamespaces ? undefined : explicit || c.namespace) : undefined;
  if (o.files.length) {
    if (operands.length)
      return fail("error: Unexpected args: [" + operands.join(" ") + "]\nSee 'kubectl " + o.verb + " -h' for help and examples\n");
    const sources = loadSources(c.ctx, o.files);
    if ("error" in sources) return fail(sources.error);
    const requests: ResourceRequest[] = [];
    for (const src of sources) {
      for (const d of src.docs) {
        const kind = String(d.kind);
        const apiVersion = String(d.apiVersion);
        const def = c.api.kindOf(apiVersion, kind);
        const meta = (d.metadata ?? {}) as { name?: string; namespace?: string };
        if (!def) {
          return fail(
            `error: resource mapping not found for name: "${meta.name ?? ""}" namespace: "${meta.namespace ?? ""}" from "${src.file}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`,
          );
        }
        requests.push({
          def,
          namespace: def.resource.namespaced ? meta.namespace || c.namespace : undefined,
          names: [meta.name ?? ""],
          source: src.file,
          docs: [d],
        });
      }
    }
    return { ok: true, requests };
  }
  const slashed = operands.filter((a) => a.includes("/")).length;
  if (slashed > 0) {
    if (slashed < operands.length) {
      return fail(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
      );
    }
    const requests: ResourceRequest[] = [];
    for (const a of operands) {
      const i = a.indexOf("/");
      const [t, n] = [a.slice(0, i), a.slice(i + 1)];
      if (!t || !n) return fail("error: arguments in resource/name form must have a single resource and name\n");
      const defs = expandType(c, t);
      if (typeof defs === "string") return fail(`error: the server doesn't have a resource type "${defs}"\n`);
      for (const def of defs) {
        const last = requests[requests.length - 1];
        if (last && last.def === def) last.names.push(n);
        else requests.push({ def, namespace: nsFor(def), names: [n] });
      }
    }
    return { ok: true, requests };
  }
  const [types, ...names] = operands;
  const requests: ResourceRequest[] = [];
  for (const t of types.split(",")) {
    if (!t) continue;
    const defs = expandType(c, t);
    if (typeof defs === "string") return fail(`error: the server doesn't have a resource type "${defs}"\n`);
    for (const def of defs) if (!requests.some((r) => r.def === def)) requests.push({ def, namespace: nsFor(def), names: [...names] });
  }
  return { ok: true, requests };
}
