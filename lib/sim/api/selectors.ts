/**
 * Label selectors (staging/src/k8s.io/apimachinery/pkg/labels/selector.go: equality- and
 * set-based, `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k>1`, `k<1`) and field
 * selectors (pkg/fields/selector.go: `k=v`, `k==v`, `k!=v`, ANDed by commas).
 */
import { isQualifiedName, isValidLabelValue } from "../kinds/_shared/names";

export type LabelOp = "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";
export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

type Token = { t: "id" | "op" | "(" | ")" | "," | "in" | "notin" | "!" | "end"; v: string };

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c, v: c });
      i++;
      continue;
    }
    if (c === "=" || c === "!" || c === ">" || c === "<") {
      const two = s.slice(i, i + 2);
      if (two === "==" || two === "!=") {
        out.push({ t: "op", v: two });
        i += 2;
      } else if (c === "!") {
        out.push({ t: "!", v: "!" });
        i++;
      } else {
        out.push({ t: "op", v: c });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < s.length && !SPECIAL.has(s[j]) && !" \t\r\n".includes(s[j])) j++;
    const word = s.slice(i, j);
    out.push(word === "in" ? { t: "in", v: word } : word === "notin" ? { t: "notin", v: word } : { t: "id", v: word });
    i = j;
  }
  out.push({ t: "end", v: "" });
  return out;
}

/** selector.go binaryOperators, as parseOperator lists them */
const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

/**
 * labels.Parse (selector.go Parser.parse), with its error texts: an error inside a requirement is
 * prefixed "unable to parse requirement: ", one between requirements is not. Values are a set
 * (sorted, without repeats), and `in`/`notin` are identifiers where a value is expected.
 */
