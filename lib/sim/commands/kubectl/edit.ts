/**
 * `kubectl edit TYPE NAME` (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go, Run):
 * the object as `get -o yaml` prints it, under edit's header comment, in a temporary file opened
 * in $KUBE_EDITOR or $EDITOR (default vi). The editor runs in the terminal (the shell hands it
 * over, lib/sim/editor/README.md 3.3); when it exits, `resumeKubectlEdit` decides as kubectl's
 * loop does: unchanged → "Edit cancelled, no changes made."; a syntax error or an invalid object
 * → the editor again, with the reasons on top; otherwise a patch through the request path and
 * `deployment.apps/web edited`.
 */
import { parse } from "yaml";
import { storeFor } from "../../api/store";
import type { KObject } from "../../api/types";
import { settle } from "../../controllers";
import { editorForCommand, type EditorExit, type EditorProgram } from "../../editor";
import type { ResumeOutcome } from "../../core/foreground";
import { FS_ERROR_TEXT } from "../../fs/vfs";
import { toYaml } from "../../printers/yaml";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, isFailure, NO_RESOURCES, openClient } from "./client";
import { resolveArgs } from "./resolver";
import { kindPrefix } from "./resources";
import { isResult, parseVerb } from "./session";

// editoptions.go, editHeader.writeTo (NormalEditMode)
const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  "# and an empty file will abort the edit. If an error occurs while saving this file will be\n" +
  "# reopened with the relevant failures.\n" +
  "#\n";

/** What the resume needs, saved with the open editor (so it survives a restart). */
interface EditData {
  program: EditorProgram;
  /** kubectl's arguments without the verb: global flags (-n, --context, --kubeconfig) for the client again */
  argv: string[];
  file: string;
  /** the first file as written (header + YAML): "unchanged" compares with it */
  original: string;
  /** the file as saved before a failed pass, for "no valid changes were saved" */
  previous: string | null;
  target: { group: string; version: string; resource: string; namespace: string | undefined; name: string; prefix: string };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseData(d: unknown): EditData | null {
  if (!isObj(d) || !Array.isArray(d.argv) || typeof d.file !== "string" || typeof d.original !== "string" || !isObj(d.target)) return null;
  return d as unknown as EditData;
}

export async function runEdit(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "edit", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!args.operands.length && !files.length) {
    return errResult(NO_RESOURCES);
  }
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  const resolved = resolveArgs(c, args.operands, { allNamespaces: false, files, verb: "edit" });
  if (!resolved.ok) return errResult(resolved.stderr);
  const targets = resolved.requests.flatMap((req) => req.names.map((name) => ({ req, name })));
  if (targets.length === 0) return errResult("error: edit cancelled, no objects found\n");
  if (targets.length > 1) return errResult("error: this terminal edits one object at a time: name a single object\n");
  const { req, name } = targets[0];
  const r = req.def.resource;
  const got = c.request({ verb: "get", group: r.group, version: r.version, resource: r.resource, namespace: req.namespace, name });
  if (isFailure(got)) return errResult(`Error from server (${got.body.reason ?? ""}): ${got.body.message ?? ""}\n`);
  const obj = structuredClone(got.body as KObject);
  delete (obj.metadata as { managedFields?: unknown }).managedFields; // extractManagedFields
  const editorName = ctx.env.KUBE_EDITOR || ctx.env.EDITOR || "vi";
  const program = editorForCommand(editorName);
  if (!program) return errResult(`error: the editor "${editorName}" is not available here: set KUBE_EDITOR to vi, vim or nano\n`);
  // os.CreateTemp(os.TempDir(), "kubectl-edit-*.yaml"): a random decimal number in the name
  const file = `/tmp/kubectl-edit-${Math.floor(ctx.random() * 4294967296)}.yaml`;
  const content = HEADER + toYaml(obj);
  const written = ctx.fs.writeFile(file, content, 0o600);
  if (!written.ok) return errResult(`error: open ${file}: ${FS_ERROR_TEXT[written.error].toLowerCase()}\n`);
  const data: EditData = {
    program,
    argv,
    file,
    original: content,
    previous: null,
    target: { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace, name, prefix: kindPrefix(req.def) },
  };
  return {
    stdout: "",
    stderr: "error: kubectl edit needs the terminal: run it as the last command of a line\n",
    exitCode: 1,
    editor: { program, file, resume: { handler: "kubectl-edit", data } },
  };
}

/** cmdutil.ManualStrip: drops comment lines (but not "#!"). */
function manualStrip(text: string): string {
  return text
    .split("\n")
    .filter((l) => !(l.trim().startsWith("#") && !l.trim().startsWith("#!")))
    .join("\n");
}

/** cmdutil.StripComments: the YAML as JSON (keys sorted, as Go's maps are), or the text without comment lines when it does not parse. */
function stripComments(text: string): string {
  try {
    return canonical(parse(text) as unknown);
  } catch {
    return manualStrip(text);
  }
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** editoptions.go hasLines: a line that is neither blank nor a comment. */
function hasLines(text: string): boolean {
  return text.split("\n").some((l) => l.trim() !== "" && !l.trim().startsWith("#"));
}

/** hashOnLineBreak: a reason spanning lines stays a comment. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, "\n# ");
}

/** jsonpatch.CreateMergePatch (RFC 7386): what changed from `a` to `b`; lists are replaced whole. */
export function mergePatch(a: unknown, b: unknown): unknown {
  if (!isObj(a) || !isObj(b)) return b;
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(a)) if (!(k in b)) patch[k] = null;
  for (const [k, v] of Object.entries(b)) {
    if (!(k in a)) patch[k] = v;
    else if (canonical(a[k]) !== canonical(v)) patch[k] = isObj(a[k]) && isObj(v) ? mergePatch(a[k], v) : v;
  }
  return patch;
}

