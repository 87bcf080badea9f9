/** Reading `-f FILE|-` manifests: YAML (multi-document `---`) or JSON, `kind: List` expanded. Parsed once per content. */
import { parseAllDocuments } from "yaml";
import type { CommandContext } from "../../types";

export type Doc = Record<string, unknown>;
export interface Source {
  file: string;
  docs: Doc[];
}

const cache = new Map<string, Doc[] | { error: string }>();

export function parseManifest(text: string): Doc[] | { error: string } {
  const hit = cache.get(text);
  if (hit) return hit;
  let result: Doc[] | { error: string };
  try {
    const docs: Doc[] = [];
    for (const d of parseAllDocuments(text, { version: "1.1" })) {
      if (d.errors.length) throw new Error(d.errors[0].message.split("\n")[0]);
      const v: unknown = d.toJS();
      if (v === null || v === undefined) continue;
      if (typeof v !== "object" || Array.isArray(v)) throw new Error("cannot unmarshal into Go value of type map[string]interface {}");
      const list = v as { kind?: unknown; items?: unknown };
      if (list.kind === "List" && Array.isArray(list.items)) docs.push(...(list.items as Doc[]));
      else docs.push(v as Doc);
    }
    result = docs;
  } catch (e) {
    result = { error: (e as Error).message };
  }
  if (cache.size > 100) cache.clear();
  cache.set(text, result);
  return result;
}

/** Loads every -f argument; errors use kubectl's wording. */
export function loadSources(ctx: CommandContext, files: string[]): Source[] | { error: string } {
  const out: Source[] = [];
  for (const f of files) {
    let text: string;
    if (f === "-") text = ctx.stdin;
    else {
      const path = ctx.resolve(f);
      const st = ctx.fs.stat(path);
      if (!st) return { error: `error: the path "${f}" does not exist\n` };
      if (st.type === "dir") {
        const names = ctx.fs.readdir(path);
        const list = names.ok ? names.value.filter((n) => /\.(ya?ml|json)$/.test(n)) : [];
        const sub = loadSources(
          ctx,
          list.map((n) => `${f.replace(/\/$/, "")}/${n}`),
        );
        if ("error" in sub) return sub;
        out.push(...sub);
        continue;
      }
      const r = ctx.fs.readFile(path);
      text = r.ok ? r.value : "";
    }
    const docs = parseManifest(text);
    if ("error" in docs)
      return { error: `error: error parsing ${f === "-" ? "STDIN" : f}: error converting YAML to JSON: yaml: ${docs.error}\n` };
    for (const d of docs) {
      const missing = [d.apiVersion ? "" : "apiVersion not set", d.kind ? "" : "kind not set"].filter(Boolean);
      if (missing.length) {
        const what = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
        return {
          error: `error: error validating "${f === "-" ? "STDIN" : f}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false\n`,
        };
      }
    }
    if (!docs.length) return { error: "error: no objects passed to create\n" };
    out.push({ file: f === "-" ? "STDIN" : f, docs });
  }
  return out;
}
