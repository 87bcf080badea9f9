/**
 * Ex commands typed after ":". Unknown ones say "E492: Not an editor command: ...", as vim does;
 * the ones this editor does not offer (:!, :help, :e other-file) say so plainly.
 */
import { beginChange, endChange, firstNonBlank, isModified } from "../buffer";
import type { EditorEnv } from "../types";
import { changeLines, clampCursor, error, getRegister, reportLines, setMessage, storeRegister, updateCurswant } from "./edit";
import type { VimEnv } from "./env";
import { parseRange } from "./ex-range";
import { fileInfo } from "./fileinfo";
import { loadFile, quit, quitCommand, writeFile, writeQuit } from "./file-ops";
import { join, put, shift } from "./operator";
import { globalCommand, sortLines } from "./ex-global";
import { setOption } from "./options";
import { parseSubstitute, substitute } from "./substitute";
import { undoCommand } from "./undo-cmd";
import type { VimState } from "./state";
import { resolveEditorPath } from "../paths";

/** Command names with the shortest abbreviation vim accepts. */
const COMMANDS: [string, number][] = [
  ["write", 1],
  ["wq", 2],
  ["wall", 2],
  ["wqall", 3],
  ["xit", 1],
  ["xall", 2],
  ["exit", 3],
  ["quit", 1],
  ["qall", 2],
  ["quitall", 5],
  ["cquit", 2],
  ["update", 2],
  ["edit", 1],
  ["substitute", 1],
  ["delete", 1],
  ["yank", 1],
  ["put", 2],
  ["move", 1],
  ["copy", 2],
  ["t", 1],
  ["join", 1],
  ["normal", 4],
  ["global", 1],
  ["vglobal", 1],
  ["nohlsearch", 3],
  ["set", 2],
  ["setlocal", 4],
  ["setglobal", 4],
  ["undo", 1],
  ["redo", 3],
  ["sort", 3],
  ["file", 1],
  ["syntax", 2],
  ["filetype", 5],
  ["help", 1],
  ["read", 1],
  ["saveas", 3],
  ["retab", 3],
  ["registers", 3],
  ["display", 2],
  ["marks", 5],
  ["print", 1],
  ["number", 2],
  ["echo", 2],
];

function lookup(name: string): string | null {
  for (const [full, min] of COMMANDS) if (name.length >= min && full.startsWith(name)) return full;
  return null;
}

