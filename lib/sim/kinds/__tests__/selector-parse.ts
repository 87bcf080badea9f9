/** Test support: matching a label selector string (what kubectl sends as ?labelSelector=) against labels. */
export function selectorMatchesString(selector: string, labels: Record<string, string>): boolean {
  if (!selector) return true;
  const terms: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(cur);
      cur = "";
    } else cur += ch;
  }
  terms.push(cur);
  return terms.every((raw) => {
    const t = raw.trim();
    let m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(t);
    if (m) {
      const vals = m[3].split(",").map((v) => v.trim());
      const has = m[1] in labels && vals.includes(labels[m[1]]);
      return m[2] === "in" ? has : !has;
    }
    m = /^([^!=]+)(!=|==|=)(.*)$/.exec(t);
    if (m) return m[2] === "!=" ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
    if (t.startsWith("!")) return !(t.slice(1) in labels);
    return t in labels;
  });
}
