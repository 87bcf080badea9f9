/**
 * The objects `kubectl set selector` and `set subject` visit: cli-runtime's resource.Builder with
 * LocalParam (--local: the -f manifests themselves, no server), FilenameParam (-f: each manifest's
 * object, read from the server), ResourceTypeOrNameArgs (TYPE NAME, TYPE/NAME, TYPE with --all)
 * and LabelSelectorParam (-l). Each target keeps whether it came from the server, because
 * Info.ObjectName() names a mapped object by its resource ("services/web") and a local one by its
 * lower-case kind ("service/web", staging/src/k8s.io/cli-runtime/pkg/resource/interfaces.go).
 */
import type { KList, KObject } from "../../api/types";
import type { KindDef } from "../../kinds/types";
import { type Client, isFailure, NO_RESOURCES, statusText } from "./client";
import { resolveArgs } from "./resolver";

export interface SetTarget {
  def: KindDef;
  obj: KObject;
  local: boolean;
}

export type SetTargets = { ok: true; targets: SetTarget[] } | { ok: false; stderr: string };

// cli-runtime resource/builder.go LocalResourceError
const LOCAL_RESOURCE_ERROR = `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
`;

export interface TargetOptions {
  refs: string[];
  files: string[];
  local: boolean;
  all: boolean;
  selector: string;
  verb: string;
}

/** Info.ObjectName(): "services/web" for a mapped object, "service/web" or "rolebinding.rbac.authorization.k8s.io/x" for a local one. */
export function objectName(t: SetTarget): string {
  const r = t.def.resource;
  if (!t.local) return `${r.resource}/${t.obj.metadata.name}`;
  return `${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ""}/${t.obj.metadata.name}`;
}

export function loadSetTargets(c: Client, o: TargetOptions): SetTargets {
  if (o.local && o.refs.length) return { ok: false, stderr: LOCAL_RESOURCE_ERROR };
  if (!o.refs.length && !o.files.length) return { ok: false, stderr: NO_RESOURCES };
  const resolved = resolveArgs(c, o.refs, { allNamespaces: false, files: o.files, verb: o.verb });
  if (!resolved.ok) return resolved;
  const targets: SetTarget[] = [];
  for (const req of resolved.requests) {
    const r = req.def.resource;
    const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
    if (o.local) {
      for (const d of req.docs ?? []) targets.push({ def: req.def, obj: structuredClone(d) as unknown as KObject, local: true });
      continue;
    }
    if (req.names.length) {
      for (const name of req.names) {
        const got = c.request({ ...base, verb: "get", name });
        if (isFailure(got)) return { ok: false, stderr: statusText(got.body) };
        targets.push({ def: req.def, obj: got.body as KObject, local: false });
      }
      continue;
    }
    if (!o.all && !o.selector) return { ok: false, stderr: "error: resource(s) were provided, but no name was specified\n" };
    const listed = c.request({ ...base, verb: "list", labelSelector: o.selector });
    if (isFailure(listed)) return { ok: false, stderr: statusText(listed.body) };
    for (const item of (listed.body as KList).items)
      targets.push({ def: req.def, obj: { ...item, apiVersion: listed.body.apiVersion ?? "", kind: r.kind }, local: false });
  }
  return { ok: true, targets };
}
