/**
 * `-o` dispatch (cli-runtime PrintFlags.ToPrinter): json, yaml, name, jsonpath, custom-columns
 * and the table printers. Structured formats see native objects; tables see stored ones.
 */
import { executeTemplate, JsonPathError } from "../jsonpath";
import { evalSteps } from "../jsonpath";
import { parsePath } from "../jsonpath/parse";
type Json = Record<string, unknown>;
import { goJson, listOf, toJson } from "./json";
import { GET_TABWRITER, tabwrite } from "./tabwriter";
import { toYaml } from "./yaml";

export const ALLOWED_FORMATS =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "json" | "yaml" | "name" }
  | { kind: "jsonpath"; template: string; asJson: boolean }
  | { kind: "custom-columns"; spec: string };

export function parseOutput(o: string | undefined): OutputFormat | { error: string } {
  if (!o) return { kind: "table", wide: false };
  if (o === "wide") return { kind: "table", wide: true };
  if (o === "json" || o === "yaml" || o === "name") return { kind: o };
  const eq = o.indexOf("=");
  const fmt = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? "" : o.slice(eq + 1);
  if (fmt === "jsonpath" || fmt === "jsonpath-as-json") {
    if (!arg) return { error: "error: template format specified but no template given\n" };
    return { kind: "jsonpath", template: arg, asJson: fmt === "jsonpath-as-json" };
  }
  if (fmt === "custom-columns") {
    if (!arg) return { error: "error: custom-columns format specified but no custom columns given\n" };
    return { kind: "custom-columns", spec: arg };
  }
  return { error: `error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED_FORMATS}\n` };
}

/** Prints natives; `single` is true when exactly one object was asked for by name. */
export function printStructured(
  fmt: OutputFormat,
  natives: Json[],
  single: boolean,
  namePrefix: (o: Json) => string,
): { stdout: string; stderr?: string } {
  const data = single && natives.length === 1 ? natives[0] : listOf(natives);
  switch (fmt.kind) {
    case "json":
      return { stdout: toJson(data) };
    case "yaml":
      return { stdout: toYaml(data) };
    case "name":
      return {
        stdout: natives.map((o) => `${namePrefix(o)}/${String((o.metadata as { name?: string } | undefined)?.name ?? "")}\n`).join(""),
      };
    case "jsonpath":
      try {
        if (fmt.asJson) return { stdout: goJson(evalSteps(parsePath(fmt.template.replace(/^\{|\}$/g, "")), [data]), "    ") + "\n" };
        return { stdout: executeTemplate(fmt.template, data) };
      } catch (e) {
        if (e instanceof JsonPathError) return { stdout: "", stderr: `error: error parsing jsonpath ${fmt.template}, ${e.message}\n` };
        throw e;
      }
    case "custom-columns":
      return customColumns(fmt.spec, natives);
    default:
      return { stdout: "" };
  }
}

function customColumns(spec: string, natives: Json[]): { stdout: string; stderr?: string } {
  const parts = spec.split(",");
  if (parts.some((c) => !c.includes(":"))) return { stdout: "", stderr: `error: expected <header>:<json-path-expr> for "${spec}"\n` };
  const cols = parts.map((c) => ({ header: c.slice(0, c.indexOf(":")), path: c.slice(c.indexOf(":") + 1) }));
  const rows = [cols.map((c) => c.header)];
  for (const o of natives) {
    rows.push(
      cols.map((c) => {
        // RelaxedJSONPathExpression: "{.a}", ".a" and "a" all mean the same path
        const path = c.path.replace(/^\{|\}$/g, "").replace(/^(?![.[])/, ".");
        const vals = evalSteps(parsePath(path), [o]);
        return vals.length ? vals.map((v) => (typeof v === "object" && v !== null ? goJson(v) : String(v))).join(",") : "<none>";
      }),
    );
  }
  return { stdout: tabwrite(rows.map((r) => r.join("\t")).join("\n") + "\n", GET_TABWRITER) };
}
