/**
 * kubectl v1.32's explain v2 renderer: the "plaintext" template
 * (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl) and the template funcs it
 * uses (staging/src/k8s.io/kubectl/pkg/explain/v2/funcs.go: wrap, indent, resolveRef, contains),
 * ported template by template. Go's text/template ranges over maps in sorted key order, treats
 * "", nil, empty maps and lists as false, and `or` yields its first true argument; the port keeps
 * those rules. The result is what the template writes before any error (the header), and the
 * error `throw` raises, if any.
 */
import { SCHEMA_REF, type Schema, type Schemas } from "../../api/openapi-schemas";

export interface Rendered {
  stdout: string;
  error?: string;
}

interface Doc {
  paths: Record<string, Record<string, { "x-kubernetes-group-version-kind"?: Gvk } | undefined>>;
  schemas: Schemas;
}

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const sortedKeys = (o: object | undefined) => (o ? Object.keys(o).sort() : []);
function truthy<T>(x: T): x is NonNullable<T> {
  return x !== undefined && x !== null && x !== "" && x !== false && x !== 0 && !(typeof x === "object" && Object.keys(x).length === 0);
}

/**
 * funcs.go "wrap": term.NewWordWrapWriter(buf, l), i.e. github.com/mitchellh/go-wordwrap
 * v1.0.1's WrapString: breaks at whitespace so a line stays within `lim` runes where it can
 * (a longer word overflows), keeps the input's newlines, and drops the spaces at a break.
 */
