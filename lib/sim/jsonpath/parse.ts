/**
 * A linear parser for kubectl's JSONPath templates (client-go util/jsonpath): literal text,
 * `{.a.b[0]['c.d'][*][1:3][?(@.x=="y")]..e}`, `{"\n"}`, `{range .items[*]}...{end}`. No user
 * input ever becomes a RegExp; every step is a plain character scan.
 */
export type Step =
  | { t: "field"; name: string }
  | { t: "wild" }
  | { t: "recursive" }
  | { t: "index"; start?: number; end?: number; slice: boolean; all: boolean }
  | { t: "filter"; left: Operand; op?: string; right?: Operand };

export type Operand = { t: "path"; steps: Step[] } | { t: "lit"; value: string | number | boolean };

export type Node = { t: "text"; text: string } | { t: "path"; steps: Step[] } | { t: "range"; steps: Step[]; body: Node[] };

export class JsonPathError extends Error {}

export function parseTemplate(src: string): Node[] {
  const flat: ({ t: "text"; text: string } | { t: "action"; body: string })[] = [];
  let i = 0;
  let text = "";
  while (i < src.length) {
    if (src[i] === "{") {
      const close = findClose(src, i);
      if (close < 0) throw new JsonPathError(`unclosed action`);
      if (text) flat.push({ t: "text", text });
      text = "";
      flat.push({ t: "action", body: src.slice(i + 1, close).trim() });
      i = close + 1;
    } else text += src[i++];
  }
  if (text) flat.push({ t: "text", text });

  // fold range ... end into a tree
  const root: Node[] = [];
  const stack: Node[][] = [root];
  const ranges: { steps: Step[]; body: Node[] }[] = [];
  for (const seg of flat) {
    const top = stack[stack.length - 1];
    if (seg.t === "text") top.push(seg);
    else if (seg.body === "end") {
      if (stack.length === 1) throw new JsonPathError("not in range, nothing to end");
      stack.pop();
      const r = ranges.pop();
      if (!r) throw new JsonPathError("not in range, nothing to end");
      stack[stack.length - 1].push({ t: "range", steps: r.steps, body: r.body });
    } else if (seg.body.startsWith("range ") || seg.body === "range") {
      const r = { steps: parsePath(seg.body.slice(5).trim()), body: [] as Node[] };
      ranges.push(r);
      stack.push(r.body);
    } else if (seg.body.startsWith('"') || seg.body.startsWith("'")) {
      top.push({ t: "text", text: parseQuoted(seg.body) });
    } else if (seg.body === "") {
      continue;
    } else top.push({ t: "path", steps: parsePath(seg.body) });
  }
  if (stack.length > 1) throw new JsonPathError("unclosed range");
  return root;
}

function findClose(s: string, open: number): number {
  let quote = "";
  for (let i = open + 1; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "}") return i;
  }
  return -1;
}

function parseQuoted(s: string): string {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) throw new JsonPathError(`unclosed quote ${s}`);
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") {
      out += body[i];
      continue;
    }
    const n = body[++i];
    out += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n === undefined ? "\\" : n;
  }
  return out;
}

/**
 * A field name up to the next "." or "[": client-go jsonpath parser.go advance() lets a backslash
 * carry the next character (so `app\.kubernetes\.io/name` is one key), and parseField drops every
 * backslash from the name.
 */
function readFieldName(src: string, from: number): [string, number] {
  let i = from;
  let name = "";
  while (i < src.length && src[i] !== "." && src[i] !== "[") {
    if (src[i] === "\\" && i + 1 < src.length) i++;
    name += src[i++];
  }
  return [name.replace(/\\/g, ""), i];
}

/** `.a.b[0]`, `$.a`, `@.x` (inside filters), `..name`. */
export function parsePath(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (src[0] === "$" || src[0] === "@") i = 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ".") {
      if (src[i + 1] === ".") {
        steps.push({ t: "recursive" });
        i += 2;
        continue;
      }
      i++;
      if (src[i] === "*") {
        steps.push({ t: "wild" });
        i++;
        continue;
      }
      const [name, next] = readFieldName(src, i);
      i = next;
      if (name) steps.push({ t: "field", name });
    } else if (ch === "[") {
      const close = findBracket(src, i);
      if (close < 0) throw new JsonPathError(`unclosed array expect ]`);
      steps.push(parseBracket(src.slice(i + 1, close).trim()));
      i = close + 1;
    } else if (ch === " ") i++;
    else {
      // kubectl accepts a bare first field name, e.g. {metadata.name}
      const [name, next] = readFieldName(src, i);
      i = next;
      steps.push({ t: "field", name });
    }
  }
  return steps;
}

function findBracket(s: string, open: number): number {
  let depth = 0;
  let quote = "";
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(body: string): Step {
  if (body === "*") return { t: "index", slice: true, all: true };
  if (body.startsWith("'") || body.startsWith('"')) return { t: "field", name: parseQuoted(body) };
  if (body.startsWith("?(") && body.endsWith(")")) return parseFilter(body.slice(2, -1).trim());
  const parts = body.split(":");
  const num = (s: string | undefined) => {
    if (s === undefined || s.trim() === "") return undefined;
    const n = Number(s.trim());
    if (!Number.isInteger(n)) throw new JsonPathError(`invalid array index ${body}`);
    return n;
  };
  if (parts.length === 1) {
    const n = num(parts[0]);
    if (n === undefined) throw new JsonPathError(`invalid array index ${body}`);
    return { t: "index", start: n, slice: false, all: false };
  }
  return { t: "index", start: num(parts[0]), end: num(parts[1]), slice: true, all: false };
}

const OPS = ["==", "!=", "<=", ">=", "<", ">"];

function parseFilter(body: string): Step {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"' || body[i] === "'") {
      const q = body[i];
      i++;
      while (i < body.length && body[i] !== q) i++;
      continue;
    }
    for (const op of OPS) {
      if (body.startsWith(op, i)) {
        return { t: "filter", left: operand(body.slice(0, i).trim()), op, right: operand(body.slice(i + op.length).trim()) };
      }
    }
  }
  return { t: "filter", left: operand(body) };
}

function operand(s: string): Operand {
  if (s.startsWith("@") || s.startsWith("$")) return { t: "path", steps: parsePath(s) };
  if (s.startsWith('"') || s.startsWith("'")) return { t: "lit", value: parseQuoted(s) };
  if (s === "true" || s === "false") return { t: "lit", value: s === "true" };
  const n = Number(s);
  if (s !== "" && !Number.isNaN(n)) return { t: "lit", value: n };
  throw new JsonPathError(`unrecognized filter operand ${s}`);
}
