/** `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go) as a client of the request path: server Tables, or objects for -o. */
import type { ApiResponse } from "../../api/request";
import type { KList, KObject, Status, Table } from "../../api/types";
import { parseOutput, printStructured } from "../../printers/output";
import { printTable } from "../../printers/table";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { labelColumns, sortObjects, sortTable, templateOf, withLabelColumns } from "./get-options";
import { executeGoTemplate, TemplateError } from "./gotemplate";
import { listOf } from "../../printers/json";
import { type ResourceRequest, resolveArgs } from "./resolver";
import { gvrString, kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";
import { startGetWatch } from "./get-watch";

// get.go: the text printed when no resource type was given
const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/** selector.go: a list's BadRequest/NotFound gets the selectors it was asked with. */
export function listError(req: ResourceRequest, s: Status, labelSelector: string, fieldSelector: string): Status {
  if (s.reason !== "BadRequest" && s.reason !== "NotFound") return s;
  const message =
    !labelSelector && !fieldSelector
      ? `Unable to list ${JSON.stringify(gvrString(req.def))}: ${s.message ?? ""}`
      : `Unable to find ${JSON.stringify(gvrString(req.def))} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${s.message ?? ""}`;
  return { ...s, message };
}

interface Fetched {
  req: ResourceRequest;
  table?: Table;
  objects: KObject[];
}

function fetch(
  c: Client,
  req: ResourceRequest,
  asTable: boolean,
  labelSelector: string,
  fieldSelector: string,
  ignoreNotFound: boolean,
  errors: Status[],
): Fetched {
  const r = req.def.resource;
  const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
  const out: Fetched = { req, objects: [] };
  const take = (resp: ApiResponse) => {
    if (asTable) {
      const t = resp.body as Table;
      if (!out.table) out.table = { ...t, rows: [] };
      out.table.rows.push(...t.rows);
    } else if ("items" in resp.body) out.objects.push(...(resp.body as KList).items);
    else out.objects.push(resp.body as KObject);
  };
  if (req.names.length) {
    for (const name of req.names) {
      const resp = c.request({ ...base, verb: "get", name, asTable });
      if (isFailure(resp)) {
        if (!(ignoreNotFound && resp.body.reason === "NotFound")) errors.push(resp.body);
      } else take(resp);
    }
  } else {
    const resp = c.request({ ...base, verb: "list", labelSelector, fieldSelector, asTable });
    if (isFailure(resp)) errors.push(listError(req, resp.body, labelSelector, fieldSelector));
    else take(resp);
  }
  return out;
}

export function runGet(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "get", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) return errResult(NO_TYPE);
  const tmpl = templateOf(ctx, args);
  if (tmpl && "error" in tmpl) return errResult(tmpl.error);
  const fmt = tmpl ? { kind: "yaml" as const } : parseOutput(flag(args, "output"));
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  if ("error" in fmt) return errResult(fmt.error);
  const sortBy = flag(args, "sort-by") ?? "";
  const all = boolFlag(args, "all-namespaces");
  const resolved = resolveArgs(c, args.operands, { allNamespaces: all, files, verb: "get" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const requests = resolved.requests;
  if (all && requests.some((r) => r.names.length && r.def.resource.namespaced) && !files.length)
    return errResult("error: a resource cannot be retrieved by name across all namespaces\n");
  const labelSelector = flag(args, "selector") ?? "";
  const fieldSelector = flag(args, "field-selector") ?? "";
  if (labelSelector && requests.some((r) => r.names.length) && !files.length)
    return errResult("error: name cannot be provided when a selector is specified\n");
  if (boolFlag(args, "watch") || boolFlag(args, "watch-only")) return startGetWatch(ctx, c, args, requests);
  const ignoreNotFound = boolFlag(args, "ignore-not-found");
  const table = fmt.kind === "table";
  const errors: Status[] = [];
  const fetched = requests.map((r) => fetch(c, r, table, labelSelector, fieldSelector, ignoreNotFound, errors));
  if (sortBy) {
    for (const f of fetched) {
      // the table's rows follow their objects' order under --sort-by (kubectl asks for includeObject=Object)
      const objects = table ? fetch(c, f.req, false, labelSelector, fieldSelector, ignoreNotFound, []).objects : f.objects;
      const sorted = table && f.table ? sortTable(f.table, objects, sortBy) : sortObjects(objects, sortBy);
      if (typeof sorted === "string") return errResult(sorted);
      if ("rows" in sorted) f.table = sorted;
      else f.objects = sorted;
    }
  }
  let stdout = "";
  const errText = () => errors.map((e) => statusText(e)).join("");
  if (table) {
    const withRows = fetched.filter((f) => f.table && f.table.rows.length);
    const kinds = new Set(fetched.map((f) => f.req.def));
    const multi = kinds.size > 1;
    withRows.forEach((f, i) => {
      if (i > 0 && !boolFlag(args, "no-headers")) stdout += "\n";
      stdout += printTable(withLabelColumns(f.table as Table, labelColumns(args)), {
        wide: fmt.wide,
        withNamespace: all && f.req.def.resource.namespaced,
        showLabels: boolFlag(args, "show-labels"),
        noHeaders: boolFlag(args, "no-headers"),
        ...(multi || boolFlag(args, "show-kind") ? { kindPrefix: kindPrefix(f.req.def) } : {}),
      });
    });
    let stderr = errText();
    if (!withRows.length && !errors.length && !ignoreNotFound) {
      const allNamespaced = requests.every((r) => r.def.resource.namespaced);
      stderr = allNamespaced && !all ? `No resources found in ${c.namespace} namespace.\n` : "No resources found\n";
      return { stdout, stderr, exitCode: 0 };
    }
    return { stdout, stderr, exitCode: errors.length ? 1 : 0 };
  }
  const objects = fetched.flatMap((f) => f.objects);
  const single = requests.length === 1 && requests[0].names.length === 1;
  if (tmpl) {
    if (single && !objects.length) return { stdout, stderr: errText(), exitCode: errors.length ? 1 : 0 };
    try {
      stdout += executeGoTemplate(tmpl.template, single && objects.length === 1 ? objects[0] : listOf(objects));
    } catch (e) {
      if (e instanceof TemplateError)
        return { stdout, stderr: errText() + `error: error parsing template ${tmpl.template}, ${e.message}\n`, exitCode: 1 };
      throw e;
    }
    return { stdout, stderr: errText(), exitCode: errors.length ? 1 : 0 };
  }
  if (objects.length || fmt.kind !== "name") {
    const out = printStructured(fmt, objects, single && objects.length === 1, (o) => {
      const def = c.api.kindOf(String(o.apiVersion), String(o.kind));
      return def ? kindPrefix(def) : String(o.kind).toLowerCase();
    });
    if (out.stderr) return { stdout, stderr: errText() + out.stderr, exitCode: 1 };
    if (!(single && !objects.length)) stdout += out.stdout;
  }
  return { stdout, stderr: errText(), exitCode: errors.length ? 1 : 0 };
}
