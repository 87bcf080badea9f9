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

/** labels.Parse; an error is the parser's text. */
export function parseLabelSelector(s: string): LabelRequirement[] | { error: string } {
  const toks = lex(s);
  let p = 0;
  const reqs: LabelRequirement[] = [];
  const found = (t: Token, expected: string) => ({ error: `found '${t.v}', expected: ${expected}` });
  if (toks[0].t === "end") return [];
  for (;;) {
    let tok = toks[p];
    let negate = false;
    if (tok.t === "!") {
      negate = true;
      tok = toks[++p];
    }
    if (tok.t !== "id") return found(tok, negate ? "identifier after '!'" : "identifier");
    const key = tok.v;
    p++;
    let req: LabelRequirement;
    if (negate) req = { key, op: "!", values: [] };
    else {
      const op = toks[p];
      if (op.t === "," || op.t === "end") req = { key, op: "exists", values: [] };
      else if (op.t === "op") {
        p++;
        const v = toks[p];
        if (op.v === ">" || op.v === "<") {
          if (v.t !== "id") return found(v, "identifier");
          p++;
          if (!/^-?\d+$/.test(v.v)) return { error: `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer` };
          req = { key, op: op.v === ">" ? "gt" : "lt", values: [v.v] };
        } else {
          let value = "";
          if (v.t === "id") {
            value = v.v;
            p++;
          } else if (v.t !== "," && v.t !== "end") return found(v, "identifier");
          req = { key, op: op.v === "!=" ? "!=" : "=", values: [value] };
        }
      } else if (op.t === "in" || op.t === "notin") {
        p++;
        if (toks[p].t !== "(") return found(toks[p], "'('");
        p++;
        const values: string[] = [];
        for (;;) {
          const v = toks[p];
          if (v.t === "id") {
            values.push(v.v);
            p++;
          } else if (v.t === "," || v.t === ")") values.push("");
          else return found(v, "',', ')' or identifier");
          const sep = toks[p];
          if (sep.t === ")") {
            p++;
            break;
          }
          if (sep.t !== ",") return found(sep, "',' or ')'");
          p++;
        }
        req = { key, op: op.t, values };
      } else return found(op, "'=', '!=', '==', 'in', notin'");
    }
    const bad = [...isQualifiedName(req.key).map((m) => `key: Invalid value: ${JSON.stringify(req.key)}: ${m}`)];
    req.values.forEach((v, i) => {
      if (req.op === "gt" || req.op === "lt") return;
      for (const m of isValidLabelValue(v)) bad.push(`values[${i}][${req.key}]: Invalid value: ${JSON.stringify(v)}: ${m}`);
    });
    if (bad.length) return { error: `unable to parse requirement: ${bad.length === 1 ? bad[0] : `[${bad.join(", ")}]`}` };
    reqs.push(req);
    const next = toks[p];
    if (next.t === "end") break;
    if (next.t !== ",") return found(next, "','");
    p++;
    if (toks[p].t === "end") return found(toks[p], "identifier after ','");
  }
  return reqs;
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
