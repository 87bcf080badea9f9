/**
 * `kubectl label` and `kubectl annotate` (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go,
 * annotate/annotate.go): KEY=VAL and KEY- after the resources, --overwrite, --all, -l, -A, --list,
 * --dry-run and -o. Each object is read, changed locally, and (when it changed) sent as a JSON merge
 * patch of metadata.labels/annotations through the request path, as kubectl's two-way merge patch is.
 */
import type { KList, KObject, Status } from "../../api/types";
import { isValidLabelValue } from "../../kinds/_shared/names";
import { parseOutput, printStructured } from "../../printers/output";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, openClient, statusText } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag, type ParsedArgs } from "./flags";
import { resolveArgs, type ResourceRequest } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

type Verb = "label" | "annotate";
const WORDS = {
  label: { noun: "label", field: "labels", done: "labeled" },
  annotate: { noun: "annotation", field: "annotations", done: "annotated" },
} as const;

interface Changes {
  set: Record<string, string>;
  remove: string[];
}

/** GetResourcesAndPairs, then parseLabels / parseAnnotations. */
function splitArgs(verb: Verb, operands: string[]): { resources: string[]; changes: Changes } | string {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of operands) {
    if (a.includes("=") || a.endsWith("-")) pairs.push(a);
    else if (pairs.length) return `all resources must be specified before ${WORDS[verb].noun} changes: ${a}`;
    else resources.push(a);
  }
  const changes: Changes = { set: {}, remove: [] };
  const invalid: string[] = [];
  for (const p of pairs) {
    if (verb === "label" && p.includes("=")) {
      // label.go parseLabels: exactly one "=", and a valid label value
      const parts = p.split("=");
      if (parts.length !== 2) return `invalid label spec: ${p}`;
      const errs = isValidLabelValue(parts[1]);
      if (errs.length) return `invalid label value: "${p}": ${errs.join(";")}`;
      changes.set[parts[0]] = parts[1];
    } else if (verb === "annotate" && p.includes("=") && !p.startsWith("=")) {
      // cmdutil.ParsePairs
      const eq = p.indexOf("=");
      changes.set[p.slice(0, eq)] = p.slice(eq + 1);
    } else if (p.endsWith("-") && p !== "-") changes.remove.push(p.slice(0, -1));
    else if (verb === "label") return `unknown label spec: ${p}`;
    else invalid.push(p);
  }
  if (invalid.length) return `invalid annotation format: ${invalid.join(", ")}`;
  const both = changes.remove.filter((k) => k in changes.set);
  if (both.length)
    return verb === "label"
      ? "can not both modify and remove a label in the same command"
      : `can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`;
  return { resources, changes };
}

/** The objects named, or listed with --all / -l. */
function objectsOf(c: Client, req: ResourceRequest, selector: string, all: boolean): { objects: KObject[]; error?: Status } | string {
  const r = req.def.resource;
  const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
  if (req.docs?.length) return { objects: req.docs.map((d) => d as unknown as KObject) };
  if (req.names.length) {
    const objects: KObject[] = [];
    for (const name of req.names) {
      const got = c.request({ ...base, verb: "get", name });
      if (isFailure(got)) return { objects, error: got.body };
      objects.push(got.body as KObject);
    }
    return { objects };
  }
  if (!all && !selector) return "resource(s) were provided, but no name was specified";
  const listed = c.request({ ...base, verb: "list", labelSelector: selector });
  if (isFailure(listed)) return { objects: [], error: listed.body };
  return { objects: (listed.body as KList).items };
}

/** labelFunc / updateAnnotations: the new map, or the --overwrite error (only for a value that would change). */
function apply(verb: Verb, o: KObject, ch: Changes, overwrite: boolean): Record<string, string> | string {
  const current: Record<string, string> = { ...((verb === "label" ? o.metadata.labels : o.metadata.annotations) ?? {}) };
  if (!overwrite) {
    const taken = Object.keys(ch.set).filter((k) => k in current && current[k] !== ch.set[k] && k !== "kubernetes.io/change-cause");
    if (verb === "label" && taken.length) return `'${taken[0]}' already has a value (${current[taken[0]]}), and --overwrite is false`;
    if (verb === "annotate" && taken.length)
      return `--overwrite is false but found the following declared annotation(s): ${taken.map((k) => `'${k}' already has a value (${current[k]})`).join("; ")}`;
  }
  const next = { ...current, ...ch.set };
  for (const k of ch.remove) delete next[k];
  return next;
}

/** label.go updateDataChangeMsg. */
function labelMessage(old: Record<string, string>, next: Record<string, string>): string {
  const unlabeled = Object.keys(old).some((k) => !(k in next));
  const labeled = Object.keys(old).some((k) => k in next && next[k] !== old[k]) || Object.keys(next).some((k) => !(k in old));
  if (labeled && unlabeled) return "label(s) changed";
  return labeled ? "labeled" : unlabeled ? "unlabeled" : "not labeled";
}

