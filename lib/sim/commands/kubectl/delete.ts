/** `kubectl delete TYPE NAME...`, `TYPE/NAME` and `-f FILE` for namespaces and CSRs. */
import { namePrefix, resolveResourceType, type ResourceType } from "../../model/resources";
import { renderApiError } from "../../model/status";
import type { CommandContext, ExecResult } from "../../types";
import { boolFlag } from "./flags";
import { loadSources } from "./manifest";
import { deleteByName, typeOf } from "./objects";
import { err, isResult, openSession, parseVerb } from "./session";

const NO_ARGS = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

export function runDelete(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "delete", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) return err(NO_ARGS);
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  const targets: { r: ResourceType; name: string; ns?: string; file?: string }[] = [];
  if (files.length) {
    const sources = loadSources(ctx, files);
    if ("error" in sources) return err(sources.error);
    for (const src of sources) for (const d of src.docs) {
      const r = typeOf(d);
      if ("error" in r) return err(`error: ${r.error.replace("%FILE%", src.file)}\n`);
      targets.push({ r, name: String((d.metadata as Record<string, unknown> | undefined)?.name ?? ""), file: src.file });
    }
  } else {
    const [first, ...rest] = args.operands;
    if (first.includes("/")) {
      for (const op of args.operands) {
        const [t, n] = op.split("/", 2);
        const r = resolveResourceType(t);
        if (!r) return err(`error: the server doesn't have a resource type "${t}"\n`);
        targets.push({ r, name: n, ns: r.namespaced ? s.namespace : undefined });
      }
    } else {
      const r = resolveResourceType(first);
      if (!r) return err(`error: the server doesn't have a resource type "${first}"\n`);
      if (!rest.length && !boolFlag(args, "all")) return err("error: resource(s) were provided, but no name was specified\n");
      for (const n of rest) targets.push({ r, name: n, ns: r.namespaced ? s.namespace : undefined });
    }
  }
  let stdout = "";
  let stderr = "";
  for (const t of targets) {
    const e = deleteByName(ctx, t.r, t.name, t.ns, s.conn.identity);
    if (!e) {
      stdout += `${namePrefix(t.r)} "${t.name}" deleted\n`;
      continue;
    }
    if (e.reason === "NotFound" && boolFlag(args, "ignore-not-found")) continue;
    stderr += renderApiError(e, t.file ? { verb: "deleting", file: t.file } : undefined);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
