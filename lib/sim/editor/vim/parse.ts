/**
 * Normal-mode command grammar: ["x] [count] command [count] [motion | text object | char]. The
 * keys typed so far are kept in `pending` (showcmd displays them) until they form a command.
 */
import type { Key } from "../input";

export interface Motion {
  key: string;
  count: number | null;
  arg?: string;
}

export interface NormalCommand {
  reg: string | null;
  count: number | null;
  key: string;
  arg?: string;
  motion?: Motion;
  /** the keys that made the command, for "." */
  keys: Key[];
}

export type ParseResult = { status: "more" } | { status: "invalid" } | { status: "ok"; cmd: NormalCommand };

export const OPERATORS = new Set(["d", "c", "y", ">", "<", "=", "g~", "gu", "gU", "gq", "gw"]);

/** Keys that move the cursor, usable alone or after an operator. */
export const MOTIONS = new Set([
  "h",
  "j",
  "k",
  "l",
  "<Left>",
  "<Right>",
  "<Up>",
  "<Down>",
  "<BS>",
  "<C-h>",
  " ",
  "w",
  "W",
  "b",
  "B",
  "e",
  "E",
  "0",
  "^",
  "$",
  "<Home>",
  "<End>",
  "G",
  "|",
  "f",
  "F",
  "t",
  "T",
  ";",
  ",",
  "%",
  "(",
  ")",
  "{",
  "}",
  "H",
  "M",
  "L",
  "+",
  "-",
  "<CR>",
  "<NL>",
  "<C-m>",
  "<C-j>",
  "<C-n>",
  "<C-p>",
  "_",
  "n",
  "N",
  "*",
  "#",
  "'",
  "`",
  "gg",
  "ge",
  "gE",
  "g_",
  "gj",
  "gk",
  "g0",
  "g$",
  "gm",
  "g^",
  "gd",
  "<PageUp>",
  "<PageDown>",
]);

/** Commands followed by one character. */
const CHAR_ARG = new Set(["r", "f", "F", "t", "T", "m", "'", "`", "q", "@", "gr"]);
/** First keys of two-key commands. */
const PREFIXES = new Set(["g", "z", "Z", "[", "]", "<C-w>"]);
const TEXT_OBJECTS = new Set(["w", "W", "s", "p", '"', "'", "`", "(", ")", "b", "{", "}", "B", "[", "]", "<", ">", "t"]);

const isDigit = (k: Key | undefined) => k !== undefined && k.length === 1 && k >= "0" && k <= "9";

/** Reads the next key as a command name, joining a prefix with its second key. */
function readName(keys: Key[], i: number): { name: string; next: number } | null {
  if (i >= keys.length) return null;
  const k = keys[i];
  if (PREFIXES.has(k)) {
    if (i + 1 >= keys.length) return null;
    return { name: k + keys[i + 1], next: i + 2 };
  }
  return { name: k, next: i + 1 };
}

function readCount(keys: Key[], i: number): { count: number | null; next: number } {
  let n: number | null = null;
  while (i < keys.length && isDigit(keys[i]) && !(keys[i] === "0" && n === null)) {
    n = Math.min(99999999, (n ?? 0) * 10 + Number(keys[i]));
    i++;
  }
  return { count: n, next: i };
}

export function parseNormal(keys: Key[], visual: boolean): ParseResult {
  let i = 0;
  let reg: string | null = null;
  if (keys[0] === '"') {
    if (keys.length < 2) return { status: "more" };
    reg = keys[1];
    if (!/^[a-zA-Z0-9"\-_.:/+*]$/.test(reg)) return { status: "invalid" };
    i = 2;
  }
  const c1 = readCount(keys, i);
  i = c1.next;
  if (i < keys.length && keys[i] === "<Esc>") return { status: "invalid" };
  const head = readName(keys, i);
  if (!head) return { status: "more" };
  i = head.next;
  const cmd: NormalCommand = { reg, count: c1.count, key: head.name, keys: keys.slice() };
  if (OPERATORS.has(head.name) && !visual) {
    const c2 = readCount(keys, i);
    i = c2.next;
    if (i >= keys.length) return { status: "more" };
    if (keys[i] === "<Esc>") return { status: "invalid" };
    const opLast = head.name[head.name.length - 1];
    // "dd", "cc", ">>", "g~~", "gUU", "guu" and "g~g~", "gUgU", "gugu"
    if (keys[i] === opLast) {
      cmd.motion = { key: "line", count: c2.count };
      return { status: "ok", cmd };
    }
    if (keys[i] === "i" || keys[i] === "a") {
      if (i + 1 >= keys.length) return { status: "more" };
      if (!TEXT_OBJECTS.has(keys[i + 1])) return { status: "invalid" };
      cmd.motion = { key: keys[i] + keys[i + 1], count: c2.count };
      return { status: "ok", cmd };
    }
    const m = readName(keys, i);
    if (!m) return { status: "more" };
    if (head.name.length === 2 && m.name === head.name) {
      cmd.motion = { key: "line", count: c2.count };
      return { status: "ok", cmd };
    }
    if (!MOTIONS.has(m.name) && m.name !== "/" && m.name !== "?") return { status: "invalid" };
    cmd.motion = { key: m.name, count: c2.count };
    if (CHAR_ARG.has(m.name)) {
      if (m.next >= keys.length) return { status: "more" };
      cmd.motion.arg = keys[m.next];
    }
    return { status: "ok", cmd };
  }
  if (visual && (head.name === "i" || head.name === "a")) {
    if (i >= keys.length) return { status: "more" };
    if (!TEXT_OBJECTS.has(keys[i])) return { status: "invalid" };
    cmd.key = head.name + keys[i];
    return { status: "ok", cmd };
  }
  if (CHAR_ARG.has(head.name)) {
    if (i >= keys.length) return { status: "more" };
    cmd.arg = keys[i];
  }
  return { status: "ok", cmd };
}
