/**
 * GNU sed 4.9: -n -e -f -E/-r -i[SUFFIX] -s -z, addresses (N, $, /re/I, first~step, 0,/re/,
 * addr,+N, addr,~N, !), every command (s y p P d D n N g G h H x b t T : = a i c l q Q r R w W z
 * F { }), s flags g N p I w and the replacement's & \1..\9 \n \L \U \l \u \E. Matching uses the
 * linear-time regex engine; a step budget bounds loops built with branches.
 */
import { LIMITS } from "../../core/limits";
import type { Command, CommandContext } from "../../types";
import { Regex, RegexError } from "../coreutils/regex";
import { tryHelp } from "../coreutils/util";
import { parseScript, SedError, type Addr, type Cmd, type ReplPart } from "./parse";

interface Input {
  name: string;
  lines: string[];
  /** the last line had no newline */
  noEol: boolean;
}

class Quit extends Error {
  constructor(
    readonly code: number,
    readonly print: boolean,
  ) {
    super("quit");
  }
}

/** `l`: escapes and 70-column wrapping as GNU sed prints them. */
function listLine(s: string, width: number): string {
  const esc: Record<string, string> = {
    "\\": "\\\\",
    "\x07": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
  };
  const pieces = Array.from(Buffer.from(s, "utf8")).map((b) => {
    const c = String.fromCharCode(b);
    if (esc[c]) return esc[c];
    if (b < 32 || b >= 127) return "\\" + b.toString(8).padStart(3, "0");
    return c;
  });
  let out = "";
  let col = 0;
  for (const p of pieces) {
    if (width > 1 && col + p.length > width - 1) {
      out += "\\\n";
      col = 0;
    }
    out += p;
    col += p.length;
  }
  return out + "$\n";
}

function applyCase(text: string, mode: { once?: "l" | "u"; all?: "L" | "U" }): string {
  let t = text;
  if (mode.all === "L") t = t.toLowerCase();
  else if (mode.all === "U") t = t.toUpperCase();
  if (mode.once && t) {
    t = (mode.once === "u" ? t[0].toUpperCase() : t[0].toLowerCase()) + t.slice(1);
    mode.once = undefined;
  }
  return t;
}

function replacement(parts: ReplPart[], s: string, groups: ([number, number] | undefined)[]): string {
  let out = "";
  const mode: { once?: "l" | "u"; all?: "L" | "U" } = {};
  for (const p of parts) {
    if (p.k === "case") {
      if (p.c === "E") {
        mode.all = undefined;
        mode.once = undefined;
      } else if (p.c === "L" || p.c === "U") mode.all = p.c;
      else mode.once = p.c;
      continue;
    }
    const text = p.k === "text" ? p.v : groups[p.n] ? s.slice(groups[p.n]?.[0], groups[p.n]?.[1]) : "";
    out += applyCase(text, mode);
  }
  return out;
}

export const sed: Command = {
  name: "sed",
  summary: "stream editor for filtering and transforming text",
  run(ctx) {
    try {
      return runSed(ctx);
    } catch (e) {
      if (e instanceof SedError) return { stdout: "", stderr: `sed: ${e.message}\n`, exitCode: e.exitCode };
      if (e instanceof RegexError) return { stdout: "", stderr: `sed: ${e.message}\n`, exitCode: 4 };
      throw e;
    }
  },
};