export async function runLabel(ctx: CommandContext, argv: string[], verb: Verb = "label"): Promise<ExecResult> {
  const args = parseVerb(ctx, verb, argv);
  if (isResult(args)) return args;
  return labelOrAnnotate(ctx, verb, args);
}

export function runAnnotate(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  return runLabel(ctx, argv, "annotate");
}

async function labelOrAnnotate(ctx: CommandContext, verb: Verb, args: ParsedArgs): Promise<ExecResult> {
  const w = WORDS[verb];
  const split = splitArgs(verb, args.operands);
  if (typeof split === "string") return errResult(`error: ${split}\n`);
  const files = args.flags.get("filename") ?? [];
  const all = boolFlag(args, "all");
  const selector = flag(args, "selector") ?? "";
  const list = boolFlag(args, "list");
  if (all && selector) return errResult("error: cannot set --all and --selector at the same time\n");
  if (!split.resources.length && !files.length)
    return errResult("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  const ch = split.changes;
  if (!Object.keys(ch.set).length && !ch.remove.length && !list) return errResult(`error: at least one ${w.noun} update is required\n`);
  if (list && flag(args, "output")) return errResult("error: --list and --output may not be specified together\n");
  const fmt = parseOutput(flag(args, "output"));
  if ("error" in fmt) return errResult(fmt.error);
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, split.resources, { allNamespaces: boolFlag(args, "all-namespaces"), files, verb });
  if (!resolved.ok) return errResult(resolved.stderr);
  if (selector && resolved.requests.some((r) => r.names.length) && !files.length)
    return errResult("error: name cannot be provided when a selector is specified\n");
  const out = { stdout: "" };
  let stderr = dry.warning;
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  const overwrite = boolFlag(args, "overwrite");
  const many = resolved.requests.reduce((n, r) => n + Math.max(1, r.names.length), 0) > 1;
  for (const req of resolved.requests) {
    const found = objectsOf(c, req, selector, all);
    if (typeof found === "string") return errResult(`error: ${found}\n`, 1);
    for (const o of found.objects) {
      const prefix = kindPrefix(req.def);
      if (list) {
        const m = (verb === "label" ? o.metadata.labels : o.metadata.annotations) ?? {};
        const indent = many ? " " : "";
        if (many) out.stdout += `Listing ${w.field} for ${o.kind}.${req.def.resource.group}/${o.metadata.name}:\n`;
        for (const [k, v] of Object.entries(m)) out.stdout += `${indent}${k}=${v}\n`;
        continue;
      }
      const old = (verb === "label" ? o.metadata.labels : o.metadata.annotations) ?? {};
      if (verb === "label" && dry.mode !== "client") {
        for (const k of ch.remove) if (!(k in old)) out.stdout += `label "${k}" not found.\n`;
      }
      const next = apply(verb, o, ch, overwrite);
      if (typeof next === "string") return { stdout: out.stdout, stderr: stderr + `error: ${next}\n`, exitCode: 1 };
      const sorted = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const changed = sorted(old) !== sorted(next);
      // label prints its own copy of the object (label.go: printer.PrintObj(info.Object)); annotate the server's answer
      let result: KObject = { ...o, metadata: { ...o.metadata, [w.field]: next } };
      if (changed && dry.mode !== "client") {
        const removed = Object.fromEntries(
          Object.keys(old)
            .filter((k) => !(k in next))
            .map((k) => [k, null]),
        );
        const r = req.def.resource;
        const resp = c.request({
          verb: "patch",
          group: r.group,
          version: r.version,
          resource: r.resource,
          namespace: o.metadata.namespace,
          name: o.metadata.name,
          patchType: "merge",
          body: { metadata: { [w.field]: { ...removed, ...next } } },
          dryRun: dry.mode === "server",
        });
        if (isFailure(resp)) {
          stderr += statusText(resp.body);
          return { stdout: out.stdout, stderr, exitCode: 1 };
        }
        if (verb === "annotate") result = resp.body as KObject;
      }
      if (fmt.kind !== "table") {
        out.stdout += printStructured(fmt, [result], true, () => prefix).stdout;
        continue;
      }
      const msg = verb === "annotate" ? w.done : labelMessage(old, next);
      out.stdout += `${prefix}/${o.metadata.name} ${msg}${suffix}\n`;
    }
    if (found.error) {
      stderr += statusText(found.error);
      return { stdout: out.stdout, stderr, exitCode: 1 };
    }
  }
  if (dry.mode === "none" && !list) await settle(ctx);
  return { stdout: out.stdout, stderr, exitCode: 0 };
}
