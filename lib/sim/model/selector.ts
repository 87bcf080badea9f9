/** Label selectors as `-l` takes them: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a)`, ANDed by commas. */
export type Requirement = { key: string; op: "=" | "!=" | "exists" | "!exists" | "in" | "notin"; values: string[] };

export function parseSelector(s: string): Requirement[] | { error: string } {
  const reqs: Requirement[] = [];
  // split on commas outside parentheses
  const parts: string[] = [];
  let depth = 0, cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) { parts.push(cur); cur = ""; } else cur += ch;
  }
  if (cur || parts.length) parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) return { error: `found '', expected: identifier after ','` };
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) reqs.push({ key: m[1], op: m[2] as "in" | "notin", values: m[3].split(",").map((v) => v.trim()) });
    else if ((m = /^([\w./-]+)\s*!=\s*([\w.-]*)$/.exec(p))) reqs.push({ key: m[1], op: "!=", values: [m[2]] });
    else if ((m = /^([\w./-]+)\s*==?\s*([\w.-]*)$/.exec(p))) reqs.push({ key: m[1], op: "=", values: [m[2]] });
    else if ((m = /^!([\w./-]+)$/.exec(p))) reqs.push({ key: m[1], op: "!exists", values: [] });
    else if ((m = /^([\w./-]+)$/.exec(p))) reqs.push({ key: m[1], op: "exists", values: [] });
    else return { error: `unable to parse requirement: found '${p}'` };
  }
  return reqs;
}

export function matchesSelector(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=": return has && l[r.key] === r.values[0];
      case "!=": return !has || l[r.key] !== r.values[0];
      case "exists": return has;
      case "!exists": return !has;
      case "in": return has && r.values.includes(l[r.key]);
      case "notin": return !has || !r.values.includes(l[r.key]);
    }
  });
}
