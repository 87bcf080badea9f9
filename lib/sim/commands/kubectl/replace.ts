/** `kubectl replace -f FILE [--force]` (staging/src/k8s.io/kubectl/pkg/cmd/replace/replace.go): a PUT of each object; --force deletes and re-creates. */
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, statusText } from "./client";
import { dryRunMode } from "./delete";
import { boolFlag, flag } from "./flags";
import { resolveArgs } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

export async function runReplace(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "replace", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!files.length) return errResult("error: must specify one of -f and -k\n");
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, args.operands, { allNamespaces: false, files, verb: "replace" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const force = boolFlag(args, "force");
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  let stdout = "";
  let stderr = dry.warning;
  let failed = false;
  for (const req of resolved.requests) {
    const r = req.def.resource;
    const name = req.names[0];
    const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
    const obj = structuredClone((req.docs ?? [])[0]) as unknown as KObject;
    const source = { verb: "replacing", file: req.source ?? "" };
    if (dry.mode === "client") {
      stdout += `${kindPrefix(req.def)}/${name} replaced${suffix}\n`;
      continue;
    }
    if (force) {
      const del = c.request({ ...base, verb: "delete", name, dryRun: dry.mode === "server" });
      if (isFailure(del) && del.body.reason !== "NotFound") {
        stderr += statusText(del.body, source);
        failed = true;
        continue;
      }
      if (!isFailure(del)) stdout += `${kindPrefix(req.def)} "${name}" deleted\n`;
      await settle(ctx);
      const created = c.request({ ...base, verb: "create", body: obj, dryRun: dry.mode === "server" });
      if (isFailure(created)) {
        stderr += statusText(created.body, created.body.reason === "Invalid" ? undefined : source);
        failed = true;
        continue;
      }
      stdout += `${kindPrefix(req.def)}/${name} replaced${suffix}\n`;
      continue;
    }
    const resp = c.request({ ...base, verb: "update", name, body: obj, dryRun: dry.mode === "server" });
    if (isFailure(resp)) {
      stderr += statusText(resp.body, resp.body.reason === "Invalid" ? undefined : source);
      failed = true;
      continue;
    }
    stdout += `${kindPrefix(req.def)}/${name} replaced${suffix}\n`;
  }
  if (dry.mode === "none") await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}