function runSed(ctx: CommandContext) {
  const args = ctx.args;
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let ere = false;
  let inPlace: string | undefined;
  let separate = false;
  let nul = false;
  let hadScript = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a === "--version") return { stdout: "sed (GNU sed) 4.9\n", stderr: "", exitCode: 0 };
    if (a === "--help")
      return { stdout: "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n", stderr: "", exitCode: 0 };
    if (a.startsWith("--")) {
      const [name, val] = a.slice(2).split(/=(.*)/s, 2);
      if (name === "quiet" || name === "silent") quiet = true;
      else if (name === "regexp-extended") ere = true;
      else if (name === "separate") separate = true;
      else if (name === "null-data") nul = true;
      else if (name === "in-place") inPlace = val ?? "";
      else if (name === "expression") {
        scripts.push(val ?? args[++i] ?? "");
        hadScript = true;
      } else if (name === "posix" || name === "debug" || name === "sandbox" || name === "follow-symlinks") continue;
      else return { stdout: "", stderr: `sed: unrecognized option '${a}'\n${usage()}`, exitCode: 1 };
      continue;
    }
    if (a.length > 1 && a[0] === "-") {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "n") quiet = true;
        else if (c === "E" || c === "r") ere = true;
        else if (c === "s") separate = true;
        else if (c === "z") nul = true;
        else if (c === "u") continue;
        else if (c === "i") {
          inPlace = a.slice(j + 1);
          break;
        } else if (c === "e" || c === "f") {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return { stdout: "", stderr: `sed: option requires an argument -- '${c}'\n${usage()}`, exitCode: 1 };
          if (c === "e") scripts.push(v);
          else {
            const r = v === "-" ? { ok: true as const, value: ctx.stdin } : ctx.fs.readFile(ctx.resolve(v));
            if (!r.ok) return { stdout: "", stderr: `sed: couldn't open file ${v}: No such file or directory\n`, exitCode: 1 };
            scripts.push(r.value.replace(/\n$/, ""));
          }
          hadScript = true;
          break;
        } else if (c === "l") {
          if (j + 1 === a.length) i++;
          break;
        } else return { stdout: "", stderr: `sed: invalid option -- '${c}'\n${usage()}`, exitCode: 1 };
      }
      continue;
    }
    if (!hadScript && !scripts.length) {
      scripts.push(a);
      hadScript = true;
    } else files.push(a);
  }
  if (!scripts.length) return { stdout: "", stderr: usage(), exitCode: 1 };
  const program = parseScript(scripts, { ere });
  if (inPlace !== undefined) separate = true;
  if (inPlace !== undefined && !files.length) return { stdout: "", stderr: "sed: no input files\n", exitCode: 1 };

  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  const sep = nul ? "\0" : "\n";
  const inputs: Input[] = [];
  for (const f of files.length ? files : ["-"]) {
    let text: string;
    if (f === "-") text = ctx.stdin;
    else {
      const path = ctx.resolve(f);
      const r = ctx.fs.readFile(path);
      if (!r.ok) {
        stderr +=
          r.error === "EISDIR" ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: can't read ${f}: No such file or directory\n`;
        exitCode = 2;
        continue;
      }
      text = r.value;
    }
    const lines = text.split(sep);
    const noEol = lines[lines.length - 1] !== "";
    if (!noEol) lines.pop();
    inputs.push({ name: f, lines, noEol });
  }

  const writes = new Map<string, string>();
  for (const c of program) if (c.c === "w" || c.c === "W") writes.set(c.file, "");
  for (const c of program) if (c.c === "s" && c.flags.write) writes.set(c.flags.write, "");
  const groupsOf = inPlace !== undefined || separate ? inputs.map((i) => [i]) : [inputs];
  let steps = 0;
  let lastRegex: Regex | undefined;
  const rangeActive = new Map<number, { end?: number }>();
  let quit: Quit | undefined;

  for (const group of groupsOf) {
    if (quit) break;
    let out = "";
    const stream: { line: string; noEol: boolean; file: string }[] = [];
    for (const inp of group)
      inp.lines.forEach((l, k) => stream.push({ line: l, noEol: inp.noEol && k === inp.lines.length - 1, file: inp.name }));
    let pos = 0;
    let lineNo = 0;
    let hold = "";
    let ps = "";
    let lastNoEol = false;
    const isLast = () => pos >= stream.length;
    const next = (): boolean => {
      if (pos >= stream.length) return false;
      const e = stream[pos++];
      lineNo++;
      ps = e.line;
      lastNoEol = e.noEol;
      return true;
    };
    const emit = (text: string, eol = true) => {
      out += text + (eol ? sep : "");
    };
    const matchRe = (re: Regex | undefined, s: string): boolean => {
      const r = re ?? lastRegex;
      if (!r) throw new SedError("no previous regular expression");
      lastRegex = r;
      return r.test(s);
    };
    const matches1 = (a: Addr): boolean => {
      switch (a.k) {
        case "line":
          return lineNo === a.n;
        case "last":
          return isLast();
        case "re":
          return matchRe(a.re, ps);
        case "step":
          return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
        case "zero":
          return false;
      }
    };
    const selected = (c: Cmd): boolean => {
      let hit: boolean;
      if (!c.a1) hit = true;
      else if (!c.a2) hit = matches1(c.a1);
      else {
        const st = rangeActive.get(c.id);
        if (st) {
          const a2 = c.a2;
          let ends = false;
          if (a2.k === "line") ends = lineNo >= a2.n;
          else if (a2.k === "plus" || a2.k === "mult") ends = lineNo >= (st.end ?? 0);
          else if (a2.k === "last") ends = isLast();
          else if (a2.k === "re") ends = matchRe(a2.re, ps);
          else if (a2.k === "step") ends = lineNo >= a2.first;
          if (ends) rangeActive.delete(c.id);
          hit = true;
        } else {
          const zero = c.a1.k === "zero";
          const startHit = zero ? lineNo === 1 : matches1(c.a1);
          if (zero && startHit) {
            // 0,/re/: the regex may end the range on the first line already
            hit = true;
            const a2 = c.a2;
            if (!(a2.k === "re" && matchRe(a2.re, ps))) rangeActive.set(c.id, {});
          } else if (startHit) {
            hit = true;
            const a2 = c.a2;
            if (a2.k === "line") {
              if (a2.n > lineNo) rangeActive.set(c.id, {});
            } else if (a2.k === "plus") {
              if (a2.n > 0) rangeActive.set(c.id, { end: lineNo + a2.n });
            } else if (a2.k === "mult") {
              const end = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
              if (end > lineNo) rangeActive.set(c.id, { end });
            } else if (a2.k === "last") {
              if (!isLast()) rangeActive.set(c.id, {});
            } else rangeActive.set(c.id, {});
          } else hit = false;
        }
      }
      return hit !== c.negate;
    };

    while (!quit && next()) {
      let append = "";
      let tflag = false;
      let deleted = false;
      cycle: for (;;) {
        let pc = 0;
        while (pc < program.length) {
          if (++steps > LIMITS.maxToolSteps) throw new SedError("step limit exceeded: the script loops too long");
          const c = program[pc];
          if (c.c === "}" || c.c === ":") {
            pc++;
            continue;
          }
          if (!selected(c)) {
            pc = c.c === "{" ? c.end + 1 : pc + 1;
            continue;
          }
          switch (c.c) {
            case "{":
              break;
            case "=":
              emit(String(lineNo));
              break;
            case "a":
              append += c.text + sep;
              break;
            case "i":
              emit(c.text);
              break;
            case "c": {
              // in a range, the text replaces the whole range: print it at the range's end
              if (!c.a2 || !rangeActive.has(c.id) || c.negate) emit(c.text);
              deleted = true;
              break cycle;
            }
            case "d":
              deleted = true;
              break cycle;
            case "D": {
              const nl = ps.indexOf("\n");
              if (nl < 0) {
                deleted = true;
                break cycle;
              }
              ps = ps.slice(nl + 1);
              if (append) out += append;
              append = "";
              pc = 0;
              continue;
            }
            case "g":
              ps = hold;
              break;
            case "G":
              ps += "\n" + hold;
              break;
            case "h":
              hold = ps;
              break;
            case "H":
              hold += "\n" + ps;
              break;
            case "x":
              [ps, hold] = [hold, ps];
              break;
            case "z":
              ps = "";
              break;
            case "F":
              emit(stream[pos - 1]?.file ?? "-");
              break;
            case "l":
              out += listLine(ps, c.width ?? 70);
              break;
            case "n":
              if (isLast()) {
                break cycle;
              }
              if (!quiet) emit(ps, !lastNoEol);
              if (append) out += append;
              append = "";
              next();
              break;
            case "N":
              if (isLast()) break cycle;
              {
                const prev = ps;
                next();
                ps = prev + "\n" + ps;
              }
              break;
            case "p":
              emit(ps);
              break;
            case "P": {
              const nl = ps.indexOf("\n");
              emit(nl < 0 ? ps : ps.slice(0, nl));
              break;
            }
            case "q":
              quit = new Quit(c.code, true);
              break cycle;
            case "Q":
              quit = new Quit(c.code, false);
              break cycle;
            case "b":
              pc = c.target ?? program.length;
              continue;
            case "t":
            case "T":
              if ((c.c === "t") === tflag) {
                tflag = false;
                pc = c.target ?? program.length;
                continue;
              }
              if (c.c === "t") tflag = false;
              break;
            case "r": {
              const r = ctx.fs.readFile(ctx.resolve(c.file));
              if (r.ok) append += r.value;
              break;
            }
            case "R":
              break;
            case "w":
            case "W": {
              const nl = ps.indexOf("\n");
              const text = (c.c === "W" && nl >= 0 ? ps.slice(0, nl) : ps) + sep;
              if (c.file === "/dev/stdout") out += text;
              else writes.set(c.file, (writes.get(c.file) ?? "") + text);
              break;
            }
            case "y": {
              const map = new Map(c.from.map((ch, k) => [ch, c.to[k]]));
              ps = Array.from(ps, (ch) => map.get(ch) ?? ch).join("");
              break;
            }
            case "s": {
              const re = c.re ?? lastRegex;
              if (!re) throw new SedError("no previous regular expression");
              lastRegex = re;
              let result = "";
              let at = 0;
              let count = 0;
              let did = false;
              while (at <= ps.length) {
                const m = re.exec(ps, at, at > 0);
                if (!m) break;
                count++;
                if (count >= c.flags.nth && (c.flags.global || count === c.flags.nth)) {
                  result += ps.slice(at, m.start) + replacement(c.repl, ps, m.groups);
                  did = true;
                } else result += ps.slice(at, m.end);
                if (m.end === m.start) {
                  result += ps[m.end] ?? "";
                  at = m.end + 1;
                } else at = m.end;
                if (did && !c.flags.global) break;
              }
              if (did) {
                ps = result + ps.slice(at);
                tflag = true;
                for (let k = 0; k < c.flags.print; k++) emit(ps);
                if (c.flags.write !== undefined) writes.set(c.flags.write, (writes.get(c.flags.write) ?? "") + ps + sep);
              }
              break;
            }
          }
          pc++;
        }
        break;
      }
      if (!deleted && !quiet && !(quit && !quit.print)) emit(ps, !(lastNoEol && isLast()));
      out += append;
    }
    if (inPlace !== undefined && group.length) {
      const name = group[0].name;
      const path = ctx.resolve(name);
      if (inPlace) {
        const old = ctx.fs.readFile(path);
        if (old.ok) ctx.fs.writeFile(ctx.resolve(name + inPlace), old.value);
      }
      ctx.fs.writeFile(path, out);
    } else stdout += out;
  }
  for (const [file, text] of writes) {
    if (file === "/dev/stdout") stdout += text;
    else if (file === "/dev/stderr") stderr += text;
    else ctx.fs.writeFile(ctx.resolve(file), text);
  }
  return { stdout, stderr, exitCode: quit ? quit.code || exitCode : exitCode };
}

function usage(): string {
  return `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n${tryHelp("sed")}`;
}
