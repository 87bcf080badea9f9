/**
 * The corpus's command lines are written as a terminal line ("kubectl get pods -o
 * jsonpath='{.items[*].metadata.name}'"); this splits one into argv the way a POSIX shell would
 * for what the corpus uses (blanks, single quotes, double quotes with \" and \\), and quotes argv
 * back for the simulator's shell so it receives exactly the same words.
 */

export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === " " || c === "\t") {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && (line[j + 1] === '"' || line[j + 1] === "\\")) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new Error(`unterminated " in: ${line}`);
      i = j;
    } else cur += c;
  }
  if (inWord) out.push(cur);
  return out;
}

/** One word single-quoted for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
