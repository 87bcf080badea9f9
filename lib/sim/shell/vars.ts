/**
 * Shell variables with bash's dynamic scoping: global scalars live in state.shell.env, global
 * arrays in state.shell.arrays, and each running function has a frame of `local` variables that
 * shadows the globals for everything it calls. Every write is an own-property write, so names
 * like `__proto__` are ordinary variables.
 */
import type { ClusterState } from "../types";
import { getVar, setVar } from "./shell-context";
import type { ShellArray } from "./state";

export type Cell = { kind: "scalar"; value?: string } | { kind: "array"; assoc: boolean; items: Record<string, string> };

type Shell = ClusterState["shell"];

/** Variables bash computes on every read. */
export interface DynamicVars {
  random(): number;
  pid: string;
  pipestatus(): string[];
}

export const BASH_VERSION = "5.2.15(1)-release";

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** Sorted keys: numeric order for indexed arrays (object key order already is for indices < 2^32). */
export function arrayKeys(a: { assoc?: boolean; items: Record<string, string> }): string[] {
  const keys = Object.keys(a.items);
  return a.assoc ? keys : keys.sort((x, y) => Number(x) - Number(y));
}

export class Vars {
  /** function frames, innermost last */
  frames: Map<string, Cell>[] = [];
  /** `IFS=, read` and friends: assignments that last for one builtin or function */
  temp: Map<string, string>[] = [];

  constructor(
    private readonly sh: () => Shell,
    private readonly dyn: DynamicVars,
  ) {}

  private get shell(): Shell {
    return this.sh();
  }

