/**
 * `-o go-template` for the cases people type: Go's text/template over the object (or the List)
 * as kubectl's unstructured maps, with allow-missing-template-keys' "<no value>". Supported: text,
 * {{- -}} trimming, field chains (.a.b, $.a, $v.a), variables ($x := ...), string/number/bool
 * literals, pipelines with |, parentheses, if/else if/else, range (with $i, $v := and else), with,
 * define, block and template (named templates, called with the pipeline's value as dot),
 * and the functions index, len, printf, print, println, eq, ne, lt, le, gt, ge, and, or, not, and
 * kubectl's base64decode (staging/src/k8s.io/cli-runtime/pkg/printers/template.go).
 */

export class TemplateError extends Error {}

type Tok = { t: "text"; v: string } | { t: "action"; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    if (open < 0) {
      out.push({ t: "text", v: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src[start] === "-" && /\s/.test(src[start + 1] ?? "")) {
      text = text.replace(/\s+$/, "");
      start += 1;
    }
    if (text) out.push({ t: "text", v: text });
    const close = src.indexOf("}}", start);
    if (close < 0) throw new TemplateError(`template: output:${src.slice(0, open).split("\n").length}: unclosed action`);
    let body = src.slice(start, close);
    i = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      while (i < src.length && /\s/.test(src[i])) i++;
    }
    out.push({ t: "action", v: body.trim() });
  }
  return out;
}

type Node =
  | { k: "text"; v: string }
  | { k: "print"; pipe: string; decl?: string[] }
  | { k: "if" | "with"; pipe: string; then: Node[]; else: Node[] }
  | { k: "range"; pipe: string; vars: string[]; body: Node[]; else: Node[] }
  | { k: "template"; name: string; pipe: string };

/** Named templates: {{define}} and {{block}} bodies, which {{template}} runs. */
type Defs = Map<string, Node[]>;

/** `"name" rest` of define, block and template: the quoted name (text/template takes "…" or `…`) and the pipeline after it. */
function namedAction(word: string, spec: string): { name: string; rest: string } {
  const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)\s*(.*)$/s.exec(spec);
  if (!m) throw new TemplateError(`template: output:1: unexpected ${JSON.stringify(spec)} in ${word} clause`);
  const name = m[1].startsWith("`") ? m[1].slice(1, -1) : (JSON.parse(m[1]) as string);
  return { name, rest: m[2].trim() };
}

function parse(toks: Tok[], defs: Defs): Node[] {
  let p = 0;
  /** if/with up to its end; "else if" nests an if that shares the end. */
  function conditional(k: "if" | "with", pipe: string): Node {
    const body = block(["else", "end"]);
    const node: Node = { k, pipe, then: body.nodes, else: [] };
    if (body.stop.startsWith("else")) {
      const rest = body.stop.slice(4).trim();
      node.else = rest.startsWith("if ") ? [conditional("if", rest.slice(3).trim())] : block(["end"]).nodes;
    }
    return node;
  }
  function block(stops: string[]): { nodes: Node[]; stop: string } {
    const nodes: Node[] = [];
    while (p < toks.length) {
      const t = toks[p++];
      if (t.t === "text") {
        nodes.push({ k: "text", v: t.v });
        continue;
      }
      const word = t.v.split(/\s+/)[0];
      if (stops.includes(word) || (word === "else" && stops.includes("else"))) return { nodes, stop: t.v };
      if (word === "if" || word === "with") nodes.push(conditional(word, t.v.slice(word.length).trim()));
      else if (word === "define" || word === "block") {
        const { name, rest } = namedAction(word, t.v.slice(word.length).trim());
        defs.set(name, block(["end"]).nodes);
        // block is define plus template of the same name, in place
        if (word === "block") nodes.push({ k: "template", name, pipe: rest });
      } else if (word === "template") {
        const { name, rest } = namedAction(word, t.v.slice(word.length).trim());
        nodes.push({ k: "template", name, pipe: rest });
      } else if (word === "range") {
        let spec = t.v.slice(5).trim();
        let vars: string[] = [];
        const m = /^((?:\$\w*\s*,\s*)?\$\w*)\s*:=\s*(.*)$/.exec(spec);
        if (m) {
          vars = m[1].split(",").map((s) => s.trim());
          spec = m[2];
        }
        const body = block(["else", "end"]);
        const node: Node = { k: "range", pipe: spec, vars, body: body.nodes, else: [] };
        if (body.stop.startsWith("else")) node.else = block(["end"]).nodes;
        nodes.push(node);
      } else if (word === "end" || word === "else") throw new TemplateError(`template: output:1: unexpected {{${word}}}`);
      else if (!t.v.startsWith("/*")) {
        const decl = /^(\$\w*)\s*:?=\s*(.*)$/.exec(t.v);
        nodes.push(decl ? { k: "print", pipe: decl[2], decl: [decl[1]] } : { k: "print", pipe: t.v });
      }
    }
    if (stops.length) throw new TemplateError("template: output:1: unexpected EOF");
    return { nodes, stop: "" };
  }
  return block([]).nodes;
}

