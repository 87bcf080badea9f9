/** `kubectl create -f FILE`, `kubectl create namespace NAME` and `kubectl apply -f FILE`. */
import { namePrefix } from "../../model/resources";
import { renderApiError } from "../../model/status";
import type { CommandContext, ExecResult } from "../../types";
import { firstOperand, flag } from "./flags";
import { flagSpec, helpResult } from "./help";
import { loadSources } from "./manifest";
import { createFromDoc, createNamespace, typeOf } from "./objects";
import { err, isResult, openSession, parseVerb } from "./session";
import { authorize, forbiddenMessage } from "../../model/rbac";
import { resolveResourceType } from "../../model/resources";

export function runCreate(ctx: CommandContext, argv: string[]): ExecResult {
  const at = firstOperand(argv, flagSpec("create"));
  const sub = at < 0 ? undefined : argv[at];
  if (sub === "namespace" || sub === "ns") {
    const rest = [...argv];
    rest.splice(at, 1);
    const args = parseVerb(ctx, "create namespace", rest);
    if (isResult(args)) return args;
    if (args.operands.length !== 1) return err(`error: exactly one NAME is required, got ${args.operands.length}\nSee 'kubectl create namespace -h' for help and examples\n`);
    const s = openSession(ctx, args);
    if (isResult(s)) return s;
    const r = resolveResourceType("ns")!;
    const name = args.operands[0];
    if (!authorize(s.conn.identity, "create", "namespaces")) return err(`Error from server (Forbidden): ${forbiddenMessage(s.conn.identity, "create", r, undefined, undefined)}\n`);
    const e = createNamespace(ctx, name);
    if (e) return err(renderApiError(e));
    return { stdout: `namespace/${name} created\n`, stderr: "", exitCode: 0 };
  }
  const args = parseVerb(ctx, "create", argv);
  if (isResult(args)) return args;
  if (args.operands.length && !args.flags.has("filename")) {
    return err(`Error: unknown command "${args.operands[0]}" for "kubectl create"\nRun 'kubectl create --help' for usage.\n`);
  }
  return fromFiles(ctx, args.flags.get("filename") ?? [], "create", flag(args, "kubeconfig"), args);
}

export function runApply(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "apply", argv);
  if (isResult(args)) return args;
  if (!args.flags.has("filename") && !args.flags.has("kustomize")) {
    return err("error: must specify one of -f and -k\n");
  }
  return fromFiles(ctx, args.flags.get("filename") ?? [], "apply", flag(args, "kubeconfig"), args);
}

function fromFiles(ctx: CommandContext, files: string[], verb: "create" | "apply", _kc: string | undefined, args: Parameters<typeof openSession>[1]): ExecResult {
  if (!files.length) return err("error: must specify one of -f and -k\n");
  const s = openSession(ctx, args);
  if (isResult(s)) return s;
  const sources = loadSources(ctx, files);
  if ("error" in sources) return err(sources.error);
  let stdout = "";
  let stderr = "";
  for (const src of sources) {
    for (const doc of src.docs) {
      const r = typeOf(doc);
      if ("error" in r) {
        stderr += `error: ${r.error.replace("%FILE%", src.file)}\n`;
        continue;
      }
      const name = String((doc.metadata as Record<string, unknown> | undefined)?.name ?? "");
      const exists = (ctx.state.objects[r.store] as { metadata: { name: string } }[]).some((o) => o.metadata.name === name);
      if (verb === "apply" && exists) {
        stdout += `${namePrefix(r)}/${name} unchanged\n`;
        continue;
      }
      const e = createFromDoc(ctx, r, doc, s.conn.identity);
      if (e) stderr += renderApiError(e, e.reason === "Invalid" ? undefined : { verb: "creating", file: src.file });
      else {
        if (verb === "apply") annotateLastApplied(ctx, r.store, name, doc);
        stdout += `${namePrefix(r)}/${name} created\n`;
      }
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** kubectl apply records the manifest it applied, as compact JSON with a trailing newline. */
function annotateLastApplied(ctx: CommandContext, store: string, name: string, doc: Record<string, unknown>): void {
  const o = (ctx.state.objects[store as "csrs"] as { metadata: { name: string; annotations?: Record<string, string> } }[]).find((x) => x.metadata.name === name);
  if (!o) return;
  const meta = { ...(doc.metadata as Record<string, unknown>), annotations: { ...((doc.metadata as Record<string, unknown>).annotations as object) } };
  const applied = { ...doc, metadata: meta };
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), "kubectl.kubernetes.io/last-applied-configuration": sortedJson(applied) + "\n" };
}

function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

export { helpResult };
