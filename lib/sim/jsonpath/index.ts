/**
 * Evaluates a parsed JSONPath template the way kubectl's JSONPathPrinter does (missing keys
 * allowed): several results of one action are joined by spaces, maps and lists print as
 * compact JSON, strings raw.
 */
import { goJson } from "../printers/json";
import { JsonPathError, parseTemplate, type Node, type Operand, type Step } from "./parse";

export { JsonPathError };

const cache = new Map<string, Node[]>();

export function compile(template: string): Node[] {
  let nodes = cache.get(template);
  if (!nodes) {
    nodes = parseTemplate(template);
    if (cache.size > 200) cache.clear();
    cache.set(template, nodes);
  }
  return nodes;
}

export function executeTemplate(template: string, data: unknown): string {
  return run(compile(template), data);
}

function run(nodes: Node[], data: unknown): string {
  let out = "";
  for (const n of nodes) {
    if (n.t === "text") out += n.text;
    else if (n.t === "path") out += evalSteps(n.steps, [data]).map(show).join(" ");
    else {
      let items = evalSteps(n.steps, [data]);
      // ranging over a single list iterates its elements
      if (items.length === 1 && Array.isArray(items[0])) items = items[0];
      for (const item of items) out += run(n.body, item);
    }
  }
  return out;
}

function show(v: unknown): string {
  if (v === null) return "<nil>";
  if (typeof v === "object") return goJson(v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  // decoded JSON and YAML hold nothing else: this is a missing value
  return "undefined";
}

export function evalSteps(steps: Step[], start: unknown[]): unknown[] {
  let cur = start;
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) applyStep(s, v, next);
    cur = next;
  }
  return cur;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function applyStep(s: Step, v: unknown, out: unknown[]): void {
  switch (s.t) {
    case "field":
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, s.name)) out.push(v[s.name]);
      return;
    case "wild":
      if (isMap(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
      else if (Array.isArray(v)) out.push(...(v as unknown[]));
      return;
    case "recursive":
      collect(v, out);
      return;
    case "index": {
      if (!Array.isArray(v)) return;
      if (s.all) {
        out.push(...(v as unknown[]));
        return;
      }
      const len = v.length;
      const norm = (i: number) => (i < 0 ? i + len : i);
      if (!s.slice) {
        const i = norm(s.start ?? 0);
        if (i >= 0 && i < len) out.push(v[i]);
        else throw new JsonPathError(`array index out of bounds: index ${s.start}, length ${len}`);
        return;
      }
      const a = Math.max(0, s.start === undefined ? 0 : norm(s.start));
      const b = Math.min(len, s.end === undefined ? len : norm(s.end));
      for (let i = a; i < b; i++) out.push(v[i]);
      return;
    }
    case "filter": {
      const items = Array.isArray(v) ? v : [];
      for (const item of items) if (matches(s, item)) out.push(item);
    }
  }
}

function collect(v: unknown, out: unknown[]): void {
  out.push(v);
  if (Array.isArray(v)) for (const x of v) collect(x, out);
  else if (isMap(v)) for (const k of Object.keys(v).sort()) collect(v[k], out);
}

function operandValues(o: Operand, item: unknown): unknown[] {
  return o.t === "lit" ? [o.value] : evalSteps(o.steps, [item]);
}

function matches(s: Extract<Step, { t: "filter" }>, item: unknown): boolean {
  const left = operandValues(s.left, item);
  if (!s.op || !s.right) return left.length > 0 && left[0] !== false && left[0] !== null;
  const right = operandValues(s.right, item);
  if (!left.length || !right.length) return false;
  const a = left[0];
  const b = right[0];
  switch (s.op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    default: {
      if (typeof a !== "number" || typeof b !== "number") return false;
      return s.op === "<" ? a < b : s.op === ">" ? a > b : s.op === "<=" ? a <= b : a >= b;
    }
  }
}
