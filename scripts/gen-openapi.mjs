#!/usr/bin/env node
/**
 * Derives the Kubernetes v1.32 OpenAPI v3 schemas `kubectl explain` reads, from two npm packages
 * generated from the v1.32 spec (devDependencies; no new dependency, plain Node):
 *
 * - @kubernetes/client-node@1.0.0 (dist/gen/models, "OpenAPI spec version: v1.32.0"): every
 *   definition, status types included. Structure comes from each model's `attributeTypeMap` (JSON
 *   name, type, format) and required-ness from its .d.ts (`'containers': ...` vs `'affinity'?:`).
 *   Its JSDoc descriptions lose their newlines and it types Quantity fields as `string`.
 * - cdk8s-plus-32@2.5.92 (lib/imports/k8s.d.ts, lib/imports/k8s.js): the descriptions with their
 *   paragraphs (the JSDoc text before the first `@` tag), the original definition names
 *   (`@schema io.k8s.api.core.v1.PodSpec#dnsPolicy`), Quantity-typed fields, and each kind's
 *   apiVersion/kind (`static GVK`). It has no status types and no top-level apiVersion/kind/status.
 *
 * Descriptions come from cdk8s where it has the definition or field, else from client-node.
 * Fields that reference a definition are wrapped as the real v3 spec wraps them
 * (`allOf: [{$ref}]` beside the field's description; array items of a struct `allOf` plus
 * `default: {}`). Known gaps: no `enum`, no defaults beyond those, no x-kubernetes-* list/map
 * markers, and `any` fields (RawExtension, FieldsV1, JSON) become plain objects.
 *
 * Writes lib/generated/openapi/<api__v1|apis__<group>__<version>>.json (one document per
 * group/version: `components.schemas` with everything reachable from that group/version's kinds)
 * and index.json. With the packages absent (npm ci --omit=dev) it keeps whatever is there.
 *
 *   node scripts/gen-openapi.mjs        (npm run openapi:generate; run from postinstall)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const MODELS = join(root, "node_modules/@kubernetes/client-node/dist/gen/models");
const CDK_DTS = join(root, "node_modules/cdk8s-plus-32/lib/imports/k8s.d.ts");
const CDK_JS = join(root, "node_modules/cdk8s-plus-32/lib/imports/k8s.js");
export const OUT = join(root, "lib/generated/openapi");

const REF = "#/components/schemas/";
const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
const MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";

/** JSDoc blocks of a .d.ts: the comment's lines (without ` * `) and the declaration that follows. */
function jsdocBlocks(src) {
  const out = [];
  const re = /\/\*\*\n([\s\S]*?)\*\/\n(?=([^\n]*(?:\n[^\n]*){0,3}))/g;
  let m;
  while ((m = re.exec(src))) {
    const lines = m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    if (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
    out.push({ lines, after: m[2] });
  }
  return out;
}

/** The description of a cdk8s JSDoc: the lines before the first tag line, trailing blank lines dropped. */
function cdkDescription(lines) {
  const i = lines.findIndex((l) => l.startsWith("@"));
  const text = (i < 0 ? lines : lines.slice(0, i)).join("\n");
  return text.replace(/\s+$/, "");
}

/** cdk8s: descriptions by `def` and `def#field`, Quantity-typed fields, and kinds' GVK by definition. */
function readCdk8s() {
  const src = readFileSync(CDK_DTS, "utf8");
  const desc = new Map();
  const quantity = new Set();
  const kubeClassDef = new Map();
  for (const b of jsdocBlocks(src)) {
    const tag = b.lines.find((l) => l.startsWith("@schema "));
    if (!tag) continue;
    const key = tag.slice(8).trim();
    const d = cdkDescription(b.lines);
    if (d && !desc.has(key)) desc.set(key, d);
    const decl = /^\s*(?:readonly [\w$]+\??: ([\s\S]*?);\n|export declare class (Kube\w+))/.exec(b.after + "\n");
    if (decl?.[1] && /\bQuantity\b/.test(decl[1])) quantity.add(key);
    if (decl?.[2]) kubeClassDef.set(decl[2], key);
  }
  const js = readFileSync(CDK_JS, "utf8");
  const gvkByDef = new Map();
  const re = /class (Kube\w+) extends cdk8s_1\.ApiObject \{[\s\S]*?static GVK = \{\s*apiVersion: '([^']+)',\s*kind: '([^']+)',/g;
  let m;
  while ((m = re.exec(js))) {
    const def = kubeClassDef.get(m[1]);
    if (!def) throw new Error(`gen-openapi: cdk8s class ${m[1]} has no @schema`);
    const [group, version] = m[2].includes("/") ? m[2].split("/") : ["", m[2]];
    gvkByDef.set(def, { group, kind: m[3], version });
  }
  return { desc, quantity, gvkByDef };
}

/** client-node's JSDoc text: the generator escapes quotes as \" and \', and a backslash as four. */
const unescape = (s) => s.replace(/\\{4}/g, "\\").replace(/\\(["'])/g, "$1");

/** client-node models: attributes, required names, descriptions. */
function readClientNode() {
  const models = new Map();
  for (const f of readdirSync(MODELS)) {
    if (!f.endsWith(".js")) continue;
    const name = f.slice(0, -3);
    const js = readFileSync(join(MODELS, f), "utf8");
    const m = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(js);
    if (!m) continue;
    const attrs = JSON.parse(m[1]);
    const dts = readFileSync(join(MODELS, `${name}.d.ts`), "utf8");
    const required = new Set();
    for (const r of dts.matchAll(/^ {4}'([^']+)'(\??): /gm)) if (!r[2]) required.add(r[1]);
    const fieldDesc = new Map();
    let classDesc = "";
    for (const b of jsdocBlocks(dts)) {
      const text = unescape(b.lines.join("\n").trim());
      const prop = /^ {4}'([^']+)'\??: /.exec(b.after);
      if (prop) fieldDesc.set(prop[1], text);
      else if (/^export declare class /.test(b.after)) classDesc = text;
    }
    models.set(name, { attrs, required, fieldDesc, classDesc });
  }
  return models;
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const pkgOf = (def) => def.slice(0, def.lastIndexOf("."));

/** The client-node class names a definition may have: V1PodSpec, or RbacV1Subject where the short name is shared. */
function classNames(def) {
  const parts = def.split(".");
  const short = parts[parts.length - 1];
  const version = parts[parts.length - 2];
  const pkg = parts[parts.length - 3];
  return [`${cap(pkg)}${cap(version)}${short}`, `${cap(version)}${short}`];
}

/** Class names referenced by an attribute type. */
function referencedClasses(type) {
  return [...type.matchAll(/\b([A-Z]\w*V\d\w*|V\d\w*)\b/g)].map((m) => m[1]).filter((n) => n !== "IntOrString");
}

export function generate() {
  const cdk = readCdk8s();
  const models = readClientNode();
  // 1. client-node class -> definition name, from cdk8s's definition names
  const classToDef = new Map();
  const cdkDefs = [...new Set([...cdk.desc.keys()].map((k) => k.split("#")[0]))].filter((d) => /^io\.k8s\..*\.v\d\w*\.\w+$/.test(d));
  for (const def of cdkDefs) {
    const [prefixed, plain] = classNames(def);
    const cls = models.has(prefixed) ? prefixed : models.has(plain) ? plain : undefined;
    if (!cls) continue;
    const other = classToDef.get(cls);
    if (other && other !== def) throw new Error(`gen-openapi: ${cls} maps to both ${other} and ${def}`);
    classToDef.set(cls, def);
  }
  // 2. classes cdk8s lacks (status types): the package of the mapped classes that reach them through
  // other such classes; one reached from several packages is apimachinery's meta (meta.v1.Condition)
  const reachedFrom = new Map();
  for (const [cls, def] of [...classToDef]) {
    const stack = [cls];
    const seen = new Set(stack);
    while (stack.length) {
      const c = stack.pop();
      for (const a of models.get(c).attrs) {
        for (const ref of referencedClasses(a.type)) {
          if (classToDef.has(ref) || !models.has(ref) || seen.has(ref)) continue;
          seen.add(ref);
          stack.push(ref);
          if (!reachedFrom.has(ref)) reachedFrom.set(ref, new Set());
          reachedFrom.get(ref).add(pkgOf(def));
        }
      }
    }
  }
  for (const [cls, pkgs] of reachedFrom) {
    const pkg = pkgs.size === 1 ? [...pkgs][0] : "io.k8s.apimachinery.pkg.apis.meta.v1";
    const version = pkg.split(".").at(-1);
    const m = new RegExp(`^(?:[A-Z][a-z]+)?${cap(version)}([A-Z]\\w*)$`).exec(cls);
    if (!m) throw new Error(`gen-openapi: ${cls} (reached from ${[...pkgs].join(", ")}) is not a ${version} class`);
    classToDef.set(cls, `${pkg}.${m[1]}`);
  }
  // 3. the schemas
  const descOf = (key, fallback) => cdk.desc.get(key) ?? fallback ?? "";
  const schemas = {};
  const unmapped = new Set();
  const refTo = (cls, ctx) => {
    const def = classToDef.get(cls);
    if (!def) {
      unmapped.add(`${cls} (${ctx})`);
      return "?";
    }
    return REF + def;
  };
  const primitive = (type, format) => {
    if (type === "string") return format ? { type: "string", format } : { type: "string" };
    if (type === "number")
      return format === "int32" || format === "int64" ? { type: "integer", format } : { type: "number", format: format || "double" };
    if (type === "boolean") return { type: "boolean" };
    return undefined;
  };
  /** The schema of a value of client-node type `type` (an array item or map value: refs wrapped as the spec does). */
  const valueSchema = (type, format, quantity, ctx) => {
    const arr = /^Array<(.*)>$/.exec(type);
    if (arr) return { type: "array", items: valueSchema(arr[1], format, quantity, ctx) };
    const map = /^\{ \[key: string\]: (.*); \}$/.exec(type);
    if (map) return { type: "object", additionalProperties: valueSchema(map[1], format, quantity, ctx) };
    if (quantity && type === "string") return { $ref: REF + QUANTITY };
    if (type === "IntOrString" || format === "int-or-string") return { $ref: REF + INT_OR_STRING };
    if (type === "Date") return { $ref: REF + TIME };
    if (type === "V1MicroTime") return { $ref: REF + MICRO_TIME };
    if (type === "any") return { type: "object" };
    const p = primitive(type, format);
    if (p) return p;
    return { allOf: [{ $ref: refTo(type, ctx) }], default: {} };
  };
  for (const [cls, def] of classToDef) {
    const model = models.get(cls);
    const properties = {};
    for (const a of [...model.attrs].sort((x, y) => (x.baseName < y.baseName ? -1 : 1))) {
      const key = `${def}#${a.baseName}`;
      const description = descOf(key, model.fieldDesc.get(a.baseName));
      const quantity = cdk.quantity.has(key);
      let s = valueSchema(a.type, a.format, quantity, `${cls}.${a.baseName}`);
      // a field that is a reference: allOf beside its own description (a direct $ref may have no siblings)
      if (s.$ref) s = { allOf: [s] };
      if (s.allOf) delete s.default;
      properties[a.baseName] = { ...(description ? { description } : {}), ...s };
    }
    const required = model.attrs.map((a) => a.baseName).filter((n) => model.required.has(n));
    const schema = { description: descOf(def, model.classDesc), type: "object", properties };
    if (required.length) schema.required = required;
    const gvk = cdk.gvkByDef.get(def);
    if (gvk) schema["x-kubernetes-group-version-kind"] = [gvk];
    if (!schema.description) delete schema.description;
    schemas[def] = schema;
  }
  // the primitive definitions, shaped as in the v3 spec (no `type` on Quantity and IntOrString)
  const prim = (def, rest) => (schemas[def] = { ...(cdk.desc.get(def) ? { description: cdk.desc.get(def) } : {}), ...rest });
  prim(QUANTITY, { oneOf: [{ type: "string" }, { type: "number" }] });
  prim(INT_OR_STRING, { format: "int-or-string", oneOf: [{ type: "integer" }, { type: "string" }] });
  prim(TIME, { type: "string", format: "date-time" });
  prim(MICRO_TIME, { type: "string", format: "date-time" });
  // 4. per group/version: the kinds and everything they reach
  const byGV = new Map();
  for (const [def, gvk] of cdk.gvkByDef) {
    if (!schemas[def]) throw new Error(`gen-openapi: kind ${def} has no client-node model`);
    const gv = gvk.group ? `apis/${gvk.group}/${gvk.version}` : `api/${gvk.version}`;
    if (!byGV.has(gv)) byGV.set(gv, []);
    byGV.get(gv).push(def);
  }
  const reach = (defs) => {
    const seen = new Set();
    const walk = (d) => {
      if (seen.has(d)) return;
      seen.add(d);
      for (const m of JSON.stringify(schemas[d]).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) walk(m[1]);
    };
    defs.forEach(walk);
    return seen;
  };
  if (unmapped.size) throw new Error(`gen-openapi: unmapped client-node classes: ${[...unmapped].join(", ")}`);
  const absent = [...reach([...cdk.gvkByDef.keys()])].filter((d) => !schemas[d]);
  if (absent.length) throw new Error(`gen-openapi: referenced but not derived: ${absent.join(", ")}`);
  const docs = {};
  for (const [gv, defs] of [...byGV].sort()) {
    const names = [...reach(defs)].sort();
    docs[gv] = { components: { schemas: Object.fromEntries(names.map((n) => [n, schemas[n]])) } };
  }
  return { docs, definitions: Object.keys(schemas).length, skipped: models.size - classToDef.size };
}

export const fileOf = (gv) => `${gv.replaceAll("/", "__")}.json`;

function main() {
  if (!existsSync(MODELS) || !existsSync(CDK_DTS) || !existsSync(CDK_JS)) {
    console.log("openapi: @kubernetes/client-node or cdk8s-plus-32 not installed; kubectl explain docs left as they are");
    return;
  }
  const started = Date.now();
  const { docs, definitions } = generate();
  const tmp = `${OUT}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let bytes = 0;
  for (const [gv, doc] of Object.entries(docs)) {
    const text = JSON.stringify(doc);
    bytes += text.length;
    writeFileSync(join(tmp, fileOf(gv)), text);
  }
  writeFileSync(
    join(tmp, "index.json"),
    JSON.stringify({ source: "@kubernetes/client-node@1.0.0 + cdk8s-plus-32@2.5.92 (Kubernetes v1.32)", groupVersions: Object.keys(docs) }),
  );
  rmSync(OUT, { recursive: true, force: true });
  renameSync(tmp, OUT);
  console.log(
    `openapi: ${definitions} definitions, ${Object.keys(docs).length} group/versions, ${bytes} bytes in lib/generated/openapi (${Date.now() - started} ms)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
