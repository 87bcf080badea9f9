/** awk's record reading (RS as a newline, one character, a blank-line paragraph or a regex) and field splitting (FS). */
import { Regex } from "../coreutils/regex";
import { fromInput, type StrNum } from "./values";

export class RecordReader {
  pos = 0;
  constructor(readonly text: string) {}

  /** The next record for this RS, or undefined at the end. */
  next(rs: string, regexOf: (src: string) => Regex): string | undefined {
    const t = this.text;
    if (rs === "\n" || rs.length === 1) {
      if (this.pos >= t.length) return undefined;
      const end = t.indexOf(rs, this.pos);
      if (end < 0) {
        const rec = t.slice(this.pos);
        this.pos = t.length;
        return rec;
      }
      const rec = t.slice(this.pos, end);
      this.pos = end + 1;
      return rec;
    }
    if (rs === "") {
      // paragraph mode: blank lines separate records, leading newlines are skipped
      while (this.pos < t.length && t[this.pos] === "\n") this.pos++;
      if (this.pos >= t.length) return undefined;
      const m = /\n\n+/g;
      m.lastIndex = this.pos;
      const hit = m.exec(t);
      if (!hit) {
        const rec = t.slice(this.pos).replace(/\n$/, "");
        this.pos = t.length;
        return rec;
      }
      const rec = t.slice(this.pos, hit.index);
      this.pos = hit.index + hit[0].length;
      return rec;
    }
    if (this.pos >= t.length) return undefined;
    const re = regexOf(rs);
    const m = re.exec(t, this.pos, this.pos > 0);
    if (!m || m.end === m.start) {
      const rec = t.slice(this.pos);
      this.pos = t.length;
      return rec;
    }
    const rec = t.slice(this.pos, m.start);
    this.pos = m.end;
    return rec;
  }
}

/** Splits a record by FS: " " on blank runs, one other character literally, "" per character, else a regex. */
export function splitFields(rec: string, fs: string, regexOf: (src: string) => Regex, paragraph: boolean): string[] {
  if (rec === "") return [];
  if (fs === " ") {
    const t = rec.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
    return t === "" ? [] : t.split(/[ \t\n]+/);
  }
  if (fs === "") return Array.from(rec);
  const parts = fs.length === 1 && fs !== "\\" ? rec.split(fs) : splitRegex(rec, regexOf(fs));
  if (paragraph) return parts.flatMap((p) => p.split("\n"));
  return parts;
}

export function splitRegex(s: string, re: Regex): string[] {
  const out: string[] = [];
  let at = 0;
  let from = 0;
  while (from <= s.length) {
    const m = re.exec(s, from, from > 0);
    if (!m) break;
    if (m.end === m.start) {
      from = m.start + 1;
      if (from > s.length) break;
      continue;
    }
    out.push(s.slice(at, m.start));
    at = from = m.end;
  }
  out.push(s.slice(at));
  return out;
}

export function fieldVals(parts: string[]): (string | StrNum)[] {
  return parts.map(fromInput);
}
