/**
 * :g/pattern/cmd, :v/pattern/cmd and :sort. :g marks the matching lines, then runs the command on
 * each from the top, following the lines as earlier commands add or remove some; the cursor ends
 * where the last command left it and :s counts add up into one message, as global_exe() does.
 */
import { beginChange, endChange, firstNonBlank } from "../buffer";
import { changeLines, error, reportLines, setMessage, updateCurswant } from "./edit";
import type { VimEnv } from "./env";
import { reindent, shift } from "./operator";
import { lineMatches } from "./regex";
import { compileFor } from "./search";
import type { VimState } from "./state";
import { parseSubstitute, reportSubstitutions, substitute } from "./substitute";

type GlobalAction = "delete" | "substitute" | "normal" | "shift" | "reindent" | "print";

function actionOf(cmd: string): GlobalAction | null {
  if (/^d(e(l(e(t(e)?)?)?)?)?$/.test(cmd)) return "delete";
  if (/^s(ubstitute)?\W/.test(cmd) || cmd === "s") return "substitute";
  if (/^norm(al)?!?\s/.test(cmd)) return "normal";
  if (/^[<>]+$/.test(cmd)) return "shift";
  if (cmd === "=") return "reindent";
  if (/^p(r(i(n(t)?)?)?)?$/.test(cmd)) return "print";
  return null;
}

export function globalCommand(s: VimState, from: number, to: number, args: string, invert: boolean, env: VimEnv): void {
  const delim = args[0];
  if (!delim) {
    error(s, "E148: Regular expression missing from :global");
    return;
  }
  let end = 1;
  while (end < args.length && args[end] !== delim) end += args[end] === "\\" ? 2 : 1;
  const pattern = args.slice(1, end) || s.lastSearch?.pattern || "";
  const cmd = args.slice(end + 1).trim() || "p";
  const compiled = compileFor(s, pattern);
  if (!compiled.ok) {
    error(s, `E486: Pattern not found: ${pattern}`);
    return;
  }
  s.lastSearch = { pattern, forward: true, offsetLine: false };
  const action = actionOf(cmd);
  if (!action) {
    error(s, `E492: Not an editor command: ${cmd}`);
    return;
  }
  const marked: number[] = [];
  for (let l = from; l <= to; l++) if (lineMatches(compiled.regex, s.buf.lines[l]).length > 0 !== invert) marked.push(l);
  if (!marked.length) {
    setMessage(s, invert ? `Pattern found in every line: ${pattern}` : `Pattern not found: ${pattern}`);
    return;
  }
  const spec = action === "substitute" ? parseSubstitute(s, cmd.replace(/^s(ubstitute)?/, "")) : null;
  if (spec && "error" in spec) {
    error(s, spec.error);
    return;
  }
  const keys = action === "normal" ? [...cmd.replace(/^norm(al)?!?\s/, "")] : [];
  beginChange(s.buf);
  const before = s.buf.lines.length;
  let moved = 0;
  let subs = 0;
  let subLines = 0;
  for (const m of marked) {
    const l = m + moved;
    if (l < 0 || l >= s.buf.lines.length) continue;
    const count = s.buf.lines.length;
    const one = { start: { line: l, col: 0 }, end: { line: l, col: 0 }, linewise: true, inclusive: false };
    switch (action) {
      case "delete": {
        changeLines(s, l, 1, []);
        const c = Math.min(l, s.buf.lines.length - 1);
        s.cursor = { line: c, col: firstNonBlank(s.buf.lines[c]) };
        break;
      }
      case "substitute":
        if (spec) {
          const r = substitute(s, l, l, spec, true);
          subs += r.subs;
          subLines += r.lines;
        }
        break;
      case "normal":
        s.cursor = { line: l, col: 0 };
        env.feedKeys([...keys, "<Esc>"]);
        break;
      case "shift":
        shift(s, one, cmd[0] === "<", cmd.length);
        break;
      case "reindent":
        reindent(s, one);
        break;
      case "print":
        s.cursor = { line: l, col: firstNonBlank(s.buf.lines[l]) };
        break;
    }
    moved += s.buf.lines.length - count;
  }
  endChange(s.buf, env.now);
  updateCurswant(s);
  if (action === "substitute" && spec) {
    if (subs === 0 && !spec.flags.includes("e")) error(s, `E486: Pattern not found: ${spec.pattern || pattern}`);
    else reportSubstitutions(s, subs, subLines, spec.flags.includes("n"));
  } else reportLines(s, s.buf.lines.length - before);
}

export function sortLines(s: VimState, from: number, to: number, args: string, reverse: boolean, now: number): void {
  const lines = s.buf.lines.slice(from, to + 1);
  const numeric = args.includes("n");
  const unique = args.includes("u");
  const icase = args.includes("i");
  const key = (l: string) => (icase ? l.toLowerCase() : l);
  const num = (l: string) => {
    const m = /-?\d+/.exec(l);
    return m ? Number(m[0]) : -Infinity;
  };
  const indexed = lines.map((l, i) => ({ l, i }));
  indexed.sort((a, b) => (numeric ? num(a.l) - num(b.l) : key(a.l) < key(b.l) ? -1 : key(a.l) > key(b.l) ? 1 : 0) || a.i - b.i);
  let sorted = indexed.map((x) => x.l);
  if (reverse) sorted.reverse();
  if (unique) sorted = sorted.filter((l, i) => i === 0 || key(l) !== key(sorted[i - 1]));
  beginChange(s.buf);
  changeLines(s, from, lines.length, sorted);
  endChange(s.buf, now);
  s.cursor = { line: from, col: firstNonBlank(s.buf.lines[from]) };
  updateCurswant(s);
  reportLines(s, sorted.length - lines.length);
}
