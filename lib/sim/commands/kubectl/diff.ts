/**
 * `kubectl diff -f FILE` (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go): each object's live
 * version and the version apply would make (a server dry-run of apply's patch, or of a create when
 * it does not exist yet) go as YAML into a LIVE-* and a MERGED-* directory, named
 * GROUP.VERSION.KIND.NAMESPACE.NAME, and `diff -u -N` compares them: its output is kubectl's and
 * its exit code (0 same, 1 different) is kubectl's; kubectl's own errors exit 2. The node's diff
 * command does the comparing, on a scratch filesystem of its own, so nothing lands in /tmp.
 */
import type { KObject } from "../../api/types";
import { Vfs } from "../../fs/vfs";
import { toYaml } from "../../printers/yaml";
import type { CommandContext, ExecResult, FsNode } from "../../types";
import { diff as diffCommand } from "../coreutils/diff";
import { applyPatch } from "./apply";
import { isFailure, openClient, statusText } from "./client";
import { resolveArgs } from "./resolver";
import { isResult, parseVerb } from "./session";

const fail = (stderr: string): ExecResult => ({ stdout: "", stderr, exitCode: 2 });

/** diff.go's Masker: a Secret's data values never reach the terminal. */
function maskSecrets(live: KObject | undefined, merged: KObject | undefined): void {
  if ((live ?? merged)?.kind !== "Secret") return;
  const ld = (live as unknown as { data?: Record<string, string> } | undefined)?.data ?? {};
  const md = (merged as unknown as { data?: Record<string, string> } | undefined)?.data ?? {};
  for (const k of new Set([...Object.keys(ld), ...Object.keys(md)])) {
    const same = ld[k] === md[k];
    if (k in ld) ld[k] = same ? "***" : "*** (before)";
    if (k in md) md[k] = same ? "***" : "*** (after)";
  }
}

function printed(o: KObject | undefined): string {
  if (!o) return "";
  const copy = structuredClone(o);
  delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return toYaml(copy);
}

/**
 * A name like os.MkdirTemp's (digits). Taken from the clock, not the cluster's random source: the
 * client's temporary names must not shift the uids and name suffixes the cluster hands out next.
 */
function tempName(ctx: CommandContext, prefix: string, salt: number): string {
  return `/tmp/${prefix}-${String((Math.floor(ctx.now / 1000) * 7919 + salt * 104729) % 4294967296)}`;
}

export async function runDiff(ctx: CommandContext, argv: string[]): Promise<ExecResult> {
  const args = parseVerb(ctx, "diff", argv);
  if (isResult(args)) return args;
  const files = args.flags.get("filename") ?? [];
  if (!files.length) return fail("error: must specify one of -f and -k\n");
  const c = openClient(ctx, args);
  if (isResult(c)) return { ...c, exitCode: 2 };
  const resolved = resolveArgs(c, [], { allNamespaces: false, files, verb: "diff" });
  if (!resolved.ok) return fail(resolved.stderr);
  const pairs: { file: string; live?: KObject; merged?: KObject }[] = [];
  for (const req of resolved.requests) {
    const r = req.def.resource;
    const doc = structuredClone((req.docs ?? [])[0]) as unknown as KObject;
    const name = req.names[0];
    const base = { group: r.group, version: r.version, resource: r.resource, namespace: req.namespace };
    const got = c.request({ ...base, verb: "get", name });
    let live: KObject | undefined;
    let merged: KObject;
    if (isFailure(got)) {
      if (got.body.reason !== "NotFound") return fail(statusText(got.body));
      const created = c.request({ ...base, verb: "create", body: doc, dryRun: true });
      if (isFailure(created)) return fail(statusText(created.body));
      merged = created.body as KObject;
    } else {
      live = got.body as KObject;
      const patch = applyPatch(r.kind, live, doc, false);
      if (patch === undefined) merged = live;
      else {
        const patched = c.request({ ...base, verb: "patch", name, patchType: "strategic", body: patch, dryRun: true });
        if (isFailure(patched)) return fail(statusText(patched.body));
        merged = patched.body as KObject;
      }
    }
    const file = `${r.group ? `${r.group}.` : ""}${r.version}.${r.kind}.${req.namespace ?? ""}.${name}`;
    pairs.push({ file, live: live && structuredClone(live), merged: structuredClone(merged) });
  }
  const liveDir = tempName(ctx, "LIVE", 1);
  const mergedDir = tempName(ctx, "MERGED", 2);
  const nodes: Record<string, FsNode> = { "/": { type: "dir", mode: 0o755, mtime: ctx.now } };
  const scratch = new Vfs(nodes, () => ctx.now);
  scratch.mkdir(liveDir, true);
  scratch.mkdir(mergedDir, true);
  let stdout = "";
  let exitCode = 0;
  // GNU diff walks the two directories in name order
  for (const p of [...pairs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    maskSecrets(p.live, p.merged);
    const lf = `${liveDir}/${p.file}`;
    const mf = `${mergedDir}/${p.file}`;
    scratch.writeFile(lf, printed(p.live));
    scratch.writeFile(mf, printed(p.merged));
    const r = await diffCommand.run({ ...ctx, fs: scratch, args: ["-u", "-N", lf, mf], stdin: "", resolve: (x: string) => x });
    if (r.exitCode === 1) {
      stdout += `diff -u -N ${lf} ${mf}\n${r.stdout}`;
      exitCode = 1;
    } else if (r.exitCode !== 0) return { stdout, stderr: r.stderr, exitCode: r.exitCode };
  }
  return { stdout, stderr: "", exitCode };
}