export function parseLabelSelector(s: string): LabelRequirement[] | { error: string } {
  const toks = lex(s);
  let p = 0;
  const found = (t: Token, expected: string) => `found '${t.v}', expected: ${expected}`;
  /** in the Values context, the in and notin keywords are identifiers */
  const isValue = (t: Token) => t.t === "id" || t.t === "in" || t.t === "notin";

  /** parseIdentifiersList, after the "(" and a first identifier or comma */
  const identifiers = (): string[] | string => {
    const values = new Set<string>();
    for (;;) {
      const t = toks[p++];
      if (isValue(t)) {
        values.add(t.v);
        const next = toks[p];
        if (next.t === ",") continue;
        if (next.t === ")") return [...values];
        return found(next, "',' or ')'");
      }
      if (t.t !== ",") return found(t, "',', or identifier");
      if (!values.size) values.add(""); // "(,"
      const next = toks[p];
      if (next.t === ")") {
        values.add(""); // ",)"
        return [...values];
      }
      if (next.t === ",") values.add(""); // ",,"
    }
  };

  /** parseRequirement: its error without the prefix */
  const requirement = (): LabelRequirement | string => {
    let tok = toks[p++];
    let negate = false;
    if (tok.t === "!") {
      negate = true;
      tok = toks[p++];
    }
    if (!isValue(tok)) return found(tok, "identifier");
    const key = tok.v;
    const keyErrors = isQualifiedName(key);
    // parseKeyAndInferOperator validates the key with the parser's path, which labels.Parse leaves nil
    if (keyErrors.length) return `<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrors.join("; ")}`;
    const next = toks[p];
    if (next.t === "end" || next.t === ",") return { key, op: negate ? "!" : "exists", values: [] };
    const op = toks[p++];
    let values: string[];
    let kind: LabelOp;
    if (op.t === "in" || op.t === "notin") {
      kind = op.t;
      const open = toks[p++];
      if (open.t !== "(") return `found '${open.v}' expected: '('`;
      const first = toks[p];
      if (isValue(first) || first.t === ",") {
        const list = identifiers();
        if (typeof list === "string") return list;
        if (toks[p++].t !== ")") return found(first, "')'");
        values = list;
      } else if (first.t === ")") {
        p++;
        values = [""];
      } else return found(first, "',', ')' or identifier");
    } else if (op.t === "op") {
      kind = op.v === ">" ? "gt" : op.v === "<" ? "lt" : op.v === "!=" ? "!=" : "=";
      const v = toks[p];
      if (v.t === "end" || v.t === ",") values = [""];
      else {
        p++;
        if (!isValue(v)) return found(v, "identifier");
        values = [v.v];
      }
      // NewRequirement: the values' path is "values"
      if ((kind === "gt" || kind === "lt") && !/^[-+]?\d+$/.test(values[0]))
        return `values[0]: Invalid value: ${JSON.stringify(values[0])}: for 'Gt', 'Lt' operators, the value must be an integer`;
    } else return found(op, BINARY_OPERATORS);
    values = [...new Set(values)].sort();
    const bad: string[] = [];
    if (kind !== "gt" && kind !== "lt")
      values.forEach((v, i) => {
        for (const m of isValidLabelValue(v)) bad.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${m}`);
      });
    if (bad.length) return bad.length === 1 ? bad[0] : `[${bad.join(", ")}]`;
    return { key, op: kind, values };
  };

  const reqs: LabelRequirement[] = [];
  for (;;) {
    const tok = toks[p];
    if (tok.t === "end") return reqs;
    if (!isValue(tok) && tok.t !== "!") return { error: found(tok, "!, identifier, or 'end of string'") };
    const r = requirement();
    if (typeof r === "string") return { error: `unable to parse requirement: ${r}` };
    reqs.push(r);
    const t = toks[p++];
    if (t.t === "end") return reqs;
    if (t.t !== ",") return { error: found(t, "',' or 'end of string'") };
    const next = toks[p];
    if (!isValue(next) && next.t !== "!") return { error: found(next, "identifier after ','") };
  }
}

export function labelsMatch(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=":
        return has && l[r.key] === r.values[0];
      case "!=":
        return !has || l[r.key] !== r.values[0];
      case "in":
        return has && r.values.includes(l[r.key]);
      case "notin":
        return !has || !r.values.includes(l[r.key]);
      case "exists":
        return has;
      case "!":
        return !has;
      case "gt":
        return has && /^-?\d+$/.test(l[r.key]) && Number(l[r.key]) > Number(r.values[0]);
      case "lt":
        return has && /^-?\d+$/.test(l[r.key]) && Number(l[r.key]) < Number(r.values[0]);
    }
  });
}

/** A map selector ({app: web}) as requirements: spec.selector of a Service, matchLabels. */
export function mapSelector(m: Record<string, string> | undefined): LabelRequirement[] {
  return Object.keys(m ?? {})
    .sort()
    .map((key) => ({ key, op: "=" as const, values: [String((m ?? {})[key])] }));
}

/** metav1.LabelSelector (matchLabels + matchExpressions) as requirements. */
export function labelSelectorRequirements(
  sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined,
): LabelRequirement[] {
  const reqs = mapSelector(sel?.matchLabels);
  for (const e of sel?.matchExpressions ?? []) {
    const op: LabelOp = e.operator === "In" ? "in" : e.operator === "NotIn" ? "notin" : e.operator === "Exists" ? "exists" : "!";
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

/** fields.ParseSelector */
export function parseFieldSelector(s: string): FieldRequirement[] | { error: string } {
  if (!s.trim()) return [];
  const out: FieldRequirement[] = [];
  for (const term of splitTerms(s)) {
    const m = /^(.*?)(==|!=|=)(.*)$/.exec(term);
    if (!m) return { error: `invalid selector: '${s}'; can't understand '${term}'` };
    out.push({ field: m[1], op: m[2] === "!=" ? "!=" : "=", value: m[3] });
  }
  return out;
}

/** Splits on commas not escaped with a backslash (fields.splitTerms). */
function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === ",") {
      terms.push(cur);
      cur = "";
    } else cur += s[i];
  }
  terms.push(cur);
  return terms;
}

export function fieldsMatch(reqs: FieldRequirement[], fields: Record<string, string>): boolean {
  return reqs.every((r) => (r.op === "=" ? fields[r.field] === r.value : fields[r.field] !== r.value));
}

/** Selector.String(): how a parsed selector prints (sorted by key, as the apiserver normalises it). */
export function labelSelectorString(reqs: LabelRequirement[]): string {
  return reqs
    .map((r) => {
      switch (r.op) {
        case "=":
          return `${r.key}=${r.values[0]}`;
        case "!=":
          return `${r.key}!=${r.values[0]}`;
        case "in":
          return `${r.key} in (${[...r.values].sort().join(",")})`;
        case "notin":
          return `${r.key} notin (${[...r.values].sort().join(",")})`;
        case "exists":
          return r.key;
        case "!":
          return `!${r.key}`;
        case "gt":
          return `${r.key}>${r.values[0]}`;
        case "lt":
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(",");
}