type Scope = Map<string, unknown>;
const MISSING = Symbol("no value");

function words(s: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\((?:[^()]|\([^()]*\))*\)|[^\s()"`]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) if (m[1]) out.push(m[1]);
  return out;
}

function field(v: unknown, name: string): unknown {
  if (v && typeof v === "object" && !Array.isArray(v) && name in v) return (v as Record<string, unknown>)[name];
  return MISSING;
}

function operand(w: string, dot: unknown, scope: Scope): unknown {
  if (w.startsWith('"')) return JSON.parse(w) as string;
  if (w.startsWith("`")) return w.slice(1, -1);
  if (w.startsWith("(")) return pipeline(w.slice(1, -1), dot, scope);
  if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w === "true" || w === "false") return w === "true";
  if (w === "nil") return null;
  let base: unknown;
  let path: string;
  if (w.startsWith("$")) {
    const m = /^(\$\w*)(.*)$/.exec(w) ?? ["", w, ""];
    if (!scope.has(m[1])) throw new TemplateError(`template: output:1: undefined variable "${m[1]}"`);
    base = scope.get(m[1]);
    path = m[2];
  } else if (w.startsWith(".")) {
    base = dot;
    path = w === "." ? "" : w;
  } else throw new TemplateError(`template: output:1: function "${w}" not defined`);
  for (const part of path.split(".").filter(Boolean)) base = base === MISSING ? MISSING : field(base, part);
  return base;
}

const truthy = (v: unknown) =>
  !(
    v === MISSING ||
    v === null ||
    v === undefined ||
    v === false ||
    v === 0 ||
    v === "" ||
    (Array.isArray(v) && !v.length) ||
    (typeof v === "object" && v !== null && !Object.keys(v).length)
  );

