/**
 * `kubectl apply -f` (staging/src/k8s.io/kubectl/pkg/cmd/apply): a missing object is created with
 * the kubectl.kubernetes.io/last-applied-configuration annotation; an existing one gets the
 * three-way patch (strategic merge for built-in kinds) between the last applied manifest, the
 * new one and the live object. As apply.go applyOneObject, the report follows the patch, not the
 * server: `unchanged` when the patch is `{}`, else `configured`; with --dry-run=client no patch is
 * computed and an existing object is always `configured (dry run)`.
 */
import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from "../../api/meta";
import { threeWayPatch } from "../../api/patch/three-way";
import type { Json, KObject } from "../../api/types";
import { goJson } from "../../printers/json";
import { settle } from "../../controllers";
import type { CommandContext, ExecResult } from "../../types";
import { errResult, isFailure, openClient, statusText } from "./client";
import { dryRunMode } from "./delete";
import { flag } from "./flags";
import { resolveArgs } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

/**
 * The annotation's value (apply.go GetModifiedConfiguration): the manifest with its annotations
 * map present (so `"annotations":{}` when it had none) minus this annotation, as compact JSON
 * with sorted keys, plus the encoder's newline.
 */
export function lastApplied(doc: Record<string, unknown>): string {
  const copy = structuredClone(doc) as { metadata?: { annotations?: Record<string, string> } };
  copy.metadata = { ...(copy.metadata ?? {}) };
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}) };
  delete copy.metadata.annotations[LAST_APPLIED];
  return goJson(copy) + "\n";
}

function withoutAnnotation(doc: Record<string, unknown>): KObject {
  const o = structuredClone(doc) as unknown as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  return o;
}

function withAnnotation(doc: Record<string, unknown>): KObject {
  const o = structuredClone(doc) as unknown as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied(doc) };
  return o;
}

/**
 * The three-way patch apply sends for `doc` against the live object (undefined: `{}`, nothing to send).
 * `annotate` false is diff's variant (diff.go Merged: GetModifiedConfiguration(obj, false)): the
 * manifest without the last-applied annotation, so the patch leaves that annotation alone.
 */
export function applyPatch(kind: string, current: KObject, doc: Record<string, unknown>, annotate = true): Json | undefined {
  const originalText = current.metadata.annotations?.[LAST_APPLIED];
  let original: Json = {};
  try {
    original = originalText ? (JSON.parse(originalText) as Json) : {};
  } catch {
    original = {};
  }
  const modified = (annotate ? withAnnotation(doc) : withoutAnnotation(doc)) as unknown as Json;
  const patch = threeWayPatch(kind, original, modified, current as unknown as Json);
  return Object.keys(patch).length ? patch : undefined;
}

export async function runApply(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "apply", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!files.length && !args.flags.has("kustomize")) return errResult("error: must specify one of -f and -k\n");
  const dry = dryRunMode(flag(args, "dry-run"));
  if ("error" in dry) return errResult(dry.error);
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, args.operands, { allNamespaces: false, files, verb: "apply" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const suffix = dry.mode === "client" ? " (dry run)" : dry.mode === "server" ? " (server dry run)" : "";
  let stdout = "";
  let stderr = dry.warning;
  let failed = false;
  for (const req of resolved.requests) {
    const doc = (req.docs ?? [])[0] as Record<string, unknown>;
    const r = req.def.resource;
    const name = req.names[0];
    const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
    const source = { verb: "creating", file: req.source ?? "" };
    const docNs = (doc.metadata as { namespace?: string } | undefined)?.namespace;
    if (docNs && c.namespaceExplicit && req.def.resource.namespaced && docNs !== c.namespace) {
      stderr += `error: the namespace from the provided object "${docNs}" does not match the namespace "${c.namespace}". You must pass '--namespace=${docNs}' to perform this operation.\n`;
      failed = true;
      continue;
    }
    const live = c.request({ ...base, verb: "get", name });
    if (isFailure(live)) {
      if (live.body.reason !== "NotFound") {
        stderr += statusText(live.body, {
          verb:
            'retrieving current configuration of:\nResource: "' +
            `${r.group ? r.group + "/" : ""}${r.version}, Resource=${r.resource}` +
            '", GroupVersionKind: "' +
            `${r.group ? r.group + "/" : ""}${r.version}, Kind=${r.kind}` +
            `"\nName: "${name}", Namespace: "${req.namespace ?? ""}"\nfrom server for`,
          file: req.source ?? "",
        });
        failed = true;
        continue;
      }
      if (dry.mode !== "client") {
        const created = c.request({ ...base, verb: "create", body: withAnnotation(doc), dryRun: dry.mode === "server" });
        if (isFailure(created)) {
          stderr += statusText(created.body, created.body.reason === "Invalid" ? undefined : source);
          failed = true;
          continue;
        }
      }
      stdout += `${kindPrefix(req.def)}/${name} created${suffix}\n`;
      continue;
    }
    const current = live.body as KObject;
    if (dry.mode !== "client") {
      // apply.go warningNoLastAppliedConfigAnnotation, with info.ObjectName() (resource.group/name)
      if (current.metadata.annotations?.[LAST_APPLIED] === undefined)
        stderr += `Warning: resource ${r.resource}${r.group ? `.${r.group}` : ""}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
      const patch = applyPatch(r.kind, current, doc);
      if (patch === undefined) {
        stdout += `${kindPrefix(req.def)}/${name} unchanged${suffix}\n`;
        continue;
      }
      const patched = c.request({ ...base, verb: "patch", name, patchType: "strategic", body: patch, dryRun: dry.mode === "server" });
      if (isFailure(patched)) {
        stderr += statusText(patched.body, patched.body.reason === "Invalid" ? undefined : { verb: "patching", file: req.source ?? "" });
        failed = true;
        continue;
      }
    }
    stdout += `${kindPrefix(req.def)}/${name} configured${suffix}\n`;
  }
  if (dry.mode === "none") await settle(ctx);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}
