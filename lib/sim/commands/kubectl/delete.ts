/**
 * `kubectl delete` (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go): names, TYPE/NAME, -f,
 * -l, --all (-A), --cascade=background|foreground|orphan, --dry-run=client|server,
 * --ignore-not-found; with --wait (the default) it returns once the controllers have finished
 * the deletion (a namespace's content, foreground dependents).
 */
import type { KList, KObject, Status } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, NO_RESOURCES, openClient, statusText } from "./client";
import { boolFlag, flag } from "./flags";
import { listError } from "./get";
import { resolveArgs } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

// delete.go: no resources given
type Policy = "Background" | "Foreground" | "Orphan";

/** --cascade: background (default, and "true"), foreground, orphan ("false"); anything else is an error. */
function cascade(v: string | undefined): { policy: Policy; warning: string } | { error: string } {
  switch (v ?? "background") {
    case "background":
      return { policy: "Background", warning: "" };
    case "true":
      return {
        policy: "Background",
        warning: "warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n",
      };
    case "foreground":
      return { policy: "Foreground", warning: "" };
    case "orphan":
      return { policy: "Orphan", warning: "" };
    case "false":
      return {
        policy: "Orphan",
        warning: "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n",
      };
    default:
      return { error: `error: invalid cascade value (${v ?? ""}). Must be "background", "foreground", or "orphan"\n` };
  }
}

/** --dry-run: none, client, server ("" means client, with kubectl's deprecation warning). */
export function dryRunMode(v: string | undefined): { mode: "none" | "client" | "server"; warning: string } | { error: string } {
  if (v === undefined || v === "none" || v === "false") return { mode: "none", warning: "" };
  if (v === "client" || v === "server") return { mode: v, warning: "" };
  if (v === "true" || v === "")
    return { mode: "client", warning: `W1128 --dry-run is deprecated and can be replaced with --dry-run=client.\n` };
  return { error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".\n` };
}

export async function runDelete(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "delete", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  const allFlag = boolFlag(args, "all");
  const labelSelector = flag(args, "selector") ?? "";
  if (!args.operands.length && !files.length) return errResult(NO_RESOURCES);
  const casc = cascade(flag(args, "cascade"));
  if ("error" in casc) return errResult(casc.error);
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const allNs = boolFlag(args, "all-namespaces");
  const resolved = resolveArgs(c, args.operands, { allNamespaces: allNs, files, verb: "delete" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const requests = resolved.requests;
  const named = requests.some((r) => r.names.length);
  if (allFlag && labelSelector) return errResult("error: cannot set --all and --selector at the same time\n");
  if (!named && !allFlag && !labelSelector && !files.length)
    return errResult("error: resource(s) were provided, but no name was specified\n");
  let stdout = "";
  let stderr = casc.warning + dry.warning;
  let failed = false;
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  const ignoreNotFound = boolFlag(args, "ignore-not-found") || (allFlag && !named);
  let deletedAny = false;
  for (const req of requests) {
    const r = req.def.resource;
    const base = { group: r.group, version: r.version, resource: r.resource };
    let targets: { name: string; namespace?: string }[] = req.names.map((name) => ({ name, namespace: req.namespace }));
    if (!req.names.length) {
      const resp = c.request({ ...base, namespace: req.namespace, verb: "list", labelSelector });
      if (isFailure(resp)) {
        stderr += statusText(listError(req, resp.body, labelSelector, ""));
        failed = true;
        continue;
      }
      targets = (resp.body as KList).items.map((o: KObject) => ({ name: o.metadata.name, namespace: o.metadata.namespace }));
    }
    for (const t of targets) {
      if (dry.mode === "client") {
        const got = c.request({ ...base, namespace: t.namespace, verb: "get", name: t.name });
        if (isFailure(got)) {
          if (!(ignoreNotFound && got.body.reason === "NotFound")) {
            stderr += statusText(got.body, req.source ? { verb: "deleting", file: req.source } : undefined);
            failed = true;
          }
          continue;
        }
        stdout += `${kindPrefix(req.def)} "${t.name}" deleted${suffix}\n`;
        continue;
      }
      const resp = c.request({
        ...base,
        namespace: t.namespace,
        verb: "delete",
        name: t.name,
        propagationPolicy: casc.policy,
        dryRun: dry.mode === "server",
      });
      if (isFailure(resp)) {
        const s: Status = resp.body;
        if (ignoreNotFound && s.reason === "NotFound") continue;
        stderr += statusText(s, req.source ? { verb: "deleting", file: req.source } : undefined);
        failed = true;
        continue;
      }
      deletedAny = true;
      stdout += `${kindPrefix(req.def)} "${t.name}" deleted${suffix}\n`;
    }
  }
  // delete.go prints this on stdout when a list matched nothing
  if (!deletedAny && !failed && !named && !stdout) stdout += "No resources found\n";
  // --wait (default true): the deletion finishes before kubectl returns
  if (deletedAny && (flag(args, "wait") ?? "true") !== "false") await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}
