/**
 * Tab completion: command names for the first word, the command's own `complete` (subcommands,
 * flags, resource names) after that, and paths when nothing more specific applies.
 */
import { resolvePath, type Vfs } from "../fs/vfs";
import type { ClusterState, Command } from "../types";
import { BUILTINS } from "./builtins";
import { getVar } from "./shell-context";

export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

/** Splits the text of the current simple command into words, the last one partial. */
function currentWords(text: string): { words: string[]; current: string; rawStart: number } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let start = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      if (!inWord) start = i;
      inWord = true;
    } else if (c === " " || c === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if (c === "|" || c === ";" || c === "&" || c === "(" || c === "`" || (c === "$" && text[i + 1] === "(")) {
      words.length = 0;
      word = "";
      inWord = false;
      if (c === "$") i++;
    } else {
      if (!inWord) start = i;
      inWord = true;
      word += c === "\\" && i + 1 < text.length ? text[++i] : c;
    }
  }
  return { words, current: word, rawStart: inWord ? start : text.length };
}

export function completePath(current: string, state: ClusterState, vfs: Vfs, dirsOnly = false): string[] {
  const home = getVar(state.shell.env, "HOME") ?? "/root";
  const slash = current.lastIndexOf("/");
  const shownDir = current.slice(0, slash + 1);
  const base = current.slice(slash + 1);
  const dirAbs = resolvePath(state.shell.cwd, shownDir || ".", home);
  const entries = vfs.readdir(dirAbs);
  if (!entries.ok) return [];
  const out: string[] = [];
  for (const name of entries.value) {
    if (!name.startsWith(base) || (name.startsWith(".") && !base.startsWith("."))) continue;
    const isDir = vfs.isDir(dirAbs === "/" ? `/${name}` : `${dirAbs}/${name}`);
    if (dirsOnly && !isDir) continue;
    out.push(shownDir + name + (isDir ? "/" : ""));
  }
  return out;
}

export function complete(line: string, cursor: number, state: ClusterState, vfs: Vfs, commands: ReadonlyMap<string, Command>): Completion {
  const pos = Math.max(0, Math.min(cursor, line.length));
  const { words: all, current, rawStart } = currentWords(line.slice(0, pos));
  const words = all.slice(all.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) >>> 0);
  const base = { from: rawStart, to: pos };
  if (words.length === 0 || all.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w))) {
    if (current.includes("/")) return { ...base, candidates: completePath(current, state, vfs) };
    const all = new Set([
      ...commands.keys(),
      ...BUILTINS.keys(),
      ...Object.keys(state.shell.aliases ?? {}),
      ...Object.keys(state.shell.functions ?? {}),
    ]);
    const names = [...all].filter((n) => n.startsWith(current)).sort();
    return { ...base, candidates: names };
  }
  // `k get po<TAB>` completes as `kubectl get po` when k is an alias (as `complete -F __start_kubectl k` arranges)
  const aliases = state.shell.aliases ?? {};
  if (Object.prototype.hasOwnProperty.call(aliases, words[0])) {
    const expansion = aliases[words[0]].trim().split(/\s+/).filter(Boolean);
    if (expansion.length) words.splice(0, 1, ...expansion);
  }
  const cmd = commands.get(words[0]);
  if (cmd?.complete) {
    try {
      const c = cmd.complete({ state, words, current });
      if (c.length) return { ...base, candidates: c };
    } catch {
      // a faulty completer must not break the terminal; fall back to paths
    }
  }
  return { ...base, candidates: completePath(current, state, vfs, words[0] === "cd") };
}