/** fmt's %v of an unstructured value. */
export function goString(v: unknown): string {
  if (v === MISSING || v === undefined) return "<no value>";
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goString).join(" ")}]`;
  if (typeof v === "object")
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goString((v as Record<string, unknown>)[k])}`)
      .join(" ")}]`;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return "<no value>";
}

function printf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([vsdqft%])/g, (_, flags: string, verb: string) => {
    if (verb === "%") return "%";
    const a = args[i++];
    let s =
      verb === "q"
        ? JSON.stringify(goString(a))
        : verb === "f"
          ? Number(a).toFixed(/\.(\d+)/.exec(flags)?.[1] ? Number(/\.(\d+)/.exec(flags)?.[1]) : 6)
          : goString(a);
    const width = /(\d+)/.exec(flags.replace(/\.\d+/, ""))?.[1];
    if (width) s = flags.includes("-") ? s.padEnd(Number(width)) : s.padStart(Number(width));
    return s;
  });
}

const cmp = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;

const FUNCS: Record<string, (args: unknown[]) => unknown> = {
  index: ([c, ...keys]) => keys.reduce((v: unknown, k) => (Array.isArray(v) ? v[Number(k)] : field(v, String(k))), c),
  len: ([v]) => (Array.isArray(v) || typeof v === "string" ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0),
  printf: ([f, ...rest]) => printf(String(f), rest),
  print: (args) => args.map(goString).join(""),
  println: (args) => `${args.map(goString).join(" ")}\n`,
  eq: ([a, ...bs]) => bs.some((b) => a === b),
  ne: ([a, b]) => a !== b,
  lt: ([a, b]) => cmp(a, b) < 0,
  le: ([a, b]) => cmp(a, b) <= 0,
  gt: ([a, b]) => cmp(a, b) > 0,
  ge: ([a, b]) => cmp(a, b) >= 0,
  and: (args) => args.find((a) => !truthy(a)) ?? args[args.length - 1],
  or: (args) => args.find(truthy) ?? args[args.length - 1],
  not: ([a]) => !truthy(a),
  base64decode: ([s]) => Buffer.from(String(s), "base64").toString("utf8"),
};

function pipeline(src: string, dot: unknown, scope: Scope): unknown {
  let prev: unknown = MISSING;
  let first = true;
  for (const cmd of src.split(/\|(?![^(]*\))/)) {
    const ws = words(cmd.trim());
    if (!ws.length) throw new TemplateError("template: output:1: missing value for command");
    const fn = FUNCS[ws[0]];
    let v: unknown;
    if (fn) {
      const args = ws.slice(1).map((w) => operand(w, dot, scope));
      if (!first) args.push(prev);
      v = fn(args);
    } else v = operand(ws[0], dot, scope);
    prev = v;
    first = false;
  }
  return prev;
}

/** text/template's maxExecDepth: a template that calls itself forever stops here. */
const MAX_TEMPLATE_DEPTH = 100_000;

function run(nodes: Node[], dot: unknown, scope: Scope, defs: Defs, depth = 0): string {
  let out = "";
  for (const n of nodes) {
    switch (n.k) {
      case "text":
        out += n.v;
        break;
      case "print": {
        const v = pipeline(n.pipe, dot, scope);
        if (n.decl) scope.set(n.decl[0], v);
        else out += goString(v);
        break;
      }
      case "if":
      case "with": {
        const v = pipeline(n.pipe, dot, scope);
        if (truthy(v)) out += run(n.then, n.k === "with" ? v : dot, new Map(scope), defs, depth);
        else out += run(n.else, dot, new Map(scope), defs, depth);
        break;
      }
      case "range": {
        const v = pipeline(n.pipe, dot, scope);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === "object"
            ? Object.keys(v)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (!entries.length) out += run(n.else, dot, new Map(scope), defs, depth);
        for (const [k, x] of entries) {
          const s = new Map(scope);
          if (n.vars.length === 1) s.set(n.vars[0], x);
          if (n.vars.length === 2) {
            s.set(n.vars[0], k);
            s.set(n.vars[1], x);
          }
          out += run(n.body, x, s, defs, depth);
        }
        break;
      }
      case "template": {
        const body = defs.get(n.name);
        if (!body) throw new TemplateError(`template: output:1: no such template ${JSON.stringify(n.name)}`);
        if (depth >= MAX_TEMPLATE_DEPTH)
          throw new TemplateError(`template: output:1: exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
        // the named template sees the pipeline's value as both . and $ (nil without a pipeline)
        const v = n.pipe ? pipeline(n.pipe, dot, scope) : undefined;
        out += run(body, v, new Map([["$", v]]), defs, depth + 1);
        break;
      }
    }
  }
  return out;
}

/** Executes a template over data; a TemplateError carries text/template's message. */
export function executeGoTemplate(src: string, data: unknown): string {
  const defs: Defs = new Map();
  const nodes = parse(lex(src), defs);
  return run(nodes, data, new Map([["$", data]]), defs);
}
