/** read and mapfile/readarray: they take input line by line from the shell's stdin stream. */
import { ifsSplit } from "../expand";
import { VALID_NAME } from "../shell-context";
import { setOwn } from "../vars";
import { complain, options, type Builtin } from "./types";

const READ_USAGE =
  "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n";

/** Backslash processing without -r: `\x` is x, and backslash-newline joins the next line. */
function unescapeLine(line: string): string {
  return line.replace(/\\(.)/gs, "$1").replace(/\\$/, "");
}

const read: Builtin = {
  summary: "read a line from the standard input and split it into fields",
  run(b) {
    const o = options(b.args, "adinNptu");
    if (o.bad) {
      complain(b, o.bad, 2);
      b.io.err.write(READ_USAGE);
      return 2;
    }
    const badFlag = [...o.flags.keys()].find((c) => !"adinNprstue".includes(c));
    if (badFlag) {
      complain(b, `-${badFlag}: invalid option`, 2);
      b.io.err.write(READ_USAGE);
      return 2;
    }
    for (const n of o.rest) if (!VALID_NAME.test(n)) return complain(b, `\`${n}': not a valid identifier`);
    const raw = o.flags.has("r");
    const delim = o.flags.has("d") ? (o.flags.get("d") ?? "").slice(0, 1) : "\n";
    const stdin = b.io.stdin;
    let line = "";
    let eof = false;
    const nchars = o.flags.get("n") ?? o.flags.get("N");
    if (nchars !== undefined) {
      const n = Number(nchars);
      let got = "";
      while (got.length < n) {
        const c = stdin.readChars(1);
        if (c === undefined) {
          eof = true;
          break;
        }
        if (c === delim && !o.flags.has("N")) break;
        got += c;
      }
      line = got;
    } else {
      for (;;) {
        const r = stdin.readUntil(delim);
        if (!r) {
          eof = true;
          break;
        }
        // without -r a trailing backslash continues the line
        if (!raw && delim === "\n" && /(^|[^\\])(\\\\)*\\$/.test(r.text) && !r.eof) {
          line += r.text.slice(0, -1);
          continue;
        }
        line += r.text;
        eof = r.eof;
        break;
      }
    }
    const text = raw ? line : unescapeLine(line);
    const ifs = b.sh.vars.get("IFS") ?? " \t\n";
    const { vars } = b.sh;
    const arrayName = o.flags.get("a");
    if (arrayName !== undefined) {
      const items: Record<string, string> = {};
      ifsSplit(text, ifs).parts.forEach((p, i) => setOwn(items, String(i), p));
      vars.setArray(arrayName, items);
      return eof ? 1 : 0;
    }
    const names = o.rest.length ? o.rest : ["REPLY"];
    if (!o.rest.length) {
      vars.set("REPLY", text);
      return eof ? 1 : 0;
    }
    const ws = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
    let rest = text;
    for (let i = 0; i < names.length; i++) {
      let start = 0;
      while (start < rest.length && ws(rest[start])) start++;
      rest = rest.slice(start);
      if (i === names.length - 1) {
        let end = rest.length;
        while (end > 0 && ws(rest[end - 1])) end--;
        let value = rest.slice(0, end);
        // one trailing non-whitespace separator is dropped, as in bash
        if (
          value.length &&
          ifs.includes(value[value.length - 1]) &&
          !ws(value[value.length - 1]) &&
          ifsSplit(value, ifs).parts.length === 1
        )
          value = value.slice(0, -1);
        vars.set(names[i], value);
        break;
      }
      let j = 0;
      while (j < rest.length && !ifs.includes(rest[j])) j++;
      vars.set(names[i], rest.slice(0, j));
      rest = rest.slice(j);
      // skip one separator: whitespace run, an optional non-whitespace separator, whitespace run
      let k = 0;
      while (k < rest.length && ws(rest[k])) k++;
      if (k < rest.length && ifs.includes(rest[k]) && !ws(rest[k])) k++;
      rest = rest.slice(k);
    }
    return eof ? 1 : 0;
  },
};

const mapfile: Builtin = {
  summary: "read lines from the standard input into an indexed array",
  run(b) {
    const o = options(b.args, "dnOsuC");
    if (o.bad) return complain(b, o.bad, 2);
    const name = o.rest[0] ?? "MAPFILE";
    const delim = o.flags.has("d") ? (o.flags.get("d") ?? "").slice(0, 1) || "\0" : "\n";
    const max = Number(o.flags.get("n") ?? 0);
    let skip = Number(o.flags.get("s") ?? 0);
    const items: Record<string, string> = {};
    let i = Number(o.flags.get("O") ?? 0);
    for (;;) {
      if (max && Object.keys(items).length >= max) break;
      const r = b.io.stdin.readUntil(delim);
      if (!r) break;
      if (skip > 0) {
        skip--;
        continue;
      }
      setOwn(items, String(i++), o.flags.has("t") || r.eof ? r.text : r.text + delim);
      b.sh.budget.spend(1);
    }
    b.sh.vars.setArray(name, items);
    return 0;
  },
};

export const readBuiltins: [string, Builtin][] = [
  ["read", read],
  ["mapfile", mapfile],
  ["readarray", mapfile],
];