  private frameOf(name: string): Map<string, Cell> | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) if (this.frames[i].has(name)) return this.frames[i];
    return undefined;
  }

  /** The variable as a cell, or undefined when unset (a declared-but-unset local is a cell without value). */
  cell(name: string): Cell | undefined {
    for (let i = this.temp.length - 1; i >= 0; i--) {
      const v = this.temp[i].get(name);
      if (v !== undefined) return { kind: "scalar", value: v };
    }
    const f = this.frameOf(name);
    if (f) return f.get(name);
    const arrays = this.shell.arrays;
    if (arrays && has(arrays, name)) {
      const a = arrays[name];
      return { kind: "array", assoc: !!a.assoc, items: a.items };
    }
    const v = getVar(this.shell.env, name);
    if (v !== undefined) return { kind: "scalar", value: v };
    return this.dynamic(name);
  }

  private dynamic(name: string): Cell | undefined {
    const v = (s: string): Cell => ({ kind: "scalar", value: s });
    switch (name) {
      case "RANDOM":
        return v(String(Math.floor(this.dyn.random() * 32768)));
      case "BASH_VERSION":
        return v(BASH_VERSION);
      case "BASH_VERSINFO":
        return { kind: "array", assoc: false, items: { 0: "5", 1: "2", 2: "15", 3: "1", 4: "release", 5: "x86_64-pc-linux-gnu" } };
      case "BASH":
        return v("/bin/bash");
      case "PIPESTATUS":
        return { kind: "array", assoc: false, items: Object.fromEntries(this.dyn.pipestatus().map((s, i) => [String(i), s])) };
      case "UID":
      case "EUID":
        return v("0");
      case "PPID":
        return v("1");
      case "BASHPID":
        return v(this.dyn.pid);
      case "SECONDS":
        return v("0");
      case "SHLVL":
        return v("1");
      case "OSTYPE":
        return v("linux-gnu");
      case "HOSTTYPE":
        return v("x86_64");
      default:
        return undefined;
    }
  }

  /** `$name`: a scalar's value, or element 0 of an array. */
  get(name: string): string | undefined {
    const c = this.cell(name);
    if (!c) return undefined;
    if (c.kind === "scalar") return c.value;
    return has(c.items, "0") ? c.items["0"] : undefined;
  }

  isSet(name: string): boolean {
    return this.get(name) !== undefined || this.cell(name)?.kind === "array";
  }

  /** Assigns a scalar where the variable lives (the innermost local, else the global). */
  set(name: string, value: string): void {
    for (let i = this.temp.length - 1; i >= 0; i--) {
      if (this.temp[i].has(name)) {
        this.temp[i].set(name, value);
        return;
      }
    }
    const f = this.frameOf(name);
    if (f) {
      const c = f.get(name);
      if (c?.kind === "array") setOwn(c.items, "0", value);
      else f.set(name, { kind: "scalar", value });
      return;
    }
    const arrays = this.shell.arrays;
    if (arrays && has(arrays, name)) {
      setOwn(arrays[name].items, "0", value);
      return;
    }
    const isNew = getVar(this.shell.env, name) === undefined;
    setVar(this.shell.env, name, value);
    if (isNew) this.markUnexported(name);
  }

  private markUnexported(name: string): void {
    const u = (this.shell.unexported ??= []);
    if (!u.includes(name)) u.push(name);
  }

  /** The array named `name`, converting a scalar into element 0 (as `a[1]=x` does in bash). */
  arrayFor(name: string, assoc = false): { assoc: boolean; items: Record<string, string> } {
    const f = this.frameOf(name);
    if (f) {
      const c = f.get(name);
      if (c?.kind === "array") return c;
      const items: Record<string, string> = {};
      if (c?.value !== undefined) setOwn(items, "0", c.value);
      const cell: Cell = { kind: "array", assoc, items };
      f.set(name, cell);
      return cell;
    }
    const arrays = (this.shell.arrays ??= {});
    if (has(arrays, name)) return { assoc: !!arrays[name].assoc, items: arrays[name].items };
    const items: Record<string, string> = {};
    const old = getVar(this.shell.env, name);
    if (old !== undefined) setOwn(items, "0", old);
    setVar(this.shell.env, name, undefined);
    const a: ShellArray = assoc ? { assoc: true, items } : { items };
    setOwn(arrays, name, a);
    return { assoc, items };
  }

  setArray(name: string, items: Record<string, string>, assoc = false): void {
    const f = this.frameOf(name);
    if (f) {
      f.set(name, { kind: "array", assoc, items });
      return;
    }
    setVar(this.shell.env, name, undefined);
    const arrays = (this.shell.arrays ??= {});
    setOwn(arrays, name, assoc ? { assoc: true, items } : { items });
  }

  setIndex(name: string, key: string, value: string): void {
    setOwn(this.arrayFor(name).items, key, value);
  }

  unset(name: string): void {
    const f = this.frameOf(name);
    if (f) {
      // bash: unsetting a local in its own function leaves it declared-but-unset there
      f.set(name, { kind: "scalar" });
      return;
    }
    setVar(this.shell.env, name, undefined);
    if (this.shell.arrays && has(this.shell.arrays, name)) delete this.shell.arrays[name];
    const u = this.shell.unexported;
    if (u?.includes(name)) u.splice(u.indexOf(name), 1);
  }

  unsetIndex(name: string, key: string): void {
    const c = this.cell(name);
    if (c?.kind === "array") delete c.items[key];
    else if (key === "0") this.unset(name);
  }

  /** `local name` in the innermost function frame (a copy of nothing: declared but unset). */
  declareLocal(name: string, cell: Cell): void {
    const f = this.frames[this.frames.length - 1];
    f.set(name, cell);
  }

  inFunction(): boolean {
    return this.frames.length > 0;
  }

  export(name: string): void {
    const u = this.shell.unexported;
    if (u?.includes(name)) u.splice(u.indexOf(name), 1);
  }

  unexport(name: string): void {
    if (getVar(this.shell.env, name) !== undefined) this.markUnexported(name);
  }

  isExported(name: string): boolean {
    return getVar(this.shell.env, name) !== undefined && !this.shell.unexported?.includes(name);
  }

  /** The environment a command sees: exported global scalars. */
  exportedEnv(): Record<string, string> {
    const out: Record<string, string> = {};
    const u = new Set(this.shell.unexported ?? []);
    for (const [k, v] of Object.entries(this.shell.env)) if (!u.has(k)) setOwn(out, k, v);
    return out;
  }

  /** Every set variable name, sorted (for `set`, `declare -p` and `${!prefix*}`). */
  names(): string[] {
    const all = new Set<string>([...Object.keys(this.shell.env), ...Object.keys(this.shell.arrays ?? {})]);
    for (const f of this.frames) for (const [k, c] of f) if (c.kind === "array" || c.value !== undefined) all.add(k);
    return [...all].filter((n) => this.isSet(n)).sort();
  }
}
