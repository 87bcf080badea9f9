/**
 * `kubectl patch` (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go): TYPE NAME or TYPE/NAME or
 * -f, -p/--patch-file, --type strategic|merge|json, --subresource, --dry-run; prints "patched" or
 * "patched (no change)", with no dry-run suffix (as patch.go prints).
 */
import { parse } from "yaml";
import type { PatchType } from "../../api/types";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, getInfo, isFailure, NO_RESOURCES, openClient, statusText } from "./client";
import { sortKeys } from "../../printers/json";
import { dryRunMode } from "./delete";
import { flag } from "./flags";
import { resolveArgs } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

const TYPES: Record<string, PatchType> = { json: "json", merge: "merge", strategic: "strategic" };

export async function runPatch(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "patch", argv);
  if (isResult(args)) return args;
  const typeName = flag(args, "type") ?? "strategic";
  const type = TYPES[typeName];
  if (!type) return errResult(`error: --type must be one of [json merge strategic], not "${typeName}"\n`);
  let text = flag(args, "patch");
  const patchFile = flag(args, "patch-file");
  if (patchFile) {
    const r = ctx.fs.readFile(ctx.resolve(patchFile));
    if (!r.ok) return errResult(`error: unable to read patch file: open ${patchFile}: no such file or directory\n`);
    text = r.value;
  }
  if (text === undefined) return errResult("error: must specify --patch or --patch-file containing the contents of the patch\n");
  let body: unknown;
  try {
    body = parse(text);
  } catch (e) {
    return errResult(`error: unable to parse "${text}": yaml: ${(e as Error).message.split("\n")[0]}\n`);
  }
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) {
    return errResult(NO_RESOURCES);
  }
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, args.operands, { allNamespaces: false, files, verb: "patch" });
  if (!resolved.ok) return errResult(resolved.stderr);
  let stdout = "";
  let stderr = dry.warning;
  let failed = false;
  for (const req of resolved.requests) {
    if (!req.names.length) return errResult("error: resource(s) were provided, but no name was specified\n");
    const r = req.def.resource;
    for (const name of req.names) {
      const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace, name };
      const before = getInfo(c, base);
      if (isFailure(before)) {
        stderr += statusText(before.body);
        failed = true;
        continue;
      }
      if (dry.mode === "client") {
        stdout += `${kindPrefix(req.def)}/${name} patched\n`;
        continue;
      }
      const subresource = flag(args, "subresource");
      const resp = c.request({
        ...base,
        verb: "patch",
        patchType: type,
        body,
        dryRun: dry.mode === "server",
        ...(subresource ? { subresource } : {}),
      });
      if (isFailure(resp)) {
        stderr += statusText(resp.body);
        failed = true;
        continue;
      }
      // patch.go: didPatch compares the object before and after; the dry-run suffix is lost because
      // NamePrintFlags.Operation is set after PrintFlagsWithDryRunStrategy completed the template
      const unchanged = sortedJson(resp.body) === sortedJson(before.body);
      stdout += `${kindPrefix(req.def)}/${name} patched${unchanged ? " (no change)" : ""}\n`;
    }
  }
  if (dry.mode === "none") await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}

const sortedJson = (v: unknown): string => JSON.stringify(sortKeys(v));