export function wrap(lim: number, s: string): string {
  let out = "";
  let current = 0;
  let word = "";
  let space = "";
  const len = (x: string) => [...x].length;
  for (const ch of s) {
    if (ch === "\n") {
      if (!word) {
        if (current + len(space) > lim) current = 0;
        else {
          current += len(space);
          out += space;
        }
        space = "";
      } else {
        current += len(space) + len(word);
        out += space + word;
        space = "";
        word = "";
      }
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== "\u00a0") {
      if (!space || word) {
        current += len(space) + len(word);
        out += space + word;
        space = "";
        word = "";
      }
      space += ch;
    } else {
      word += ch;
      if (current + len(space) + len(word) > lim && len(word) < lim) {
        out += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (!word) {
    if (current + len(space) <= lim) out += space;
  } else out += space + word;
  return out;
}

/** funcs.go "indent" */
export function indent(amount: number, s: string): string {
  const pad = " ".repeat(amount);
  return pad + s.replaceAll("\n", `\n${pad}`);
}

/** funcs.go "resolveRef": only "#/components/schemas/<name>" references resolve here. */
function resolveRef(ref: unknown, doc: Doc): Schema | undefined {
  if (typeof ref !== "string" || !ref.startsWith(SCHEMA_REF)) return undefined;
  return doc.schemas[ref.slice(SCHEMA_REF.length)];
}

const isMap = (ap: Schema["additionalProperties"]): ap is Schema => truthy(ap) && typeof ap !== "boolean";

/** define "typeGuess" */
function typeGuess(schema: Schema, doc: Doc): string {
  if (!truthy(schema)) throw new Error("expected schema argument to subtemplate 'typeguess'");
  if (truthy(schema.items)) return `[]${typeGuess(schema.items, doc)}`;
  if (isMap(schema.additionalProperties)) return `map[string]${typeGuess(schema.additionalProperties, doc)}`;
  if (truthy(schema.allOf) && !truthy(schema.properties) && schema.allOf.length === 1) return typeGuess(schema.allOf[0], doc);
  if (truthy(schema.$ref)) {
    const ref = schema.$ref;
    const refSchema = resolveRef(ref, doc);
    if (!truthy(refSchema) || !truthy(refSchema.type) || refSchema.type === "object") {
      const name = ref.split("/").at(-1) ?? "";
      return name.split(".").at(-1) || "Object";
    }
    return refSchema.type || "Object";
  }
  return schema.type === "object" ? "Object" : schema.type || "Object";
}

/** define "extractEnum" */
function extractEnum(schema: Schema, isLongView: boolean, limit: number, indentAmount = 0): string {
  if (!truthy(schema) || !truthy(schema.enum)) return "";
  let out = isLongView ? "ENUM:" : `\n${indent(indentAmount, "")}enum: `;
  const lim = limit || -1;
  for (const [index, element] of schema.enum.entries()) {
    if (lim > -1 && index >= lim) {
      out += ", ....";
      break;
    }
    if (index > 0 && !isLongView) out += ", ";
    else if (isLongView) out += `\n${indent(4, "")}`;
    out += element === "" ? `""` : String(element);
  }
  return out;
}

/** define "description" */
function description(schema: Schema, doc: Doc): string {
  const s = resolveRef(schema.$ref, doc) || schema;
  if (!truthy(s)) return "";
  let out = "";
  if (truthy(s.description)) out += `${s.description}\n`;
  for (const sub of s.allOf ?? []) out += description(sub, doc);
  if (truthy(s.items)) out += description(s.items, doc);
  if (isMap(s.additionalProperties)) out += description(s.additionalProperties, doc);
  return out;
}

/** define "externalDocs" */
function externalDocs(schema: Schema): string {
  const d = schema.externalDocs;
  if (!truthy(d)) return "";
  let out = "EXTERNAL DOCS:\n";
  if (truthy(d.description)) out += `${indent(4, wrap(76, d.description))}\n`;
  if (truthy(d.url)) out += `${indent(4, `URL: ${d.url}`)}\n`;
  return out;
}

type History = Record<string, number>;

/** define "fieldDetail" */
function fieldDetail(name: string, schema: Schema, short: boolean, level: number, doc: Doc): string {
  const indentAmount = level * 2;
  const fieldSchema = schema.properties?.[name] ?? {};
  let out = `${indent(indentAmount, name)}\t<${typeGuess(fieldSchema, doc)}>`;
  if (schema.required?.includes(name)) out += " -required-";
  out += extractEnum(fieldSchema, false, 4, indentAmount);
  out += "\n";
  if (!short) {
    out += `${indent(indentAmount + 2, wrap(78 - indentAmount, fieldSchema.description || "<no description>"))}\n`;
    const d = fieldSchema.externalDocs;
    if (truthy(d)) {
      out += `${indent(indentAmount + 2, "EXTERNAL DOCS:")}\n`;
      if (truthy(d.description)) out += `${indent(indentAmount + 4, wrap(76 - indentAmount, d.description))}\n`;
      if (truthy(d.url)) out += `${indent(indentAmount + 4, `URL: ${d.url}`)}\n`;
    }
    out += "\n";
  }
  return out;
}

/** define "fieldList" */
function fieldList(schema: Schema, level: number, history: History, recursive: boolean, doc: Doc): string {
  const refString = schema.$ref || "";
  if (refString && history[refString]) return "";
  const next = { ...history, [refString]: 1 };
  const resolved = resolveRef(refString, doc) || schema;
  let out = "";
  for (const [k, v] of Object.entries(resolved.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out += fieldDetail(k, resolved, recursive, level, doc);
    if (recursive) out += fieldList(v, level + 1, next, recursive, doc);
  }
  for (const sub of resolved.allOf ?? []) out += fieldList(sub, level, next, recursive, doc);
  if (truthy(resolved.items)) out += fieldList(resolved.items, level, next, recursive, doc);
  if (isMap(resolved.additionalProperties)) out += fieldList(resolved.additionalProperties, level, next, recursive, doc);
  return out;
}

/** define "output" */
function output(schema: Schema, history: History, fieldPath: string[], recursive: boolean, doc: Doc): string {
  const refString = schema.$ref || "";
  const next = { ...history, [refString]: 1 };
  const resolved = resolveRef(refString, doc) || schema;
  if (!fieldPath.length) {
    let out = "DESCRIPTION:\n";
    out += `${indent(4, wrap(76, description(resolved, doc) || "<empty>"))}\n`;
    const ext = externalDocs(resolved);
    if (ext) out += `\n${ext}`;
    const fields = fieldList(resolved, 1, {}, recursive, doc);
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (refString && history[refString]) return "";
  const first = fieldPath[0];
  if (truthy(resolved.properties) && truthy(resolved.properties[first])) {
    const sub = resolved.properties[first];
    let out = "";
    if (fieldPath.length === 1) out += `FIELD: ${first} <${typeGuess(sub, doc)}>\n${extractEnum(sub, true, -1)}\n\n`;
    return out + output(sub, {}, fieldPath.slice(1), recursive, doc);
  }
  if (truthy(resolved.items)) return output(resolved.items, next, fieldPath, recursive, doc);
  if (isMap(resolved.additionalProperties)) return output(resolved.additionalProperties, next, fieldPath, recursive, doc);
  for (const sub of resolved.allOf ?? []) {
    const o = output(sub, next, fieldPath, recursive, doc);
    if (o) return o;
  }
  return "";
}

/** The whole template for a resource (group/version/resource) and a field path. */
export function renderPlaintext(
  doc: Doc,
  gvr: { group: string; version: string; resource: string },
  fieldPath: string[],
  recursive: boolean,
): Rendered {
  const prefix = gvr.group ? `/apis/${gvr.group}` : "/api";
  const searchPaths = [
    [prefix, gvr.version, gvr.resource],
    [prefix, gvr.version, gvr.resource, "{name}"],
    [prefix, gvr.version, "namespaces", "{namespace}", gvr.resource],
    [prefix, gvr.version, "namespaces", "{namespace}", gvr.resource, "{name}"],
  ].map((p) => p.join("/"));
  let gvk: Gvk | undefined;
  search: for (const p of searchPaths) {
    const element = doc.paths[p];
    if (!truthy(element)) continue;
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = element[method];
      if (truthy(op) && truthy(op["x-kubernetes-group-version-kind"])) {
        gvk = op["x-kubernetes-group-version-kind"];
        break search;
      }
    }
  }
  if (!gvk) return { stdout: "", error: `error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema` };
  let stdout = gvk.group ? `GROUP:      ${gvk.group}\n` : "";
  stdout += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  // define "schema": the first definition (by name) whose x-kubernetes-group-version-kind lists the GVK
  for (const name of sortedKeys(doc.schemas)) {
    const s = doc.schemas[name];
    if (!s["x-kubernetes-group-version-kind"]?.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind))
      continue;
    const out = output(s, {}, fieldPath, recursive, doc);
    if (!out) return { stdout, error: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist` };
    return { stdout: `${stdout}${out}\n` };
  }
  // fmt %v of the map[string]any: keys sorted
  return { stdout, error: `error: GVK map[group:${gvk.group} kind:${gvk.kind} version:${gvk.version}] not found in OpenAPI schema` };
}