export function exCommand(s: VimState, input: string, env: VimEnv): void {
  const text = input.replace(/^[\s:]+/, "");
  if (text === "" || text.startsWith('"')) return;
  const range = parseRange(s, text);
  if (!range.ok) {
    error(s, range.error);
    return;
  }
  const rest = range.rest;
  const n = s.buf.lines.length;
  if (rest === "" || rest === "|") {
    // ":N" goes to line N (first non-blank)
    if (range.given === 0) return;
    const l = Math.max(0, Math.min(n - 1, range.end));
    s.marks["'"] = { ...s.cursor };
    s.cursor = { line: l, col: firstNonBlank(s.buf.lines[l]) };
    updateCurswant(s);
    return;
  }
  let name: string;
  let after: string;
  const sym = /^([&~<>=!#@])/.exec(rest);
  if (sym) {
    name = sym[1];
    after = rest.slice(1);
  } else {
    const m = /^([a-zA-Z]+)/.exec(rest);
    if (!m) {
      error(s, `E492: Not an editor command: ${text}`);
      return;
    }
    name = m[1];
    after = rest.slice(m[1].length);
  }
  const bang = after.startsWith("!");
  if (bang) after = after.slice(1);
  const args = after.trim();
  const full = name.length === 1 && !/[a-z]/i.test(name) ? name : lookup(name);
  if (!full) {
    error(s, `E492: Not an editor command: ${text}`);
    return;
  }
  const needValid = () => {
    if (range.start < 0 || range.end >= n) {
      error(s, "E16: Invalid range");
      return false;
    }
    return true;
  };
  const fenv: EditorEnv = { fs: env.fs, now: env.now };
  switch (full) {
    case "write":
    case "update":
      if (full === "update" && !isModified(s.buf)) return;
      if (args.startsWith(">>")) {
        error(s, "E494: Use w or w>>");
        return;
      }
      if (range.given === 0) writeFile(s, fenv, { name: args || undefined, bang, partial: false });
      else if (needValid())
        writeFile(s, fenv, {
          name: args || undefined,
          bang,
          from: range.start,
          to: range.end,
          partial: !(range.start === 0 && range.end === n - 1),
        });
      return;
    case "saveas":
      if (!args) error(s, "E471: Argument required");
      else if (writeFile(s, fenv, { name: args, bang, partial: false })) {
        s.path = resolveEditorPath(args, s.cwd, s.home);
        s.name = args;
      }
      return;
    case "wq":
    case "wqall":
      writeQuit(s, fenv, bang, false, args || undefined);
      return;
    case "xit":
    case "exit":
    case "xall":
      writeQuit(s, fenv, bang, true, args || undefined);
      return;
    case "wall":
      if (isModified(s.buf)) writeFile(s, fenv, { bang, partial: false });
      return;
    case "quit":
    case "qall":
    case "quitall":
      quitCommand(s, bang);
      return;
    case "cquit":
      quit(s, isModified(s.buf) ? "discarded" : "unchanged", 1);
      return;
    case "edit":
      if (args && !(s.path && resolveEditorPath(args, s.cwd, s.home) === s.path)) {
        error(s, "Editing another file from inside the editor is not available here: quit and open it from the shell");
        return;
      }
      if (isModified(s.buf) && !bang) {
        error(s, "E37: No write since last change (add ! to override)");
        return;
      }
      loadFile(s, fenv, s.buf.maxSize);
      s.cursor = { line: Math.min(s.cursor.line, s.buf.lines.length - 1), col: 0 };
      clampCursor(s, false);
      return;
    case "substitute":
    case "&":
    case "~": {
      if (!needValid()) return;
      const spec =
        full === "substitute"
          ? parseSubstitute(s, args)
          : parseSubstitute(s, (full === "&" && args.startsWith("&") ? "&" : "") + args.replace(/^&/, ""));
      if ("error" in spec) {
        error(s, spec.error);
        return;
      }
      if (full === "~" && s.lastSearch) spec.pattern = s.lastSearch.pattern;
      beginChange(s.buf);
      substitute(s, range.start, range.end, spec);
      endChange(s.buf, env.now);
      return;
    }
    case "delete":
    case "yank": {
      if (!needValid()) return;
      const m = /^([a-zA-Z"_-])?\s*(\d+)?$/.exec(args);
      if (!m) {
        error(s, `E488: Trailing characters: ${args}`);
        return;
      }
      let [a, b] = [range.start, range.end];
      if (m[2]) [a, b] = [b, Math.min(n - 1, b + Number(m[2]) - 1)];
      const reg = m[1] ?? null;
      storeRegister(s, reg, { text: s.buf.lines.slice(a, b + 1).join("\n"), linewise: true }, full === "delete" ? "delete" : "yank");
      if (full === "yank") {
        if (b - a + 1 > 2) setMessage(s, `${b - a + 1} lines yanked`);
        return;
      }
      beginChange(s.buf);
      changeLines(s, a, b - a + 1, []);
      endChange(s.buf, env.now);
      const l = Math.min(a, s.buf.lines.length - 1);
      s.cursor = { line: l, col: firstNonBlank(s.buf.lines[l]) };
      reportLines(s, -(b - a + 1));
      return;
    }
    case "put": {
      const reg = args ? args[0] : null;
      const target = range.given ? range.end : s.cursor.line;
      beginChange(s.buf);
      const r = getRegister(s, reg);
      const before = s.buf.lines.length;
      if (target < 0) {
        s.cursor = { line: 0, col: 0 };
        put(s, r ? { ...r, linewise: true } : null, reg, false, 1);
      } else {
        s.cursor = { line: Math.min(target, n - 1), col: 0 };
        put(s, r ? { ...r, linewise: true } : null, reg, !bang, 1);
      }
      endChange(s.buf, env.now);
      // :put leaves the cursor on the last new line
      const last = s.cursor.line + (s.buf.lines.length - before) - 1;
      if (s.buf.lines.length > before) s.cursor = { line: last, col: firstNonBlank(s.buf.lines[last]) };
      updateCurswant(s);
      return;
    }
    case "move":
    case "copy":
    case "t": {
      if (!needValid()) return;
      const dest = parseRange(s, args);
      if (!dest.ok || dest.given === 0 || dest.end < -1 || dest.end >= n) {
        error(s, "E14: Invalid address");
        return;
      }
      const block = s.buf.lines.slice(range.start, range.end + 1);
      const to = dest.end;
      beginChange(s.buf);
      if (full === "move") {
        if (to >= range.start && to < range.end) {
          error(s, "E134: Cannot move a range of lines into itself");
          endChange(s.buf, env.now);
          return;
        }
        changeLines(s, range.start, block.length, []);
        const at = to >= range.end ? to - block.length + 1 : to + 1;
        changeLines(s, at, 0, block);
        s.cursor = { line: at + block.length - 1, col: firstNonBlank(block[block.length - 1]) };
        if (block.length > 2) setMessage(s, `${block.length} lines moved`);
      } else {
        changeLines(s, to + 1, 0, block);
        s.cursor = { line: to + block.length, col: firstNonBlank(block[block.length - 1]) };
        reportLines(s, block.length);
      }
      endChange(s.buf, env.now);
      updateCurswant(s);
      return;
    }
    case "join": {
      if (!needValid()) return;
      beginChange(s.buf);
      const count = range.given === 2 ? range.end - range.start + 1 : 2;
      join(s, range.start, count, !bang);
      endChange(s.buf, env.now);
      s.cursor.col = firstNonBlank(s.buf.lines[s.cursor.line]);
      updateCurswant(s);
      return;
    }
    case ">":
    case "<": {
      if (!needValid()) return;
      const amount = 1 + (args.match(new RegExp(`^\\${full}*`))?.[0].length ?? 0);
      beginChange(s.buf);
      shift(
        s,
        { start: { line: range.start, col: 0 }, end: { line: range.end, col: 0 }, linewise: true, inclusive: false },
        full === "<",
        amount,
      );
      s.cursor = { line: range.end, col: firstNonBlank(s.buf.lines[range.end]) };
      endChange(s.buf, env.now);
      return;
    }
    case "=":
      setMessage(s, String(range.given ? range.end + 1 : n));
      return;
    case "normal": {
      if (!needValid()) return;
      const keys = [...args];
      const lines = range.given ? [range.start, range.end] : [s.cursor.line, s.cursor.line];
      for (let l = lines[0]; l <= lines[1] && l < s.buf.lines.length; l++) {
        s.cursor = { line: l, col: 0 };
        env.feedKeys([...keys, "<Esc>"]);
      }
      return;
    }
    case "global":
    case "vglobal":
      globalCommand(s, range.given ? range.start : 0, range.given ? range.end : n - 1, args, bang || full === "vglobal", env);
      return;
    case "nohlsearch":
    case "syntax":
    case "filetype":
    case "registers":
    case "display":
    case "marks":
    case "echo":
      return;
    case "set":
    case "setlocal":
    case "setglobal":
      setOption(s, args);
      return;
    case "undo":
    case "redo":
      undoCommand(s, full === "undo", env.now);
      return;
    case "sort":
      if (!needValid()) return;
      sortLines(s, range.given ? range.start : 0, range.given ? range.end : n - 1, args, bang, env.now);
      return;
    case "file":
      setMessage(s, fileInfo(s, s.opts.ruler));
      return;
    case "help":
      error(s, `E149: Sorry, no help for ${args || "help.txt"}`);
      return;
    case "read": {
      if (!args) {
        error(s, "E32: No file name");
        return;
      }
      const r = env.fs.read(resolveEditorPath(args, s.cwd, s.home));
      if (!r.ok) {
        error(s, `E484: Can't open file ${args}`);
        return;
      }
      const lines = r.content.replace(/\n$/, "").split("\n");
      const at = range.given ? range.end + 1 : s.cursor.line + 1;
      beginChange(s.buf);
      changeLines(s, Math.max(0, at), 0, lines);
      endChange(s.buf, env.now);
      s.cursor = { line: Math.max(0, at), col: firstNonBlank(lines[0]) };
      return;
    }
    case "print":
    case "number":
    case "retab":
      return;
    case "!":
      error(s, "Shell commands (:!) are not available in this editor: quit and run them from the shell");
      return;
    default:
      error(s, `E492: Not an editor command: ${text}`);
      return;
  }
}