/** Writes the file again with the reasons on top (the edits kept, their comments dropped) and reopens the same editor on it. */
function reopen(
  ctx: CommandContext,
  d: EditData,
  edited: string,
  reasons: { head: string; other: string[] }[],
  output: string,
): ResumeOutcome {
  let header = HEADER;
  for (const r of reasons) {
    header += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) header += `# * ${hashOnLineBreak(o)}\n`;
    header += "#\n";
  }
  ctx.fs.writeFile(d.file, header + manualStrip(edited), 0o600);
  const next: EditData = { ...d, previous: edited };
  return { output, exitCode: 1, reopen: { program: d.program, file: d.file, resume: { handler: "kubectl-edit", data: next } } };
}

/** The editor exited: kubectl edit's loop, one pass, in a store transaction of its own as every kubectl run. */
export async function resumeKubectlEdit(ctx: CommandContext, exit: EditorExit, raw: unknown): Promise<ResumeOutcome> {
  const store = storeFor(ctx.state);
  store.begin();
  try {
    const r = await resumePass(ctx, exit, raw);
    store.commit();
    return r;
  } catch (e) {
    store.rollback();
    return { output: `error: ${(e as Error).message}\n`, exitCode: 1 };
  }
}

async function resumePass(ctx: CommandContext, exit: EditorExit, raw: unknown): Promise<ResumeOutcome> {
  const d = parseData(raw);
  if (!d) return { output: "error: kubectl edit lost its state\n", exitCode: 1 };
  const read = ctx.fs.readFile(d.file);
  const edited = read.ok ? read.value : exit.content;
  const preserved = `A copy of your changes has been stored to "${d.file}"\n`;
  const done = (output: string, exitCode: number): ResumeOutcome => {
    ctx.fs.remove(d.file);
    return { output, exitCode };
  };
  if (d.previous !== null && stripComments(d.previous) === stripComments(edited))
    return { output: `${preserved}error: Edit cancelled, no valid changes were saved.\n`, exitCode: 1 };
  if (stripComments(d.original) === stripComments(edited)) return done("Edit cancelled, no changes made.\n", 0);
  if (!hasLines(edited)) return done("Edit cancelled, saved file was empty.\n", 0);
  let updated: unknown;
  try {
    updated = parse(manualStrip(edited)) as unknown;
    if (!isObj(updated)) throw new Error("the file is not a YAML mapping");
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const why = `error parsing edited-file: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ""}${(e as Error).message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
    return reopen(ctx, d, edited, [{ head: `The edited file had a syntax error: ${why}`, other: [] }], "");
  }
  const original = parse(manualStrip(d.original)) as Record<string, unknown>;
  const t = d.target;
  if (canonical(original) === canonical(updated)) return done(`${t.prefix}/${t.name} skipped\n`, 0);
  const meta = (o: unknown) => (isObj(o) && isObj(o.metadata) ? o.metadata : {});
  if (original.apiVersion !== updated.apiVersion || original.kind !== updated.kind || meta(original).name !== meta(updated).name) {
    return { output: `${preserved}error: At least one of apiVersion, kind and name was changed\n`, exitCode: 1 };
  }
  const args = parseVerb(ctx, "edit", d.argv);
  if (isResult(args)) return { output: args.stderr, exitCode: args.exitCode };
  const c: Client | ExecResult = openClient(ctx, args);
  if (isResult(c)) return { output: c.stderr, exitCode: c.exitCode };
  const resourceString = t.group ? `${t.resource}.${t.group}` : t.resource;
  const resp = c.request({
    verb: "patch",
    group: t.group,
    version: t.version,
    resource: t.resource,
    namespace: t.namespace,
    name: t.name,
    patchType: "merge",
    body: mergePatch(original, updated),
  });
  if (isFailure(resp)) {
    const s = resp.body;
    if (s.reason === "Invalid") {
      const other = (s.details?.causes ?? []).map((cause) => `${cause.field ?? ""}: ${cause.message ?? ""}`);
      return reopen(
        ctx,
        d,
        edited,
        [{ head: `${resourceString} ${JSON.stringify(t.name)} was not valid`, other }],
        `error: ${resourceString} ${JSON.stringify(t.name)} is invalid\n`,
      );
    }
    if (s.reason === "NotFound") {
      return {
        output: `error: ${resourceString} ${JSON.stringify(t.name)} could not be found on the server\nThe edits you made on deleted resources have been saved to ${JSON.stringify(d.file)}\n`,
        exitCode: 1,
      };
    }
    return {
      output: `error: ${resourceString} ${JSON.stringify(t.name)} could not be patched: ${s.message ?? ""}\nYou can run \`kubectl replace -f ${d.file}\` to try this update again.\n`,
      exitCode: 1,
    };
  }
  await settle(ctx);
  return done(`${t.prefix}/${t.name} edited\n`, 0);
}
